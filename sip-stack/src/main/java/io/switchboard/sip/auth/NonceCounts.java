package io.switchboard.sip.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The highest nonce-count ({@code nc}, RFC 2617 §3.2.2) seen with each nonce, for replay protection: a request whose
 * nc is not greater than the last one accepted with the same nonce is a replay (or a confused client) and is
 * re-challenged.
 * <p>
 * Thread safety: requests of one client may reach different event loops (their Call-IDs hash differently), so the
 * table is shared. It is a {@link ConcurrentHashMap} updated with one atomic {@code compute} per nonce, holding
 * immutable values; no locks of our own. Entries are only added after a digest was verified, so unauthenticated
 * senders cannot fill it.
 * <p>
 * Memory is bounded: an entry lives until its nonce expires ({@link #pruneExpired(long)}, also run whenever the
 * table is full). If the table is still full after pruning, a new nonce is refused (the client is re-challenged);
 * nonces already tracked keep working.
 */
final class NonceCounts
{
    private record Entry(long highestNc, long expiresAtMs)
    {
    }

    private final Map<String, Entry> table = new ConcurrentHashMap<>();
    private final int maxEntries;

    NonceCounts(final int maxEntries)
    {
        this.maxEntries = maxEntries;
    }

    /**
     * Accepts {@code nc} for {@code nonce} if it is greater than the highest seen so far, and remembers it.
     *
     * @param nonce       a nonce we issued, already validated.
     * @param nc          the nonce-count of the request.
     * @param expiresAtMs when the nonce goes stale, after which the entry may be pruned.
     * @param nowMs       the current time.
     * @return true if the count is new (not a replay) and was recorded.
     */
    boolean advance(final String nonce, final long nc, final long expiresAtMs, final long nowMs)
    {
        boolean full = false;
        if (table.size() >= maxEntries)
        {
            pruneExpired(nowMs);
            full = table.size() >= maxEntries;
        }
        final boolean refuseNew = full;
        final boolean[] accepted = new boolean[1];
        table.compute(nonce, (key, entry) ->
        {
            if (entry == null)
            {
                accepted[0] = !refuseNew;
                return refuseNew ? null : new Entry(nc, expiresAtMs);
            }
            accepted[0] = nc > entry.highestNc();
            return accepted[0] ? new Entry(nc, entry.expiresAtMs()) : entry;
        });
        return accepted[0];
    }

    /** Forgets the nonces that have expired; returns how many. */
    int pruneExpired(final long nowMs)
    {
        int removed = 0;
        for (final Map.Entry<String, Entry> entry : table.entrySet())
        {
            if (entry.getValue().expiresAtMs() < nowMs && table.remove(entry.getKey(), entry.getValue()))
            {
                removed++;
            }
        }
        return removed;
    }

    int size()
    {
        return table.size();
    }
}

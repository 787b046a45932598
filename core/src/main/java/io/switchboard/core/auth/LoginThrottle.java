package io.switchboard.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Failed log-ins counted per account and per source address: after {@code failures} failures within the window,
 * that account (or address) is refused for the block time, whatever the password. Attempts still being checked
 * count too, so that a burst sent before the first answer cannot try more passwords than the limit. Counting by
 * account stops guessing one password from many addresses; by address, trying many accounts from one. The account
 * key is the e-mail as typed (lower case), whether the account exists or not, so refusals tell nothing either.
 * Keys are kept as SHA-256 digests, so that what is saved ({@link #snapshot}, {@link LoginThrottleFile}) holds no
 * e-mail or address in clear (nor a password typed into the e-mail field). The failures and blocks survive a
 * restart through {@link #restore}; attempts under way do not.
 * <p>
 * Not thread-safe: owned by the HTTP API's event loop, like {@link Sessions}; the clock is given for tests.
 */
public final class LoginThrottle
{
    /** The limits: failures allowed within the window, and how long a key is refused after that. */
    public record Limits(int failures, long windowMs, long blockMs)
    {
    }

    private static final class Entry
    {
        final ArrayDeque<Long> failedAt = new ArrayDeque<>();
        int pending;
        long blockedUntilMs;
    }

    /** How long a refused attempt should wait when only attempts still being checked fill the limit. */
    private static final long BUSY_RETRY_MS = 1000;

    /** One key's saved state: its failures within the window and the end of its block (0: none). */
    public record Saved(String key, long[] failedAtMs, long blockedUntilMs)
    {
    }

    private final Map<String, Entry> entries = new HashMap<>();
    private final LongSupplier clockMs;
    private final Limits limits;
    /** Told after each change of the failures or blocks (not of attempts under way): saves them. */
    private Runnable changed = () -> { };

    public LoginThrottle(final LongSupplier clockMs, final Limits limits)
    {
        this.clockMs = clockMs;
        this.limits = limits;
    }

    /**
     * Whether an attempt for the account from the address may be checked: 0 if so (it is then under way, and ends
     * with {@link #failed}, {@link #succeeded} or {@link #abandoned}); otherwise the milliseconds to wait.
     */
    public long admit(final String account, final String address)
    {
        final long now = clockMs.getAsLong();
        final long wait = Math.max(wait(accountKey(account), now), wait(addressKey(address), now));
        if (wait > 0)
        {
            return wait;
        }
        entry(accountKey(account)).pending++;
        entry(addressKey(address)).pending++;
        return 0;
    }

    /** The attempt failed: counted against both; the limit reached blocks the key. */
    public void failed(final String account, final String address)
    {
        final long now = clockMs.getAsLong();
        fail(accountKey(account), now);
        fail(addressKey(address), now);
        changed.run();
    }

    /** The attempt succeeded: the account's failures are forgotten (the address's stay: it may be guessing). */
    public void succeeded(final String account, final String address)
    {
        final Entry entry = entry(accountKey(account));
        entry.pending--;
        final boolean hadFailures = !entry.failedAt.isEmpty();
        entry.failedAt.clear();
        entry(addressKey(address)).pending--;
        if (hadFailures)
        {
            changed.run();
        }
    }

    /** Whom to tell after each change of the failures or blocks (one listener; the owner's thread calls it). */
    public void onChange(final Runnable listener)
    {
        this.changed = listener;
    }

    /** The keys with failures within the window or a block in effect, as saved. */
    public List<Saved> snapshot()
    {
        final long now = clockMs.getAsLong();
        final List<Saved> saved = new ArrayList<>();
        entries.forEach((key, entry) ->
        {
            expire(entry, now);
            if (!entry.failedAt.isEmpty() || entry.blockedUntilMs > now)
            {
                saved.add(new Saved(key, entry.failedAt.stream().mapToLong(Long::longValue).toArray(),
                    entry.blockedUntilMs > now ? entry.blockedUntilMs : 0));
            }
        });
        return saved;
    }

    /** Takes back what {@link #snapshot} saved (at start, before any attempt); what has expired since is dropped. */
    public void restore(final List<Saved> saved)
    {
        final long now = clockMs.getAsLong();
        for (final Saved one : saved)
        {
            final Entry entry = entry(one.key());
            entry.blockedUntilMs = Math.max(entry.blockedUntilMs, one.blockedUntilMs());
            for (final long at : one.failedAtMs())
            {
                entry.failedAt.addLast(at);
            }
            expire(entry, now);
        }
        sweep();
    }

    /** The attempt could not be checked at all (the server was too busy): it does not count. */
    public void abandoned(final String account, final String address)
    {
        entry(accountKey(account)).pending--;
        entry(addressKey(address)).pending--;
    }

    /** Forgets keys with nothing under way, no block and no failure within the window. */
    public void sweep()
    {
        final long now = clockMs.getAsLong();
        entries.values().removeIf(entry ->
        {
            expire(entry, now);
            return entry.pending == 0 && entry.blockedUntilMs <= now && entry.failedAt.isEmpty();
        });
    }

    public int size()
    {
        return entries.size();
    }

    private long wait(final String key, final long now)
    {
        final Entry entry = entries.get(key);
        if (entry == null)
        {
            return 0;
        }
        if (entry.blockedUntilMs > now)
        {
            return entry.blockedUntilMs - now;
        }
        expire(entry, now);
        return entry.failedAt.size() + entry.pending >= limits.failures() ? BUSY_RETRY_MS : 0;
    }

    private void fail(final String key, final long now)
    {
        final Entry entry = entry(key);
        entry.pending--;
        expire(entry, now);
        entry.failedAt.addLast(now);
        if (entry.failedAt.size() >= limits.failures())
        {
            entry.blockedUntilMs = now + limits.blockMs();
            // The block is the penalty; afterwards the count starts again.
            entry.failedAt.clear();
        }
    }

    private void expire(final Entry entry, final long now)
    {
        while (!entry.failedAt.isEmpty() && entry.failedAt.peekFirst() <= now - limits.windowMs())
        {
            entry.failedAt.removeFirst();
        }
    }

    private Entry entry(final String key)
    {
        return entries.computeIfAbsent(key, k -> new Entry());
    }

    private static String accountKey(final String account)
    {
        return digest("account:" + Account.key(account));
    }

    private static String addressKey(final String address)
    {
        return digest("address:" + address);
    }

    private static String digest(final String key)
    {
        try
        {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is part of every JDK", ex);
        }
    }
}

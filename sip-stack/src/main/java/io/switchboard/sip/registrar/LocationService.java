package io.switchboard.sip.registrar;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The location service (RFC 3261 §10.2): the bindings of each address-of-record, written by the {@link Registrar}
 * and read by the call router and the HTTP API.
 * <p>
 * Thread safety: REGISTERs of one phone may arrive on different event loops (a new Call-ID after a reboot hashes
 * elsewhere) and readers run on any thread, so this table is shared rather than owned by one loop. It is a
 * {@link ConcurrentHashMap} from AOR to an immutable, sorted {@code List<Binding>}; a REGISTER replaces the whole
 * list with one atomic {@code compute} on its AOR, so its updates are applied all or nothing (RFC 3261 §10.3 step 7)
 * and readers never see half of one. Reads are lock-free {@code get}s; no locks of our own.
 * <p>
 * Expired bindings are invisible to {@link #lookup} at once and removed by {@link #removeExpired}, which a
 * housekeeping timer calls.
 */
public final class LocationService
{
    /** Highest q first; among equals the most recently written first. */
    static final Comparator<Binding> PREFERENCE = Comparator.comparingDouble(Binding::q).reversed()
        .thenComparing(Comparator.comparingLong(Binding::registeredAtMs).reversed());

    private final Map<String, List<Binding>> bindings = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();

    /**
     * The unexpired bindings of a user, highest q first.
     *
     * @param user  the address-of-record's user part.
     * @param nowMs the current time.
     * @return an immutable list, empty if the user is not registered.
     */
    public List<Binding> lookup(final String user, final long nowMs)
    {
        final List<Binding> list = bindings.get(user);
        if (list == null)
        {
            return List.of();
        }
        for (final Binding binding : list)
        {
            if (binding.isExpired(nowMs))
            {
                return list.stream().filter(b -> !b.isExpired(nowMs)).toList();
            }
        }
        return list;
    }

    /**
     * Removes the bindings that have expired.
     *
     * @return how many were removed.
     */
    public int removeExpired(final long nowMs)
    {
        int removed = 0;
        for (final String aor : bindings.keySet())
        {
            final int[] dropped = new int[1];
            bindings.computeIfPresent(aor, (key, list) ->
            {
                final List<Binding> live = list.stream().filter(b -> !b.isExpired(nowMs)).toList();
                dropped[0] = list.size() - live.size();
                count.addAndGet(-dropped[0]);
                return live.isEmpty() ? null : (dropped[0] == 0 ? list : live);
            });
            removed += dropped[0];
        }
        return removed;
    }

    /** How many bindings are stored, expired ones not yet removed included. */
    public int bindingCount()
    {
        return count.get();
    }

    /** A copy of every AOR's bindings (expired ones not yet removed included), for the HTTP API. */
    public Map<String, List<Binding>> snapshot()
    {
        return Map.copyOf(new HashMap<>(bindings));
    }

    /**
     * Replaces the bindings of an AOR atomically.
     *
     * @param change given the current bindings (maybe empty), returns the new ones, or null to leave them as they
     *               are (the update was refused). Runs inside the map's compute: keep it short, no side effects.
     * @return the new bindings, sorted, or null if {@code change} refused.
     */
    List<Binding> update(final String aor, final UnaryOperator<List<Binding>> change)
    {
        final List<List<Binding>> result = new ArrayList<>(1);
        bindings.compute(aor, (key, current) ->
        {
            final List<Binding> before = current == null ? List.of() : current;
            final List<Binding> changed = change.apply(before);
            if (changed == null)
            {
                return current;
            }
            final List<Binding> after = changed.stream().sorted(PREFERENCE).toList();
            count.addAndGet(after.size() - before.size());
            result.add(after);
            return after.isEmpty() ? null : after;
        });
        return result.isEmpty() ? null : result.get(0);
    }
}

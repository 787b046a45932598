package io.switchboard.core.trace;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which SIP Call-IDs each of a worker's calls used (its caller leg's and every callee leg's), kept for the newest
 * {@code maxCalls} calls so that a finished call's trace can be found in the ring and its log lines named. Owned by
 * the worker's loop, like its calls.
 */
public final class TracedCalls
{
    private final int maxCalls;
    private final Map<Long, Set<String>> callIds;
    private final Map<String, Long> calls = new HashMap<>();

    public TracedCalls(final int maxCalls)
    {
        this.maxCalls = maxCalls;
        this.callIds = new LinkedHashMap<>(16, 0.75f, false)
        {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(final Map.Entry<Long, Set<String>> eldest)
            {
                if (size() <= TracedCalls.this.maxCalls)
                {
                    return false;
                }
                for (final String callId : eldest.getValue())
                {
                    calls.remove(callId, eldest.getKey());
                }
                return true;
            }
        };
    }

    /** The call {@code call} uses the Call-ID {@code callId} (a leg of its own). */
    public void bind(final long call, final String callId)
    {
        callIds.computeIfAbsent(call, id -> new LinkedHashSet<>(4)).add(callId);
        calls.put(callId, call);
    }

    /** The Call-IDs the call used, or an empty set when it is unknown or forgotten. */
    public Set<String> callIds(final long call)
    {
        final Set<String> known = callIds.get(call);
        return known == null ? Set.of() : Set.copyOf(known);
    }

    /** The call using this Call-ID, or -1. */
    public long callOf(final String callId)
    {
        final Long call = calls.get(callId);
        return call == null ? -1 : call;
    }
}

package io.switchboard.core.call;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Call counters shared by all workers: written by the owner loops, read by the HTTP API. Adders, so that
 * workers never contend on one cache line.
 */
public final class CallStats
{
    private final AtomicLong ids = new AtomicLong();
    private final LongAdder started = new LongAdder();
    private final LongAdder answered = new LongAdder();
    private final LongAdder ended = new LongAdder();
    private final LongAdder unanswered = new LongAdder();
    private final LongAdder[] callStates = adders(CallState.values().length);
    private final LongAdder[] legStates = adders(LegState.values().length);
    private final LongAdder unexpectedTransitions = new LongAdder();

    private static LongAdder[] adders(final int count)
    {
        final LongAdder[] adders = new LongAdder[count];
        for (int i = 0; i < count; i++)
        {
            adders[i] = new LongAdder();
        }
        return adders;
    }

    void callEntered(final CallState state)
    {
        callStates[state.ordinal()].increment();
    }

    void legEntered(final LegState state)
    {
        legStates[state.ordinal()].increment();
    }

    void unexpectedTransition()
    {
        unexpectedTransitions.increment();
    }

    /** How often calls entered each state, by state name (lower case). */
    public java.util.Map<String, Long> callStatesEntered()
    {
        final java.util.Map<String, Long> map = new java.util.LinkedHashMap<>();
        for (final CallState state : CallState.values())
        {
            map.put(state.name().toLowerCase(java.util.Locale.ROOT), callStates[state.ordinal()].sum());
        }
        return map;
    }

    /** How often legs entered each state, by state name (lower case). */
    public java.util.Map<String, Long> legStatesEntered()
    {
        final java.util.Map<String, Long> map = new java.util.LinkedHashMap<>();
        for (final LegState state : LegState.values())
        {
            map.put(state.name().toLowerCase(java.util.Locale.ROOT), legStates[state.ordinal()].sum());
        }
        return map;
    }

    /** Call or leg state changes their tables do not allow (made all the same): should stay 0. */
    public long unexpectedTransitions()
    {
        return unexpectedTransitions.sum();
    }

    /** How many workers own calls: a call's id says which one ({@link #ownerOf}). */
    private volatile int workers = 1;

    /** Set once at start, before any call. */
    public void workers(final int count)
    {
        this.workers = count;
    }

    /**
     * A new call's id for {@code worker}: ids are unique across workers and restarts, and {@code id % workers} is
     * the worker that owns the call, so the API finds a call without asking every worker.
     */
    long nextCallId(final int worker)
    {
        return ids.incrementAndGet() * workers + worker;
    }

    /** The worker that owns the call with this id (see {@link #nextCallId}). */
    public static int ownerOf(final long callId, final int workers)
    {
        return (int)Math.floorMod(callId, (long)workers);
    }

    /**
     * Numbers new calls after {@code last} (at start, the highest id in the service records), so that a call's id,
     * which names its service record, is not given again after a restart.
     */
    public void continueIdsAfter(final long last)
    {
        ids.accumulateAndGet(last, Math::max);
    }

    void callStarted()
    {
        started.increment();
    }

    void callAnswered()
    {
        answered.increment();
    }

    void callEnded(final CallState previous)
    {
        ended.increment();
        if (previous == CallState.ROUTING || previous == CallState.EARLY)
        {
            unanswered.increment();
        }
    }

    public long started()
    {
        return started.sum();
    }

    /** Calls a person answered (an agent, a phone, a number; not the server's own answer of a queue or flow). */
    public long answered()
    {
        return answered.sum();
    }

    public long ended()
    {
        return ended.sum();
    }

    public long unanswered()
    {
        return unanswered.sum();
    }

    /** Calls started and not yet ended. */
    public long active()
    {
        return started.sum() - ended.sum();
    }
}

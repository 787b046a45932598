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

    long nextCallId()
    {
        return ids.incrementAndGet();
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

package io.switchboard.acd;

import java.util.concurrent.TimeUnit;

import org.agrona.DeadlineTimerWheel;
import org.agrona.collections.Long2LongHashMap;

/**
 * The engine's one timer wheel: ring timeouts, wrap-up countdowns, queue waits and chat accept timeouts. A timer id
 * maps to what it is for (a kind and an agent id, call slot or session slot) in a primitive map, so scheduling and
 * expiry allocate nothing.
 */
final class Timers implements DeadlineTimerWheel.TimerHandler
{
    /** No timer armed. Agrona's timer ids are never negative. */
    static final long NONE = -1;
    static final int RING = 1;
    static final int WRAP_UP = 2;
    static final int MAX_WAIT = 3;
    /** A chat offer's accept timeout; the index is the session's {@link ChatTable} slot. */
    static final int ACCEPT = 4;

    /** What an expired timer was for. */
    interface Expiry
    {
        void expired(int kind, int index, long now);
    }

    /** 2^21 ns: about 2 ms, well below the shortest timeout (1 s) and coarse enough to keep polls cheap. */
    private static final long TICK_NANOS = 1L << 21;
    private static final int TICKS_PER_WHEEL = 1024;
    private static final long ROTATION_NANOS = TICK_NANOS * TICKS_PER_WHEEL;

    private final DeadlineTimerWheel wheel;
    private final Long2LongHashMap purposes = new Long2LongHashMap(4096, 0.65f, NONE);
    private final Expiry expiry;
    private boolean polling;

    Timers(final Expiry expiry, final long now)
    {
        this.expiry = expiry;
        this.wheel = new DeadlineTimerWheel(TimeUnit.NANOSECONDS, now, TICK_NANOS, TICKS_PER_WHEEL);
    }

    long schedule(final int kind, final int index, final long deadline, final long now)
    {
        if (!polling && wheel.timerCount() == 0)
        {
            // An empty wheel left alone for hours would otherwise walk every tick since then on the next poll.
            wheel.resetStartTime(now);
        }
        final long timerId = wheel.scheduleTimer(deadline);
        purposes.put(timerId, ((long)kind << 32) | (index & 0xFFFF_FFFFL));
        return timerId;
    }

    /** Cancels {@code timerId} if armed; returns {@link #NONE} for the caller to store. */
    long cancel(final long timerId)
    {
        if (timerId != NONE && purposes.remove(timerId) != NONE)
        {
            wheel.cancelTimer(timerId);
        }
        return NONE;
    }

    int armed()
    {
        return purposes.size();
    }

    int poll(final long now)
    {
        if (wheel.timerCount() == 0)
        {
            return 0;
        }
        if (now - wheel.currentTickTime() > ROTATION_NANOS)
        {
            // One rotation visits every spoke, and a timer fires on its spoke once its deadline passed, so the
            // ticks before the last rotation can be skipped without losing any.
            wheel.currentTickTime(now - ROTATION_NANOS);
        }
        int expired = 0;
        polling = true;
        try
        {
            while (true)
            {
                // One poll looks at one tick and moves on only when that tick is over.
                final long tickEnd = wheel.currentTickTime();
                expired += wheel.poll(now, this, Integer.MAX_VALUE);
                if (now < tickEnd || wheel.timerCount() == 0)
                {
                    break;
                }
            }
        }
        finally
        {
            polling = false;
        }
        return expired;
    }

    @Override
    public boolean onTimerExpiry(final TimeUnit timeUnit, final long now, final long timerId)
    {
        final long purpose = purposes.remove(timerId);
        if (purpose != NONE)
        {
            expiry.expired((int)(purpose >>> 32), (int)purpose, now);
        }
        return true;
    }
}

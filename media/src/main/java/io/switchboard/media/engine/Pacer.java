package io.switchboard.media.engine;

import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.DeadlineTimerWheel;

import java.util.concurrent.TimeUnit;

/**
 * Sends generated audio (prompts, music, silence, DTMF events) of every stream of one event loop at 20 ms packet
 * times. Each stream keeps its own phase: its deadlines are its start time plus whole multiples of 20 ms, computed
 * from that start and never from when the previous frame happened to go out, so late polls add jitter but never
 * drift. An Agrona {@link DeadlineTimerWheel} keeps the deadlines, so a poll costs the expired streams, not all of
 * them. Owned by one event loop; {@link #poll(long)} is called by it about once per millisecond.
 */
public final class Pacer
{
    /** One packet time: 20 ms, 160 samples at 8 kHz (RFC 3551 §4.5 default for G.711). */
    public static final long FRAME_NANOS = 20_000_000L;
    /** A stream this late (a long GC pause, a stalled loop) skips the frames it missed instead of bursting them. */
    static final long MAX_LATENESS_NANOS = 3 * FRAME_NANOS;
    private static final long TICK_NANOS = 1L << 20;

    /** A stream driven by the pacer. */
    public abstract static class Stream
    {
        long timerId = DeadlineTimerWheel.NULL_DEADLINE;
        long deadline;

        /** Time to send one frame; {@code deadline} is when it was due. Return false to stop being paced. */
        protected abstract boolean onFrame(long deadline, long now);

        public final boolean paced()
        {
            return timerId != DeadlineTimerWheel.NULL_DEADLINE;
        }
    }

    private final DeadlineTimerWheel wheel;
    private final Long2ObjectHashMap<Stream> streams = new Long2ObjectHashMap<>();
    private final DeadlineTimerWheel.TimerHandler handler = this::expired;
    private boolean polling;
    private long framesSent;
    private long framesSkipped;

    public Pacer(final long startNanos)
    {
        wheel = new DeadlineTimerWheel(TimeUnit.NANOSECONDS, startNanos, TICK_NANOS, 64);
    }

    /** Starts pacing a stream, first frame at once (at {@code now}). No effect if it is already paced. */
    public void start(final Stream stream, final long now)
    {
        if (stream.paced())
        {
            return;
        }
        if (streams.isEmpty() && !polling)
        {
            // An idle wheel is rebased, so that the first poll after hours of silence has no ticks to walk.
            wheel.resetStartTime(now);
        }
        schedule(stream, now);
    }

    public void stop(final Stream stream)
    {
        if (stream.paced())
        {
            wheel.cancelTimer(stream.timerId);
            streams.remove(stream.timerId);
            stream.timerId = DeadlineTimerWheel.NULL_DEADLINE;
        }
    }

    /** Sends every frame due by {@code now}; returns how many. */
    public int poll(final long now)
    {
        // One wheel poll looks at one tick and moves on only once that tick is over, so a late poll walks the ticks
        // it missed.
        if (streams.isEmpty())
        {
            return 0;
        }
        polling = true;
        try
        {
            int fired = 0;
            while (true)
            {
                final long tickEnd = wheel.currentTickTime();
                fired += wheel.poll(now, handler, Integer.MAX_VALUE);
                if (now < tickEnd)
                {
                    // The wheel stays on a tick that is not over yet: its spoke was just polled, nothing is left.
                    return fired;
                }
            }
        }
        finally
        {
            polling = false;
        }
    }

    public int streams()
    {
        return streams.size();
    }

    public long framesSent()
    {
        return framesSent;
    }

    /** Frames not sent because the loop was late by more than {@link #MAX_LATENESS_NANOS}. */
    public long framesSkipped()
    {
        return framesSkipped;
    }

    private boolean expired(final TimeUnit unit, final long now, final long timerId)
    {
        final Stream stream = streams.remove(timerId);
        if (stream == null)
        {
            return true;
        }
        stream.timerId = DeadlineTimerWheel.NULL_DEADLINE;
        framesSent++;
        if (!stream.onFrame(stream.deadline, now) || stream.paced())
        {
            // Stopped, or restarted from inside onFrame with a new phase.
            return true;
        }
        long next = stream.deadline + FRAME_NANOS;
        if (now - next > MAX_LATENESS_NANOS)
        {
            final long missed = (now - next) / FRAME_NANOS;
            framesSkipped += missed;
            next += missed * FRAME_NANOS;
        }
        schedule(stream, next);
        return true;
    }

    private void schedule(final Stream stream, final long deadline)
    {
        stream.deadline = deadline;
        stream.timerId = wheel.scheduleTimer(deadline);
        streams.put(stream.timerId, stream);
    }
}

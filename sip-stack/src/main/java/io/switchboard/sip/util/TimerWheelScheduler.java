package io.switchboard.sip.util;

import org.agrona.DeadlineTimerWheel;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A {@link TimerScheduler} on an Agrona {@link DeadlineTimerWheel} owned by one thread, which calls {@link #poll()}
 * every tick (an event loop's periodic task). Scheduling and cancelling are O(1), where Netty's scheduled-task heap
 * is O(log n) in the ~10^5 pending SIP timers (retransmissions and 32 s lingering) of a busy worker: the benchmark
 * profile showed that heap's bubble-up/down as the event loops' top frame.
 * <p>
 * Timers fire up to one tick late (default 2^22 ns, about 4 ms), never early. Not thread-safe: every call comes
 * from the owner thread.
 */
public final class TimerWheelScheduler implements TimerScheduler, DeadlineTimerWheel.TimerHandler
{
    /** About 4.2 ms: far below every SIP timer (T1 = 500 ms), coarse enough to poll cheaply. */
    public static final long DEFAULT_TICK_NS = 1L << 22;
    /** 1024 ticks: one turn of the wheel is about 4.3 s; longer timers wait for their turn in their spoke. */
    public static final int DEFAULT_TICKS_PER_WHEEL = 1024;

    private final LongSupplier clock;
    private final DeadlineTimerWheel wheel;
    private final Long2ObjectHashMap<Entry> entries = new Long2ObjectHashMap<>();

    public TimerWheelScheduler(final LongSupplier nanoClock)
    {
        this(nanoClock, DEFAULT_TICK_NS, DEFAULT_TICKS_PER_WHEEL);
    }

    public TimerWheelScheduler(final LongSupplier nanoClock, final long tickNs, final int ticksPerWheel)
    {
        this.clock = nanoClock;
        this.wheel = new DeadlineTimerWheel(TimeUnit.NANOSECONDS, nanoClock.getAsLong(), tickNs, ticksPerWheel);
    }

    @Override
    public Cancellable schedule(final Runnable task, final long delay, final TimeUnit unit)
    {
        final long id = wheel.scheduleTimer(clock.getAsLong() + unit.toNanos(Math.max(0, delay)));
        final Entry entry = new Entry(id, task);
        entries.put(id, entry);
        return entry;
    }

    @Override
    public long nanoTime()
    {
        return clock.getAsLong();
    }

    /** Runs every timer that is due, catching up over every tick since the last poll; returns how many ran. */
    public int poll()
    {
        final long now = clock.getAsLong();
        int expired = 0;
        int spokes = 0;
        do
        {
            expired += wheel.poll(now, this, Integer.MAX_VALUE);
        }
        while (now >= wheel.currentTickTime() && ++spokes <= wheel.ticksPerWheel());
        return expired;
    }

    /** Timers scheduled and neither run nor cancelled. */
    public int pending()
    {
        return entries.size();
    }

    @Override
    public boolean onTimerExpiry(final TimeUnit timeUnit, final long now, final long timerId)
    {
        final Entry entry = entries.remove(timerId);
        if (entry != null)
        {
            entry.task.run();
        }
        return true;
    }

    /**
     * A scheduled task. The wheel reuses timer ids once a timer has fired or been cancelled, so cancelling checks that
     * the id still belongs to this entry: a stale handle never cancels someone else's timer.
     */
    private final class Entry implements Cancellable
    {
        private final long id;
        private final Runnable task;

        Entry(final long id, final Runnable task)
        {
            this.id = id;
            this.task = task;
        }

        @Override
        public void cancel()
        {
            if (entries.get(id) == this)
            {
                entries.remove(id);
                wheel.cancelTimer(id);
            }
        }
    }
}

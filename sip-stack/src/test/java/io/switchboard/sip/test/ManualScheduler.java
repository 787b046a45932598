package io.switchboard.sip.test;

import io.switchboard.sip.util.TimerScheduler;

import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link TimerScheduler} whose clock only moves when a test advances it: timers fire in due order,
 * on the test's thread, exactly when the clock passes their deadline. No sleeps.
 */
public final class ManualScheduler implements TimerScheduler
{
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private long nowNs;
    private long sequence;

    @Override
    public Cancellable schedule(final Runnable task, final long delay, final TimeUnit unit)
    {
        final Entry entry = new Entry(nowNs + unit.toNanos(delay), sequence++, task);
        queue.add(entry);
        return () -> entry.cancelled = true;
    }

    @Override
    public long nanoTime()
    {
        return nowNs;
    }

    /** Moves the clock forward, running every timer that falls due on the way, in order. */
    public void advance(final Duration duration)
    {
        final long until = nowNs + duration.toNanos();
        Entry next;
        while ((next = queue.peek()) != null && next.dueNs <= until)
        {
            queue.poll();
            nowNs = next.dueNs;
            if (!next.cancelled)
            {
                next.task.run();
            }
        }
        nowNs = until;
    }

    public void advanceMillis(final long millis)
    {
        advance(Duration.ofMillis(millis));
    }

    /** Number of timers scheduled and neither fired nor cancelled. */
    public int pending()
    {
        int n = 0;
        for (final Entry e : queue)
        {
            if (!e.cancelled)
            {
                n++;
            }
        }
        return n;
    }

    private static final class Entry implements Comparable<Entry>
    {
        final long dueNs;
        final long seq;
        final Runnable task;
        boolean cancelled;

        Entry(final long dueNs, final long seq, final Runnable task)
        {
            this.dueNs = dueNs;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public int compareTo(final Entry o)
        {
            final int c = Long.compare(dueNs, o.dueNs);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}

package io.switchboard.core.metrics;

import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Finds event loops that stop running tasks (a blocking call, a long computation on a loop: everything else that loop
 * owns waits meanwhile). One thread sends each loop a no-op task every period and notes when it ran; a loop whose
 * task has waited longer than the threshold is reported once per stall: a warning with the loop thread's stack (what
 * it is doing instead), and the stall counter. The latency of the last task that ran is kept per loop for
 * {@code /metrics}. The loops are never blocked or locked by the watchdog: it only reads volatile fields.
 */
public final class LoopWatchdog implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(LoopWatchdog.class);

    /** One watched loop: its name and what the watchdog knows of it. */
    public static final class Loop
    {
        private final String name;
        private final EventExecutor executor;
        /** When the probe now pending was sent (nanoTime), 0 when none is pending. Written by both threads. */
        private volatile long sentAt;
        /** The latency of the last probe that ran, in nanoseconds. */
        private volatile long lastLatency;
        /** The loop's thread, learnt by the first probe that runs. */
        private volatile Thread thread;
        /** Whether the pending probe's stall was reported already (watchdog thread only). */
        private boolean reported;

        Loop(final String name, final EventExecutor executor)
        {
            this.name = name;
            this.executor = executor;
        }

        public String name()
        {
            return name;
        }

        /** Whether a no-op task has run on the loop yet (its thread is known). */
        public boolean seen()
        {
            return thread != null;
        }

        /** The latency of the last no-op task, or how long the pending one has waited if longer, seconds. */
        public double latencySeconds()
        {
            final long sent = sentAt;
            final long pending = sent == 0 ? 0 : System.nanoTime() - sent;
            return Math.max(lastLatency, pending) / 1e9;
        }
    }

    private final List<Loop> loops = new ArrayList<>();
    private final AtomicLong stalls = new AtomicLong();
    private final long thresholdNanos;
    private final ScheduledExecutorService timer;

    /**
     * @param named           the loops, each with the name it is reported by (its group's and index)
     * @param thresholdMillis how long a pending task may wait before the loop is reported
     * @param periodMillis    how often each loop is probed
     */
    public LoopWatchdog(final List<Named> named, final long thresholdMillis, final long periodMillis)
    {
        for (final Named n : named)
        {
            loops.add(new Loop(n.name(), n.executor()));
        }
        this.thresholdNanos = TimeUnit.MILLISECONDS.toNanos(thresholdMillis);
        this.timer = Executors.newSingleThreadScheduledExecutor(r ->
        {
            final Thread t = new Thread(r, "loop-watchdog");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::probe, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** A loop to watch and its name. */
    public record Named(String name, EventExecutor executor)
    {
    }

    /** Every loop of the groups, named {@code prefix-index}. */
    public static List<Named> of(final String prefix, final Iterable<EventExecutor> group)
    {
        final List<Named> list = new ArrayList<>();
        for (final EventExecutor executor : group)
        {
            list.add(new Named(prefix + "-" + list.size(), executor));
        }
        return list;
    }

    /** How many stalls were reported since the start. */
    public long stalls()
    {
        return stalls.get();
    }

    public List<Loop> loops()
    {
        return List.copyOf(loops);
    }

    private void probe()
    {
        final long now = System.nanoTime();
        for (final Loop loop : loops)
        {
            final long sent = loop.sentAt;
            if (sent == 0)
            {
                send(loop, now);
            }
            else if (!loop.reported && now - sent > thresholdNanos)
            {
                loop.reported = true;
                // the warning first: whoever sees the counter move finds the warning written
                report(loop, now - sent);
                stalls.incrementAndGet();
            }
        }
    }

    private void send(final Loop loop, final long now)
    {
        if (loop.executor.isShuttingDown())
        {
            return;
        }
        loop.reported = false;
        loop.sentAt = now;
        try
        {
            loop.executor.execute(() ->
            {
                loop.thread = Thread.currentThread();
                loop.lastLatency = System.nanoTime() - now;
                loop.sentAt = 0;
            });
        }
        catch (final java.util.concurrent.RejectedExecutionException ex)
        {
            loop.sentAt = 0;
        }
    }

    private static void report(final Loop loop, final long waitedNanos)
    {
        final Thread thread = loop.thread;
        final StringBuilder stack = new StringBuilder();
        if (thread != null)
        {
            for (final StackTraceElement element : thread.getStackTrace())
            {
                stack.append("\n\tat ").append(element);
            }
        }
        LOG.warn("event loop {} ({}) has not run a task for {} ms; it is at:{}", loop.name,
            thread == null ? "thread not known yet" : thread.getName(), waitedNanos / 1_000_000, stack);
    }

    @Override
    public void close()
    {
        timer.shutdownNow();
    }
}

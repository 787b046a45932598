package io.switchboard.bench.media;

import io.netty.channel.EventLoop;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The phones of one generator event loop and what they measure. Sending is paced from absolute deadlines: phone
 * {@code p} sends at {@code start + k * 20 ms + p.phaseNanos} for k = 0, 1, ..., whenever the loop gets to it, so a
 * late round delays packets but never shifts the later ones. The phases of all phones are spread evenly over the
 * 20 ms. Only this loop's thread touches the phones and histograms.
 */
final class Lane implements Runnable
{
    static final long FRAME_NANOS = 20_000_000L;
    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final EventLoop loop;
    private final long tickNanos;
    private final List<Phone> phones = new ArrayList<>();
    private final Histogram jitter = new Histogram(HIGHEST_NANOS, 3);
    private final Histogram transit = new Histogram(HIGHEST_NANOS, 3);
    private final Histogram lateness = new Histogram(HIGHEST_NANOS, 3);
    private Phone[] order;
    private long start;
    private long cycle;
    private int next;
    private volatile boolean sending;
    private volatile boolean measuring;
    private volatile Throwable error;

    Lane(final EventLoop loop, final long tickNanos)
    {
        this.loop = loop;
        this.tickNanos = tickNanos;
    }

    EventLoop loop()
    {
        return loop;
    }

    void add(final Phone phone)
    {
        phones.add(phone);
    }

    List<Phone> phones()
    {
        return phones;
    }

    /** Starts sending at {@code startNanos}; phones were added in increasing phase. */
    void start(final long startNanos)
    {
        loop.execute(() ->
        {
            order = phones.toArray(new Phone[0]);
            start = startNanos;
            sending = order.length > 0;
            if (sending)
            {
                loop.schedule(this, Math.max(0, startNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        });
    }

    void measuring(final boolean on)
    {
        measuring = on;
    }

    void stop()
    {
        sending = false;
    }

    /** One sending round: every phone whose deadline has come, in deadline order. */
    @Override
    public void run()
    {
        if (!sending)
        {
            return;
        }
        final boolean measured = measuring;
        long now = System.nanoTime();
        long due = start + cycle * FRAME_NANOS + order[next].phaseNanos;
        while (due <= now)
        {
            if (measured)
            {
                lateness.recordValue(now - due);
            }
            order[next].send(measured);
            if (++next == order.length)
            {
                next = 0;
                cycle++;
            }
            due = start + cycle * FRAME_NANOS + order[next].phaseNanos;
            now = System.nanoTime();
        }
        loop.schedule(this, Math.max(due - now, tickNanos), TimeUnit.NANOSECONDS);
    }

    void jitter(final long nanos)
    {
        jitter.recordValue(nanos);
    }

    void transit(final long nanos)
    {
        transit.recordValue(nanos);
    }

    void error(final Throwable cause)
    {
        if (error == null)
        {
            error = cause;
        }
    }

    Throwable error()
    {
        return error;
    }

    /** Copies of this lane's histograms and counters; called on the loop. */
    Tally tally()
    {
        final Tally tally = new Tally();
        tally.jitter.add(jitter);
        tally.transit.add(transit);
        tally.lateness.add(lateness);
        for (final Phone phone : phones)
        {
            final boolean a = phone.id % 2 == 0;
            tally.sent[a ? 0 : 1] += phone.sentMeasured;
            tally.received[a ? 1 : 0] += phone.receivedMeasured;
            tally.sentTotal += phone.sentTotal;
            tally.receivedTotal += phone.receivedTotal;
            tally.duplicates += phone.duplicates;
            tally.reordered += phone.reordered;
            tally.foreign += phone.foreign;
        }
        return tally;
    }

    /**
     * What the generator measured, summed over lanes. Index 0 of {@code sent}/{@code received} is the direction
     * A to B (sent by the first phone of a call, received by the second), index 1 is B to A.
     */
    static final class Tally
    {
        final Histogram jitter = new Histogram(HIGHEST_NANOS, 3);
        final Histogram transit = new Histogram(HIGHEST_NANOS, 3);
        final Histogram lateness = new Histogram(HIGHEST_NANOS, 3);
        final long[] sent = new long[2];
        final long[] received = new long[2];
        long sentTotal;
        long receivedTotal;
        long duplicates;
        long reordered;
        long foreign;

        void add(final Tally other)
        {
            jitter.add(other.jitter);
            transit.add(other.transit);
            lateness.add(other.lateness);
            for (int i = 0; i < 2; i++)
            {
                sent[i] += other.sent[i];
                received[i] += other.received[i];
            }
            sentTotal += other.sentTotal;
            receivedTotal += other.receivedTotal;
            duplicates += other.duplicates;
            reordered += other.reordered;
            foreign += other.foreign;
        }
    }
}

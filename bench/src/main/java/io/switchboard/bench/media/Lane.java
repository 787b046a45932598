package io.switchboard.bench.media;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
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
    /** Three packet times, as the engine's pacer. */
    private static final long MAX_LATE_NANOS = 3 * FRAME_NANOS;

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
    private Channel shared;
    private Phone[] byId;

    Lane(final EventLoop loop, final long tickNanos)
    {
        this.loop = loop;
        this.tickNanos = tickNanos;
    }

    EventLoop loop()
    {
        return loop;
    }

    /** Shared-socket mode: every phone of this lane sends from {@code socket}; it is flushed after each round. */
    void share(final Channel socket, final Phone[] all)
    {
        shared = socket;
        byId = all;
    }

    /** The handler of a shared socket: hands each packet to the phone it is for (the peer of its sender). */
    ChannelInboundHandlerAdapter receiver()
    {
        return new ChannelInboundHandlerAdapter()
        {
            @Override
            public void channelRead(final ChannelHandlerContext ctx, final Object msg)
            {
                final long now = System.nanoTime();
                try
                {
                    final ByteBuf content = msg instanceof DatagramPacket packet ? packet.content() : (ByteBuf)msg;
                    final int from = Phone.sender(content);
                    final Phone to = from >= 0 && (from ^ 1) < byId.length ? byId[from ^ 1] : null;
                    if (to != null)
                    {
                        to.onPacket(content, now);
                    }
                }
                finally
                {
                    ReferenceCountUtil.release(msg);
                }
            }

            @Override
            public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
            {
                error(cause);
            }
        };
    }

    Channel socket()
    {
        return shared;
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

    /**
     * One sending round: every phone whose deadline has come, in deadline order, at most one frame's worth (then the
     * loop reads before the next round). A packet more than {@link #MAX_LATE_NANOS} late is skipped, not sent: an
     * overloaded generator offers less instead of falling further behind; the report shows how much it offered.
     */
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
        int budget = order.length;
        while (due <= now && budget-- > 0)
        {
            final long late = now - due;
            if (measured)
            {
                lateness.recordValue(late);
            }
            if (late > MAX_LATE_NANOS)
            {
                order[next].skip(measured);
            }
            else
            {
                order[next].send(measured);
            }
            if (++next == order.length)
            {
                next = 0;
                cycle++;
            }
            due = start + cycle * FRAME_NANOS + order[next].phaseNanos;
            now = System.nanoTime();
        }
        if (shared != null)
        {
            shared.flush();
        }
        loop.schedule(this, due <= now ? 0 : Math.max(due - now, tickNanos), TimeUnit.NANOSECONDS);
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
            phone.addTo(tally);
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
        long skipped;
        long receivedTotal;
        long duplicates;
        long reordered;
        long foreign;
        /** WebRTC legs: SRTP packets the browsers could not open (bad tag, replay), consent checks sent, answered. */
        long unopened;
        long consentSent;
        long consentAnswered;

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
            skipped += other.skipped;
            receivedTotal += other.receivedTotal;
            duplicates += other.duplicates;
            reordered += other.reordered;
            foreign += other.foreign;
            unopened += other.unopened;
            consentSent += other.consentSent;
            consentAnswered += other.consentAnswered;
        }
    }
}

package io.switchboard.bench.media;

import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import io.switchboard.media.dtls.DtlsCertificate;
import io.switchboard.media.dtls.DtlsHandshakes;
import io.switchboard.media.dtls.DtlsSrtpClient;
import io.switchboard.media.dtls.HandshakeDatagrams;
import io.switchboard.media.dtls.SrtpKeys;
import org.HdrHistogram.Histogram;
import org.bouncycastle.tls.DTLSClientProtocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * DTLS-SRTP handshakes per second on the engine's handshake pool, and what a burst of them does to an event loop
 * (issue 14: handshakes must not block any loop). In one JVM: {@code --handshakes} (200) browsers, played by
 * {@link DtlsSrtpClient} on a pool of their own, handshake at once with {@link DtlsHandshakes} (two threads, as the
 * engine runs it) over in-memory datagrams; meanwhile a Netty loop runs a 1 ms periodic task whose lateness is
 * recorded, first for {@code --idle} seconds with nothing else running, then during the burst. The browsers' own
 * CPU shares the machine: on 2 cores the rate is a floor for the server side.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.switchboard.bench.media.DtlsHandshakeLoad [--handshakes 200]
 *     [--idle 3]</pre>
 */
public final class DtlsHandshakeLoad
{
    private DtlsHandshakeLoad()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        int count = 200;
        int idleSeconds = 3;
        for (int i = 0; i + 1 < args.length; i += 2)
        {
            switch (args[i])
            {
                case "--handshakes" -> count = Integer.parseInt(args[i + 1]);
                case "--idle" -> idleSeconds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("DtlsHandshakeLoad [--handshakes 200] [--idle 3]");
            }
        }
        final int handshakes = count;
        final int idleFor = idleSeconds;
        final NioEventLoopGroup group = new NioEventLoopGroup(1);
        final EventLoop loop = group.next();
        final DtlsHandshakes server = new DtlsHandshakes(DtlsCertificate.generate(), 2, handshakes);
        final ExecutorService browsers = Executors.newFixedThreadPool(2);
        try
        {
            warmUp(server, browsers);
            final Histogram idle = lateness(loop, () -> TimeUnit.SECONDS.sleep(idleFor));
            final long[] elapsed = new long[1];
            final Histogram busy = lateness(loop, () -> elapsed[0] = burst(server, browsers, handshakes));
            System.out.printf(Locale.ROOT, "handshakes: %d in %.2f s = %.0f/s, %d failed%n", handshakes,
                elapsed[0] / 1e9, handshakes / (elapsed[0] / 1e9), server.failures());
            report("loop lateness, idle  ", idle);
            report("loop lateness, burst ", busy);
        }
        finally
        {
            browsers.shutdownNow();
            server.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static void warmUp(final DtlsHandshakes server, final ExecutorService browsers) throws Exception
    {
        burst(server, browsers, 20);
    }

    /** {@code count} handshakes at once; the nanoseconds until the last is done. */
    private static long burst(final DtlsHandshakes server, final ExecutorService browsers, final int count)
        throws Exception
    {
        final long start = System.nanoTime();
        final List<CompletableFuture<SrtpKeys>> done = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final DtlsCertificate browser = DtlsCertificate.generate();
            final HandshakeDatagrams[] ends = new HandshakeDatagrams[2];
            ends[0] = new HandshakeDatagrams(datagram -> ends[1].offer(datagram));
            ends[1] = new HandshakeDatagrams(datagram -> ends[0].offer(datagram));
            done.add(server.accept(browser.fingerprint(), ends[0]));
            browsers.execute(() ->
            {
                try
                {
                    new DTLSClientProtocol().connect(new DtlsSrtpClient(browser,
                        server.certificate().fingerprint(), true), ends[1]);
                }
                catch (final Exception ex)
                {
                    ends[1].close();
                }
            });
        }
        CompletableFuture.allOf(done.toArray(new CompletableFuture[0])).handle((ok, failed) -> null).get(5,
            TimeUnit.MINUTES);
        return System.nanoTime() - start;
    }

    /** How late, tick after tick, a 1 ms periodic task on the loop runs while {@code work} runs on this thread. */
    private static Histogram lateness(final EventLoop loop, final Work work) throws Exception
    {
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        final long period = TimeUnit.MILLISECONDS.toNanos(1);
        final long[] last = {0};
        final ScheduledFuture<?> ticker = loop.scheduleAtFixedRate(() ->
        {
            // How much later than one period after the previous run this one came: the loop's own delay.
            final long now = System.nanoTime();
            if (last[0] != 0)
            {
                histogram.recordValue(Math.max(0, now - last[0] - period));
            }
            last[0] = now;
        }, period, period, TimeUnit.NANOSECONDS);
        try
        {
            work.run();
        }
        finally
        {
            ticker.cancel(false);
        }
        return histogram;
    }

    private static void report(final String what, final Histogram histogram)
    {
        System.out.printf(Locale.ROOT, "%s: n %d, p50 %d us, p99 %d us, p99.9 %d us, max %d us%n", what,
            histogram.getTotalCount(), histogram.getValueAtPercentile(50) / 1000,
            histogram.getValueAtPercentile(99) / 1000, histogram.getValueAtPercentile(99.9) / 1000,
            histogram.getMaxValue() / 1000);
    }

    /** Something that runs while the loop is watched. */
    @FunctionalInterface
    private interface Work
    {
        void run() throws Exception;
    }
}

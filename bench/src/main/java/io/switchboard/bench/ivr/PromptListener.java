package io.switchboard.bench.ivr;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;

/**
 * The callers' ears for the IVR load benchmark: N UDP sockets on 127.0.0.1 (ports {@code base + 2i}, the SIPp
 * callers' SDP points call i at socket i) read by one thread, which records how the server paces its prompts.
 *
 * <p>Phases: wait until every stream has received a packet (callers are in the flow and hearing a prompt), or
 * {@code --wait-all} seconds; then {@code --settle} seconds; then a window of {@code --window} seconds in which each
 * packet of each stream is measured: the inter-arrival gap to the stream's previous packet (ideal 20 ms), the RFC
 * 3550 transit difference D(i,j) = |(Rj - Ri) - (Sj - Si)| with S from the RTP timestamp (8 kHz), lost packets by
 * sequence number gaps, and packets received against the nominal 50 a second for the streams alive at the window's
 * start. Arrival time is {@code System.nanoTime()} when this thread reads the packet, so this thread's own
 * scheduling delays count against the server. Prints one {@code RESULT {json}} line and exits.
 */
public final class PromptListener
{
    private static final long FRAME_NANOS = 20_000_000L;
    private static final double NS_PER_MS = 1e6;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final int streams;
    private final long[] lastArrival;
    private final int[] lastTs;
    private final int[] lastSeq;
    private final int[] lastSsrc;
    private final long[] windowPackets;
    private final double[] jitter;
    private final Histogram gaps = new Histogram(10_000_000_000L, 3);
    private final Histogram transit = new Histogram(10_000_000_000L, 3);
    private long lost;
    private long received;
    private long outOfOrder;
    private int seen;

    private PromptListener(final int streams)
    {
        this.streams = streams;
        lastArrival = new long[streams];
        lastTs = new int[streams];
        lastSeq = new int[streams];
        lastSsrc = new int[streams];
        windowPackets = new long[streams];
        jitter = new double[streams];
    }

    public static void main(final String[] args) throws IOException
    {
        int streams = 250;
        int basePort = 40000;
        int waitAll = 60;
        int settle = 2;
        int window = 20;
        int serverPid = 0;
        for (int i = 0; i + 1 < args.length; i += 2)
        {
            final int value = Integer.parseInt(args[i + 1]);
            switch (args[i])
            {
                case "--streams" -> streams = value;
                case "--base-port" -> basePort = value;
                case "--wait-all" -> waitAll = value;
                case "--settle" -> settle = value;
                case "--window" -> window = value;
                case "--server-pid" -> serverPid = value;
                default -> throw new IllegalArgumentException("PromptListener [--streams 250] [--base-port 40000]"
                    + " [--wait-all 60] [--settle 2] [--window 20] [--server-pid PID]");
            }
        }
        new PromptListener(streams).run(basePort, waitAll, settle, window, serverPid);
    }

    private void run(final int basePort, final int waitAll, final int settle, final int window, final int serverPid)
        throws IOException
    {
        final Selector selector = Selector.open();
        final DatagramChannel[] channels = open(selector, basePort);
        System.out.println("READY " + streams + " sockets from port " + basePort);
        final ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
        final long start = System.nanoTime();
        long windowStart = Long.MAX_VALUE;
        long windowEnd = Long.MAX_VALUE;
        long allSeenAt = -1;
        int aliveAtStart = 0;
        long[] cpu0 = null;
        while (true)
        {
            final long now = System.nanoTime();
            if (windowStart == Long.MAX_VALUE && (seen == streams || now - start > waitAll * 1_000_000_000L))
            {
                allSeenAt = now - start;
                windowStart = now + settle * 1_000_000_000L;
                windowEnd = windowStart + window * 1_000_000_000L;
                System.out.printf(Locale.ROOT, "streams started: %d of %d after %.1f s%n", seen, streams,
                    allSeenAt / 1e9);
            }
            if (cpu0 == null && now >= windowStart)
            {
                cpu0 = cpu(serverPid);
                aliveAtStart = countAlive(now);
            }
            if (now >= windowEnd)
            {
                break;
            }
            selector.select(100);
            readReady(selector, buffer, windowStart, windowEnd);
        }
        final long[] cpu1 = cpu(serverPid);
        for (final DatagramChannel channel : channels)
        {
            channel.close();
        }
        report(window, aliveAtStart, allSeenAt, cpu0, cpu1);
    }

    /** One UDP socket per stream, on the even ports from {@code basePort} (RTP's), registered for reading. */
    private DatagramChannel[] open(final Selector selector, final int basePort) throws IOException
    {
        final DatagramChannel[] channels = new DatagramChannel[streams];
        for (int i = 0; i < streams; i++)
        {
            final DatagramChannel channel = DatagramChannel.open();
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 256 * 1024);
            channel.bind(new InetSocketAddress("127.0.0.1", basePort + 2 * i));
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, i);
            channels[i] = channel;
        }
        return channels;
    }

    /** Reads every datagram waiting on the ready sockets; RTP packets inside the window count. */
    private void readReady(final Selector selector, final ByteBuffer buffer, final long windowStart,
        final long windowEnd) throws IOException
    {
        final Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext())
        {
            final SelectionKey key = keys.next();
            keys.remove();
            final int stream = (Integer)key.attachment();
            final DatagramChannel channel = (DatagramChannel)key.channel();
            while (true)
            {
                buffer.clear();
                if (channel.receive(buffer) == null)
                {
                    break;
                }
                final long arrival = System.nanoTime();
                buffer.flip();
                if (buffer.remaining() >= 12 && (buffer.get(0) & 0xC0) == 0x80)
                {
                    onRtp(stream, buffer, arrival, arrival >= windowStart && arrival < windowEnd);
                }
            }
        }
    }

    private int countAlive(final long now)
    {
        int alive = 0;
        for (int i = 0; i < streams; i++)
        {
            if (lastArrival[i] != 0 && now - lastArrival[i] < 10 * FRAME_NANOS)
            {
                alive++;
            }
        }
        return alive;
    }

    private void onRtp(final int stream, final ByteBuffer packet, final long arrival, final boolean inWindow)
    {
        final int seq = packet.getShort(2) & 0xFFFF;
        final int ts = packet.getInt(4);
        final int ssrc = packet.getInt(8);
        final long previous = lastArrival[stream];
        if (previous == 0)
        {
            seen++;
        }
        else if (inWindow && ssrc == lastSsrc[stream])
        {
            received++;
            windowPackets[stream]++;
            final int step = (seq - lastSeq[stream]) & 0xFFFF;
            if (step == 0 || step > 0x8000)
            {
                outOfOrder++;
                return;
            }
            lost += step - 1;
            final long gap = arrival - previous;
            gaps.recordValue(Math.min(gap / 1000, gaps.getHighestTrackableValue()));
            final long sent = (ts - lastTs[stream]) * 125_000L;
            final long d = Math.abs(gap - sent);
            transit.recordValue(Math.min(d / 1000, transit.getHighestTrackableValue()));
            jitter[stream] += (d - jitter[stream]) / 16.0;
        }
        lastArrival[stream] = arrival;
        lastTs[stream] = ts;
        lastSeq[stream] = seq;
        lastSsrc[stream] = ssrc;
    }

    /** [this thread's CPU ns, the server's utime+stime in clock ticks, machine total jiffies, machine busy]. */
    private static long[] cpu(final int serverPid)
    {
        final long[] out = new long[4];
        out[0] = THREADS.getCurrentThreadCpuTime();
        try
        {
            if (serverPid > 0)
            {
                final String stat = Files.readString(Path.of("/proc/" + serverPid + "/stat"));
                final String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                out[1] = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            }
            final String[] m = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i <= 8 && i < m.length; i++)
            {
                total += Long.parseLong(m[i]);
            }
            out[2] = total;
            out[3] = total - Long.parseLong(m[4]) - Long.parseLong(m[5]);
        }
        catch (final IOException | RuntimeException ex)
        {
            System.err.println("cannot read CPU: " + ex);
        }
        return out;
    }

    private void report(final int window, final int alive, final long allSeenAt, final long[] cpu0,
        final long[] cpu1)
    {
        final long expected = alive * (window * 1_000_000_000L / FRAME_NANOS);
        double jitterMax = 0;
        double jitterSum = 0;
        int streamsInWindow = 0;
        for (int i = 0; i < streams; i++)
        {
            if (windowPackets[i] > 0)
            {
                streamsInWindow++;
                jitterSum += jitter[i];
                jitterMax = Math.max(jitterMax, jitter[i]);
            }
        }
        final long ticks = cpu0 == null ? 0 : cpu1[1] - cpu0[1];
        final double serverCores = ticks / 100.0 / window;
        final double listenerCores = cpu0 == null ? 0 : (cpu1[0] - cpu0[0]) / 1e9 / window;
        final long total = cpu0 == null ? 0 : cpu1[2] - cpu0[2];
        final double machineBusy = total > 0 ? 100.0 * (cpu1[3] - cpu0[3]) / total : Double.NaN;
        final double ms = 1000.0;
        System.out.printf(Locale.ROOT, "RESULT {\"streams\":%d,\"started\":%d,\"all_started_s\":%.1f,"
                + "\"alive_at_window\":%d,\"streams_in_window\":%d,\"window_s\":%d,\"received\":%d,"
                + "\"expected\":%d,\"received_pct\":%.2f,\"lost_by_seq\":%d,\"out_of_order\":%d,"
                + "\"gap_p50_ms\":%.2f,\"gap_p99_ms\":%.2f,\"gap_p999_ms\":%.2f,\"gap_max_ms\":%.2f,"
                + "\"gap_min_ms\":%.2f,\"d_p50_ms\":%.2f,\"d_p99_ms\":%.2f,\"d_p999_ms\":%.2f,\"d_max_ms\":%.2f,"
                + "\"rfc3550_jitter_mean_ms\":%.2f,\"rfc3550_jitter_max_ms\":%.2f,\"server_cores\":%.2f,"
                + "\"listener_cores\":%.2f,\"machine_busy_pct\":%.1f}%n",
            streams, seen, allSeenAt / 1e9, alive, streamsInWindow, window, received, expected,
            expected == 0 ? 0.0 : 100.0 * received / expected, lost, outOfOrder,
            gaps.getValueAtPercentile(50) / ms, gaps.getValueAtPercentile(99) / ms,
            gaps.getValueAtPercentile(99.9) / ms, gaps.getMaxValue() / ms, gaps.getMinValue() / ms,
            transit.getValueAtPercentile(50) / ms, transit.getValueAtPercentile(99) / ms,
            transit.getValueAtPercentile(99.9) / ms, transit.getMaxValue() / ms,
            streamsInWindow == 0 ? 0.0 : jitterSum / streamsInWindow / NS_PER_MS, jitterMax / NS_PER_MS,
            serverCores, listenerCores, machineBusy);
    }
}

package io.switchboard.bench.media;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.switchboard.media.audio.Tones;
import io.switchboard.media.engine.MediaEngine;
import io.switchboard.media.engine.MediaListener;
import io.switchboard.media.engine.MediaOptions;
import io.switchboard.media.engine.MediaSession;
import io.switchboard.media.sdp.Codec;
import io.switchboard.media.sdp.Direction;
import io.switchboard.media.sdp.Negotiated;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Load test of the media relay: N anchored calls through a {@link MediaEngine}, each with two simulated phones
 * sending 50 PCMU packets per second to their endpoint, so every call relays 100 packets per second. Reports loss,
 * the jitter the relay adds (RFC 3550 D(i,j) between consecutive arrivals of a stream), one-way transit and the CPU
 * the engine's event loops spent. Engine and generator run in one JVM on separate event loops, talking over
 * 127.0.0.1; they share the machine's cores.
 *
 * <p>With {@code --webrtc} the first leg of every call is a browser's WebRTC leg, set up as the server sets one up
 * (the browser's SDP offer, the engine's ICE-lite and DTLS-SRTP answer) and played by a {@link BrowserPhone}: its STUN
 * check and DTLS handshake happen before the load starts, then it sends and receives SRTP, so the engine opens or
 * protects one SRTP packet per packet it relays; the second leg stays plain PCMU RTP. Same load, same figures.
 *
 * <p>With {@code --record} every call is recorded as the server records calls ({@code core.recording}): a tap on
 * each session copies every packet the engine receives onto the recording queue, and the {@code recording-writer}
 * thread writes one stereo WAV per call into a temporary folder (deleted at the end). The engine's CPU per relayed
 * packet then includes the taps; the writer's CPU is reported on its own line.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.switchboard.bench.media.RelayLoad --calls 1000 --seconds 30</pre>
 *
 * Exit status: 0 done, 1 failed (setup, nothing relayed, ports leaked), 2 a --max-* target missed, 3 timed out,
 * 64 bad arguments. The last line of the output is {@code RESULT {json}}.
 */
public final class RelayLoad
{
    private static final String LOOPBACK = "127.0.0.1";
    /** Browsers doing their STUN check and DTLS handshake at once during set-up (the engine runs two at a time). */
    private static final int CONNECTING_BROWSERS = 4;
    private static final long CONNECT_TIMEOUT_SECONDS = 60;
    /** Room for one datagram in a recvmmsg batch: our packets are 172 bytes. */
    private static final int SHARED_DATAGRAM = 256;
    private static final MediaListener LISTENER = (endpoint, digit) ->
    {
    };

    private final LoadOptions options;
    private final Meters.RecordingThreadFactory engineThreads = new Meters.RecordingThreadFactory("media");
    private final Meters.RecordingThreadFactory generatorThreads = new Meters.RecordingThreadFactory("phones");
    private final EpollEventLoopGroup engineGroup;
    private final EpollEventLoopGroup generatorGroup;
    private final MediaEngine engine;
    private final Map<EventLoop, List<MediaSession>> sessions = new LinkedHashMap<>();
    private final Map<EventLoop, Lane> lanes = new LinkedHashMap<>();
    private final Bootstrap phones;
    private final Phone[] all;
    /** WebRTC mode: the set-up threads that play the browsers' ICE and DTLS, and their work. */
    private final ExecutorService connecting;
    private final List<Future<?>> connected = new ArrayList<>();
    /** Record mode: the recording queue and writer, the folder they write to, each call's tap. */
    private final io.switchboard.core.recording.Recordings recordings;
    private final java.nio.file.Path recordingsDir;
    private final Map<MediaSession, Recorded> taps = new java.util.concurrent.ConcurrentHashMap<>();

    /** A call's recording: its id and the tap on its session. */
    private record Recorded(int id, io.switchboard.media.engine.AudioTap tap)
    {
    }

    private RelayLoad(final LoadOptions options) throws java.io.IOException
    {
        this.options = options;
        engineGroup = new EpollEventLoopGroup(options.engineThreads(), engineThreads);
        generatorGroup = new EpollEventLoopGroup(options.generatorThreads(), generatorThreads);
        engine = new MediaEngine(new MediaOptions(LOOPBACK, LOOPBACK, options.firstPort(), options.lastPort(),
            Tones.holdMusic()));
        for (final EventExecutor loop : engineGroup)
        {
            sessions.put((EventLoop)loop, new ArrayList<>());
        }
        for (final EventExecutor loop : generatorGroup)
        {
            lanes.put((EventLoop)loop, new Lane((EventLoop)loop, TimeUnit.MICROSECONDS.toNanos(options.tickMicros())));
        }
        phones = new Bootstrap().group(generatorGroup).channel(EpollDatagramChannel.class)
            .option(ChannelOption.SO_RCVBUF, 256 * 1024).option(ChannelOption.SO_SNDBUF, 256 * 1024);
        all = new Phone[2 * options.calls()];
        connecting = options.webrtc() ? Executors.newFixedThreadPool(CONNECTING_BROWSERS) : null;
        recordingsDir = options.record() ? java.nio.file.Files.createTempDirectory("relay-recordings") : null;
        if (options.record())
        {
            final io.switchboard.core.config.RecordingSettings settings = new io.switchboard.core.config
                .RecordingSettings();
            settings.enabled = true;
            settings.retentionDays = 0;
            settings.minFreeMegabytes = 0;
            recordings = io.switchboard.core.recording.Recordings.launch(settings, recordingsDir);
        }
        else
        {
            recordings = null;
        }
    }

    /** Shared-socket mode: one socket per generator loop, read with recvmmsg, written with sendmmsg. */
    private void shareSockets() throws InterruptedException
    {
        for (final Lane lane : lanes.values())
        {
            final Channel socket = phones.clone(lane.loop()).handler(lane.receiver())
                .option(ChannelOption.SO_RCVBUF, 4 << 20).option(ChannelOption.SO_SNDBUF, 4 << 20)
                .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, SHARED_DATAGRAM)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(32 * SHARED_DATAGRAM))
                .bind(LOOPBACK, 0).sync().channel();
            lane.share(socket, all);
        }
    }

    public static void main(final String[] args)
    {
        final LoadOptions options;
        try
        {
            options = LoadOptions.parse(args);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println(ex.getMessage());
            System.exit(64);
            return;
        }
        Epoll.ensureAvailability();
        final long limit = options.warmupSeconds() + options.seconds() + options.drainSeconds() + 120L;
        final Thread watchdog = new Thread(() ->
        {
            try
            {
                Thread.sleep(TimeUnit.SECONDS.toMillis(limit));
                System.err.println("RelayLoad: still running after " + limit + " s, giving up");
                Runtime.getRuntime().halt(3);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        int status;
        try
        {
            status = new RelayLoad(options).run();
        }
        catch (final Exception ex)
        {
            ex.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private int run() throws Exception
    {
        final int calls = options.calls();
        final long setupStart = System.nanoTime();
        final EventLoop[] loops = sessions.keySet().toArray(new EventLoop[0]);
        if (options.shared())
        {
            shareSockets();
        }
        for (int i = 0; i < calls; i++)
        {
            call(i, loops[i % loops.length]);
        }
        if (options.webrtc())
        {
            awaitBrowsers();
        }
        System.out.printf("set up %d %s calls (%d engine sockets, %d phone sockets%s) in %d ms%n", calls,
            options.mode(), 4 * calls, 2 * calls, options.webrtc() ? ", ICE checks and DTLS handshakes" : "",
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - setupStart));
        final long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        lanes.values().forEach(lane -> lane.start(start));
        Thread.sleep(100 + TimeUnit.SECONDS.toMillis(options.warmupSeconds()));

        final long[] relayedBefore = engineCounters();
        lanes.values().forEach(lane -> lane.measuring(true));
        final Meters.Snapshot before = Meters.Snapshot.take(engineThreads, generatorThreads);
        final long writerBefore = writerCpu();
        Thread.sleep(TimeUnit.SECONDS.toMillis(options.seconds()));
        lanes.values().forEach(lane -> lane.measuring(false));
        lanes.values().forEach(Lane::stop);
        final Meters.Snapshot after = Meters.Snapshot.take(engineThreads, generatorThreads);
        final long writerNanos = writerCpu() - writerBefore;
        final long[] relayedAfter = engineCounters();
        Thread.sleep(TimeUnit.SECONDS.toMillis(options.drainSeconds()));

        final Lane.Tally tally = new Lane.Tally();
        for (final Lane lane : lanes.values())
        {
            tally.add(lane.loop().submit(lane::tally).get());
            if (lane.error() != null)
            {
                System.out.println("phone socket error: " + lane.error());
            }
        }
        final Report report = new Report(options, tally, before, after, new Report.Engine(
            relayedAfter[0] - relayedBefore[0], relayedAfter[1], engine.webRtcRefused(), engine.dtlsFailures()));
        final boolean leaked = !close();
        if (recordings != null)
        {
            System.out.printf(Locale.ROOT, "recording: writer CPU %.3f cores, %d packets dropped (queue full), "
                + "%d recordings written%n", writerNanos / (after.nanos() - before.nanos() + 0.0),
                recordings.queue().dropped(), calls);
            deleteRecordings();
        }
        report.print(engine.ports().inUse());
        if (leaked || tally.receivedTotal == 0)
        {
            System.out.println(leaked ? "FAIL: ports leaked" : "FAIL: nothing was relayed");
            return 1;
        }
        return report.meets() ? 0 : 2;
    }

    /** Opens call {@code index} on {@code loop}: its session, its two phones, negotiated and bridged. */
    private void call(final int index, final EventLoop loop) throws Exception
    {
        final MediaSession session = loop.submit(() -> engine.open(loop, LISTENER)).get();
        sessions.get(loop).add(session);
        final int a = 2 * index;
        final long slots = 2L * options.calls();
        final Lane lane = lanes.values().toArray(new Lane[0])[index % lanes.size()];
        if (options.webrtc())
        {
            browserCall(session, loop, a, slots, lane);
            return;
        }
        final Channel first = phone(new Phone(a, a + 1, a * Lane.FRAME_NANOS / slots), session.first().port(), lane);
        final Channel second = phone(new Phone(a + 1, a, (a + 1) * Lane.FRAME_NANOS / slots),
            session.second().port(), lane);
        loop.submit(() ->
        {
            session.first().apply(negotiated(first));
            session.second().apply(negotiated(second));
            session.bridge();
            if (recordings != null)
            {
                taps.put(session, new Recorded(index, recordings.record(index, session)));
            }
        }).get();
    }

    /**
     * Call {@code a / 2} with a browser on its first leg: both phones' sockets now, then on a set-up thread the
     * browser's offer, the engine's answer (on the session's loop, with the plain leg applied and the call bridged, as
     * the server does), the browser's STUN check and DTLS handshake.
     */
    private void browserCall(final MediaSession session, final EventLoop loop, final int a, final long slots,
        final Lane lane) throws Exception
    {
        final BrowserPhone browser = new BrowserPhone(a, a + 1, a * Lane.FRAME_NANOS / slots);
        phone(browser, session.first().port(), lane);
        final Channel second = phone(new Phone(a + 1, a, (a + 1) * Lane.FRAME_NANOS / slots),
            session.second().port(), lane);
        connected.add(connecting.submit(() ->
        {
            final String offer = browser.offer();
            final byte[] answer = loop.submit(() ->
            {
                final byte[] sdp = BrowserPhone.answer(engine, session.first(), offer);
                session.second().apply(negotiated(second));
                session.bridge();
                return sdp;
            }).get();
            browser.connect(answer);
            return null;
        }));
    }

    /** Waits for every browser's handshake, then for every engine endpoint to have its SRTP keys. */
    private void awaitBrowsers() throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CONNECT_TIMEOUT_SECONDS);
        for (final Future<?> browser : connected)
        {
            browser.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        connecting.shutdown();
        for (final Map.Entry<EventLoop, List<MediaSession>> entry : sessions.entrySet())
        {
            while (!entry.getKey().submit(() -> entry.getValue().stream().allMatch(s -> s.first().secured())).get())
            {
                if (System.nanoTime() - deadline > 0)
                {
                    throw new IllegalStateException("the engine's WebRTC legs did not all get their SRTP keys");
                }
                Thread.sleep(10);
            }
        }
    }

    private Channel phone(final Phone phone, final int port, final Lane shared) throws InterruptedException
    {
        all[phone.id] = phone;
        if (options.shared())
        {
            phone.attach(shared, shared.socket(), new InetSocketAddress(LOOPBACK, port));
            shared.add(phone);
            return shared.socket();
        }
        final Channel channel = phones.clone().handler(phone).bind(LOOPBACK, 0).sync().channel();
        channel.connect(new InetSocketAddress(LOOPBACK, port)).sync();
        final Lane lane = lanes.get(channel.eventLoop());
        phone.attach(lane, channel);
        lane.add(phone);
        return channel;
    }

    private static Negotiated negotiated(final Channel phone)
    {
        return new Negotiated((InetSocketAddress)phone.localAddress(), Codec.PCMU,
            Codec.DEFAULT_TELEPHONE_EVENT_PT, Direction.SENDRECV, Direction.SENDRECV, Negotiated.DEFAULT_PTIME, 0);
    }

    /** Packets the engine's endpoints sent and dropped so far, read on their loops. */
    private long[] engineCounters() throws Exception
    {
        final long[] sum = new long[2];
        for (final Map.Entry<EventLoop, List<MediaSession>> entry : sessions.entrySet())
        {
            final long[] part = entry.getKey().submit(() ->
            {
                long out = 0;
                long dropped = 0;
                for (final MediaSession s : entry.getValue())
                {
                    out += s.first().packetsOut() + s.second().packetsOut();
                    dropped += s.first().dropped() + s.second().dropped();
                }
                return new long[] {out, dropped};
            }).get();
            sum[0] += part[0];
            sum[1] += part[1];
        }
        return sum;
    }

    /** The recording writer's CPU time so far (0 without recording). */
    private long writerCpu()
    {
        return recordings == null ? 0 : java.lang.management.ManagementFactory.getThreadMXBean()
            .getThreadCpuTime(recordings.writerThread().getId());
    }

    private void deleteRecordings() throws java.io.IOException
    {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(recordingsDir))
        {
            for (final java.nio.file.Path p : files.sorted(java.util.Comparator.reverseOrder()).toList())
            {
                java.nio.file.Files.delete(p);
            }
        }
    }

    /** Closes the phones and the sessions; true when every port of the engine went back to its pool. */
    private boolean close() throws Exception
    {
        if (connecting != null)
        {
            connecting.shutdownNow();
        }
        generatorGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        for (final Map.Entry<EventLoop, List<MediaSession>> entry : sessions.entrySet())
        {
            entry.getKey().submit(() -> entry.getValue().forEach(session ->
            {
                final Recorded recorded = taps.remove(session);
                if (recorded != null)
                {
                    recordings.stop(recorded.id(), session, recorded.tap());
                }
                session.close();
            })).get();
        }
        if (recordings != null)
        {
            recordings.close();
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (engine.ports().inUse() != 0 && System.nanoTime() < deadline)
        {
            Thread.sleep(10);
        }
        final boolean clean = engine.ports().inUse() == 0;
        engineGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        return clean;
    }
}

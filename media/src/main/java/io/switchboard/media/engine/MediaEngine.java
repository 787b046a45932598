package io.switchboard.media.engine;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.ReferenceCountUtil;
import io.switchboard.media.audio.AudioClip;
import io.switchboard.media.dtls.DtlsCertificate;
import io.switchboard.media.dtls.DtlsHandshakes;
import io.switchboard.media.audio.Tones;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Anchored media for calls: opens a {@link MediaSession} (two endpoints, four sockets from the port range) on the
 * event loop that owns the call, so a call's signalling and its media share one owner thread and nothing is locked.
 * The engine itself only holds what every loop shares: the port pool, the audio, the counters.
 */
public final class MediaEngine
{
    private static final Logger LOG = LoggerFactory.getLogger(MediaEngine.class);
    /** Sockets that fail to bind (a port taken by another program) before the engine gives up on one session. */
    private static final int BIND_ATTEMPTS = 8;

    private final MediaOptions options;
    private final PortPool ports;
    private final LongSupplier clock;
    private final AudioClip silence = Tones.silence(20);
    private final Map<EventLoop, LoopMedia> loops = new ConcurrentHashMap<>();
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong closed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    /** DTLS for WebRTC legs: made on first use (a server without browsers makes no certificate and no threads). */
    private final java.util.concurrent.atomic.AtomicReference<DtlsHandshakes> dtls =
        new java.util.concurrent.atomic.AtomicReference<>();

    public MediaEngine(final MediaOptions options)
    {
        this(options, System::nanoTime);
    }

    public MediaEngine(final MediaOptions options, final LongSupplier clock)
    {
        this.options = options;
        this.ports = new PortPool(options.firstPort(), options.lastPort());
        this.clock = clock;
    }

    /**
     * Opens the media of a call on {@code loop}; must be called on that loop, which then owns the session.
     *
     * @throws MediaException when the port range is exhausted or the sockets cannot be bound
     */
    public MediaSession open(final EventLoop loop, final MediaListener listener) throws MediaException
    {
        if (!loop.inEventLoop())
        {
            throw new IllegalStateException("a media session is opened on the loop that owns it");
        }
        final LoopMedia media = loops.computeIfAbsent(loop, l -> new LoopMedia(l, clock));
        final MediaSession session = new MediaSession(this, media, listener);
        final Endpoint first = endpoint(session, loop);
        final Endpoint second;
        try
        {
            second = endpoint(session, loop);
        }
        catch (final MediaException ex)
        {
            first.close();
            throw ex;
        }
        session.endpoints(first, second);
        opened.incrementAndGet();
        return session;
    }

    private Endpoint endpoint(final MediaSession session, final EventLoop loop) throws MediaException
    {
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++)
        {
            final int port = ports.take();
            if (port < 0)
            {
                refused.incrementAndGet();
                throw new MediaException("no free RTP port in " + options.firstPort() + ".." + options.lastPort());
            }
            final Endpoint endpoint;
            try
            {
                endpoint = bind(session, loop, port);
            }
            catch (final RuntimeException ex)
            {
                // No socket can be created at all (out of file descriptors: Netty's ChannelException): another port
                // will not help. The port goes back; the call is refused, not left unanswered.
                ports.give(port);
                refused.incrementAndGet();
                throw new MediaException("cannot open RTP sockets: " + ex.getMessage());
            }
            if (endpoint != null)
            {
                return endpoint;
            }
            ports.give(port);
        }
        refused.incrementAndGet();
        throw new MediaException("cannot bind RTP sockets after " + BIND_ATTEMPTS + " ports");
    }

    /** Binds the RTP socket on {@code port} and the RTCP socket above it; null if either is taken. */
    private Endpoint bind(final MediaSession session, final EventLoop loop, final int port)
    {
        final EndpointHandler rtpHandler = new EndpointHandler(true);
        final EndpointHandler rtcpHandler = new EndpointHandler(false);
        final Channel rtp = socket(loop, port, rtpHandler);
        if (rtp == null)
        {
            return null;
        }
        final Channel rtcp;
        try
        {
            rtcp = socket(loop, port + 1, rtcpHandler);
        }
        catch (final RuntimeException ex)
        {
            rtp.close();
            throw ex;
        }
        if (rtcp == null)
        {
            rtp.close();
            return null;
        }
        final Endpoint endpoint = new Endpoint(session, port, rtp, rtcp);
        rtpHandler.endpoint = endpoint;
        rtcpHandler.endpoint = endpoint;
        // The port goes back only once both sockets are really closed, so the next call can bind it.
        rtp.closeFuture().addListener(f -> rtcp.closeFuture().addListener(g -> ports.give(port)));
        return endpoint;
    }

    /** A datagram socket registered and bound synchronously: we are on its loop, so Netty does both inline. */
    private Channel socket(final EventLoop loop, final int port, final EndpointHandler handler)
    {
        final Channel channel = loop.parent() instanceof EpollEventLoopGroup
            ? new EpollDatagramChannel() : new NioDatagramChannel();
        channel.config().setOption(ChannelOption.SO_REUSEADDR, false);
        channel.pipeline().addLast(handler);
        final ChannelFuture registered = loop.register(channel);
        if (!registered.isSuccess())
        {
            LOG.warn("cannot register RTP socket: {}", registered.cause() == null ? "not done" : registered.cause());
            channel.close();
            return null;
        }
        final ChannelFuture bound = channel.bind(new InetSocketAddress(options.bindAddress(), port));
        if (!bound.isSuccess())
        {
            LOG.debug("RTP port {} not bound: {}", port, bound.cause() == null ? "not done" : bound.cause());
            channel.close();
            return null;
        }
        return channel;
    }

    /**
     * A session closed, on its owner loop: its endpoints' packet counts are added to the engine's, once per call
     * (never per packet: the relay's counters stay plain fields of the loop that owns them).
     */
    void closed(final MediaSession session)
    {
        closed.incrementAndGet();
        closedPacketsIn.add(session.packetsIn());
        closedPacketsOut.add(session.packetsOut());
        closedDropped.add(session.dropped());
        closedReportedLost.add(session.reportedLost());
    }

    private final java.util.concurrent.atomic.LongAdder closedPacketsIn = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder closedPacketsOut =
        new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder closedDropped = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder closedReportedLost =
        new java.util.concurrent.atomic.LongAdder();

    /** RTP packets received by the sessions closed so far (a session's are counted when it closes). */
    public long packetsIn()
    {
        return closedPacketsIn.sum();
    }

    /** RTP packets sent by the sessions closed so far. */
    public long packetsOut()
    {
        return closedPacketsOut.sum();
    }

    /** Datagrams dropped by the sessions closed so far: not RTP, from a foreign source, a codec not agreed. */
    public long packetsDropped()
    {
        return closedDropped.sum();
    }

    /**
     * Packets the sessions closed so far sent that the phones reported lost (RTCP receiver report blocks, RFC 3550
     * §6.4; a phone that sends no reports counts none). Our own receive side keeps no sequence statistics.
     */
    public long packetsReportedLost()
    {
        return closedReportedLost.sum();
    }

    private final java.util.concurrent.atomic.LongAdder webRtcRefused = new java.util.concurrent.atomic.LongAdder();

    /** Datagrams WebRTC legs refused: DTLS from unverified addresses, SRTP with bad tags, replays, junk. */
    public long webRtcRefused()
    {
        return webRtcRefused.sum();
    }

    java.util.concurrent.atomic.LongAdder webRtcRefusedCounter()
    {
        return webRtcRefused;
    }

    /** DTLS handshakes that failed (a certificate not the SDP's, no common profile, a timeout); 0 before any. */
    public long dtlsFailures()
    {
        final DtlsHandshakes made = dtls.get();
        return made == null ? 0 : made.failures();
    }

    /** The DTLS handshakes of WebRTC legs, with the certificate every leg presents. */
    public DtlsHandshakes dtls()
    {
        final DtlsHandshakes made = dtls.get();
        if (made != null)
        {
            return made;
        }
        final DtlsHandshakes fresh = new DtlsHandshakes(DtlsCertificate.generate(), 2, 256);
        if (dtls.compareAndSet(null, fresh))
        {
            return fresh;
        }
        fresh.close();
        return dtls.get();
    }

    long nanoTime()
    {
        return clock.getAsLong();
    }

    String advertisedAddress()
    {
        return options.advertisedAddress();
    }

    public AudioClip holdMusic()
    {
        return options.holdMusic();
    }

    AudioClip silence()
    {
        return silence;
    }

    public PortPool ports()
    {
        return ports;
    }

    public long sessionsOpened()
    {
        return opened.get();
    }

    public long sessionsClosed()
    {
        return closed.get();
    }

    /** Sessions refused for want of ports. */
    public long sessionsRefused()
    {
        return refused.get();
    }

    /** Reads one socket of an endpoint; the packet is released here whatever happens to it. */
    private final class EndpointHandler extends ChannelInboundHandlerAdapter
    {
        private final boolean rtp;
        private Endpoint endpoint;

        EndpointHandler(final boolean rtp)
        {
            this.rtp = rtp;
        }

        @Override
        public void channelRead(final ChannelHandlerContext ctx, final Object msg)
        {
            try
            {
                if (msg instanceof DatagramPacket packet && endpoint != null)
                {
                    if (rtp)
                    {
                        endpoint.onRtp(packet.content(), packet.sender(), clock.getAsLong());
                    }
                    else
                    {
                        endpoint.onRtcp(packet.content(), packet.sender());
                    }
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
            // An ICMP port unreachable from a phone that went away, and the like: the call ends by signalling.
            LOG.debug("RTP socket {}: {}", ctx.channel().localAddress(), cause.toString());
        }
    }
}

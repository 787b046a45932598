package io.switchboard.sip.transport;

import gov.nist.javax.sip.message.SIPMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.switchboard.sip.SipCounters;
import io.switchboard.sip.message.JainSipParser;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The SIP transports of one switch, UDP and TCP on the same port number, and the {@link MessageSender} over them.
 *
 * <p>Threading: {@link #start} and {@link #close()} are called from outside the event loops (they wait for binds
 * and closes). {@link #send} and {@link #sendEncoded} may be called from any thread and never block; from an event
 * loop of the group a UDP send goes out through that loop's own channel, and a send failure is reported back on the
 * calling loop. The bytes given to {@link #sendEncoded} are wrapped, not copied, and only read.
 */
public final class SipTransports implements MessageSender, AutoCloseable
{
    private final EventLoopGroup group;
    private final SipTransportConfig config;
    private final SipCounters counters;
    private final UdpTransport udp;
    private final TcpTransport tcp;
    private final ConcurrentHashMap<InetAddress, InetAddress> routes = new ConcurrentHashMap<>();

    private SipTransports(
        final EventLoopGroup group, final SipTransportConfig config, final SipCounters counters,
        final UdpTransport udp, final TcpTransport tcp)
    {
        this.group = group;
        this.config = config;
        this.counters = counters;
        this.udp = udp;
        this.tcp = tcp;
    }

    /**
     * Binds UDP and TCP as configured and starts delivering well-formed messages to the listener.
     * With an {@link EpollEventLoopGroup}, UDP binds one SO_REUSEPORT channel per loop; otherwise NIO is used.
     */
    public static SipTransports start(
        final EventLoopGroup group,
        final SipTransportConfig config,
        final SipMessageListener listener,
        final SipCounters counters) throws InterruptedException
    {
        final InboundMessages inbound = new InboundMessages(new JainSipParser(), listener, counters);
        final UdpTransport udp = new UdpTransport();
        final TcpTransport tcp = new TcpTransport(inbound, config.limits());
        final SipTransports transports = new SipTransports(group, config, counters, udp, tcp);
        try
        {
            udp.bind(group, config.bindAddress(), config.udpPort(),
                new SipDatagramDecoder(udp, inbound, config.limits()), config.limits(), config.socketBufferBytes());
            if (config.tcpPort() != SipTransportConfig.DISABLED)
            {
                tcp.bind(group, config.bindAddress(), config.tcpPort());
            }
        }
        catch (final InterruptedException | RuntimeException ex)
        {
            transports.close();
            throw ex;
        }
        return transports;
    }

    /** An epoll event loop group when the native transport is available (Linux), else NIO. */
    public static EventLoopGroup newEventLoopGroup(final int threads)
    {
        return Epoll.isAvailable() ? new EpollEventLoopGroup(threads) : new NioEventLoopGroup(threads);
    }

    public UdpTransport udp()
    {
        return udp;
    }

    public TcpTransport tcp()
    {
        return tcp;
    }

    /** The bound UDP port, useful when configured as 0. */
    public int udpPort()
    {
        return udp.port();
    }

    /** The bound TCP port, useful when configured as 0. */
    public int tcpPort()
    {
        return tcp.port();
    }

    @Override
    public void send(final SIPMessage message, final Target target, final SendFailureListener onFailure)
    {
        write(message, null, target, onFailure);
    }

    @Override
    public void sendEncoded(final byte[] bytes, final Target target, final SendFailureListener onFailure)
    {
        write(null, bytes, target, onFailure);
    }

    /** Writes a message, encoded here ({@code message}) or already encoded ({@code bytes}), over UDP or TCP. */
    private void write(
        final SIPMessage message, final byte[] bytes, final Target target, final SendFailureListener onFailure)
    {
        final EventLoop caller = callingLoop();
        final Consumer<Throwable> failure = cause -> reportFailure(message, target, onFailure, cause, caller);
        final Runnable sent = () -> counters.increment(SipCounters.Id.MESSAGES_SENT);
        final String transport = target.transport().toUpperCase(Locale.ROOT);
        if (!transport.equals("UDP") && !transport.equals("TCP"))
        {
            failure.accept(new IOException("unsupported transport " + target.transport()));
            return;
        }
        final ByteBuf content = Unpooled.wrappedBuffer(bytes != null ? bytes : message.encodeAsBytes(transport));
        if (transport.equals("UDP"))
        {
            udp.send(content, target.address(), target.flow()).addListener(f ->
            {
                if (f.isSuccess())
                {
                    sent.run();
                }
                else
                {
                    failure.accept(f.cause());
                }
            });
        }
        else
        {
            tcp.send(content, target, caller != null ? caller : group.next(), failure, sent);
        }
    }

    /**
     * The advertised host if configured; else the bound address if it is not a wildcard; else the local address
     * the OS routes from towards the target. That last one comes from connecting an unbound UDP socket to the
     * target: connect on a UDP socket only asks the kernel for a route and sends nothing. The answer is cached
     * per destination IP, so the socket is made once per destination.
     */
    @Override
    public HostPort localAddressFor(final Target target)
    {
        final int port = "TCP".equalsIgnoreCase(target.transport()) ? tcp.port() : udp.port();
        if (config.advertisedHost() != null)
        {
            return new HostPort(config.advertisedHost(), port);
        }
        final InetAddress bound = config.bindAddress();
        if (!bound.isAnyLocalAddress() || target.address() == null || target.address().getAddress() == null)
        {
            return new HostPort(hostString(bound), port);
        }
        final InetAddress destination = target.address().getAddress();
        InetAddress local = routes.get(destination);
        if (local == null)
        {
            local = routeTo(destination);
            routes.putIfAbsent(destination, local);
        }
        return new HostPort(hostString(local), port);
    }

    @Override
    public void close()
    {
        udp.close();
        tcp.close();
    }

    private void reportFailure(
        final SIPMessage message, final Target target, final SendFailureListener onFailure, final Throwable cause,
        final EventLoop caller)
    {
        counters.increment(SipCounters.Id.SEND_FAILURES);
        if (onFailure == null)
        {
            return;
        }
        if (caller == null || caller.inEventLoop())
        {
            onFailure.onSendFailure(message, target, cause);
        }
        else
        {
            caller.execute(() -> onFailure.onSendFailure(message, target, cause));
        }
    }

    private EventLoop callingLoop()
    {
        for (final EventExecutor executor : group)
        {
            if (executor.inEventLoop())
            {
                return (EventLoop)executor;
            }
        }
        return null;
    }

    private static InetAddress routeTo(final InetAddress destination)
    {
        try (DatagramSocket socket = new DatagramSocket())
        {
            socket.connect(destination, 9);
            final InetAddress local = socket.getLocalAddress();
            return local == null || local.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : local;
        }
        catch (final SocketException | RuntimeException ex)
        {
            return InetAddress.getLoopbackAddress();
        }
    }

    private static String hostString(final InetAddress address)
    {
        final String host = address.getHostAddress();
        final int scope = host.indexOf('%');
        return scope >= 0 ? host.substring(0, scope) : host;
    }
}

package io.switchboard.sip.transport;

import gov.nist.javax.sip.message.SIPMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.switchboard.sip.SipCounters;
import io.switchboard.sip.message.JainSipParser;

import java.io.IOException;
import javax.net.ssl.SSLException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The SIP transports of one switch: UDP and TCP on the same port number, and when configured TLS (RFC 3261 §26)
 * and WebSocket, plain and secure (RFC 7118); and the {@link MessageSender} over them, which sends each message by
 * its target's transport.
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
    /** Null when off, like the WebSocket transports. */
    private final TcpTransport tls;
    private final WebSocketTransport ws;
    private final WebSocketTransport wss;
    private final ConcurrentHashMap<InetAddress, InetAddress> routes = new ConcurrentHashMap<>();
    /** Told of every message sent, when set (the SIP trace); null: nobody listens. */
    private volatile MessageTap tap;

    private SipTransports(
        final EventLoopGroup group, final SipTransportConfig config, final SipCounters counters,
        final InboundMessages inbound) throws SSLException
    {
        this.group = group;
        this.config = config;
        this.counters = counters;
        this.udp = new UdpTransport();
        this.tcp = new TcpTransport(inbound, config.limits());
        final SslContext server = config.tls() == null ? null : config.tls().serverContext();
        this.tls = config.tlsPort() == SipTransportConfig.DISABLED ? null
            : new TcpTransport(inbound, config.limits(), server, config.tls().clientContext());
        this.ws = config.wsPort() == SipTransportConfig.DISABLED ? null
            : new WebSocketTransport(inbound, config.limits(), config.webSocket(), null);
        this.wss = config.wssPort() == SipTransportConfig.DISABLED ? null
            : new WebSocketTransport(inbound, config.limits(), config.webSocket(), server);
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
        final SipTransports transports;
        try
        {
            transports = new SipTransports(group, config, counters, inbound);
        }
        catch (final SSLException ex)
        {
            throw new IllegalArgumentException("the TLS certificate cannot be used: " + ex.getMessage(), ex);
        }
        try
        {
            transports.bind(inbound);
        }
        catch (final InterruptedException | RuntimeException ex)
        {
            transports.close();
            throw ex;
        }
        return transports;
    }

    private void bind(final InboundMessages inbound) throws InterruptedException
    {
        final InetAddress address = config.bindAddress();
        udp.bind(group, address, config.udpPort(), new SipDatagramDecoder(udp, inbound, config.limits()),
            config.limits(), config.socketBufferBytes());
        if (config.tcpPort() != SipTransportConfig.DISABLED)
        {
            tcp.bind(group, address, config.tcpPort());
        }
        if (tls != null)
        {
            tls.bind(group, address, config.tlsPort());
        }
        if (ws != null)
        {
            ws.bind(group, address, config.wsPort());
        }
        if (wss != null)
        {
            wss.bind(group, address, config.wssPort());
        }
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

    /** The bound TLS port, or -1 when TLS is off. */
    public int tlsPort()
    {
        return tls == null ? -1 : tls.port();
    }

    /** The bound WebSocket (ws) port, or -1 when off. */
    public int wsPort()
    {
        return ws == null ? -1 : ws.port();
    }

    /** The bound secure WebSocket (wss) port, or -1 when off. */
    public int wssPort()
    {
        return wss == null ? -1 : wss.port();
    }

    /** Open WebSocket connections, ws and wss. */
    public int webSocketConnections()
    {
        return (ws == null ? 0 : ws.connectionCount()) + (wss == null ? 0 : wss.connectionCount());
    }

    /** Tells {@code messageTap} of every message sent from now on (before the workers start sending). */
    public void tap(final MessageTap messageTap)
    {
        this.tap = messageTap;
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

    /** Writes a message, encoded here ({@code message}) or already encoded ({@code bytes}), by its transport. */
    private void write(
        final SIPMessage message, final byte[] bytes, final Target target, final SendFailureListener onFailure)
    {
        final EventLoop caller = callingLoop();
        final Consumer<Throwable> failure = cause -> reportFailure(message, target, onFailure, cause, caller);
        final Runnable sent = () -> counters.increment(SipCounters.Id.MESSAGES_SENT);
        final String transport = target.transport().toUpperCase(Locale.ROOT);
        final Object carrier = carrier(transport);
        if (carrier == null)
        {
            failure.accept(new IOException("unsupported transport " + target.transport()));
            return;
        }
        final byte[] wire = bytes != null ? bytes : message.encodeAsBytes(transport);
        final MessageTap listener = tap;
        if (listener != null && target.address() != null)
        {
            listener.onSent(wire, transport, localSocketFor(target, transport), target.address());
        }
        final ByteBuf content = Unpooled.wrappedBuffer(wire);
        if (carrier instanceof WebSocketTransport webSocket)
        {
            webSocket.send(content, target, failure, sent);
        }
        else if (carrier == udp)
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
            ((TcpTransport)carrier).send(content, target, caller != null ? caller : group.next(), failure, sent);
        }
    }

    /** The transport that carries a Via transport token, or null when it is off or unknown. */
    private Object carrier(final String transport)
    {
        return switch (transport)
        {
            case "UDP" -> udp;
            case "TCP" -> tcp;
            case "TLS" -> tls;
            case "WS" -> ws;
            case "WSS" -> wss;
            default -> null;
        };
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
        final int port = portOf(target.transport());
        if (config.advertisedHost() != null)
        {
            return new HostPort(config.advertisedHost(), port);
        }
        final InetAddress bound = config.bindAddress();
        if (!bound.isAnyLocalAddress() || target.address() == null || target.address().getAddress() == null)
        {
            return new HostPort(hostString(bound), port);
        }
        return new HostPort(hostString(localRoute(target.address().getAddress())), port);
    }

    /**
     * Our socket address towards a target, as a trace shows it: the connection's own local address when there is
     * one, else the bound address (or, bound to a wildcard, the one routed towards the target) with our port.
     */
    private InetSocketAddress localSocketFor(final Target target, final String transport)
    {
        final Flow flow = target.flow();
        if (flow != null && flow.local() != null && !flow.local().getAddress().isAnyLocalAddress())
        {
            return flow.local();
        }
        final InetAddress bound = config.bindAddress();
        if (!bound.isAnyLocalAddress() || target.address().getAddress() == null)
        {
            return new InetSocketAddress(bound, portOf(transport));
        }
        return new InetSocketAddress(localRoute(target.address().getAddress()), portOf(transport));
    }

    /**
     * Our socket address a message arrived at, as a trace shows it: the flow's own, or when that is a wildcard (UDP
     * bound to 0.0.0.0 or ::) the address routed towards the sender, with the flow's port.
     */
    public InetSocketAddress localSocketOf(final Flow flow)
    {
        final InetSocketAddress local = flow.local();
        if (local == null || !local.getAddress().isAnyLocalAddress() || flow.remote() == null)
        {
            return local;
        }
        return new InetSocketAddress(localRoute(flow.remote().getAddress()), local.getPort());
    }

    /** The local address the OS routes from towards {@code destination}, cached per destination. */
    private InetAddress localRoute(final InetAddress destination)
    {
        InetAddress local = routes.get(destination);
        if (local == null)
        {
            local = routeTo(destination);
            routes.putIfAbsent(destination, local);
        }
        return local;
    }

    /** Our port for a transport (UDP's for an unknown one). */
    private int portOf(final String transport)
    {
        return switch (transport.toUpperCase(Locale.ROOT))
        {
            case "TCP" -> tcp.port();
            case "TLS" -> tlsPort();
            case "WS" -> wsPort();
            case "WSS" -> wssPort();
            default -> udp.port();
        };
    }

    @Override
    public void close()
    {
        udp.close();
        tcp.close();
        if (tls != null)
        {
            tls.close();
        }
        if (ws != null)
        {
            ws.close();
        }
        if (wss != null)
        {
            wss.close();
        }
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

package io.switchboard.sip.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.switchboard.sip.message.TransportLimits;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * SIP over TCP (RFC 3261 §18.1.1, §18.2.2, §18.3), or over TLS (§26) when given a {@link TlsIdentity}: a listening
 * socket, and a table of open connections by peer address, inbound and outbound, so that requests and responses reuse
 * them. Each connection has its own {@link SipStreamFramer}, behind an {@code SslHandler} for TLS (a failed handshake,
 * such as plain text on the TLS port, closes the connection and is counted). The table is a {@link ConcurrentHashMap}
 * because connections live on different event loops; reads take no lock, and a connection removes itself when it
 * closes.
 */
public final class TcpTransport implements Transport
{
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private final ConcurrentHashMap<InetSocketAddress, ChannelFuture> connections = new ConcurrentHashMap<>();
    private final InboundMessages inbound;
    private final TransportLimits limits;
    private final String name;
    private final SslContext serverTls;
    private final SslContext clientTls;
    private EventLoopGroup group;
    private Channel server;
    private int port = -1;

    TcpTransport(final InboundMessages inbound, final TransportLimits limits)
    {
        this(inbound, limits, "TCP", null, null);
    }

    /** SIP over TLS with these contexts (server side for the listener, client side for connections we open). */
    TcpTransport(final InboundMessages inbound, final TransportLimits limits, final SslContext serverTls,
        final SslContext clientTls)
    {
        this(inbound, limits, "TLS", serverTls, clientTls);
    }

    private TcpTransport(final InboundMessages inbound, final TransportLimits limits, final String name,
        final SslContext serverTls, final SslContext clientTls)
    {
        this.inbound = inbound;
        this.limits = limits;
        this.name = name;
        this.serverTls = serverTls;
        this.clientTls = clientTls;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public boolean isReliable()
    {
        return true;
    }

    /** The bound listening port, or -1 when TCP is disabled. */
    public int port()
    {
        return port;
    }

    /** Number of open or opening connections. */
    public int connectionCount()
    {
        return connections.size();
    }

    /** Binds the listening socket; called once at start-up from a thread outside the group. */
    void bind(final EventLoopGroup group, final InetAddress address, final int requestedPort)
        throws InterruptedException
    {
        this.group = group;
        server = StreamListener.bind(group, address, requestedPort, channel ->
        {
            if (serverTls != null)
            {
                channel.pipeline().addLast(serverTls.newHandler(channel.alloc()),
                    new TlsHandshakeGuard(inbound.counters()));
            }
            channel.pipeline().addLast(new SipStreamFramer(TcpTransport.this, inbound, limits));
            remember((InetSocketAddress)channel.remoteAddress(), channel.newSucceededFuture());
        });
        port = ((InetSocketAddress)server.localAddress()).getPort();
    }

    /**
     * Sends over the target's flow when its connection is open, else over a known connection to the address, else
     * over a new one, connected from {@code loop}. Never blocks; failures go to {@code onFailure} on the channel's
     * loop.
     */
    void send(final ByteBuf content, final Target target, final EventLoop loop, final Consumer<Throwable> onFailure,
        final Runnable onSent)
    {
        final Flow flow = target.flow();
        if (flow != null && flow.transport() == this && flow.channel() != null && flow.channel().isActive())
        {
            write(flow.channel(), content, onFailure, onSent);
            return;
        }
        final ChannelFuture known = connections.get(target.address());
        final ChannelFuture connection = known != null ? known : connect(target.address(), loop);
        if (connection.isDone())
        {
            writeWhenConnected(connection, content, onFailure, onSent);
        }
        else
        {
            connection.addListener(f -> writeWhenConnected(connection, content, onFailure, onSent));
        }
    }

    private void writeWhenConnected(
        final ChannelFuture connection, final ByteBuf content, final Consumer<Throwable> onFailure,
        final Runnable onSent)
    {
        if (connection.isSuccess() && connection.channel().isActive())
        {
            write(connection.channel(), content, onFailure, onSent);
        }
        else
        {
            content.release();
            onFailure.accept(connection.cause() != null ?
                connection.cause() : new java.io.IOException("connection closed"));
        }
    }

    private static void write(
        final Channel channel, final ByteBuf content, final Consumer<Throwable> onFailure, final Runnable onSent)
    {
        channel.writeAndFlush(content).addListener(f ->
        {
            if (f.isSuccess())
            {
                onSent.run();
            }
            else
            {
                onFailure.accept(f.cause());
            }
        });
    }

    private ChannelFuture connect(final InetSocketAddress address, final EventLoop loop)
    {
        final boolean epoll = group instanceof EpollEventLoopGroup;
        final ChannelFuture future = new Bootstrap()
            .group(loop)
            .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
            .handler(new ChannelInitializer<>()
            {
                @Override
                protected void initChannel(final Channel channel)
                {
                    if (clientTls != null)
                    {
                        channel.pipeline().addLast(clientTls.newHandler(channel.alloc(), address.getHostString(),
                            address.getPort()), new TlsHandshakeGuard(inbound.counters()));
                    }
                    channel.pipeline().addLast(new SipStreamFramer(TcpTransport.this, inbound, limits));
                }
            })
            .connect(address);
        final ChannelFuture raced = connections.putIfAbsent(address, future);
        if (raced != null)
        {
            future.channel().close();
            return raced;
        }
        future.channel().closeFuture().addListener(f -> connections.remove(address, future));
        future.addListener(f ->
        {
            if (!f.isSuccess())
            {
                connections.remove(address, future);
            }
        });
        return future;
    }

    private void remember(final InetSocketAddress remote, final ChannelFuture connection)
    {
        connections.put(remote, connection);
        connection.channel().closeFuture().addListener(f -> connections.remove(remote, connection));
    }

    void close()
    {
        if (server != null)
        {
            server.close().syncUninterruptibly();
        }
        for (final ChannelFuture connection : connections.values())
        {
            connection.channel().close().syncUninterruptibly();
        }
        connections.clear();
    }
}

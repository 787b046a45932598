package io.switchboard.sip.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.switchboard.sip.message.TransportLimits;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * SIP over WebSocket (RFC 7118), {@code WS} or, with a TLS context, {@code WSS}: a listener that browsers and WebRTC
 * softphones connect to (the server never connects out: a WebSocket client's Contact is typically {@code
 * sip:x@y.invalid;transport=ws}, reachable only over the connection it registered on). Requests and responses to such
 * a phone go back over its connection: the flow it sent on, else the open connection from its address; when that is
 * gone the send fails (the phone registers again when it reconnects).
 *
 * <p>The pipeline of a connection: TLS for wss ({@link TlsHandshakeGuard} counting failures), HTTP until the upgrade,
 * {@link WebSocketUpgradeGate}, Netty's handshake (101 with {@code Sec-WebSocket-Protocol: sip}; pings answered, close
 * frames honoured, frames up to the message size limit), then {@link SipWebSocketFrames}; an idle timer in front of it
 * all pings a quiet connection and closes a silent one. Everything about a connection runs on its own event loop, its
 * close included; a frame that arrives after the close is never read.
 */
public final class WebSocketTransport implements Transport
{
    private static final int MAX_UPGRADE_REQUEST_BYTES = 16 * 1024;
    private static final long HANDSHAKE_TIMEOUT_MS = 10_000;

    private final ConcurrentHashMap<InetSocketAddress, Channel> connections = new ConcurrentHashMap<>();
    private final InboundMessages inbound;
    private final TransportLimits limits;
    private final WebSocketOptions options;
    private final SslContext tls;
    private Channel server;
    private int port = -1;

    WebSocketTransport(final InboundMessages inbound, final TransportLimits limits, final WebSocketOptions options,
        final SslContext tls)
    {
        this.inbound = inbound;
        this.limits = limits;
        this.options = options;
        this.tls = tls;
    }

    @Override
    public String name()
    {
        return tls == null ? "WS" : "WSS";
    }

    @Override
    public boolean isReliable()
    {
        return true;
    }

    /** The bound port, or -1 when this transport is off. */
    public int port()
    {
        return port;
    }

    /** Open WebSocket connections (after their handshake). */
    public int connectionCount()
    {
        return connections.size();
    }

    void bind(final EventLoopGroup group, final InetAddress address, final int requestedPort)
        throws InterruptedException
    {
        server = StreamListener.bind(group, address, requestedPort, this::pipeline);
        port = ((InetSocketAddress)server.localAddress()).getPort();
    }

    private void pipeline(final Channel channel)
    {
        final ChannelPipeline pipeline = channel.pipeline();
        if (tls != null)
        {
            pipeline.addLast(tls.newHandler(channel.alloc()), new TlsHandshakeGuard(inbound.counters()));
        }
        final WebSocketServerProtocolConfig protocol = WebSocketServerProtocolConfig.newBuilder()
            .websocketPath(options.path())
            .subprotocols(WebSocketUpgradeGate.SUBPROTOCOL)
            .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MS)
            .decoderConfig(WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(limits.maxMessageBytes())
                .allowExtensions(false).build())
            .build();
        // The idle timer sees bytes, not frames: a pong (which Netty's protocol handler swallows) still counts.
        final int ping = options.pingSeconds();
        pipeline.addLast(new IdleStateHandler(3L * ping, ping, 0, TimeUnit.SECONDS), new HttpServerCodec(),
            new HttpObjectAggregator(MAX_UPGRADE_REQUEST_BYTES), new WebSocketUpgradeGate(options, inbound.counters()),
            new WebSocketServerProtocolHandler(protocol), new SipWebSocketFrames(this, inbound));
    }

    /** A connection finished its handshake: requests to its address can find it. */
    void opened(final Flow flow)
    {
        final Channel channel = flow.channel();
        connections.put(flow.remote(), channel);
        channel.closeFuture().addListener(f -> connections.remove(flow.remote(), channel));
    }

    /**
     * Sends one message as one text frame over the target's flow when it is open, else over the open connection
     * from the target's address; fails ({@code onFailure}, on the connection's loop or the caller's) when there is
     * none. Never blocks; takes over {@code content}.
     */
    void send(final ByteBuf content, final Target target, final Consumer<Throwable> onFailure, final Runnable onSent)
    {
        final Flow flow = target.flow();
        Channel channel = flow != null && flow.transport() == this ? flow.channel() : null;
        if (channel == null || !channel.isActive())
        {
            channel = target.address() == null ? null : connections.get(target.address());
        }
        if (channel == null || !channel.isActive())
        {
            content.release();
            onFailure.accept(new IOException("no open " + name() + " connection to " + target.address()));
            return;
        }
        channel.writeAndFlush(new TextWebSocketFrame(content)).addListener(f ->
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

    void close()
    {
        if (server != null)
        {
            server.close().syncUninterruptibly();
        }
        for (final Channel channel : connections.values())
        {
            channel.close().syncUninterruptibly();
        }
        connections.clear();
    }
}

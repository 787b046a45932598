package io.switchboard.bench.chat;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The load generator's WebSocket clients (visitors' widgets and agents' event sockets), on Netty like every socket
 * of the project: one small event-loop group for thousands of sockets, each bound to the source address it is given
 * (the server counts visitor sockets per address), text frames handed to a {@link Listener} on the socket's loop.
 */
final class WebSockets implements AutoCloseable
{
    private static final int MAX_FRAME = 64 * 1024;
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    /** What a socket receives, called on its event loop. */
    interface Listener
    {
        void text(String text);
    }

    private final EventLoopGroup group;

    WebSockets(final int threads)
    {
        this.group = new NioEventLoopGroup(threads);
    }

    /**
     * Opens {@code uri} from {@code source} (port chosen by the system) with the given headers; completes with the
     * channel once the handshake is done, or exceptionally (refused, timed out, closed).
     */
    CompletableFuture<Channel> open(final URI uri, final String source, final Map<String, String> headers,
        final Listener listener)
    {
        final CompletableFuture<Channel> opened = new CompletableFuture<>();
        final HttpHeaders extra = new DefaultHttpHeaders();
        headers.forEach(extra::add);
        final WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder().webSocketUri(uri)
            .customHeaders(extra).maxFramePayloadLength(MAX_FRAME).handshakeTimeoutMillis(CONNECT_TIMEOUT_MILLIS)
            .build();
        final Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
            .handler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel channel)
                {
                    channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_FRAME),
                        new WebSocketClientProtocolHandler(config), new Frames(opened, listener));
                }
            });
        bootstrap.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), new InetSocketAddress(source, 0))
            .addListener(connected ->
            {
                if (!connected.isSuccess())
                {
                    opened.completeExceptionally(connected.cause());
                }
            });
        return opened;
    }

    @Override
    public void close()
    {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Completes the handshake's future and passes text frames on. */
    private static final class Frames extends SimpleChannelInboundHandler<TextWebSocketFrame>
    {
        private final CompletableFuture<Channel> opened;
        private final Listener listener;

        Frames(final CompletableFuture<Channel> opened, final Listener listener)
        {
            this.opened = opened;
            this.listener = listener;
        }

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final TextWebSocketFrame frame)
        {
            listener.text(frame.text());
        }

        @Override
        public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception
        {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE)
            {
                opened.complete(ctx.channel());
            }
            else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT)
            {
                opened.completeExceptionally(new IllegalStateException("handshake timed out"));
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            // A refused handshake (403, 429) arrives here; after the handshake any failure closes the socket,
            // which the benchmark sees as a visitor that stopped answering.
            opened.completeExceptionally(cause);
            ctx.close();
        }

        @Override
        public void channelInactive(final ChannelHandlerContext ctx) throws Exception
        {
            opened.completeExceptionally(new IllegalStateException("closed before the handshake completed"));
            super.channelInactive(ctx);
        }
    }
}

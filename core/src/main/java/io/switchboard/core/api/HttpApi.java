package io.switchboard.core.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.switchboard.core.auth.Account;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The HTTP API server on Netty: JSON in and out (Jackson), every error a JSON object
 * {@code {"error": code, "message": text}}. Requests over 8 MiB are refused (413; an upload route's limit is
 * its own: {@link #largeBodies}). Every
 * request passes the {@link ApiGuard} with its route's {@link Access} before its handler runs, then, for a change
 * made with the session cookie, the CSRF check of {@link BrowserRequests} (which also marks the cookie Secure).
 * <p>
 * One event loop serves every connection (the server gives it a group of one thread): that loop owns the API's
 * own state (sessions, log-in throttle, accounts, flows), so none of it needs a lock. Work that is slow (password
 * hashing, files) or owned elsewhere (calls, the ACD) is handed off, and its answer completes a future.
 */
public final class HttpApi implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    static final ObjectMapper JSON = JsonMapper.builder().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS).build();

    private final ApiRouter router;
    private final ApiGuard guard;
    /**
     * Handlers that take some requests before the API (the events WebSocket, the chat visitors' WebSocket), one new
     * instance of each per connection.
     */
    private final java.util.List<java.util.function.Supplier<io.netty.channel.ChannelHandler>> upgrades;
    private Channel channel;
    private java.util.function.Predicate<String> largePaths = path -> false;
    /** The session cookie's Secure flag and the CSRF check of changes made with it. */
    private BrowserRequests browser = new BrowserRequests(null);
    private int largeLimit;

    public HttpApi(final ApiRouter router, final ApiGuard guard)
    {
        this(router, guard, java.util.List.of());
    }

    public HttpApi(final ApiRouter router, final ApiGuard guard,
        final java.util.function.Supplier<io.netty.channel.ChannelHandler> upgrade)
    {
        this(router, guard, java.util.List.of(upgrade));
    }

    public HttpApi(final ApiRouter router, final ApiGuard guard,
        final java.util.List<java.util.function.Supplier<io.netty.channel.ChannelHandler>> upgrades)
    {
        this.router = router;
        this.guard = guard;
        this.upgrades = upgrades;
    }

    /**
     * Lets requests to the paths {@code large} accepts have bodies up to {@code limit} bytes (uploads); every other
     * request stays within {@value BodyLimit#NORMAL} bytes. Before {@link #start}.
     */
    public HttpApi largeBodies(final java.util.function.Predicate<String> large, final long limit)
    {
        this.largePaths = large;
        this.largeLimit = (int)Math.min(Integer.MAX_VALUE - 1024, limit);
        return this;
    }

    /** Whose pages count as served over TLS ({@code http.publicOrigin}). Before {@link #start}. */
    public HttpApi browserRequests(final BrowserRequests requests)
    {
        this.browser = requests;
        return this;
    }

    public HttpApi start(final EventLoopGroup group, final String bindAddress, final int port)
        throws InterruptedException
    {
        channel = new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel ch)
                {
                    ch.pipeline().addLast(new HttpServerCodec(), new BodyLimit(largePaths, largeLimit),
                        new HttpObjectAggregator(Math.max(BodyLimit.NORMAL, largeLimit)));
                    for (final java.util.function.Supplier<io.netty.channel.ChannelHandler> upgrade : upgrades)
                    {
                        ch.pipeline().addLast(upgrade.get());
                    }
                    ch.pipeline().addLast(new Handler());
                }
            })
            .bind(bindAddress, port).sync().channel();
        LOG.info("HTTP API on {}", channel.localAddress());
        return this;
    }

    /** The routes served, with who may use each. */
    public java.util.List<ApiRouter.Route> routes()
    {
        return router.routes();
    }

    public int port()
    {
        return ((InetSocketAddress)channel.localAddress()).getPort();
    }

    @Override
    public void close()
    {
        if (channel != null)
        {
            channel.close().syncUninterruptibly();
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest>
    {
        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
        {
            final boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (!request.decoderResult().isSuccess())
            {
                write(ctx, keepAlive, error(HttpResponseStatus.BAD_REQUEST, "bad_request", "malformed HTTP request"));
                return;
            }
            final String description = request.method() + " " + request.uri();
            final boolean secure = browser.secure(request.headers(),
                ctx.pipeline().get(io.netty.handler.ssl.SslHandler.class) != null);
            dispatch(request, address(ctx)).whenComplete((response, failure) -> ctx.executor().execute(() ->
            {
                final FullHttpResponse answer = failure == null ? response : failed(description, failure);
                if (secure)
                {
                    BrowserRequests.markSecure(answer);
                }
                write(ctx, keepAlive, answer);
            }));
        }

        private void write(final ChannelHandlerContext ctx, final boolean keepAlive, final FullHttpResponse response)
        {
            HttpUtil.setKeepAlive(response, keepAlive);
            final var future = ctx.writeAndFlush(response);
            if (!keepAlive)
            {
                future.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            LOG.debug("HTTP connection error: {}", cause.toString());
            ctx.close();
        }
    }

    /**
     * Runs the handler; a handler whose answer depends on state owned by another thread (a call on its SIP worker)
     * answers later, with a {@link CompletionStage} as its body, and the response is written when it completes.
     */
    private CompletionStage<FullHttpResponse> dispatch(final FullHttpRequest request, final String address)
    {
        try
        {
            final QueryStringDecoder decoder = new QueryStringDecoder(request.uri());
            final ApiRouter.Match match = router.match(request.method(), decoder.path());
            final String token = ApiGuard.token(request.headers());
            final Account account = guard.account(token);
            ApiGuard.admit(match.access(), account, match.params());
            BrowserRequests.checkChange(request.method(), match.access(), request.headers());
            final ApiResponse result = match.handler().handle(new ApiRequest(request.method(), decoder.path(),
                match.params(), decoder.parameters(), ByteBufUtil.getBytes(request.content()), account, token,
                address, request.headers()));
            if (result.body() instanceof CompletionStage<?> pending)
            {
                return pending.thenApply(answer -> answer instanceof ApiResponse response
                    ? written(response) : json(result.status(), answer));
            }
            return CompletableFuture.completedFuture(written(result));
        }
        catch (final Exception ex)
        {
            return CompletableFuture.completedFuture(failed(request.method() + " " + request.uri(), ex));
        }
    }

    private static FullHttpResponse written(final ApiResponse response)
    {
        final FullHttpResponse written = json(response.status(), response.body());
        response.headers().forEach((name, value) -> written.headers().add(name, value));
        return written;
    }

    private static String address(final ChannelHandlerContext ctx)
    {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress remote && remote.getAddress() != null
            ? remote.getAddress().getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
    }

    private static FullHttpResponse failed(final String request, final Throwable failure)
    {
        final Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        if (cause instanceof ApiException ex)
        {
            final FullHttpResponse response = error(ex.status(), ex.code(), ex.getMessage());
            ex.headers().forEach((name, value) -> response.headers().add(name, value));
            return response;
        }
        LOG.warn("API {} failed", request, cause);
        return error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error", "the server failed; see its log");
    }

    public static FullHttpResponse error(final HttpResponseStatus status, final String code, final String message)
    {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        return json(status, body);
    }

    public static FullHttpResponse json(final HttpResponseStatus status, final Object body)
    {
        if (body instanceof ApiResponse.Raw raw)
        {
            final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(raw.bytes()));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, raw.contentType());
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, raw.bytes().length);
            return response;
        }
        byte[] bytes;
        try
        {
            bytes = JSON.writeValueAsBytes(body);
        }
        catch (final Exception ex)
        {
            bytes = "{\"error\":\"internal_error\",\"message\":\"cannot encode response\"}".getBytes();
        }
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
            Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return response;
    }
}

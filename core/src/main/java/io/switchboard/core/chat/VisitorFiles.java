package io.switchboard.core.chat;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.buffer.ByteBufUtil;
import io.switchboard.chat.desk.ChatDesk;
import io.switchboard.chat.desk.ChatException;
import io.switchboard.chat.session.ChatSession;
import io.switchboard.chat.store.AppChannel;
import io.switchboard.chat.store.ChatFlowStore;
import io.switchboard.chat.store.WebsiteChannel;
import io.switchboard.core.api.ApiException;
import io.switchboard.core.api.ApiResponse;
import io.switchboard.core.api.HttpApi;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The visitor's side of images and files, over plain HTTP beside the visitor WebSocket and bounded like it, on the
 * API's loop: {@code POST /chat/files?channel=&visitor=&session=&kind=image|file&name=} with the bytes as the body
 * (the page's {@code Origin} must be the channel's site, else 403; an address sends
 * {@value VisitorLimits#UPLOAD_BURST} at once and then one every five seconds, else 429), answered {@code
 * {"type":"ack","id","file"}} once the message is journalled; and {@code GET /chat/files/{fileId}?visitor=&session=},
 * which serves a file of the visitor's own session only (404 for any other, as for none). The widget sends its
 * uploads as text/plain (a simple request: no preflight); the answer names the allowed origin. An app user (its
 * {@code channel=} an app channel) gives its token ({@code token=} or {@code Authorization: Bearer}) instead of
 * {@code visitor=} and no Origin is checked: a bad or expired token is 401.
 */
final class VisitorFiles extends ChannelInboundHandlerAdapter
{
    static final String PATH = "/chat/files";

    private final ChatDesk desk;
    private final ChatFlowStore channels;
    private final ChatFiles files;
    private final VisitorLimits limits;

    VisitorFiles(final ChatDesk desk, final ChatFlowStore channels, final ChatFiles files, final VisitorLimits limits)
    {
        this.desk = desk;
        this.channels = channels;
        this.files = files;
        this.limits = limits;
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object message)
    {
        final String path = message instanceof FullHttpRequest request
            ? new QueryStringDecoder(request.uri()).path() : null;
        if (path == null || !path.equals(PATH) && !path.startsWith(PATH + "/"))
        {
            ctx.fireChannelRead(message);
            return;
        }
        final FullHttpRequest request = (FullHttpRequest)message;
        final boolean keepAlive = HttpUtil.isKeepAlive(request);
        final String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        CompletableFuture<FullHttpResponse> answer;
        try
        {
            answer = handle(ctx, request, path);
        }
        catch (final RuntimeException ex)
        {
            answer = CompletableFuture.failedFuture(ex);
        }
        finally
        {
            request.release();
        }
        answer.whenComplete((response, failure) -> ctx.executor().execute(() ->
            write(ctx, keepAlive, origin, failure == null ? response : failed(failure))));
    }

    private CompletableFuture<FullHttpResponse> handle(final ChannelHandlerContext ctx, final FullHttpRequest request,
        final String path)
    {
        final Map<String, List<String>> query = new QueryStringDecoder(request.uri()).parameters();
        final AppChannel app = channels.appChannelNamed(first(query, "channel"));
        final String visitor = app == null ? first(query, "visitor") : appVisitor(app, request, query);
        final long sessionId = number(first(query, "session"));
        if (request.method().equals(HttpMethod.GET) && path.length() > PATH.length() + 1)
        {
            return files.download(path.substring(PATH.length() + 1), stored -> stored.session() == sessionId
                && stored.visitor().equals(visitor)).thenApply(VisitorFiles::served);
        }
        if (!request.method().equals(HttpMethod.POST) || path.length() != PATH.length())
        {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "not_found", "POST " + PATH + " or GET "
                + PATH + "/{fileId}");
        }
        final WebsiteChannel channel = channels.channelNamed(first(query, "channel"));
        if (app == null && (channel == null || !channel.allows(request.headers().get(HttpHeaderNames.ORIGIN))))
        {
            throw new ApiException(HttpResponseStatus.FORBIDDEN, "forbidden", "this page may not send files to "
                + "the chat of that site");
        }
        if (!limits.upload(address(ctx), System.nanoTime()))
        {
            throw new ApiException(HttpResponseStatus.TOO_MANY_REQUESTS, "too_many", "too many files: wait a moment");
        }
        final ChatSession session;
        try
        {
            session = desk.visitorSession(sessionId, visitor == null ? "" : visitor);
        }
        catch (final ChatException ex)
        {
            throw ChatEndpoints.refusal(ex);
        }
        final byte[] bytes = ByteBufUtil.getBytes(request.content());
        return files.upload(session, bytes, first(query, "kind"), first(query, "name"),
            file -> desk.visitorFile(session.id(), visitor, file)).thenApply(sent ->
            {
                final Map<String, Object> ack = new LinkedHashMap<>();
                ack.put("type", "ack");
                ack.put("id", sent.id());
                ack.put("file", sent.file());
                return HttpApi.json(HttpResponseStatus.OK, ack);
            });
    }

    private static FullHttpResponse served(final ChatFileStore.Loaded loaded)
    {
        if (loaded == null)
        {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_file", "no such file of this chat");
        }
        final FullHttpResponse response = HttpApi.json(HttpResponseStatus.OK,
            new ApiResponse.Raw(loaded.bytes(), loaded.stored().file().type()));
        ChatFiles.headers(loaded.stored().file()).forEach((name, value) -> response.headers().set(name, value));
        return response;
    }

    private static FullHttpResponse failed(final Throwable failure)
    {
        final Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        if (cause instanceof ApiException ex)
        {
            return HttpApi.error(ex.status(), ex.code(), ex.getMessage());
        }
        if (cause instanceof ChatException ex)
        {
            final ApiException refused = ChatEndpoints.refusal(ex);
            return HttpApi.error(refused.status(), refused.code(), refused.getMessage());
        }
        return HttpApi.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "not_saved", "the file could not be saved");
    }

    private void write(final ChannelHandlerContext ctx, final boolean keepAlive, final String origin,
        final FullHttpResponse response)
    {
        if (origin != null)
        {
            // the widget's page reads the answer; the upload itself was checked against the channel's site
            response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.headers().set(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        final var future = ctx.writeAndFlush(response);
        if (!keepAlive)
        {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static String address(final ChannelHandlerContext ctx)
    {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
            ? inet.getAddress().getHostAddress() : "?";
    }

    /** An app user's visitor id, from its token ({@code token=} or {@code Authorization: Bearer}); else 401. */
    private static String appVisitor(final AppChannel app, final FullHttpRequest request,
        final Map<String, List<String>> query)
    {
        final String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        final String token = header != null && header.startsWith("Bearer ") ? header.substring(7).strip()
            : first(query, "token");
        try
        {
            return app.visitorId(AppTokens.verify(app, token, System.currentTimeMillis()).userId());
        }
        catch (final AppTokens.Refused refused)
        {
            throw new ApiException(HttpResponseStatus.UNAUTHORIZED, refused.code(), refused.getMessage());
        }
    }

    private static String first(final Map<String, List<String>> query, final String name)
    {
        final List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static long number(final String text)
    {
        try
        {
            return text == null ? -1 : Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }
}

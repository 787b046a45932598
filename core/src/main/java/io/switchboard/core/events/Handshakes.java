package io.switchboard.core.events;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.nio.charset.StandardCharsets;

/** What the API's WebSocket endpoints (agents' events, chat visitors) share at the upgrade. */
public final class Handshakes
{
    private Handshakes()
    {
    }

    /** Whether the request asks to upgrade {@code path} to a WebSocket. */
    public static boolean isUpgrade(final FullHttpRequest request, final String path)
    {
        return path.equals(new QueryStringDecoder(request.uri()).path())
            && request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    /** Refuses an upgrade with the API's JSON error and closes the connection. */
    public static void refuse(final ChannelHandlerContext ctx, final HttpResponseStatus status, final String error,
        final String message)
    {
        final byte[] body = ("{\"error\":\"" + error + "\",\"message\":\"" + message + "\"}")
            .getBytes(StandardCharsets.UTF_8);
        final DefaultFullHttpResponse refused = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
            Unpooled.wrappedBuffer(body));
        refused.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
            .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        ctx.writeAndFlush(refused).addListener(ChannelFutureListener.CLOSE);
    }
}

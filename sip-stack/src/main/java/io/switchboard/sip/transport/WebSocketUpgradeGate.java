package io.switchboard.sip.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.switchboard.sip.SipCounters;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What an HTTP request must be before it becomes a SIP WebSocket (RFC 7118 §4.1, RFC 6455 §4.2.1, §10.2): a GET
 * upgrade to {@code websocket} on the configured path, asking for the {@code sip} subprotocol, from no browser page
 * or one the server allows (its own host, or an origin in {@link WebSocketOptions#allowedOrigins()}). Anything else is
 * answered with the HTTP status that says why (400, 403, 404, 426) and closed, and counted. An accepted request goes
 * on, unchanged, to Netty's WebSocket handshake, which answers 101 with {@code Sec-WebSocket-Protocol: sip}.
 */
final class WebSocketUpgradeGate extends SimpleChannelInboundHandler<FullHttpRequest>
{
    static final String SUBPROTOCOL = "sip";

    private final WebSocketOptions options;
    private final SipCounters counters;

    WebSocketUpgradeGate(final WebSocketOptions options, final SipCounters counters)
    {
        super(false);
        this.options = options;
        this.counters = counters;
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        final String refusal = refusal(request);
        if (refusal == null)
        {
            ctx.fireChannelRead(request);
            return;
        }
        request.release();
        counters.increment(SipCounters.Id.WEBSOCKET_REFUSED);
        final HttpResponseStatus status = status(refusal);
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
            Unpooled.copiedBuffer(refusal + "\n", StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
            .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
            .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        if (status == HttpResponseStatus.UPGRADE_REQUIRED)
        {
            response.headers().set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET);
        }
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    /** Why the request is refused, or null when it may upgrade. */
    private String refusal(final FullHttpRequest request)
    {
        final String path = request.uri().split("\\?", 2)[0];
        if (!options.path().equals(path))
        {
            return "not found: SIP over WebSocket is at " + options.path();
        }
        if (request.method() != HttpMethod.GET || !request.headers().containsValue(HttpHeaderNames.UPGRADE,
            HttpHeaderValues.WEBSOCKET, true))
        {
            return "upgrade required: this is SIP over WebSocket";
        }
        if (!asksForSip(request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL)))
        {
            return "bad request: the sip subprotocol is required (RFC 7118)";
        }
        final String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (origin != null && !allowed(origin, request.headers().get(HttpHeaderNames.HOST)))
        {
            return "forbidden: origin " + origin + " is not allowed";
        }
        return null;
    }

    private static HttpResponseStatus status(final String refusal)
    {
        if (refusal.startsWith("not found"))
        {
            return HttpResponseStatus.NOT_FOUND;
        }
        if (refusal.startsWith("upgrade"))
        {
            return HttpResponseStatus.UPGRADE_REQUIRED;
        }
        return refusal.startsWith("forbidden") ? HttpResponseStatus.FORBIDDEN : HttpResponseStatus.BAD_REQUEST;
    }

    static boolean asksForSip(final String protocols)
    {
        if (protocols == null)
        {
            return false;
        }
        for (final String protocol : protocols.split(","))
        {
            if (SUBPROTOCOL.equalsIgnoreCase(protocol.trim()))
            {
                return true;
            }
        }
        return false;
    }

    /** A page of the server's own host (any port or scheme), or an origin the configuration allows. */
    private boolean allowed(final String origin, final String host)
    {
        if (options.allowedOrigins().contains("*") || options.allowedOrigins().contains(origin))
        {
            return true;
        }
        try
        {
            final String originHost = URI.create(origin).getHost();
            return originHost != null && host != null && hostOf(originHost).equals(hostOf(host));
        }
        catch (final IllegalArgumentException ex)
        {
            return false;
        }
    }

    /** The host of a Host header ({@code host}, {@code host:port}, {@code [v6]:port}), lower case, no brackets. */
    static String hostOf(final String hostHeader)
    {
        final String value = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("["))
        {
            final int close = value.indexOf(']');
            return close > 0 ? value.substring(1, close) : value;
        }
        final int colon = value.indexOf(':');
        return colon >= 0 && value.indexOf(':', colon + 1) < 0 ? value.substring(0, colon) : value;
    }
}

package io.switchboard.core.events;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code GET /api/events} upgraded to a WebSocket (RFC 6455): the signed-in account's events as JSON text frames.
 * The socket is authenticated at the handshake (a browser cannot set headers on a WebSocket: the session cookie, a
 * bearer header, or {@code ?token=}); anything else passes on to the HTTP API. Frames from the client are only
 * pings and the close.
 */
public final class EventSocket extends ChannelInboundHandlerAdapter
{
    /** Who may listen: an agent (its own events) or an administrator (all); null when the request is not signed in. */
    /** Who opened the socket: its agent (or null) and whether it sees every agent's events (supervisors, admins). */
    public record Listener(String staffNo, boolean admin)
    {
    }

    public static final String PATH = "/api/events";

    private final EventHub hub;
    private final Function<FullHttpRequest, Listener> authenticate;
    private WebSocketServerHandshaker handshaker;

    public EventSocket(final EventHub hub, final Function<FullHttpRequest, Listener> authenticate)
    {
        this.hub = hub;
        this.authenticate = authenticate;
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object message)
    {
        if (message instanceof FullHttpRequest request && Handshakes.isUpgrade(request, PATH))
        {
            try
            {
                upgrade(ctx, request);
            }
            finally
            {
                request.release();
            }
        }
        else if (message instanceof WebSocketFrame frame && handshaker != null)
        {
            // Only this socket's frames: another upgrade on the pipeline (the chat visitors') handles its own.
            frame(ctx, frame);
        }
        else
        {
            ctx.fireChannelRead(message);
        }
    }

    private void upgrade(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        final Listener listener = authenticate.apply(request);
        if (listener == null)
        {
            Handshakes.refuse(ctx, io.netty.handler.codec.http.HttpResponseStatus.UNAUTHORIZED, "unauthorized",
                "sign in first");
            return;
        }
        final String location = "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + PATH;
        handshaker = new WebSocketServerHandshakerFactory(location, null, false).newHandshaker(request);
        if (handshaker == null)
        {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        handshaker.handshake(ctx.channel(), request).addListener(done ->
        {
            if (done.isSuccess())
            {
                hub.subscribe(listener.staffNo(), listener.admin(), ctx.channel());
                final Map<String, Object> hello = new LinkedHashMap<>();
                hello.put("type", "hello");
                hello.put("agent", listener.staffNo());
                hello.put("admin", listener.admin());
                hub.publishTo(ctx.channel(), hello);
            }
        });
    }

    private void frame(final ChannelHandlerContext ctx, final WebSocketFrame frame)
    {
        if (frame instanceof CloseWebSocketFrame close && handshaker != null)
        {
            handshaker.close(ctx.channel(), close.retain());
        }
        else if (frame instanceof PingWebSocketFrame ping)
        {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
        }
        frame.release();
    }
}

package io.switchboard.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.switchboard.chat.desk.ChatDesk;
import io.switchboard.chat.desk.ChatException;
import io.switchboard.chat.session.ChatMessage;
import io.switchboard.chat.session.ChatSession;
import io.switchboard.chat.store.AppChannel;
import io.switchboard.chat.store.ChatFlowStore;
import io.switchboard.chat.store.WebsiteChannel;
import io.switchboard.core.events.Handshakes;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The visitor's side of a chat (the website widget): {@code GET /chat/ws?channel=&visitor=&seen=&name=&page=}
 * upgraded to a WebSocket. Public, but bounded: the page's {@code Origin} must be the channel's site (else 403), an
 * address has at most {@value VisitorLimits#SOCKETS_PER_ADDRESS} sockets (else 429), frames are at most 16 KiB and
 * messages {@value ChatDesk#MAX_TEXT} characters, a widget sends {@value VisitorLimits#BURST} messages at once and
 * then two a second. A visitor without a valid id is given one ({@code hello}); it reaches only its own session,
 * which it gets back on the next page with the messages after the last one it saw ({@code seen}).
 *
 * <p>From the widget: {@code {"type":"text","text","ref"}} (answered {@code ack} with the message's id once
 * journalled, or {@code error} with the {@code ref}), {@code {"type":"survey","level","solved","comment","ref"}}
 * (the answer to its session's survey: {@code survey.ack} or {@code error}) and {@code {"type":"leave"}}. To it:
 * {@code hello}, {@code chat.session} (state, the agent's staff number while served), {@code chat.message}, {@code
 * survey} (the levels and questions; again on reconnecting until answered), {@code ack}, {@code error}.
 * Runs on the API's loop, the desk's owner.
 *
 * <p>With {@code presence=1} (and {@code title}, {@code referrer}) the socket opens no session: the widget keeps it
 * open on every page so that agents see the visitor ({@link VisitorPresence}) and can invite it (an {@code invite}
 * frame; the widget answers {@code accept} or {@code dismiss}, and sends a {@code beacon} every 20 s). A blocked
 * visitor ({@link VisitorBlocks}) gets an {@code error} frame {@code blocked} and the socket closes (1008).
 *
 * <p>On an app channel ({@code channel=} an {@link AppChannel}) there is no Origin to check and no anonymous id: the
 * app gives its user's signed token ({@code token=}, or {@code Authorization: Bearer}; {@link AppTokens}), refused
 * with 401 {@code invalid_token} or {@code token_expired}; the visitor id is then {@code app:<channel>:<user id>},
 * the same on every device, and the nickname the token's. Such a visitor also gets the sessions an agent opened for
 * it while it was away, with the messages after {@code seen}.
 */
public final class VisitorSocket extends ChannelInboundHandlerAdapter
{
    public static final String PATH = "/chat/ws";
    private static final int MAX_FRAME = 16 * 1024;
    private static final int MAX_FIELD = 512;
    private static final String VISITOR_ID = "[A-Za-z0-9_-]{16,64}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ChatDesk desk;
    private final ChatFlowStore channels;
    private final ChatScreens screens;
    private final VisitorLimits limits;
    private final ChatSurveys surveys;
    private final VisitorPresence presence;
    private final VisitorBlocks blocks;
    private WebSocketServerHandshaker handshaker;
    private ChatSession session;
    private String visitor;
    private String address;
    private VisitorLimits.Bucket bucket;

    VisitorSocket(final ChatDesk desk, final ChatFlowStore channels, final ChatScreens screens,
        final VisitorLimits limits, final ChatSurveys surveys, final VisitorPresence presence,
        final VisitorBlocks blocks)
    {
        this.desk = desk;
        this.channels = channels;
        this.screens = screens;
        this.limits = limits;
        this.surveys = surveys;
        this.presence = presence;
        this.blocks = blocks;
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
            try
            {
                frame(ctx, frame);
            }
            finally
            {
                frame.release();
            }
        }
        else
        {
            ctx.fireChannelRead(message);
        }
    }

    private void upgrade(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        final Map<String, List<String>> query = new QueryStringDecoder(request.uri()).parameters();
        final AppChannel app = channels.appChannelNamed(first(query, "channel"));
        final WebsiteChannel channel = app == null ? channels.channelNamed(first(query, "channel")) : null;
        if (app == null && (channel == null || !channel.allows(request.headers().get(HttpHeaderNames.ORIGIN))))
        {
            Handshakes.refuse(ctx, HttpResponseStatus.FORBIDDEN, "forbidden",
                "this page may not open the chat of that site");
            return;
        }
        final AppTokens.User user;
        try
        {
            user = app == null ? null : AppTokens.verify(app, token(request, query), System.currentTimeMillis());
        }
        catch (final AppTokens.Refused refused)
        {
            Handshakes.refuse(ctx, HttpResponseStatus.UNAUTHORIZED, refused.code(), refused.getMessage());
            return;
        }
        address = ctx.channel().remoteAddress() instanceof InetSocketAddress inet
            ? inet.getAddress().getHostAddress() : "?";
        if (!limits.open(address))
        {
            address = null;
            Handshakes.refuse(ctx, HttpResponseStatus.TOO_MANY_REQUESTS, "too_many",
                "too many chats from this address");
            return;
        }
        ctx.channel().closeFuture().addListener(closed -> limits.closed(address));
        final String given = first(query, "visitor");
        visitor = user != null ? app.visitorId(user.userId())
            : given != null && given.matches(VISITOR_ID) ? given : newVisitorId();
        final String location = "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + PATH;
        handshaker = new WebSocketServerHandshakerFactory(location, null, false, MAX_FRAME).newHandshaker(request);
        if (handshaker == null)
        {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        final long seen = number(first(query, "seen"));
        final String name = user != null ? user.name() : clip(first(query, "name"));
        final String[] where = {clip(first(query, "page")), clip(first(query, "title")),
            clip(first(query, "referrer"))};
        final boolean presenceOnly = "1".equals(first(query, "presence"));
        final String channelName = app != null ? app.name() : channel.name();
        handshaker.handshake(ctx.channel(), request).addListener(done ->
        {
            if (done.isSuccess() && admitted(ctx, channelName, where, app == null))
            {
                if (!presenceOnly)
                {
                    opened(ctx, channelName, name, where[0], seen);
                }
            }
        });
    }

    /**
     * Says hello, refuses a blocked visitor (an error frame, then the close), counts the visitor present (spec §12).
     */
    private boolean admitted(final ChannelHandlerContext ctx, final String channel, final String[] where,
        final boolean website)
    {
        bucket = new VisitorLimits.Bucket(System.nanoTime());
        final VisitorBlocks.Block block = blocks.blocking(visitor, address);
        if (block != null)
        {
            refuseBlocked(ctx.channel());
            return false;
        }
        final Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("type", "hello");
        hello.put("visitor", visitor);
        ChatScreens.send(ctx.channel(), hello);
        if (website && presence.opened(visitor, channel, address, ctx.channel(), where))
        {
            ctx.channel().closeFuture().addListener(closed -> presence.closed(visitor, ctx.channel()));
        }
        return true;
    }

    /** A blocked visitor is told so, then its socket closes (policy violation). */
    static void refuseBlocked(final io.netty.channel.Channel socket)
    {
        final Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "error");
        frame.put("error", "blocked");
        frame.put("message", "this visitor may not use the chat");
        ChatScreens.send(socket, frame);
        socket.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.POLICY_VIOLATION, "blocked"))
            .addListener(ChannelFutureListener.CLOSE);
    }

    private void opened(final ChannelHandlerContext ctx, final String channel, final String name, final String page,
        final long seen)
    {
        try
        {
            session = desk.open(channel, visitor, name, page);
        }
        catch (final ChatException ex)
        {
            error(ctx, null, ex.reason().name().toLowerCase(), ex.getMessage());
            ctx.channel().writeAndFlush(new CloseWebSocketFrame()).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        screens.watch(session.id(), ctx.channel());
        presence.chatOn(visitor, ctx.channel());
        ChatScreens.send(ctx.channel(), ChatViews.forVisitor(session));
        for (final ChatMessage message : session.transcript().after(seen))
        {
            ChatScreens.send(ctx.channel(), ChatViews.message(session, message));
        }
        final Map<String, Object> survey = surveys.pending(session.id());
        if (survey != null)
        {
            ChatScreens.send(ctx.channel(), survey);
        }
    }

    private void frame(final ChannelHandlerContext ctx, final WebSocketFrame frame)
    {
        if (frame instanceof CloseWebSocketFrame close)
        {
            handshaker.close(ctx.channel(), close.retain());
        }
        else if (frame instanceof PingWebSocketFrame ping)
        {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
        }
        else if (frame instanceof TextWebSocketFrame text)
        {
            command(ctx, text.text());
        }
    }

    private void command(final ChannelHandlerContext ctx, final String text)
    {
        final JsonNode command;
        try
        {
            command = JSON.readTree(text);
        }
        catch (final Exception ex)
        {
            error(ctx, null, "bad_request", "a frame is one JSON object");
            return;
        }
        final String ref = command.path("ref").isTextual() ? clip(command.get("ref").asText()) : null;
        presence.beacon(visitor, null);
        final String type = command.path("type").asText("");
        try
        {
            if (presenceFrame(ctx, ref, type, command))
            {
                return;
            }
            if (session == null)
            {
                error(ctx, ref, "bad_request", "no chat is open on this socket: " + clip(type));
            }
            else if ("text".equals(type))
            {
                send(ctx, ref, command.path("text").asText(""));
            }
            else if ("survey".equals(type))
            {
                answer(ctx, ref, command);
            }
            else if ("leave".equals(type))
            {
                desk.visitorLeft(session.id(), visitor);
            }
            else
            {
                error(ctx, ref, "bad_request", "unknown frame type: " + clip(type));
            }
        }
        catch (final ChatException ex)
        {
            error(ctx, ref, ex.reason().name().toLowerCase(), ex.getMessage());
        }
    }

    /**
     * The presence frames, on either socket: {@code beacon} (still here; a new page or title), {@code accept} and
     * {@code dismiss} of an invitation. Accepting makes the inviter the visitor's owner: the chat the widget then
     * opens runs the flow as usual and its transfer offers it to the inviter first.
     */
    private boolean presenceFrame(final ChannelHandlerContext ctx, final String ref, final String type,
        final JsonNode command)
    {
        switch (type)
        {
            case "beacon" -> presence.beacon(visitor, new String[] {textOf(command, "page"),
                textOf(command, "title"), null});
            case "accept", "dismiss" ->
            {
                final VisitorPresence.Invitation invitation = presence.answer(visitor,
                    command.path("invite").asLong());
                if (invitation == null)
                {
                    error(ctx, ref, "unknown_invitation", "no such invitation");
                }
                else if ("accept".equals(type))
                {
                    desk.invitedBy(visitor, invitation.staffNo());
                    final Map<String, Object> accepted = new LinkedHashMap<>();
                    accepted.put("type", "invite.accepted");
                    accepted.put("invite", invitation.id());
                    accepted.put("staffNo", invitation.staffNo());
                    ChatScreens.send(ctx.channel(), accepted);
                }
            }
            default ->
            {
                return false;
            }
        }
        return true;
    }

    private static String textOf(final JsonNode command, final String field)
    {
        return command.path(field).isTextual() ? clip(command.get(field).asText()) : null;
    }

    private void send(final ChannelHandlerContext ctx, final String ref, final String text)
    {
        acknowledged(ctx, ref, () -> desk.visitorText(session.id(), visitor, text), "message", message ->
        {
            final Map<String, Object> ack = new LinkedHashMap<>();
            ack.put("type", "ack");
            ack.put("ref", ref);
            ack.put("id", message.id());
            return ack;
        });
    }

    /** The visitor's answer to its session's survey: acknowledged ({@code survey.ack}) once journalled. */
    private void answer(final ChannelHandlerContext ctx, final String ref, final JsonNode command)
    {
        acknowledged(ctx, ref, () -> surveys.answer(session.id(), visitor, command), "answer", answer ->
        {
            final Map<String, Object> ack = new LinkedHashMap<>();
            ack.put("type", "survey.ack");
            ack.put("ref", ref);
            ack.put("level", answer.level());
            return ack;
        });
    }

    /**
     * A command that writes (within the widget's rate), acknowledged once journalled or answered {@code not_saved};
     * a refusal now is thrown to the caller.
     */
    private <T> void acknowledged(final ChannelHandlerContext ctx, final String ref,
        final Supplier<CompletableFuture<T>> command, final String what, final Function<T, Map<String, Object>> ack)
    {
        if (!bucket.take(System.nanoTime()))
        {
            error(ctx, ref, "too_many", "too many messages: wait a moment");
            return;
        }
        command.get().whenComplete((done, failure) ->
        {
            if (failure != null)
            {
                error(ctx, ref, "not_saved", "the " + what + " could not be saved: try again");
                return;
            }
            ChatScreens.send(ctx.channel(), ack.apply(done));
        });
    }

    private static void error(final ChannelHandlerContext ctx, final String ref, final String error,
        final String message)
    {
        final Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "error");
        frame.put("ref", ref);
        frame.put("error", error);
        frame.put("message", message);
        ChatScreens.send(ctx.channel(), frame);
    }

    /** An app user's token: {@code token=} in the query, or {@code Authorization: Bearer} (a native app's). */
    private static String token(final FullHttpRequest request, final Map<String, List<String>> query)
    {
        final String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        return header != null && header.startsWith("Bearer ") ? header.substring(7).strip() : first(query, "token");
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
            return text == null ? 0 : Math.max(0, Long.parseLong(text));
        }
        catch (final NumberFormatException ex)
        {
            return 0;
        }
    }

    private static String clip(final String text)
    {
        return text == null || text.length() <= MAX_FIELD ? text : text.substring(0, MAX_FIELD);
    }

    static String newVisitorId()
    {
        final byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

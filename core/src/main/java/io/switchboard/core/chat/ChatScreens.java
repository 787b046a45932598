package io.switchboard.core.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.switchboard.chat.desk.ChatDelivery;
import io.switchboard.chat.session.ChatMessage;
import io.switchboard.chat.session.ChatSession;
import io.switchboard.chat.session.SessionState;
import io.switchboard.core.events.EventHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * Where the desk's news goes, on the API's loop: to the visitor's open widgets (every tab of its session, over the
 * visitor WebSocket) and to the agents' workbenches through the {@link EventHub} ({@code chat.offer}, {@code
 * chat.withdrawn}, {@code chat.session}, {@code chat.message}: the serving agent's and the administrators' sockets).
 */
final class ChatScreens implements ChatDelivery
{
    private static final Logger LOG = LoggerFactory.getLogger(ChatScreens.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventHub agents;
    private final ToLongFunction<String> acceptTimeoutMillis;
    private final Map<Long, List<Channel>> visitors = new HashMap<>();
    /** Told of each change once both sides were (the surveys sent when a session ends). */
    private Consumer<ChatSession> afterChange = session -> { };
    /** Told of each offer after the workbench (the push notifications to the agent's browsers). */
    private java.util.function.BiConsumer<ChatSession, String> afterOffer = (session, staffNo) -> { };

    /**
     * @param acceptTimeoutMillis a group's accept timeout (0: none), which an offer carries for the workbench's
     *     countdown
     */
    ChatScreens(final EventHub agents, final ToLongFunction<String> acceptTimeoutMillis)
    {
        this.agents = agents;
        this.acceptTimeoutMillis = acceptTimeoutMillis;
    }

    void afterChange(final Consumer<ChatSession> listener)
    {
        afterChange = listener;
    }

    void afterOffer(final java.util.function.BiConsumer<ChatSession, String> listener)
    {
        afterOffer = listener;
    }

    /** A visitor's widget follows its session until the socket closes. */
    void watch(final long sessionId, final Channel channel)
    {
        final List<Channel> list = visitors.computeIfAbsent(sessionId, id -> new ArrayList<>(1));
        list.add(channel);
        channel.closeFuture().addListener(new Unwatch(sessionId, channel));
    }

    @Override
    public void message(final ChatSession session, final ChatMessage message)
    {
        final Map<String, Object> view = ChatViews.message(session, message);
        if (message.recalled())
        {
            // a message shown already is replaced in place: its id is one the screens have
            view.put("type", "chat.recalled");
        }
        toVisitor(session.id(), view);
        if (session.staffNo() != null && session.state().withAgent())
        {
            agents.publish(session.staffNo(), view);
        }
    }

    @Override
    public void changed(final ChatSession session)
    {
        toVisitor(session.id(), ChatViews.forVisitor(session));
        if (session.staffNo() != null)
        {
            agents.publish(session.staffNo(), ChatViews.session(session));
        }
        afterChange.accept(session);
        if (session.state() == SessionState.FINISHED)
        {
            visitors.remove(session.id());
        }
    }

    @Override
    public void offered(final ChatSession session, final String staffNo, final boolean autoAccept)
    {
        final Map<String, Object> view = ChatViews.session(session);
        view.put("type", "chat.offer");
        view.put("autoAccept", autoAccept);
        // the countdown the agent sees: the group's 超时转接 from now (0 when the offer does not time out)
        view.put("acceptSeconds", autoAccept || session.group() == null ? 0
            : acceptTimeoutMillis.applyAsLong(session.group()) / 1000);
        agents.publish(staffNo, view);
        afterOffer.accept(session, staffNo);
    }

    /**
     * A transfer: the new agent gets {@code chat.transferred} with the session (its history it reads through the
     * API, the note and who sent it in the view); the old one gets the same, and drops the session from its list.
     */
    @Override
    public void transferred(final ChatSession session, final String from)
    {
        final Map<String, Object> view = ChatViews.session(session);
        view.put("type", "chat.transferred");
        view.put("from", from);
        agents.publish(session.staffNo(), view);
        if (from != null && !from.equals(session.staffNo()))
        {
            agents.publish(from, view);
        }
    }

    @Override
    public void withdrawn(final ChatSession session, final String staffNo)
    {
        final Map<String, Object> view = new HashMap<>();
        view.put("type", "chat.withdrawn");
        view.put("session", session.id());
        agents.publish(staffNo, view);
    }

    /** One frame to one widget (the replay after a reconnect, an acknowledgement, an error). */
    static void send(final Channel channel, final Map<String, Object> view)
    {
        try
        {
            channel.writeAndFlush(new TextWebSocketFrame(JSON.writeValueAsString(view)));
        }
        catch (final Exception ex)
        {
            LOG.warn("chat frame not encoded: {}", ex.getMessage());
        }
    }

    /** One frame to every widget open on the session. */
    void toVisitor(final long sessionId, final Map<String, Object> view)
    {
        final List<Channel> list = visitors.get(sessionId);
        if (list != null)
        {
            for (final Channel channel : list)
            {
                send(channel, view);
            }
        }
    }

    /** Forgets a widget whose socket closed (on the channel's loop, which is the desk's). */
    private final class Unwatch implements io.netty.channel.ChannelFutureListener
    {
        private final long sessionId;
        private final Channel channel;

        Unwatch(final long sessionId, final Channel channel)
        {
            this.sessionId = sessionId;
            this.channel = channel;
        }

        @Override
        public void operationComplete(final io.netty.channel.ChannelFuture future)
        {
            final List<Channel> list = visitors.get(sessionId);
            if (list != null)
            {
                list.remove(channel);
                if (list.isEmpty())
                {
                    visitors.remove(sessionId);
                }
            }
        }
    }
}

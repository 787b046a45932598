package io.switchboard.core.chat;

import io.switchboard.chat.session.ChatMessage;
import io.switchboard.chat.session.ChatSession;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Sessions and messages as the API, the workbench's events and the visitor's widget show them (JSON maps). */
final class ChatViews
{
    private ChatViews()
    {
    }

    /**
     * {@code {"type":"chat.message","session","id","at","from","staffNo","text"}}, with {@code "kind"} and {@code
     * "file":{"id","kind","name","size","type"}} for an image or a file, {@code "recalled":true} for a recalled one.
     */
    static Map<String, Object> message(final ChatSession session, final ChatMessage message)
    {
        final Map<String, Object> view = new LinkedHashMap<>();
        view.put("type", "chat.message");
        view.put("session", session.id());
        view.put("id", message.id());
        view.put("at", message.atMillis());
        view.put("from", message.sender().name().toLowerCase(Locale.ROOT));
        view.put("staffNo", message.staffNo());
        view.put("text", message.text());
        if (message.file() != null)
        {
            view.put("kind", message.file().kind());
            view.put("file", message.file());
        }
        if (message.recalled())
        {
            view.put("recalled", true);
        }
        return view;
    }

    /** The session as its agent sees it: visitor, channel, group, state, times, how many messages. */
    static Map<String, Object> session(final ChatSession session)
    {
        final Map<String, Object> view = new LinkedHashMap<>();
        view.put("type", "chat.session");
        view.put("session", session.id());
        view.put("state", state(session));
        view.put("channel", session.channel());
        view.put("visitor", session.visitorId());
        view.put("name", session.visitorName());
        view.put("page", session.sourcePage());
        view.put("group", session.group());
        view.put("staffNo", session.staffNo());
        view.put("createdAt", session.createdAtMillis());
        view.put("servedAt", session.servedAtMillis() == 0 ? null : session.servedAtMillis());
        view.put("endedAt", session.endedAtMillis() == 0 ? null : session.endedAtMillis());
        view.put("reason", session.endReason());
        view.put("messages", session.transcript().size());
        view.put("servedBy", session.servedBy());
        view.put("transferredBy", session.transferredBy());
        view.put("transferNote", session.transferNote());
        view.put("queuedAt", session.queuedAtMillis() == 0 ? null : session.queuedAtMillis());
        view.put("userId", io.switchboard.chat.store.AppChannel.userIdOf(session.visitorId()));
        view.put("openedBy", session.openedBy());
        return view;
    }

    /** What the visitor is told of its session: no more than its state and the agent's staff number. */
    static Map<String, Object> forVisitor(final ChatSession session)
    {
        final Map<String, Object> view = new LinkedHashMap<>();
        view.put("type", "chat.session");
        view.put("session", session.id());
        view.put("state", state(session));
        view.put("staffNo", session.state().served() ? session.staffNo() : null);
        return view;
    }

    static String state(final ChatSession session)
    {
        return session.state().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

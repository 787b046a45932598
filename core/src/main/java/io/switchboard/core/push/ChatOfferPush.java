package io.switchboard.core.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.chat.session.ChatMessage;
import io.switchboard.chat.session.ChatSession;
import io.switchboard.chat.session.Sender;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The push message of a chat offered to an agent, what the workbench's service worker shows while the page is in the
 * background: {@code {"type":"chat-offer","session","channel","visitor","text","group"}}, {@code visitor} the name
 * the visitor gave (or the end of its id), {@code text} the start of its last message, whitespace folded, at most
 * {@value #TEXT} characters (the notification's body; the whole message is in the workbench).
 */
final class ChatOfferPush
{
    static final int TEXT = 120;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatOfferPush()
    {
    }

    static byte[] payload(final ChatSession session)
    {
        final Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "chat-offer");
        message.put("session", session.id());
        message.put("channel", session.channel());
        message.put("visitor", visitor(session));
        message.put("text", lastWords(session));
        message.put("group", session.group());
        try
        {
            return JSON.writeValueAsBytes(message);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("a chat offer's push message", ex);
        }
    }

    private static String visitor(final ChatSession session)
    {
        final String name = session.visitorName();
        if (name != null && !name.isBlank())
        {
            return cut(name.strip(), 60);
        }
        final String id = session.visitorId() == null ? "" : session.visitorId();
        return id.length() > 6 ? "…" + id.substring(id.length() - 6) : id;
    }

    private static String lastWords(final ChatSession session)
    {
        final List<ChatMessage> messages = session.transcript().all();
        for (int i = messages.size() - 1; i >= 0; i--)
        {
            final ChatMessage message = messages.get(i);
            if (message.sender() == Sender.VISITOR && !message.recalled() && message.text() != null
                && !message.text().isBlank())
            {
                return cut(message.text().strip().replaceAll("\\s+", " "), TEXT);
            }
        }
        return "";
    }

    /** At most {@code limit} characters, never half a surrogate pair, with an ellipsis when cut. */
    private static String cut(final String text, final int limit)
    {
        if (text.codePointCount(0, text.length()) <= limit)
        {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, limit - 1)) + "…";
    }
}

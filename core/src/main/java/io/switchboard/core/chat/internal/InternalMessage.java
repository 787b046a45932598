package io.switchboard.core.chat.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One message of an internal chat between two agents.
 *
 * @param id         its place in the conversation (1, 2, ...), in the order the server took them
 * @param from       the sending agent's staff number
 * @param to         the receiving agent's staff number
 * @param atMillis   the server's time when it took the message
 * @param text       the text (may be empty when an attachment is the message)
 * @param attachment a stored file's reference (an image): none yet, the hook for the chats' files work
 */
public record InternalMessage(long id, String from, String to, long atMillis, String text, String attachment)
{
    /** The message as the API and the events show it ({@code type} {@code internal.message}). */
    public Map<String, Object> view()
    {
        final Map<String, Object> view = new LinkedHashMap<>();
        view.put("type", InternalChatJournal.MESSAGE);
        view.put("id", id);
        view.put("from", from);
        view.put("to", to);
        view.put("at", atMillis);
        view.put("text", text);
        if (attachment != null)
        {
            view.put("attachment", attachment);
        }
        return view;
    }

    /** The other agent of the conversation, seen from {@code staffNo}. */
    public String peerOf(final String staffNo)
    {
        return from.equals(staffNo) ? to : from;
    }
}

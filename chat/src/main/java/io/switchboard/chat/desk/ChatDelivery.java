package io.switchboard.chat.desk;

import io.switchboard.chat.session.ChatMessage;
import io.switchboard.chat.session.ChatSession;

/**
 * Where the desk sends what the visitor's widget and the agents' workbenches show: called on the desk's owner thread,
 * each message only once it is journalled, in the session's order.
 */
public interface ChatDelivery
{
    /** A message of the session, for its visitor and for the agent serving it. */
    void message(ChatSession session, ChatMessage message);

    /** The session's state or agent changed. */
    void changed(ChatSession session);

    /** The session is offered to an agent: to accept within the group's timeout, or opened at once. */
    void offered(ChatSession session, String staffNo, boolean autoAccept);

    /** The session went from agent {@code from} to its new agent (a transfer): both agents' screens follow. */
    void transferred(ChatSession session, String from);

    /** The offer to that agent was taken back (its accept timeout passed). */
    void withdrawn(ChatSession session, String staffNo);
}

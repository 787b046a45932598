package io.switchboard.chat.desk;

import io.switchboard.chat.session.ChatMessage;
import io.switchboard.chat.session.ChatSession;
import io.switchboard.chat.session.Sender;

import java.util.concurrent.CompletableFuture;

/**
 * An agent recalling (撤回) one of its own messages within {@value #WINDOW_MILLIS} ms of sending it, by the desk's
 * clock, on the desk's owner thread. The recall is journalled like a message, and only once written is the message
 * replaced in the transcript by its recalled form (same id, same place) and shown to both sides: a recall crossing a
 * reply changes neither's id nor their order, since a recall never adds a message.
 */
final class ChatRecalls
{
    /** How long after sending an agent may recall a message. */
    static final long WINDOW_MILLIS = 120_000;

    private final ChatDesk desk;

    ChatRecalls(final ChatDesk desk)
    {
        this.desk = desk;
    }

    CompletableFuture<ChatMessage> recall(final LiveSession running, final String staffNo, final long messageId)
    {
        final ChatSession session = running.session();
        final ChatMessage message = session.transcript().get(messageId);
        if (message == null)
        {
            throw new ChatException(ChatException.Reason.INVALID, "session " + session.id() + " has no message "
                + messageId);
        }
        if (message.sender() != Sender.AGENT || !staffNo.equals(message.staffNo()))
        {
            throw new ChatException(ChatException.Reason.NOT_YOURS, "an agent recalls its own messages only");
        }
        if (message.recalled())
        {
            throw new ChatException(ChatException.Reason.WRONG_STATE, "message " + messageId + " is recalled already");
        }
        if (desk.now() - message.atMillis() > WINDOW_MILLIS)
        {
            throw new ChatException(ChatException.Reason.TOO_LATE, "a message is recalled within "
                + WINDOW_MILLIS / 60_000 + " minutes of sending it");
        }
        final CompletableFuture<ChatMessage> result = new CompletableFuture<>();
        desk.journal().recalled(session, message.recall()).whenCompleteAsync((written, failed) ->
        {
            if (failed != null)
            {
                result.completeExceptionally(failed);
                return;
            }
            final ChatMessage current = session.transcript().get(messageId);
            if (current.recalled())
            {
                // two recalls of the same message crossed: the first one wins, the second is told
                result.completeExceptionally(new ChatException(ChatException.Reason.WRONG_STATE,
                    "message " + messageId + " is recalled already"));
                return;
            }
            final ChatMessage recalled = session.transcript().recall(messageId);
            desk.delivery().message(session, recalled);
            result.complete(recalled);
        }, desk.owner());
        return result;
    }
}

package io.switchboard.chat.desk;

import io.switchboard.chat.session.ChatMessage;
import io.switchboard.chat.session.ChatSession;

import java.util.concurrent.CompletableFuture;

/**
 * The durable record of sessions: the desk writes here before it acknowledges or delivers anything. The futures may
 * complete on any thread; the desk takes their results back to its owner thread, in the order it appended.
 */
public interface ChatJournal
{
    /** A session was opened (its id, channel, visitor). */
    CompletableFuture<?> opened(ChatSession session);

    /** A message of the session. */
    CompletableFuture<?> message(ChatSession session, ChatMessage message);

    /** The session changed state (its group, agent and times as they are now). */
    CompletableFuture<?> changed(ChatSession session);

    /** The session's flow waits at {@code nodeId} (a branch or a transfer): where a restart resumes it. */
    default CompletableFuture<?> node(final ChatSession session, final String nodeId)
    {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * A message of the session was recalled ({@code message} is its recalled form, with its id). The default writes
     * nothing (a journal that keeps no messages); the server's journal records it.
     */
    default CompletableFuture<?> recalled(final ChatSession session, final ChatMessage message)
    {
        return CompletableFuture.completedFuture(null);
    }
}

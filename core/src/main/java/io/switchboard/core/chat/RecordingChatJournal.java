package io.switchboard.core.chat;

import io.switchboard.chat.desk.ChatJournal;
import io.switchboard.chat.session.ChatMessage;
import io.switchboard.chat.session.ChatSession;
import io.switchboard.core.records.ServiceRecord;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The chat journal that also makes a session's service record when it ends ({@link ChatRecords#ended}). The record is
 * made on the desk's loop once the ending state entry is written: the journal completes its entries in the order
 * appended, and the desk adds each message to the transcript on its loop when the message's entry is written, so
 * by then every message written before the end (the flow's end or timeout message) is in the transcript. The record
 * then goes the way a call's does (journalled, then shown). The journal's replay never makes records again: they
 * come back from their own {@code record} entries.
 */
final class RecordingChatJournal implements ChatJournal
{
    private final ChatJournal entries;
    private final Executor owner;
    private final Consumer<ServiceRecord> recordEnded;

    RecordingChatJournal(final ChatJournal entries, final Executor owner, final Consumer<ServiceRecord> recordEnded)
    {
        this.entries = entries;
        this.owner = owner;
        this.recordEnded = recordEnded;
    }

    @Override
    public CompletableFuture<?> opened(final ChatSession session)
    {
        return entries.opened(session);
    }

    @Override
    public CompletableFuture<?> message(final ChatSession session, final ChatMessage message)
    {
        return entries.message(session, message);
    }

    @Override
    public CompletableFuture<?> node(final ChatSession session, final String nodeId)
    {
        return entries.node(session, nodeId);
    }

    @Override
    public CompletableFuture<?> recalled(final ChatSession session, final ChatMessage message)
    {
        return entries.recalled(session, message);
    }

    @Override
    public CompletableFuture<?> changed(final ChatSession session)
    {
        final CompletableFuture<?> written = entries.changed(session);
        if (ChatRecords.ended(session))
        {
            // Even if the state entry failed: a call's record is kept (and shown) whatever became of its entries.
            written.whenCompleteAsync((position, failure) -> recordEnded.accept(ChatRecords.of(session)), owner);
        }
        return written;
    }
}

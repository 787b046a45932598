package io.switchboard.core.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.chat.desk.ChatJournal;
import io.switchboard.chat.session.ChatMessage;
import io.switchboard.chat.session.ChatSession;
import io.switchboard.core.journal.Journal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The chat desk's entries in the server's journal: {@code chat.opened} (session, channel, visitor, name, page, time),
 * {@code chat.message} (session, time, sender, staff number, text; its id is its place among the session's messages
 * in journal order; an image's or file's upload too), {@code chat.recalled} (session, message id, staff number) and
 * {@code chat.state} (session, state, reason, group, agent and the session's times).
 */
public final class ChatJournalEntries implements ChatJournal
{
    public static final String OPENED = "chat.opened";
    public static final String MESSAGE = "chat.message";
    public static final String STATE = "chat.state";
    public static final String RECALLED = "chat.recalled";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Journal journal;

    public ChatJournalEntries(final Journal journal)
    {
        this.journal = journal;
    }

    @Override
    public CompletableFuture<?> opened(final ChatSession session)
    {
        final Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("session", session.id());
        entry.put("channel", session.channel());
        entry.put("visitor", session.visitorId());
        entry.put("name", session.visitorName());
        entry.put("page", session.sourcePage());
        entry.put("at", session.createdAtMillis());
        return append(OPENED, entry);
    }

    @Override
    public CompletableFuture<?> message(final ChatSession session, final ChatMessage message)
    {
        final Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("session", session.id());
        entry.put("at", message.atMillis());
        entry.put("from", message.sender().name().toLowerCase());
        entry.put("staffNo", message.staffNo());
        entry.put("text", message.text());
        if (message.file() != null)
        {
            entry.put("file", message.file());
        }
        return append(MESSAGE, entry);
    }

    @Override
    public CompletableFuture<?> recalled(final ChatSession session, final ChatMessage message)
    {
        final Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("session", session.id());
        entry.put("id", message.id());
        entry.put("staffNo", message.staffNo());
        return append(RECALLED, entry);
    }

    @Override
    public CompletableFuture<?> changed(final ChatSession session)
    {
        final Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("session", session.id());
        entry.put("state", session.state().name().toLowerCase());
        entry.put("group", session.group());
        entry.put("staffNo", session.staffNo());
        entry.put("queuedAt", session.queuedAtMillis());
        entry.put("servedAt", session.servedAtMillis());
        entry.put("firstResponseAt", session.firstResponseAtMillis());
        entry.put("endedAt", session.endedAtMillis());
        entry.put("finishedAt", session.finishedAtMillis());
        entry.put("reason", session.endReason());
        if (session.transferredBy() != null)
        {
            entry.put("servedBy", session.servedBy());
            entry.put("transferredBy", session.transferredBy());
            entry.put("transferNote", session.transferNote());
        }
        return append(STATE, entry);
    }

    private CompletableFuture<?> append(final String type, final Map<String, Object> entry)
    {
        try
        {
            return journal.append(type, JSON.writeValueAsBytes(entry));
        }
        catch (final Exception ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
    }
}

package io.switchboard.core.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.chat.desk.ChatJournal;
import io.switchboard.chat.desk.ChatReplay;
import io.switchboard.chat.session.Sender;
import io.switchboard.chat.session.SessionState;
import io.switchboard.chat.session.ChatMessage;
import io.switchboard.chat.session.ChatSession;
import io.switchboard.core.journal.Journal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The chat desk's entries in the server's journal: {@code chat.opened} (session, channel, visitor, name, page, time;
 * {@code openedBy}, the agent, for a session an agent opened with an app user),
 * {@code chat.message} (session, time, sender, staff number, text; its id is its place among the session's messages
 * in journal order), {@code chat.state} (session, state, reason, group, agent and the session's times; with
 * {@code servedBy}, {@code transferredBy} and {@code transferNote} once transferred), {@code chat.node} (session,
 * node: where its flow waits) and {@code chat.recalled} (session, message id, staff number). At start {@link #apply}
 * reads them back into a {@link ChatReplay}, which rebuilds the sessions still live.
 */
public final class ChatJournalEntries implements ChatJournal
{
    public static final String OPENED = "chat.opened";
    public static final String MESSAGE = "chat.message";
    public static final String STATE = "chat.state";
    public static final String NODE = "chat.node";
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
        if (session.openedBy() != null)
        {
            entry.put("openedBy", session.openedBy());
        }
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

    @Override
    public CompletableFuture<?> node(final ChatSession session, final String nodeId)
    {
        final Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("session", session.id());
        entry.put("node", nodeId);
        return append(NODE, entry);
    }

    /** Applies one of the desk's entries (at replay, in journal order) to the sessions being rebuilt. */
    public static void apply(final String type, final byte[] json, final ChatReplay replay) throws IOException
    {
        final JsonNode entry = JSON.readTree(json);
        final long id = entry.path("session").asLong();
        switch (type)
        {
            case OPENED ->
            {
                replay.opened(id, entry.path("channel").asText(), entry.path("visitor").asText(),
                    text(entry, "name"), text(entry, "page"), entry.path("at").asLong());
                if (entry.hasNonNull("openedBy"))
                {
                    replay.openedBy(id, entry.get("openedBy").asText());
                }
            }
            case MESSAGE -> replay.message(id, entry.path("at").asLong(),
                Sender.valueOf(entry.path("from").asText().toUpperCase(Locale.ROOT)), text(entry, "staffNo"),
                entry.path("text").asText(), entry.hasNonNull("file")
                    ? JSON.treeToValue(entry.get("file"), io.switchboard.chat.session.ChatFile.class) : null);
            case RECALLED -> replay.recalled(id, entry.path("id").asLong());
            case STATE -> replay.changed(id, state(entry));
            case NODE -> replay.node(id, text(entry, "node"));
            default -> throw new IllegalArgumentException("not a chat entry: " + type);
        }
    }

    private static ChatSession.Restored state(final JsonNode entry)
    {
        List<String> servedBy = null;
        if (entry.has("servedBy"))
        {
            servedBy = new ArrayList<>();
            for (final JsonNode agent : entry.get("servedBy"))
            {
                servedBy.add(agent.asText());
            }
        }
        return new ChatSession.Restored(
            SessionState.valueOf(entry.path("state").asText().toUpperCase(Locale.ROOT).replace('-', '_')),
            text(entry, "group"), text(entry, "staffNo"), entry.path("queuedAt").asLong(),
            entry.path("servedAt").asLong(), entry.path("firstResponseAt").asLong(), entry.path("endedAt").asLong(),
            entry.path("finishedAt").asLong(), text(entry, "reason"), servedBy, text(entry, "transferredBy"),
            text(entry, "transferNote"));
    }

    private static String text(final JsonNode entry, final String field)
    {
        final JsonNode value = entry.get(field);
        return value == null || value.isNull() ? null : value.asText();
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

package io.switchboard.core.chat.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.core.journal.Journal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Internal chats' entries in the server's journal, written before the API answers: {@code internal.message} (id,
 * from, to, time, text, attachment), {@code internal.read} (agent, peer, up to which id it read) and
 * {@code internal.hidden} (agent, peer, up to which id it hid the conversation). Replayed at start in the order
 * written, they give back every conversation with its ids, read markers and hidden sides.
 */
public final class InternalChatJournal
{
    public static final String MESSAGE = "internal.message";
    public static final String READ = "internal.read";
    public static final String HIDDEN = "internal.hidden";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Journal journal;

    InternalChatJournal(final Journal journal)
    {
        this.journal = journal;
    }

    CompletableFuture<Long> message(final InternalMessage message)
    {
        final Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", message.id());
        entry.put("from", message.from());
        entry.put("to", message.to());
        entry.put("at", message.atMillis());
        entry.put("text", message.text());
        if (message.attachment() != null)
        {
            entry.put("attachment", message.attachment());
        }
        return append(MESSAGE, entry);
    }

    /** {@code internal.read} or {@code internal.hidden}: {@code staffNo}'s marker in its conversation with peer. */
    CompletableFuture<Long> marker(final String type, final String staffNo, final String peer, final long upTo)
    {
        final Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("agent", staffNo);
        entry.put("peer", peer);
        entry.put("upTo", upTo);
        return append(type, entry);
    }

    /** One replayed entry of this class's types, applied as the live path applies it. */
    public static void replayed(final InternalChats chats, final String type, final byte[] json) throws IOException
    {
        final JsonNode entry = JSON.readTree(json);
        switch (type)
        {
            case MESSAGE ->
            {
                final String from = entry.path("from").asText();
                final String to = entry.path("to").asText();
                final JsonNode attachment = entry.get("attachment");
                chats.of(from, to).add(new InternalMessage(entry.path("id").asLong(), from, to,
                    entry.path("at").asLong(), entry.path("text").asText(),
                    attachment == null || attachment.isNull() ? null : attachment.asText()));
            }
            case READ -> chats.of(entry.path("agent").asText(), entry.path("peer").asText())
                .read(entry.path("agent").asText(), entry.path("upTo").asLong());
            case HIDDEN -> InternalChatService.hide(chats.of(entry.path("agent").asText(),
                entry.path("peer").asText()), entry.path("agent").asText(), entry.path("upTo").asLong());
            default -> throw new IOException("not an internal chat entry: " + type);
        }
    }

    private CompletableFuture<Long> append(final String type, final Map<String, Object> entry)
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

package io.switchboard.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.core.journal.Journal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The visitors an administrator blocked (spec §12, 003 Q7), by visitor id or by address, with a reason: journalled
 * ({@code visitor.blocked}, {@code visitor.unblocked}) before the API answers, so a block survives a restart; rebuilt
 * by the journal's replay, then owned by the API's loop. A blocked visitor's widget socket is refused.
 */
public final class VisitorBlocks
{
    public static final String BLOCKED = "visitor.blocked";
    public static final String UNBLOCKED = "visitor.unblocked";
    /** The most blocks kept (a bound on what a mistaken script could add). */
    public static final int MAX_BLOCKS = 100_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One block: {@code kind} is "visitorId" or "address". */
    public record Block(String kind, String value, String reason, String by, long atMillis)
    {
        Map<String, Object> view()
        {
            final Map<String, Object> row = new LinkedHashMap<>();
            row.put(kind, value);
            row.put("reason", reason);
            row.put("by", by);
            row.put("at", atMillis);
            return row;
        }
    }

    private final Map<String, Block> blocks = new LinkedHashMap<>();

    private static String key(final String kind, final String value)
    {
        return kind + ":" + value;
    }

    /** The block refusing this visitor id or address, or null. */
    public Block blocking(final String visitorId, final String address)
    {
        final Block byId = visitorId == null ? null : blocks.get(key("visitorId", visitorId));
        return byId != null || address == null ? byId : blocks.get(key("address", address));
    }

    public boolean full()
    {
        return blocks.size() >= MAX_BLOCKS;
    }

    public List<Map<String, Object>> list()
    {
        final List<Map<String, Object>> rows = new ArrayList<>(blocks.size());
        blocks.values().forEach(block -> rows.add(block.view()));
        return rows;
    }

    /** Blocks now (on the loop); the future completes once the entry is journalled. */
    CompletableFuture<Long> block(final Journal journal, final Block block)
    {
        blocks.put(key(block.kind(), block.value()), block);
        final Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("kind", block.kind());
        entry.put("value", block.value());
        entry.put("reason", block.reason());
        entry.put("by", block.by());
        entry.put("at", block.atMillis());
        return append(journal, BLOCKED, entry);
    }

    /** Unblocks now; null when there was no such block, else the future of its journal entry. */
    CompletableFuture<Long> unblock(final Journal journal, final String kind, final String value)
    {
        if (blocks.remove(key(kind, value)) == null)
        {
            return null;
        }
        return append(journal, UNBLOCKED, Map.of("kind", kind, "value", value));
    }

    private static CompletableFuture<Long> append(final Journal journal, final String type,
        final Map<String, Object> entry)
    {
        try
        {
            return journal.append(type, JSON.writeValueAsBytes(entry));
        }
        catch (final IOException ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
    }

    /** A replayed entry of this class's types, applied as the live path applies it (at start). */
    public void replayed(final String type, final byte[] json) throws IOException
    {
        final JsonNode entry = JSON.readTree(json);
        final String kind = entry.path("kind").asText();
        final String value = entry.path("value").asText();
        if (BLOCKED.equals(type))
        {
            blocks.put(key(kind, value), new Block(kind, value, entry.path("reason").asText(null),
                entry.path("by").asText(null), entry.path("at").asLong()));
        }
        else
        {
            blocks.remove(key(kind, value));
        }
    }
}

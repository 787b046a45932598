package io.switchboard.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ivr.flow.Flow;
import io.switchboard.ivr.store.FlowStore;
import io.switchboard.ivr.store.NumberDirection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The journal's entries for the flows and numbers changed through the API: {@code flow.saved} ({@code name} and
 * the {@code flow} as received), {@code flow.deleted}, {@code flow.published}, {@code flow.unpublished}
 * ({@code name}) and {@code number.bound} ({@code number}, {@code direction}, {@code flow} or null). At start they
 * are applied in the order written onto the store loaded from the flows directory and the configuration; an entry
 * that no longer applies (a flow whose audio is gone cannot be published again) is skipped with a warning.
 */
public final class FlowJournal
{
    public static final String SAVED = "flow.saved";
    public static final String DELETED = "flow.deleted";
    public static final String PUBLISHED = "flow.published";
    public static final String UNPUBLISHED = "flow.unpublished";
    public static final String NUMBER_BOUND = "number.bound";

    /** One entry read from the journal, kept until the flows are loaded. */
    public record Entry(String type, byte[] json)
    {
    }

    private static final Logger LOG = LoggerFactory.getLogger(FlowJournal.class);

    private FlowJournal()
    {
    }

    /** Whether a journal entry of this type is one of these. */
    public static boolean handles(final String type)
    {
        return SAVED.equals(type) || DELETED.equals(type) || PUBLISHED.equals(type) || UNPUBLISHED.equals(type)
            || NUMBER_BOUND.equals(type);
    }

    static byte[] saved(final String name, final JsonNode flow) throws IOException
    {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("flow", flow);
        return HttpApi.JSON.writeValueAsBytes(json);
    }

    static byte[] named(final String name) throws IOException
    {
        return HttpApi.JSON.writeValueAsBytes(Map.of("name", name));
    }

    static byte[] bound(final String number, final NumberDirection direction, final String flow) throws IOException
    {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("number", number);
        json.put("direction", direction.name().toLowerCase(Locale.ROOT));
        json.put("flow", flow);
        return HttpApi.JSON.writeValueAsBytes(json);
    }

    /** Applies the entries in order; returns how many were skipped (each logged). */
    public static int replay(final FlowStore store, final List<Entry> entries)
    {
        int skipped = 0;
        for (final Entry entry : entries)
        {
            try
            {
                apply(store, entry.type(), HttpApi.JSON.readTree(entry.json()));
            }
            catch (final IOException | RuntimeException ex)
            {
                skipped++;
                LOG.warn("journal: {} {} no longer applies, skipped: {}", entry.type(),
                    new String(entry.json(), java.nio.charset.StandardCharsets.UTF_8), ex.getMessage());
            }
        }
        return skipped;
    }

    private static void apply(final FlowStore store, final String type, final JsonNode json) throws IOException
    {
        final String name = json.path("name").asText(null);
        switch (type)
        {
            case SAVED -> store.save(HttpApi.JSON.treeToValue(json.get("flow"), Flow.class));
            case DELETED -> store.delete(name);
            case PUBLISHED -> store.publish(name);
            case UNPUBLISHED -> store.unpublish(name);
            case NUMBER_BOUND -> store.numberBoundTo(json.path("number").asText(null),
                NumberDirection.valueOf(json.path("direction").asText().toUpperCase(Locale.ROOT)),
                json.hasNonNull("flow") ? json.get("flow").asText() : null);
            default -> throw new IllegalArgumentException("not a flow entry");
        }
    }
}

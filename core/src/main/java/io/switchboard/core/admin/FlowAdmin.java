package io.switchboard.core.admin;

import io.switchboard.core.journal.Journal;
import io.switchboard.ivr.store.FlowStore;
import io.switchboard.ivr.store.FlowStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The one path of a change to the voice flows and numbers: the {@link FlowEvent} is checked against the store as it
 * is, appended to the journal, and only once written applied by the same {@link FlowEvent#apply} the replay uses;
 * then the numbers' flows are handed on ({@code published}). A journal that fails leaves nothing to undo. Changes
 * are made one after the other (each is checked once the one before is applied), so that no two pass their checks
 * against the same state (a flow unpublished while a number is being bound to it).
 * <p>
 * Not thread-safe: owned by the HTTP API's event loop ({@code owner}), like the store.
 */
public final class FlowAdmin
{
    private static final Logger LOG = LoggerFactory.getLogger(FlowAdmin.class);

    private final FlowStore store;
    private final Journal journal;
    private final Executor owner;
    private final Runnable published;
    /** The last change asked for. */
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

    public FlowAdmin(final FlowStore store, final Journal journal, final Executor owner, final Runnable published)
    {
        this.store = store;
        this.journal = journal;
        this.owner = owner;
        this.published = published;
    }

    /**
     * Commits the change after those asked for before it. The future fails with the store's
     * {@link FlowStoreException} when refused (nothing journalled), or an {@link IllegalStateException} when the
     * journal did not take it (nothing changed).
     */
    public CompletableFuture<FlowEvent> commit(final FlowEvent event)
    {
        final CompletableFuture<FlowEvent> committed = tail.handleAsync((earlier, failure) -> event, owner)
            .thenCompose(this::journalled);
        tail = committed;
        return committed;
    }

    private CompletableFuture<FlowEvent> journalled(final FlowEvent event)
    {
        try
        {
            event.check(store);
        }
        catch (final FlowStoreException | IllegalArgumentException ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
        return journal.append(event.type(), AdminChanges.json(event)).handleAsync((position, failure) ->
        {
            if (failure != null)
            {
                LOG.error("journal: {} not written; nothing changed", event.type(), failure);
                throw new IllegalStateException("the change could not be saved: " + failure.getMessage(), failure);
            }
            event.apply(store);
            published.run();
            return event;
        }, owner);
    }

    /** Applies the journal's entries in order at start; returns how many no longer applied (each logged). */
    public static int replay(final FlowStore store, final List<Entry> entries)
    {
        int skipped = 0;
        for (final Entry entry : entries)
        {
            try
            {
                FlowEvent.read(entry.type(), entry.json()).apply(store);
            }
            catch (final RuntimeException ex)
            {
                skipped++;
                LOG.warn("journal: {} {} no longer applies, skipped: {}", entry.type(),
                    new String(entry.json(), java.nio.charset.StandardCharsets.UTF_8), ex.getMessage());
            }
        }
        return skipped;
    }

    /** One entry read from the journal, kept until the flows are loaded (they need the audio and the agents). */
    public record Entry(String type, byte[] json)
    {
    }
}

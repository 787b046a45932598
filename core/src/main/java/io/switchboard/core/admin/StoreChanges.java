package io.switchboard.core.admin;

import io.switchboard.core.journal.Journal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;

/**
 * The one path of a change to an administered store: the {@link StoreChange} is checked against the store as it is,
 * appended to the journal, and only once written applied by the same {@link StoreChange#apply} the replay uses;
 * then {@code published} hands the result on. A journal that fails leaves nothing to undo. Changes are made one
 * after the other (each is checked once the one before is applied), so that no two pass their checks against the
 * same state (a flow unpublished while a number or a channel is being bound to it).
 * <p>
 * Not thread-safe: owned by the HTTP API's event loop ({@code owner}), like the store.
 *
 * @param <S> the store
 * @param <E> its changes
 */
public class StoreChanges<S, E extends StoreChange<S>>
{
    private static final Logger LOG = LoggerFactory.getLogger(StoreChanges.class);

    private final S store;
    private final Journal journal;
    private final Executor owner;
    private final Runnable published;
    /** The last change asked for. */
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

    public StoreChanges(final S store, final Journal journal, final Executor owner, final Runnable published)
    {
        this.store = store;
        this.journal = journal;
        this.owner = owner;
        this.published = published;
    }

    /**
     * Commits the change after those asked for before it. The future fails with the store's exception when refused
     * (nothing journalled), or an {@link IllegalStateException} when the journal did not take it (nothing changed).
     */
    public CompletableFuture<E> commit(final E event)
    {
        final CompletableFuture<E> committed = tail.handleAsync((earlier, failure) -> event, owner)
            .thenCompose(this::journalled);
        tail = committed;
        return committed;
    }

    /**
     * Applies a change that another path has already journalled (a group's rename, which the flows follow), after
     * the changes asked for before it, then hands the result on.
     */
    public CompletableFuture<E> follow(final E event)
    {
        final CompletableFuture<E> applied = tail.handleAsync((earlier, failure) ->
        {
            event.apply(store);
            published.run();
            return event;
        }, owner);
        tail = applied;
        return applied;
    }

    private CompletableFuture<E> journalled(final E event)
    {
        try
        {
            event.check(store);
        }
        catch (final RuntimeException ex)
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

    /**
     * Applies journal entries in order at start, each read by {@code reader} from its type and JSON; returns how
     * many no longer applied (each logged).
     */
    public static <S> int replay(final S store, final List<Entry> entries,
        final BiFunction<String, byte[], ? extends StoreChange<S>> reader)
    {
        int skipped = 0;
        for (final Entry entry : entries)
        {
            try
            {
                reader.apply(entry.type(), entry.json()).apply(store);
            }
            catch (final RuntimeException ex)
            {
                skipped++;
                LOG.warn("journal: {} {} no longer applies, skipped: {}", entry.type(),
                    new String(entry.json(), StandardCharsets.UTF_8), ex.getMessage());
            }
        }
        return skipped;
    }

    /** One entry read from the journal, kept until its store is loaded. */
    public record Entry(String type, byte[] json)
    {
    }
}

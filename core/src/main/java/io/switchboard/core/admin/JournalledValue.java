package io.switchboard.core.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.switchboard.core.journal.Journal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One administered value kept whole (the tenant's settings, screen pops, quick replies, survey, break reasons). A
 * change builds the new value from the one in force, journals it, and only once the journal has it makes it the
 * value and hands it on; nothing is changed before, so a journal that fails leaves nothing to undo. Changes are made
 * one after the other (each starts once the one before is over), so that each builds on the last.
 * <p>
 * Not thread-safe: owned by {@code owner} (the HTTP API's loop).
 */
final class JournalledValue<T>
{
    private static final Logger LOG = LoggerFactory.getLogger(JournalledValue.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Journal journal;
    private final Executor owner;
    private final String type;
    private final Function<T, Object> json;
    T value;
    Consumer<T> listener = changed -> { };
    /** The last change asked for. Owned by {@code owner}. */
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

    JournalledValue(final Journal journal, final Executor owner, final String type, final T value,
        final Function<T, Object> json)
    {
        this.journal = journal;
        this.owner = owner;
        this.type = type;
        this.value = value;
        this.json = json;
    }

    CompletableFuture<T> change(final UnaryOperator<T> change)
    {
        final CompletableFuture<T> changed = tail.handleAsync((earlier, failure) -> change, owner)
            .thenCompose(this::journalled);
        tail = changed;
        return changed;
    }

    private CompletableFuture<T> journalled(final UnaryOperator<T> change)
    {
        final T after;
        final byte[] bytes;
        try
        {
            after = change.apply(value);
            bytes = JSON.writeValueAsBytes(json.apply(after));
        }
        catch (final IOException | RuntimeException ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
        return journal.append(type, bytes).handleAsync((position, failure) ->
        {
            if (failure != null)
            {
                LOG.error("journal: {} not written; nothing changed", type, failure);
                throw new IllegalStateException("the change could not be saved", failure);
            }
            value = after;
            listener.accept(after);
            return after;
        }, owner);
    }
}

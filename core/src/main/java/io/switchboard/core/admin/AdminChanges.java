package io.switchboard.core.admin;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.switchboard.core.journal.Journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The one path of an administrative change: a validated {@link AdminEvent} is appended to the journal, then, on the
 * owner's thread and only once it is written, applied. Nothing is changed before the journal has the event, so a
 * journal that fails leaves nothing to undo. The keys of changes under way (a group's name, an agent's staff
 * number) keep two requests from both passing validation against the same state.
 * <p>
 * Not thread-safe: owned by the HTTP API's event loop ({@code owner}).
 */
public final class AdminChanges
{
    private static final ObjectMapper JSON = JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final Journal journal;
    private final Executor owner;
    private final Set<String> pending = new HashSet<>();

    public AdminChanges(final Journal journal, final Executor owner)
    {
        this.journal = journal;
        this.owner = owner;
    }

    /** Refuses (conflict) while a change of {@code key} is under way. */
    public void busy(final String key)
    {
        if (pending.contains(key))
        {
            throw new AdminException(AdminException.Reason.CONFLICT, key + " is being changed");
        }
    }

    /**
     * Journals the event and then applies it on the owner; the future fails, with nothing applied, if the journal
     * did not take it.
     */
    public <E extends AdminEvent> CompletableFuture<E> commit(final E event, final List<String> keys,
        final Consumer<E> apply)
    {
        pending.addAll(keys);
        return journal.append(event.type(), json(event)).handleAsync((position, failure) ->
        {
            pending.removeAll(keys);
            if (failure != null)
            {
                throw new IllegalStateException("the change was not saved: " + failure.getMessage(), failure);
            }
            apply.accept(event);
            return event;
        }, owner);
    }

    /**
     * Like {@link #commit(AdminEvent, List, Consumer)} for an event that is still being made off the owner (a
     * password hashed, the ACD asked): the keys are held from now, and released if making it fails.
     */
    public <E extends AdminEvent> CompletableFuture<E> commitAfter(final CompletableFuture<E> making,
        final List<String> keys, final Consumer<E> apply)
    {
        pending.addAll(keys);
        return making.thenCompose(event -> journal.append(event.type(), json(event)).thenApply(position -> event))
            .handleAsync((event, failure) ->
            {
                pending.removeAll(keys);
                if (failure != null)
                {
                    final Throwable cause = failure instanceof java.util.concurrent.CompletionException
                        && failure.getCause() != null ? failure.getCause() : failure;
                    throw cause instanceof AdminException refused ? refused
                        : new IllegalStateException("the change was not saved: " + cause.getMessage(), cause);
                }
                apply.accept(event);
                return event;
            }, owner);
    }

    /** The event as the journal keeps it. */
    public static byte[] json(final Object event)
    {
        try
        {
            return JSON.writeValueAsBytes(event);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** A part of an event (a JSON tree) read as the value it holds, as leniently as {@link #read}. */
    public static <V> V value(final String type, final com.fasterxml.jackson.databind.JsonNode json,
        final Class<V> kind)
    {
        try
        {
            return JSON.treeToValue(json, kind);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("journal entry " + type + " holds no " + kind.getSimpleName() + ": "
                + ex.getMessage().split("\n")[0], ex);
        }
    }

    /** A journal entry read back as its event record (unknown fields are ignored: older or newer versions). */
    public static <E> E read(final String type, final byte[] json, final Class<E> kind)
    {
        try
        {
            return JSON.readValue(json, kind);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("journal entry " + type + " is not a " + kind.getSimpleName(), ex);
        }
    }
}

package io.switchboard.core.journal;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * The server's durable journal: every accepted administrative change, every agent state change and every finished
 * call's service record is appended here before the API answers or the call is counted, and the server rebuilds its
 * state from it at start. An entry is a type (such as {@code "account.created"}, {@code "agent.state"},
 * {@code "record"}) and a JSON document.
 * <p>
 * Appends may come from any thread; they are written in order by the journal's own writer. The future completes
 * once the entry is in the journal's files, which survive the process being killed (SIGKILL) at any moment after.
 */
public interface Journal extends AutoCloseable
{
    /** Appends one entry; the future completes with its position once it is written, or fails if it could not be. */
    CompletableFuture<Long> append(String type, byte[] json);

    /**
     * Replays every entry written so far, in order, on the calling thread (at start, before anything is served).
     * An implementation with snapshots may replay a snapshot's entries followed by those written after it.
     */
    void replay(BiConsumer<String, byte[]> handler);

    /**
     * Replays every entry with its position (as {@link #append} returned it), in order, on the calling thread. An
     * entry {@code wanted} refuses is passed over without its JSON being read (the type is read first). The server
     * replays this way (snapshots); a journal that cannot tell positions need not support it.
     */
    default void replay(final Filter wanted, final Handler handler)
    {
        throw new UnsupportedOperationException("this journal does not replay with positions");
    }

    /** Whether the replay should read an entry's JSON, from its position and type alone. */
    @FunctionalInterface
    interface Filter
    {
        boolean wants(long index, String type);
    }

    /** One replayed entry with its position. */
    @FunctionalInterface
    interface Handler
    {
        void accept(long index, String type, byte[] json);
    }

    @Override
    void close();
}

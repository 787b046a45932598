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

    @Override
    void close();
}

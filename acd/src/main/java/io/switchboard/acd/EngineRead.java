package io.switchboard.acd;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** A read waiting for the engine thread, run by the {@link AcdConductor} after the commands sent before it. */
final class EngineRead<T>
{
    final Function<? super AcdCommands, ? extends T> reader;
    /** The command ring's position when the read was asked for: what the reader must see carried out. */
    final long after;
    final CompletableFuture<T> future = new CompletableFuture<>();

    EngineRead(final Function<? super AcdCommands, ? extends T> reader, final long after)
    {
        this.reader = reader;
        this.after = after;
    }
}

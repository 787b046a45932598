package io.switchboard.core.auth;

import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs the slow password work (a tenth of a second each) on a thread of its own, never on an event loop. One thread
 * and a short queue on purpose: a flood of log-in attempts waits here or is refused ({@link Busy}) rather than taking
 * the cores from the SIP workers.
 */
public final class PasswordHasher implements AutoCloseable
{
    /** Too many hashes already waiting. */
    public static final class Busy extends RuntimeException
    {
        Busy()
        {
            super("too many password checks under way; try again shortly", null, false, false);
        }
    }

    private static final int QUEUE = 64;
    private final ThreadPoolExecutor thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(QUEUE), new DefaultThreadFactory("password-hash", true));

    /** A new hash of the password; completes on the hashing thread. */
    public CompletableFuture<String> hash(final String password)
    {
        return submit(() -> PasswordHash.hash(password));
    }

    /** Whether the password matches (a null hash: no such account, as slow as a wrong password). */
    public CompletableFuture<Boolean> verify(final String password, final String storedHash)
    {
        return submit(() -> PasswordHash.verify(password, storedHash));
    }

    private <T> CompletableFuture<T> submit(final java.util.function.Supplier<T> work)
    {
        try
        {
            return CompletableFuture.supplyAsync(work, thread);
        }
        catch (final RejectedExecutionException ex)
        {
            return CompletableFuture.failedFuture(new Busy());
        }
    }

    @Override
    public void close()
    {
        thread.shutdownNow();
    }
}

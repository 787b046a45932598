package io.switchboard.core.signalling;

import io.netty.channel.EventLoop;
import io.switchboard.core.call.CallController;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The way into one worker's calls from another thread (the API's loop, the agents' reconciler): a read or a
 * command runs on the worker's own loop, against its {@link CallController}, and its result completes the future
 * there. At most {@code capacity} may wait at once: one more fails at once with {@link Overloaded} (the API answers
 * 503) rather than grow the loop's queue without bound while its calls' signalling waits behind it.
 */
public final class CallProxy
{
    /** Operations waiting per worker before the next is refused. */
    public static final int DEFAULT_CAPACITY = 1024;

    private final EventLoop loop;
    private final CallController calls;
    private final int capacity;
    private final AtomicInteger waiting = new AtomicInteger();

    public CallProxy(final EventLoop loop, final CallController calls, final int capacity)
    {
        this.loop = loop;
        this.calls = calls;
        this.capacity = capacity;
    }

    /** Runs {@code operation} on the worker's loop; the future completes there, or at once with {@link Overloaded}. */
    public <T> CompletableFuture<T> call(final Function<CallController, T> operation)
    {
        final Operation<T> task = new Operation<>(operation);
        if (waiting.incrementAndGet() > capacity)
        {
            waiting.decrementAndGet();
            task.future.completeExceptionally(new Overloaded(capacity));
            return task.future;
        }
        try
        {
            loop.execute(task);
        }
        catch (final RejectedExecutionException stopping)
        {
            waiting.decrementAndGet();
            task.future.completeExceptionally(new Overloaded(0));
        }
        return task.future;
    }

    /** Operations handed over and not yet run. */
    public int waiting()
    {
        return waiting.get();
    }

    /** One operation on its way to the worker's loop. */
    private final class Operation<T> implements Runnable
    {
        final Function<CallController, T> operation;
        final CompletableFuture<T> future = new CompletableFuture<>();

        Operation(final Function<CallController, T> operation)
        {
            this.operation = operation;
        }

        @Override
        public void run()
        {
            waiting.decrementAndGet();
            try
            {
                future.complete(operation.apply(calls));
            }
            catch (final RuntimeException ex)
            {
                future.completeExceptionally(ex);
            }
        }
    }

    /** The worker has too many operations waiting (or is stopping): try again later. */
    public static final class Overloaded extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        Overloaded(final int capacity)
        {
            super(capacity == 0 ? "the worker is stopping" : capacity + " operations already wait for this worker",
                null, false, false);
        }
    }
}

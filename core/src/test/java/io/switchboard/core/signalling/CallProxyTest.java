package io.switchboard.core.signalling;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bounded way into a worker's calls: operations run on its loop, one too many is refused at once. */
class CallProxyTest
{
    private final EventLoop loop = new DefaultEventLoop();

    @AfterEach
    void stop()
    {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void operationsRunOnTheWorkersLoopAndOneTooManyIsRefusedAtOnce() throws Exception
    {
        final CallProxy proxy = new CallProxy(loop, null, 2);
        final CountDownLatch busy = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        // The worker's loop is held by one long task, so that what the proxy hands over waits.
        loop.execute(() ->
        {
            busy.countDown();
            await(release);
        });
        assertTrue(busy.await(5, TimeUnit.SECONDS));

        final CompletableFuture<Boolean> first = proxy.call(calls -> loop.inEventLoop());
        final CompletableFuture<Boolean> second = proxy.call(calls -> loop.inEventLoop());
        final CompletableFuture<Boolean> third = proxy.call(calls -> loop.inEventLoop());
        assertEquals(2, proxy.waiting());
        assertTrue(third.isCompletedExceptionally(), "refused at once, not queued");
        assertInstanceOf(CallProxy.Overloaded.class,
            assertThrows(ExecutionException.class, third::get).getCause());
        assertFalse(first.isDone());

        release.countDown();
        assertTrue(first.get(5, TimeUnit.SECONDS), "ran on the worker's loop");
        assertTrue(second.get(5, TimeUnit.SECONDS));
        assertEquals(0, proxy.waiting());
        assertEquals("again", proxy.call(calls -> "again").get(5, TimeUnit.SECONDS), "room once drained");
    }

    @Test
    void aFailingOperationFailsItsFutureAndFreesItsPlace() throws Exception
    {
        final CallProxy proxy = new CallProxy(loop, null, 1);
        final CompletableFuture<Object> failed = proxy.call(calls ->
        {
            throw new IllegalStateException("no such call");
        });
        assertInstanceOf(IllegalStateException.class,
            assertThrows(ExecutionException.class, () -> failed.get(5, TimeUnit.SECONDS)).getCause());
        assertEquals(0, proxy.waiting());
    }

    @Test
    void aStoppedLoopRefusesRatherThanLosesTheOperation() throws Exception
    {
        final CallProxy proxy = new CallProxy(loop, null, 4);
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        final CompletableFuture<String> refused = proxy.call(calls -> "never");
        assertInstanceOf(CallProxy.Overloaded.class,
            assertThrows(ExecutionException.class, () -> refused.get(5, TimeUnit.SECONDS)).getCause());
        assertEquals(0, proxy.waiting());
    }

    private static void await(final CountDownLatch latch)
    {
        try
        {
            latch.await(10, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}

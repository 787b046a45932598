package io.switchboard.sip.util;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/** {@link TimerScheduler} on a Netty event loop: tasks run on that loop, so they may touch its state. */
public final class EventLoopScheduler implements TimerScheduler
{
    private final EventLoop loop;

    public EventLoopScheduler(final EventLoop loop)
    {
        this.loop = loop;
    }

    @Override
    public Cancellable schedule(final Runnable task, final long delay, final TimeUnit unit)
    {
        final ScheduledFuture<?> future = loop.schedule(task, delay, unit);
        return () -> future.cancel(false);
    }

    @Override
    public long nanoTime()
    {
        return System.nanoTime();
    }
}

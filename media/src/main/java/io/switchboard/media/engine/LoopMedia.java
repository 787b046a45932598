package io.switchboard.media.engine;

import io.netty.channel.EventLoop;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The media state of one event loop: its pacer and the task that polls it every millisecond while some stream
 * there is generating audio (and not at all otherwise, so an idle server does not wake up for nothing).
 */
final class LoopMedia
{
    private static final long POLL_MICROS = 1000;

    private final EventLoop loop;
    private final LongSupplier clock;
    private final Pacer pacer;
    private ScheduledFuture<?> polling;

    LoopMedia(final EventLoop loop, final LongSupplier clock)
    {
        this.loop = loop;
        this.clock = clock;
        this.pacer = new Pacer(clock.getAsLong());
    }

    Pacer pacer()
    {
        return pacer;
    }

    EventLoop loop()
    {
        return loop;
    }

    void pace(final Pacer.Stream stream)
    {
        pacer.start(stream, clock.getAsLong());
        if (polling == null)
        {
            polling = loop.scheduleAtFixedRate(this::poll, POLL_MICROS, POLL_MICROS, TimeUnit.MICROSECONDS);
        }
    }

    private void poll()
    {
        pacer.poll(clock.getAsLong());
        if (pacer.streams() == 0 && polling != null)
        {
            polling.cancel(false);
            polling = null;
        }
    }
}

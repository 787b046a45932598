package io.switchboard.core.chat;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.switchboard.chat.desk.ChatDesk;
import io.switchboard.chat.desk.ChatTimers;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The sessions' timers on the desk's loop: one per session, re-armed or cancelled, calling the desk back there. */
final class LoopChatTimers implements ChatTimers
{
    private final EventLoop loop;
    private final Map<Long, ScheduledFuture<?>> armed = new HashMap<>();
    private ChatDesk desk;

    LoopChatTimers(final EventLoop loop)
    {
        this.loop = loop;
    }

    /** The desk to call back (made after its ports). */
    void desk(final ChatDesk chatDesk)
    {
        this.desk = chatDesk;
    }

    @Override
    public void arm(final long sessionId, final long millis)
    {
        cancel(sessionId);
        armed.put(sessionId, loop.schedule(new Expiry(sessionId), millis, TimeUnit.MILLISECONDS));
    }

    @Override
    public void cancel(final long sessionId)
    {
        final ScheduledFuture<?> timer = armed.remove(sessionId);
        if (timer != null)
        {
            timer.cancel(false);
        }
    }

    /** A session's timer running out, on the loop. */
    private final class Expiry implements Runnable
    {
        private final long sessionId;

        Expiry(final long sessionId)
        {
            this.sessionId = sessionId;
        }

        @Override
        public void run()
        {
            armed.remove(sessionId);
            desk.onTimer(sessionId);
        }
    }
}

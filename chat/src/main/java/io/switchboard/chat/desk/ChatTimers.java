package io.switchboard.chat.desk;

/** One timer per session, on the desk's owner thread: {@link ChatDesk#onTimer(long)} when it runs out. */
public interface ChatTimers
{
    /** Arms (or re-arms) the session's timer. */
    void arm(long sessionId, long millis);

    void cancel(long sessionId);
}

package io.switchboard.core.chat;

import io.switchboard.chat.session.ChatSession;
import io.switchboard.chat.session.SessionListener;
import io.switchboard.chat.session.SessionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every chat session's state change, logged and counted by the state entered (on the desk's loop). */
final class SessionCounts implements SessionListener
{
    private static final Logger LOG = LoggerFactory.getLogger("io.switchboard.chats");

    private final long[] entered = new long[SessionState.values().length];

    @Override
    public void transitioned(final ChatSession session, final SessionState from, final SessionState to,
        final String reason)
    {
        entered[to.ordinal()]++;
        LOG.info("chat {} {} -> {} ({}){}", session.id(), from, to, reason,
            session.staffNo() == null ? "" : " agent " + session.staffNo());
    }

    /** How many sessions entered the state so far. */
    long entered(final SessionState state)
    {
        return entered[state.ordinal()];
    }
}

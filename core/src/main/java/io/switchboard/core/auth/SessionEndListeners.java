package io.switchboard.core.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * Everyone told when a session ends (the browser phone's token, the agent's sign-out), in the order added. Added
 * to once while the API is assembled, before any session exists; then only read, on the API's loop.
 */
public final class SessionEndListeners implements Sessions.EndListener
{
    private final List<Sessions.EndListener> listeners = new ArrayList<>();

    public SessionEndListeners add(final Sessions.EndListener listener)
    {
        listeners.add(listener);
        return this;
    }

    @Override
    public void sessionEnded(final Sessions.Session session)
    {
        for (final Sessions.EndListener listener : listeners)
        {
            listener.sessionEnded(session);
        }
    }
}

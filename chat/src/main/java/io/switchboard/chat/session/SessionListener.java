package io.switchboard.chat.session;

/**
 * Told of every state change of a session, after its exit and entry actions: where the core logs it, counts it, tells
 * the ACD and the agents' workbenches, and journals it. Called on the session's owner thread.
 */
public interface SessionListener
{
    SessionListener NONE = (session, from, to, reason) ->
    {
    };

    void transitioned(ChatSession session, SessionState from, SessionState to, String reason);
}

package io.switchboard.acd;

import java.util.ArrayList;
import java.util.List;

/**
 * Records the engine's decisions as short lines ("offer 7 to 1", "state 1 RINGING", "chat 70 to 1", "chat-withdraw
 * 70 from 1", "chat-position 71 0", "chat-no-agent 72"...) for tests to compare.
 */
final class RecordingListener implements AcdListener
{
    final List<String> events = new ArrayList<>();

    @Override
    public void offer(final long callId, final int agentId, final boolean autoAnswer)
    {
        events.add("offer " + callId + " to " + agentId + (autoAnswer ? " auto" : ""));
    }

    @Override
    public void withdraw(final long callId, final int agentId)
    {
        events.add("withdraw " + callId + " from " + agentId);
    }

    @Override
    public void position(final long callId, final int ahead)
    {
        events.add("position " + callId + " " + ahead);
    }

    @Override
    public void fallback(final long callId, final Fallback fallback)
    {
        events.add("fallback " + callId + " " + fallback.action()
            + (fallback.action() == Fallback.Action.GROUP ? " " + fallback.groupId() : ""));
    }

    @Override
    public void agentState(final int agentId, final AgentState state, final int reason)
    {
        events.add("state " + agentId + " " + state + (reason != 0 ? " " + reason : ""));
    }

    @Override
    public void chatOffer(final long sessionId, final int agentId, final boolean autoAccept)
    {
        events.add("chat " + sessionId + " to " + agentId + (autoAccept ? " auto" : ""));
    }

    @Override
    public void chatWithdraw(final long sessionId, final int agentId)
    {
        events.add("chat-withdraw " + sessionId + " from " + agentId);
    }

    @Override
    public void chatPosition(final long sessionId, final int ahead)
    {
        events.add("chat-position " + sessionId + " " + ahead);
    }

    @Override
    public void chatNoAgent(final long sessionId)
    {
        events.add("chat-no-agent " + sessionId);
    }

    @Override
    public void chatTransferred(final long sessionId, final int agentId)
    {
        events.add("chat-transferred " + sessionId + " " + agentId);
    }

    /** The events since the last call, then forgets them. */
    List<String> take()
    {
        final List<String> taken = List.copyOf(events);
        events.clear();
        return taken;
    }
}

package io.switchboard.acd;

import java.util.ArrayList;
import java.util.List;

/** Records the engine's decisions as short lines ("offer 7 to 1", "state 1 RINGING 0"...) for tests to compare. */
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

    /** The events since the last call, then forgets them. */
    List<String> take()
    {
        final List<String> taken = List.copyOf(events);
        events.clear();
        return taken;
    }
}

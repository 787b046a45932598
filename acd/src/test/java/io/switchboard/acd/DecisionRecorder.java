package io.switchboard.acd;

import java.util.ArrayList;
import java.util.List;

/** Writes decisions down as {@code name(args)}; for the one thread that drains them. */
class DecisionRecorder implements AcdListener
{
    final List<String> events = new ArrayList<>();
    final List<Fallback> fallbacks = new ArrayList<>();
    final List<String> threads = new ArrayList<>();

    @Override
    public void offer(final long callId, final int agentId, final boolean autoAnswer)
    {
        add("offer(" + callId + "," + agentId + "," + autoAnswer + ")");
    }

    @Override
    public void withdraw(final long callId, final int agentId)
    {
        add("withdraw(" + callId + "," + agentId + ")");
    }

    @Override
    public void position(final long callId, final int ahead)
    {
        add("position(" + callId + "," + ahead + ")");
    }

    @Override
    public void fallback(final long callId, final Fallback fallback)
    {
        fallbacks.add(fallback);
        add("fallback(" + callId + "," + fallback + ")");
    }

    @Override
    public void agentState(final int agentId, final AgentState state, final int reason)
    {
        add("agentState(" + agentId + "," + state + "," + reason + ")");
    }

    private void add(final String event)
    {
        events.add(event);
        threads.add(Thread.currentThread().getName());
    }
}

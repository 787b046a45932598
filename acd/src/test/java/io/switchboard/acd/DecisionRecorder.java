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

    @Override
    public void chatOffer(final long sessionId, final int agentId, final boolean autoAccept)
    {
        add("chatOffer(" + sessionId + "," + agentId + "," + autoAccept + ")");
    }

    @Override
    public void chatWithdraw(final long sessionId, final int agentId)
    {
        add("chatWithdraw(" + sessionId + "," + agentId + ")");
    }

    @Override
    public void chatPosition(final long sessionId, final int ahead)
    {
        add("chatPosition(" + sessionId + "," + ahead + ")");
    }

    @Override
    public void chatNoAgent(final long sessionId)
    {
        add("chatNoAgent(" + sessionId + ")");
    }

    @Override
    public void chatTransferred(final long sessionId, final int agentId)
    {
        add("chatTransferred(" + sessionId + "," + agentId + ")");
    }

    private void add(final String event)
    {
        events.add(event);
        threads.add(Thread.currentThread().getName());
    }
}

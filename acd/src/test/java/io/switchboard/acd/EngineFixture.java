package io.switchboard.acd;

/** An engine with a recording listener and a manual clock, and shortcuts to put agents and calls in a state. */
class EngineFixture
{
    static final long START = 1_000_000_000_000L;
    static final long RING_MS = 10_000;
    static final long WRAP_MS = 5_000;

    final RecordingListener listener = new RecordingListener();
    final AcdEngine engine;
    long now = START;

    EngineFixture()
    {
        this(SelectionPolicy.LONGEST_IDLE, true);
    }

    EngineFixture(final SelectionPolicy policy, final boolean lastAgentPriority)
    {
        engine = new AcdEngine(new AcdSettings(policy, lastAgentPriority, RING_MS, WRAP_MS), listener, now);
    }

    /** With the chat rules given (auto-accept, chats during calls, calls during chats). */
    EngineFixture(final boolean chatAutoAccept, final boolean chatsDuringCalls, final boolean callsDuringChats)
    {
        engine = new AcdEngine(new AcdSettings(SelectionPolicy.LONGEST_IDLE, true, RING_MS, WRAP_MS)
            .withChat(chatAutoAccept, chatsDuringCalls, callsDuringChats), listener, now);
    }

    static long ms(final long millis)
    {
        return millis * 1_000_000L;
    }

    /** Moves the clock on and runs the timers due. */
    int advance(final long millis)
    {
        now += ms(millis);
        return engine.poll(now);
    }

    void group(final int groupId)
    {
        engine.addGroup(groupId, GroupSettings.voice("group" + groupId));
    }

    /** An agent in the given groups, offline. */
    void agent(final int agentId, final int... groupIds)
    {
        engine.addAgent(agentId, "S" + agentId, false);
        for (final int groupId : groupIds)
        {
            engine.joinGroup(agentId, groupId, now);
        }
    }

    void idle(final int agentId)
    {
        engine.setAgentState(agentId, AgentState.IDLE, 0, now);
    }

    void queue(final long callId, final int groupId)
    {
        engine.queue(callId, groupId, 1000 + callId, now);
    }

    /** A chat group: the tenant's policy, {@code concurrency} sessions an agent, an accept timeout (0 = none). */
    void chatGroup(final int groupId, final int concurrency, final long acceptTimeoutMillis)
    {
        engine.addGroup(groupId, GroupSettings.chat("chat" + groupId, concurrency, acceptTimeoutMillis));
    }

    /** A chat session with no owner. */
    void chat(final long sessionId, final int groupId)
    {
        engine.chatQueue(sessionId, groupId, -1, now);
    }
}

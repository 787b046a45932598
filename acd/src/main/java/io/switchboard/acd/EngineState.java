package io.switchboard.acd;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * What the ACD engine holds (agents, skill groups, calls, chat sessions and their queues, settings) and the
 * read-only view of it ({@link AcdQueries}); {@link AgentEngine} and {@link AcdEngine} add the commands that change
 * it. Engine thread only.
 */
abstract class EngineState implements AcdQueries
{
    static final long NANOS_PER_MILLI = 1_000_000L;

    final Agents agents;
    final SkillGroups groups;
    final CallTable calls;
    final ChatTable sessions;
    AcdSettings settings;

    EngineState(final AcdSettings settings, final int agentCapacity, final int callCapacity)
    {
        if (settings == null)
        {
            throw new AcdException(AcdError.INVALID, "the engine needs settings and a listener");
        }
        this.settings = settings;
        this.agents = new Agents(agentCapacity);
        this.groups = new SkillGroups(agents);
        this.calls = new CallTable(callCapacity);
        this.sessions = new ChatTable(callCapacity, agents);
    }

    /** Timers armed (ring timeouts, wrap-ups, queue waits). */
    public abstract int armedTimers();

    @Override
    public AcdSettings settings()
    {
        return settings;
    }

    @Override
    public boolean hasAgent(final int agentId)
    {
        return agents.exists(agentId);
    }

    /** One past the highest agent id ever added: agent ids to scan are below it. */
    public int agentIdLimit()
    {
        return agents.limit;
    }

    @Override
    public AgentState state(final int agentId)
    {
        requireAgent(agentId);
        return agents.state[agentId];
    }

    @Override
    public int reason(final int agentId)
    {
        requireAgent(agentId);
        return agents.reason[agentId];
    }

    @Override
    public long idleSince(final int agentId)
    {
        requireAgent(agentId);
        return agents.idleSince[agentId];
    }

    @Override
    public long callsToday(final int agentId)
    {
        requireAgent(agentId);
        return agents.callsToday[agentId];
    }

    /** Direct calls the agent is on (0 unless on call). */
    @Override
    public int directCalls(final int agentId)
    {
        requireAgent(agentId);
        return agents.directCalls[agentId];
    }

    @Override
    public boolean autoAnswer(final int agentId)
    {
        requireAgent(agentId);
        return agents.autoAnswer[agentId];
    }

    /** What is left of the agent's wrap-up, or 0 if it is not in wrap-up. */
    @Override
    public long wrapUpRemainingMillis(final int agentId, final long now)
    {
        requireAgent(agentId);
        if (agents.state[agentId] != AgentState.WRAP_UP)
        {
            return 0;
        }
        return agents.wrapUpKept[agentId] ? 0 : Math.max(0, (agents.wrapUpEnd[agentId] - now) / NANOS_PER_MILLI);
    }

    @Override
    public boolean wrapUpKept(final int agentId)
    {
        requireAgent(agentId);
        return agents.state[agentId] == AgentState.WRAP_UP && agents.wrapUpKept[agentId];
    }

    @Override
    public long wrapUpElapsedMillis(final int agentId, final long now)
    {
        requireAgent(agentId);
        return agents.state[agentId] == AgentState.WRAP_UP
            ? Math.max(0, (now - agents.wrapUpStart[agentId]) / NANOS_PER_MILLI) : 0;
    }

    @Override
    public boolean hasGroup(final int groupId)
    {
        return groups.orNull(groupId) != null;
    }

    @Override
    public boolean isMember(final int agentId, final int groupId)
    {
        return agents.exists(agentId) && agents.membership(agentId, groupId) >= 0;
    }

    /** The policy in force in the group: its own, else the tenant's. */
    @Override
    public SelectionPolicy policy(final int groupId)
    {
        return groups.get(groupId).policy;
    }

    @Override
    public int members(final int groupId)
    {
        return groups.get(groupId).members;
    }

    @Override
    public int idleAgents(final int groupId)
    {
        return groups.get(groupId).idle.size();
    }

    /** Calls in the group's queue not yet answered: waiting, or being rung. */
    @Override
    public int queueLength(final int groupId)
    {
        return groups.get(groupId).size;
    }

    /** Callers ahead of a waiting call, or -1 if the call is not waiting (unknown, ringing or answered). */
    @Override
    public int ahead(final long callId)
    {
        final int slot = calls.slot(callId);
        return slot == CallTable.NIL || calls.state[slot] != CallTable.WAITING ? -1 : calls.ahead[slot];
    }

    /** The agent the call rings at, or -1. */
    @Override
    public int ringingAgentOf(final long callId)
    {
        final int slot = calls.slot(callId);
        return slot == CallTable.NIL || calls.state[slot] != CallTable.RINGING ? -1 : calls.agent[slot];
    }

    /** Calls the engine knows: waiting, ringing or on a call. */
    public int calls()
    {
        return calls.size();
    }

    /** Chat sessions the engine knows: waiting, offered or served. */
    public int chats()
    {
        return sessions.size();
    }

    @Override
    public int chatQueueLength(final int groupId)
    {
        return groups.get(groupId).chatSize;
    }

    @Override
    public int openChats(final int agentId)
    {
        requireAgent(agentId);
        return agents.openChats[agentId];
    }

    @Override
    public int chatLimit(final int agentId)
    {
        requireAgent(agentId);
        int limit = 0;
        for (int k = 0; k < agents.groupCount[agentId]; k++)
        {
            limit = Math.max(limit, groups.membership(agentId, k).settings.concurrency());
        }
        return limit;
    }

    @Override
    public long chatsToday(final int agentId)
    {
        requireAgent(agentId);
        return agents.chatsToday[agentId];
    }

    @Override
    public int chatAhead(final long sessionId)
    {
        final int slot = sessions.slot(sessionId);
        return slot == ChatTable.NIL || sessions.state[slot] != ChatTable.WAITING ? -1 : sessions.ahead[slot];
    }

    @Override
    public int chatOfferedTo(final long sessionId)
    {
        final int slot = sessions.slot(sessionId);
        return slot == ChatTable.NIL || sessions.state[slot] != ChatTable.OFFERED ? -1 : sessions.agent[slot];
    }

    @Override
    public int chatServedBy(final long sessionId)
    {
        final int slot = sessions.slot(sessionId);
        return slot == ChatTable.NIL || sessions.state[slot] != ChatTable.SERVED ? -1 : sessions.agent[slot];
    }

    @Override
    public List<AgentView> agents()
    {
        final List<AgentView> views = new ArrayList<>();
        for (int agentId = 0; agentId < agents.limit; agentId++)
        {
            if (agents.exists[agentId])
            {
                final List<Integer> mine = new ArrayList<>();
                for (int k = 0; k < agents.groupCount[agentId]; k++)
                {
                    mine.add(agents.groups[agentId][k]);
                }
                final int slot = agents.callSlot[agentId];
                views.add(new AgentView(agentId, agents.staffNo[agentId], agents.autoAnswer[agentId],
                    agents.state[agentId], agents.reason[agentId], agents.idleSince[agentId],
                    agents.callsToday[agentId], List.copyOf(mine),
                    slot == Agents.NO_SLOT ? OptionalLong.empty() : OptionalLong.of(calls.callId[slot]),
                    agents.directCalls[agentId], agents.openChats[agentId], chatLimit(agentId),
                    agents.chatReception[agentId], agents.stateSince[agentId]));
            }
        }
        return views;
    }

    @Override
    public List<GroupView> groups()
    {
        return groups.views();
    }

    /** The group's queue in order, calls being rung included. */
    @Override
    public List<WaitingCall> queue(final int groupId)
    {
        final Group group = groups.get(groupId);
        final List<WaitingCall> views = new ArrayList<>(group.size);
        for (int s = group.head; s != CallTable.NIL; s = calls.next[s])
        {
            views.add(new WaitingCall(calls.callId[s], calls.callerKey[s], calls.arrival[s], calls.ahead[s],
                calls.state[s] == CallTable.RINGING ? calls.agent[s] : -1));
        }
        return views;
    }

    /** Read-only access to the agents' arrays for {@link NaiveSelector}. */
    Agents agentTable()
    {
        return agents;
    }

    final void requireAgent(final int agentId)
    {
        if (!agents.exists(agentId))
        {
            throw new AcdException(AcdError.UNKNOWN_AGENT, "agent " + agentId + " does not exist");
        }
    }

    final void requireWrapUp(final int agentId)
    {
        requireAgent(agentId);
        if (agents.state[agentId] != AgentState.WRAP_UP)
        {
            throw new AcdException(AcdError.FORBIDDEN_TRANSITION,
                "agent " + agentId + " is " + agents.state[agentId] + ", not in wrap-up");
        }
    }

    /** The slot of a call ringing at this agent; refused if it does not. */
    final int ringingSlot(final long callId, final int agentId)
    {
        requireAgent(agentId);
        final int slot = calls.slot(callId);
        if (slot == CallTable.NIL)
        {
            throw new AcdException(AcdError.UNKNOWN_CALL, "call " + callId + " is not known (any more)");
        }
        if (calls.state[slot] != CallTable.RINGING || calls.agent[slot] != agentId)
        {
            throw new AcdException(AcdError.FORBIDDEN_TRANSITION,
                "call " + callId + " is not ringing at agent " + agentId + " (agent is " + agents.state[agentId] + ")");
        }
        return slot;
    }

    static AcdException unavailable(final int agentId, final AgentState state)
    {
        return new AcdException(AcdError.AGENT_UNAVAILABLE, "agent " + agentId + " is " + state + ", not available");
    }

    /** Ringing for a direct call: ringing with no ACD call. */
    final boolean directRinging(final int agentId)
    {
        return agents.state[agentId] == AgentState.RINGING && agents.callSlot[agentId] == Agents.NO_SLOT;
    }

    /**
     * Whether queued calls may be offered to the agent: idle, and with no open chat unless the tenant lets calls in
     * during chats. Such an agent, and only such, is in its groups' idle heaps.
     */
    final boolean takesCalls(final int agentId)
    {
        return agents.state[agentId] == AgentState.IDLE
            && (settings.callsDuringChats() || agents.openChats[agentId] == 0);
    }
}

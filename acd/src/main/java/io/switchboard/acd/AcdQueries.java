package io.switchboard.acd;

import java.util.List;

/**
 * The engine's read-only view: what it holds now, for the API, the call layer's checks and tests. Asked only on the
 * engine's thread, through {@link AcdService#query}, so that a caller outside this module never holds the engine.
 */
public interface AcdQueries
{
    AcdSettings settings();

    boolean hasAgent(int agentId);

    AgentState state(int agentId);

    /** The break reason ({@link AcdCommands#REASON_NONE} outside a break). */
    int reason(int agentId);

    long idleSince(int agentId);

    long callsToday(int agentId);

    int directCalls(int agentId);

    boolean autoAnswer(int agentId);

    long wrapUpRemainingMillis(int agentId, long now);

    boolean hasGroup(int groupId);

    boolean isMember(int agentId, int groupId);

    SelectionPolicy policy(int groupId);

    int members(int groupId);

    int idleAgents(int groupId);

    int queueLength(int groupId);

    /** Calls ahead of this one in its queue, or -1. */
    int ahead(long callId);

    /** The agent this call rings, or -1. */
    int ringingAgentOf(long callId);

    /** Every agent, as snapshots. */
    List<AgentView> agents();

    /** Every group, as snapshots. */
    List<GroupView> groups();

    /** The calls waiting in a group, longest first. */
    List<WaitingCall> queue(int groupId);
}

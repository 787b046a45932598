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

    /** Whether the agent is in a wrap-up kept open (no countdown: it ends when the agent ends it). */
    boolean wrapUpKept(int agentId);

    /** How long the agent's wrap-up has lasted (0 outside wrap-up): the count-up of a kept wrap-up. */
    long wrapUpElapsedMillis(int agentId, long now);

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

    // ---- chat sessions ----

    /** Chat sessions in the group's chat queue not yet accepted: waiting, or offered to an agent. */
    int chatQueueLength(int groupId);

    /**
     * The agent's open chat sessions, all groups: offered and not yet accepted, and served (wrap-up included) until
     * {@link AcdCommands#chatEnded}.
     */
    int openChats(int agentId);

    /** The largest concurrency among the agent's groups, 0 with no group: at it, the agent is "busy (full)". */
    int chatLimit(int agentId);

    /** Chat sessions the agent accepted (or was given with auto-accept) since the last daily reset. */
    long chatsToday(int agentId);

    /** Sessions ahead of a waiting session in its group's chat queue, or -1 (unknown, offered or served). */
    int chatAhead(long sessionId);

    /** The agent a session is offered to and has not accepted yet, or -1. */
    int chatOfferedTo(long sessionId);

    /** The agent serving a session (accepted, until it ends), or -1. */
    int chatServedBy(long sessionId);

    /** Every agent, as snapshots. */
    List<AgentView> agents();

    /** Every group, as snapshots. */
    List<GroupView> groups();

    /** The calls waiting in a group, longest first. */
    List<WaitingCall> queue(int groupId);
}

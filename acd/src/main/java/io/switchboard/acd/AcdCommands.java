package io.switchboard.acd;

/**
 * What the ACD engine is told. {@code AcdEngine} carries these out on one thread (its owner) and reports its
 * decisions to an {@link AcdListener}; {@code AcdService} offers the same commands to any thread by encoding them
 * onto the engine's many-to-one ring buffer. A command the state table forbids throws {@link AcdException} and
 * changes nothing. Times are {@code System.nanoTime()}-style nanoseconds from the caller's clock.
 */
public interface AcdCommands
{
    /** Break reason set by the system when an offered call rang out unanswered. */
    int REASON_MISSED_CALL = 1;
    /** No reason (states other than break). */
    int REASON_NONE = 0;

    void addGroup(int groupId, GroupSettings settings);

    void updateGroup(int groupId, GroupSettings settings);

    /** Deletes a group: its agents stay and just leave it; its waiting calls go to its fallback. */
    void removeGroup(int groupId, long now);

    /** A new agent, offline. {@code autoAnswer}: offers are answered by the agent's phone at once. */
    void addAgent(int agentId, String staffNo, boolean autoAnswer);

    void removeAgent(int agentId, long now);

    void joinGroup(int agentId, int groupId, long now);

    void leaveGroup(int agentId, int groupId, long now);

    /**
     * An agent picks a state: {@link AgentState#IDLE} (also "go online"), {@link AgentState#BUSY},
     * {@link AgentState#BREAK} with a reason, or {@link AgentState#OFFLINE}; only from a state the agent may leave.
     * Wrap-up may be left this way too (it ends early: an agent may go on break straight after a call); ringing
     * and on call may not ({@link AcdError#FORBIDDEN_TRANSITION}).
     */
    void setAgentState(int agentId, AgentState target, int reason, long now);

    void endWrapUp(int agentId, long now);

    /** Adds time to a running wrap-up (the total stays within 90 s). */
    void extendWrapUp(int agentId, long extraMillis, long now);

    /** A call waits for an agent of {@code groupId}; {@code callerKey} identifies the caller's number (last agent). */
    void queue(long callId, int groupId, long callerKey, long now);

    /**
     * The agent the call was offered to answered: the agent is on call. {@link AcdError#UNKNOWN_CALL} if the
     * engine no longer knows the call, {@link AcdError#FORBIDDEN_TRANSITION} if it is not ringing at that agent.
     */
    void answered(long callId, int agentId, long now);

    /** The agent's phone refused or failed the offer: the call moves on and the agent goes on break. */
    void declined(long callId, int agentId, long now);

    /** The call is over (hung up, abandoned while waiting or ringing, transferred away). */
    void ended(long callId, long now);

    /** Runs the timers due by {@code now} (ring timeouts, wrap-up countdowns, queue waits); returns how many. */
    int poll(long now);
}

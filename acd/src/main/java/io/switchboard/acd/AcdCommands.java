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
    /** Break reason set by the system when an idle agent did not accept a chat session within the accept timeout. */
    int REASON_MISSED_CHAT = 2;
    /** No reason (states other than break). */
    int REASON_NONE = 0;

    void addGroup(int groupId, GroupSettings settings);

    /**
     * New settings for a group: its policy at once, its queue limits to calls queued afterwards, its accept timeout
     * to chat offers made afterwards; a higher concurrency offers waiting sessions at once, at {@code now}.
     */
    void updateGroup(int groupId, GroupSettings settings, long now);

    /** Deletes a group: its agents stay and just leave it; its waiting calls go to its fallback. */
    void removeGroup(int groupId, long now);

    /** A new agent, offline. {@code autoAnswer}: offers are answered by the agent's phone at once. */
    void addAgent(int agentId, String staffNo, boolean autoAnswer);

    /** Refused ({@link AcdError#FORBIDDEN_TRANSITION}) while the agent rings or is on a call, direct or not. */
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

    /**
     * Keeps a running wrap-up open (继续话后整理): its countdown stops and the agent stays in wrap-up until it ends
     * it ({@link #endWrapUp} or picking a state). Keeping a kept wrap-up changes nothing.
     */
    void keepWrapUp(int agentId, long now);

    /** A call waits for an agent of {@code groupId}; {@code callerKey} identifies the caller's number (last agent). */
    void queue(long callId, int groupId, long callerKey, long now);

    /**
     * The agent the call was offered to answered: the agent is on call. {@link AcdError#UNKNOWN_CALL} if the
     * engine no longer knows the call, {@link AcdError#FORBIDDEN_TRANSITION} if it is not ringing at that agent.
     */
    void answered(long callId, int agentId, long now);

    /** The agent's phone refused or failed the offer: the call moves on and the agent goes on break. */
    void declined(long callId, int agentId, long now);

    /**
     * The call is over (hung up, abandoned while waiting or ringing, transferred away). An agent on it starts the
     * wrap-up, unless still on a direct call (then the last {@link #directEnded} starts it).
     */
    void ended(long callId, long now);

    // ---- direct calls: calls an agent takes part in that the ACD did not route ----
    // An outbound (click-to-dial) or internal call, a blind transfer to one agent, a failed transfer ringing the
    // transferring agent again. The engine only keeps the agent's state right (no queued call offered meanwhile,
    // ringing / on call / wrap-up shown); the call layer times the ringing itself: no ring timer is armed.

    /**
     * A direct call rings an idle agent: the agent leaves the idle lists and is {@link AgentState#RINGING} (no ACD
     * call: no offer decision, only the state change). {@link AcdError#AGENT_UNAVAILABLE} if the agent is not idle
     * (the call layer treats the target as busy), {@link AcdError#UNKNOWN_AGENT} if there is no such agent.
     */
    void directOffer(int agentId, long now);

    /**
     * The agent is on a direct call: it answered a {@link #directOffer}, started an outbound or internal call, or
     * answered a ring-back after a failed transfer. Allowed from idle, busy, break, wrap-up (its countdown stops), a
     * direct ringing, and on call (a second call, e.g. an attended transfer's consultation). Counts the agent's
     * direct calls; the agent is {@link AgentState#ON_CALL}. Only an answered {@link #directOffer} counts as a call
     * taken today. {@link AcdError#AGENT_UNAVAILABLE} when offline or rung by the ACD.
     */
    void directStart(int agentId, long now);

    /**
     * A direct offer rang out or the agent's phone refused it: the agent goes on break with
     * {@link #REASON_MISSED_CALL}, as for a queued call. Ignored unless the agent is in a direct ringing.
     */
    void directMissed(int agentId, long now);

    /**
     * A direct call of the agent is over. From a direct ringing (the caller gave up), the agent is idle again with
     * the idle-since it had. On call, one direct call less: the last one, with no ACD call left, starts the
     * wrap-up; otherwise the agent stays on call. Ignored in any other case (idempotent).
     */
    void directEnded(int agentId, long now);

    // ---- chat sessions: the same agents as calls, several sessions at a time ----
    // An agent's open sessions (offered + served, all groups) count against each group's concurrency; a session
    // being served does not change the agent's state. The engine knows no messages: the chat layer tells it when a
    // session waits, is accepted and no longer occupies anyone, and hears offers, withdrawals, positions and
    // no-agent decisions from the listener (chatOffer, chatWithdraw, chatPosition, chatNoAgent).

    /**
     * A chat session waits for an agent of {@code groupId} (the flow's transfer to a human). It goes into the
     * group's chat queue (FIFO) and is offered at once if a member is receivable: the owner first, then the best
     * by the group's policy (see {@link AcdEngine}); otherwise the listener hears its position. If nobody of the
     * group is online (every member offline, or no members), the listener hears {@link AcdListener#chatNoAgent} and
     * the session is not kept.
     *
     * @param sessionId    the session; {@link AcdError#DUPLICATE} if the engine knows it already
     * @param groupId      the group; {@link AcdError#UNKNOWN_GROUP} if there is none
     * @param ownerAgentId the agent who served this visitor last, or -1 ("owner first", the chat reading of
     *                     last-agent priority): offered the session first when it is a member of the group and
     *                     receivable; an agent the engine does not know counts as none
     * @param now          the time
     */
    void chatQueue(long sessionId, int groupId, int ownerAgentId, long now);

    /**
     * The agent accepted the session offered to it (manual accept): it leaves the group's queue (those behind move
     * up), the accept timeout stops, the agent serves it and it counts as a chat taken today. Its place in the
     * agent's open sessions is unchanged. {@link AcdError#UNKNOWN_AGENT} if there is no such agent,
     * {@link AcdError#UNKNOWN_CALL} if the engine does not know the session (any more),
     * {@link AcdError#FORBIDDEN_TRANSITION} if it is not offered to that agent (waiting, offered to another, or
     * already served).
     */
    void chatAccepted(long sessionId, int agentId, long now);

    /**
     * The session no longer occupies anyone. Waiting: it leaves the queue (the visitor left). Offered: the offer is
     * withdrawn ({@link AcdListener#chatWithdraw}), the agent keeps its state. Served: the agent finished its
     * wrap-up of it ("完成会话"; a session in wrap-up still counts against the agent's capacity until this). The
     * freed capacity goes at once to the longest-waiting session the agent may take. Idempotent: a session the
     * engine does not know (any more) is ignored.
     */
    void chatEnded(long sessionId, long now);

    /**
     * The agent's reception switch (接待开关): off stops new sessions (pending offers are taken back and go to
     * others; ongoing sessions continue; its state is unchanged); on lets it take what waits.
     * {@link AcdError#UNKNOWN_AGENT} if there is no such agent.
     */
    void chatReception(int agentId, boolean on, long now);

    /**
     * A session the agent serves goes to a colleague ({@code toAgentId}) or to the best receivable member of a
     * group ({@code toAgentId} -1, {@code toGroupId}): served at once by the new agent
     * ({@link AcdListener#chatTransferred}). {@link AcdError#AGENT_UNAVAILABLE} when nobody can take it (it stays
     * with the transferring agent), {@link AcdError#FORBIDDEN_TRANSITION} if the agent does not serve it.
     */
    void chatTransfer(long sessionId, int fromAgentId, int toAgentId, int toGroupId, long now);

    /**
     * The agent picks a waiting session out of its group's queue (the unassigned pool) and serves it at once.
     * {@link AcdError#FORBIDDEN_TRANSITION} if it no longer waits (another agent was first) or the agent is not in
     * its group, {@link AcdError#AGENT_UNAVAILABLE} if the agent is offline or at the group's concurrency.
     */
    void chatPick(long sessionId, int agentId, long now);

    /**
     * The agent opens a session itself (an app user contacted first): served by it at once, of {@code groupId},
     * counted against it like any served session until {@link #chatEnded}. {@link AcdError#DUPLICATE} if the engine
     * knows the session, {@link AcdError#FORBIDDEN_TRANSITION} if the agent is not in the group, {@link
     * AcdError#AGENT_UNAVAILABLE} if it is offline or at the group's concurrency.
     */
    void chatOpen(long sessionId, int agentId, int groupId, long now);

    /**
     * The tenant's settings change (an administrator saved them): they apply to what is offered from now on.
     * Turning {@link AcdSettings#chatsDuringCalls()} or {@link AcdSettings#callsDuringChats()} on offers, at
     * {@code now}, what agents may now take.
     */
    void settings(AcdSettings settings, long now);

    /** The daily counts (calls taken today) start again from 0: at local midnight. */
    void resetDailyCounts(long now);

    /**
     * At start, before calls are taken: {@code agentId} was the last to answer the caller {@code callerKey} before
     * the restart. Sent oldest first; an agent the engine does not know is skipped.
     */
    void restoreLastAgent(long callerKey, int agentId, long now);

    /** At start, before calls are taken: the calls {@code agentId} answered today before the restart. */
    void restoreCallsToday(int agentId, long callsToday, long now);

    /** Runs the timers due by {@code now} (ring timeouts, wrap-up countdowns, queue waits); returns how many. */
    int poll(long now);
}

package io.switchboard.acd;

/**
 * The engine's decisions, for the call layer. Called on the engine's own thread by {@link AcdEngine}; the threaded
 * {@code AcdService} turns them into messages on the ring of the worker that owns the call. An offer comes before
 * the agent's {@link AgentState#RINGING} state; a listener must not call the engine back from these methods.
 */
public interface AcdListener
{
    /** Ring agent {@code agentId} for call {@code callId}; {@code autoAnswer} if the agent's phone answers at once. */
    void offer(long callId, int agentId, boolean autoAnswer);

    /** Stop ringing {@code agentId} for {@code callId}: it rang out (the agent is now on break) or the call left. */
    void withdraw(long callId, int agentId);

    /** The number of callers ahead of {@code callId} in its queue changed (the IVR's {@code ${WaitNo}}). */
    void position(long callId, int ahead);

    /** The call waited too long or found the queue full: {@code fallback} says what to do with it. */
    void fallback(long callId, Fallback fallback);

    /** An agent's state changed (by the agent or by the system). */
    void agentState(int agentId, AgentState state, int reason);

    // ---- chat sessions: default no-ops, so that a call-only consumer need not implement them ----

    /**
     * Chat session {@code sessionId} is assigned to agent {@code agentId}. {@code autoAccept} (the tenant's
     * {@link AcdSettings#chatAutoAccept()}): it is the agent's at once, no accept step, and the engine counts it as
     * served. Otherwise the agent must accept it ({@link AcdCommands#chatAccepted}) within its group's accept
     * timeout, if the group has one. Either way it counts against the agent's capacity from now on.
     */
    default void chatOffer(long sessionId, int agentId, boolean autoAccept)
    {
    }

    /**
     * The offer of {@code sessionId} to {@code agentId} is taken back; stop prompting the agent. Because: the
     * accept timeout passed (the agent then goes on break with {@link AcdCommands#REASON_MISSED_CHAT} if it was
     * idle, or, on a call, receives no chat until it is idle again), the agent went busy, on break or offline (or
     * was removed), the session ended ({@link AcdCommands#chatEnded}), or its group was deleted. A session still
     * wanted is offered to another agent of the group or waits again in its place (its position never goes up).
     */
    default void chatWithdraw(long sessionId, int agentId)
    {
    }

    /**
     * The number of sessions ahead of {@code sessionId} in its group's chat queue changed (the flow's
     * {@code ${WaitNo}}); sessions offered and not yet accepted count as ahead, so it only goes down.
     */
    default void chatPosition(long sessionId, int ahead)
    {
    }

    /**
     * Nobody of the session's group is online (every member offline, or no members), or its group was deleted: the
     * engine does not keep the session (the chat layer sends the flow's failure message). Checked when the session
     * is queued, when the last online member of a group goes offline, leaves it or is removed (for every session
     * still waiting in it), and when an offer is taken back and nobody of the group is online.
     */
    default void chatNoAgent(long sessionId)
    {
    }

    /**
     * A served chat session was transferred ({@link AcdCommands#chatTransfer}): {@code agentId} serves it now (the
     * chat layer knows who had it). Goes to the session's ring like its other decisions.
     */
    default void chatTransferred(long sessionId, int agentId)
    {
    }

    /** A listener that ignores every decision, for a consumer that has nothing to do with some of them yet. */
    static AcdListener ignoring()
    {
        return Ignoring.INSTANCE;
    }

    /**
     * The listener of {@link #ignoring()}; also the base of a consumer that takes only some decisions (the chat
     * ring's drain overrides the chat ones).
     */
    class Ignoring implements AcdListener
    {
        private static final Ignoring INSTANCE = new Ignoring();

        protected Ignoring()
        {
        }

        @Override
        public void offer(final long callId, final int agentId, final boolean autoAnswer)
        {
        }

        @Override
        public void withdraw(final long callId, final int agentId)
        {
        }

        @Override
        public void position(final long callId, final int ahead)
        {
        }

        @Override
        public void fallback(final long callId, final Fallback fallback)
        {
        }

        @Override
        public void agentState(final int agentId, final AgentState state, final int reason)
        {
        }

        @Override
        public void chatOffer(final long sessionId, final int agentId, final boolean autoAccept)
        {
        }

        @Override
        public void chatWithdraw(final long sessionId, final int agentId)
        {
        }

        @Override
        public void chatPosition(final long sessionId, final int ahead)
        {
        }

        @Override
        public void chatNoAgent(final long sessionId)
        {
        }

        @Override
        public void chatTransferred(final long sessionId, final int agentId)
        {
        }
    }
}

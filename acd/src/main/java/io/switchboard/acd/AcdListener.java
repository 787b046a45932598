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

    /** A listener that ignores every decision, for a consumer that has nothing to do with some of them yet. */
    static AcdListener ignoring()
    {
        return Ignoring.INSTANCE;
    }

    /** The listener of {@link #ignoring()}. */
    final class Ignoring implements AcdListener
    {
        private static final Ignoring INSTANCE = new Ignoring();

        private Ignoring()
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
    }
}

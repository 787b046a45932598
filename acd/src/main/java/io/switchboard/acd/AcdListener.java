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
}

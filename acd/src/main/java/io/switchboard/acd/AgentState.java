package io.switchboard.acd;

/**
 * An agent's state, as call-center manuals describe them (the table of the ACD issue). {@link #RINGING} is the
 * system's own: an inbound call is being offered to the agent and waits for the answer or the ring timeout (or, for
 * a direct call the ACD did not route, for the call layer, which times it).
 */
public enum AgentState
{
    /** Signed out: nothing is offered, nothing may be dialled. */
    OFFLINE(false, false, true),
    /** Ready: new inbound calls are offered. */
    IDLE(true, true, true),
    /** Set by the agent: no new inbound calls (internal calls and transfers to the agent still ring). */
    BUSY(false, true, true),
    /** A break with a reason; also entered by the system when an offered call rang out unanswered. */
    BREAK(false, true, true),
    /** Offered a call that is ringing at the agent's phone. System only. */
    RINGING(false, false, false),
    /** On a call. System only: the agent cannot pick it. */
    ON_CALL(false, false, false),
    /** After a call, with a countdown back to idle; the agent may end it early or extend it. */
    WRAP_UP(false, true, false);

    private final boolean offered;
    private final boolean dialOut;
    private final boolean agentMayLeave;

    AgentState(final boolean offered, final boolean dialOut, final boolean agentMayLeave)
    {
        this.offered = offered;
        this.dialOut = dialOut;
        this.agentMayLeave = agentMayLeave;
    }

    /** Whether new inbound (queued) calls are offered in this state. */
    public boolean offeredInbound()
    {
        return offered;
    }

    /** Whether the agent may dial out (outbound or internal calls) in this state. */
    public boolean mayDialOut()
    {
        return dialOut;
    }

    /** Whether the agent may pick another state from this one ({@link #WRAP_UP} is left by ending it). */
    public boolean agentMayLeave()
    {
        return agentMayLeave;
    }

    /** The states an agent may pick: idle, busy, break and offline ({@code online} is {@link #IDLE}). */
    public boolean agentMayPick()
    {
        return this == IDLE || this == BUSY || this == BREAK || this == OFFLINE;
    }
}

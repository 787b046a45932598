package io.switchboard.acd;

/**
 * An agent's state, as call-center manuals describe them (the table of the ACD issue). {@link #RINGING} is the
 * system's own: an inbound call is being offered to the agent and waits for the answer or the ring timeout (or, for
 * a direct call the ACD did not route, for the call layer, which times it).
 *
 * <p>Chat sessions do not change the state: an agent serving chats is idle (or on a call), and the "busy (full)"
 * the manuals show is an agent whose open sessions reached its limit ({@link AgentView#openChats()} against
 * {@link AgentView#chatLimit()}). Which states receive what:
 * <table>
 * <caption>What is offered in each state</caption>
 * <tr><th>state</th><th>queued calls</th><th>direct calls and transfers</th><th>chat sessions (up to the group's
 * concurrency)</th></tr>
 * <tr><td>OFFLINE, BREAK</td><td>no</td><td>no</td><td>no; entering one of these takes back the agent's pending
 * chat offers (sessions it serves stay with it)</td></tr>
 * <tr><td>BUSY</td><td>no</td><td>yes (the manual's 示忙: internal calls and transfers ring); after that call and
 * its wrap-up the agent is busy again, and it is offered no chat meanwhile</td><td>no</td></tr>
 * <tr><td>IDLE</td><td>yes (with {@link AcdSettings#callsDuringChats()} off, only with no open chat)</td>
 * <td>yes</td><td>yes</td></tr>
 * <tr><td>RINGING, ON_CALL, WRAP_UP</td><td>no</td><td>no (one call at a time)</td><td>with
 * {@link AcdSettings#chatsDuringCalls()} (the default), yes</td></tr>
 * </table>
 * A break refuses direct calls: the manual (000 员工状态) names internal calls and transfers for busy only, and a
 * break means the agent is away.
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
    /**
     * After a call, with a countdown back to idle (busy, after a direct call taken while busy); the agent may end it
     * early, extend it or keep it open until it ends it (no countdown then, also with the tenant's state recovery
     * off).
     */
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

    /**
     * Whether chat sessions may be offered in this state: idle, and the call states (ringing, on call, wrap-up) when
     * the tenant lets chats in during calls. Capacity and a missed offer are checked apart.
     */
    public boolean receivesChats(final boolean chatsDuringCalls)
    {
        return this == IDLE || chatsDuringCalls && (this == RINGING || this == ON_CALL || this == WRAP_UP);
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

package io.switchboard.acd;

/** Why the engine refused a command; nothing changed. */
public enum AcdError
{
    UNKNOWN_AGENT,
    UNKNOWN_GROUP,
    UNKNOWN_CALL,
    DUPLICATE,
    /** The state table does not allow this change (e.g. an agent picking "on call", or leaving it). */
    FORBIDDEN_TRANSITION,
    /** A value outside its range (a name too long, a wrap-up extension beyond 90 s...). */
    INVALID,
    /** The engine's command buffer is full: try again later. */
    OVERLOADED,
    /**
     * The agent cannot take a direct call now (it is not idle for a direct offer; it is offline or rung by the ACD
     * for a direct call's start): for the call layer, the target is busy.
     */
    AGENT_UNAVAILABLE
}

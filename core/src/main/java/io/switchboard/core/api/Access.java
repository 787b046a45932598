package io.switchboard.core.api;

/**
 * Who may use a route; every route is registered with one (see {@link ApiRouter}). The router's caller checks it
 * before the handler runs ({@link ApiGuard}), except the part of {@link #OWN_CALL} that needs the call itself.
 */
public enum Access
{
    /** Anyone, signed in or not: log-in, health. */
    PUBLIC,
    /** Any signed-in account; what it shows may depend on who asks (an agent's call list has its own calls). */
    SIGNED_IN,
    /** An agent's own agent only: the route's {@code {staffNo}} must be the account's; an administrator any. */
    OWN_AGENT,
    /**
     * As {@link #OWN_AGENT}, and any agent for a supervisor: the few agent routes a supervisor needs to look at an
     * agent and set its state (a stuck agent made busy or offline), none of the agent's own work (calls, chats).
     */
    SUPERVISED_AGENT,
    /**
     * A call the agent takes part in (one of its legs is the account's extension or ACD agent); an administrator any.
     * The guard checks that an account is signed in; {@code CallEndpoints} checks the call on the worker that owns it.
     */
    OWN_CALL,
    /**
     * As {@link #OWN_CALL}, and any call for a supervisor: the transfer a supervisor forces on an agent's call. Checked
     * by {@code CallEndpoints} like {@link #OWN_CALL}.
     */
    SUPERVISED_CALL,
    /** Supervisors and administrators: every agent's live work, no administration. */
    SUPERVISOR,
    /** Administrators only. */
    ADMIN,
    /**
     * A metrics scraper ({@code GET /metrics}): no account; the metrics token as the bearer, or a configured address.
     * The guard lets it through; {@code MetricsEndpoints} checks the token or the address.
     */
    METRICS
}

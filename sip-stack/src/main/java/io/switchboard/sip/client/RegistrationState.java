package io.switchboard.sip.client;

/** Where a {@link RegistrationClient} stands with its registrar (RFC 3261 §10.2). */
public enum RegistrationState
{
    /** Created, not started: nothing sent yet. */
    UNREGISTERED,
    /** A REGISTER (or its answer to a challenge) is in flight and no binding is known to exist. */
    REGISTERING,
    /**
     * The registrar accepted our binding and it has not expired; stays so while a refresh is in flight, because the
     * binding is still valid until {@link RegistrationClient#expiresAtMillis()}.
     */
    REGISTERED,
    /** The last attempt failed (refused, timed out, unanswerable challenge); a retry is scheduled with back-off. */
    FAILED,
    /** {@link RegistrationClient#stop()} was called: the un-REGISTER is sent, nothing is retried. */
    STOPPED
}

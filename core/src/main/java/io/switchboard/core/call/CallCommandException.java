package io.switchboard.core.call;

/** A command on a call (hold, mute, DTMF...) that cannot be carried out, and why. */
public final class CallCommandException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** Why, in terms an API maps to its own statuses. */
    public enum Reason
    {
        UNKNOWN_CALL, BAD_REQUEST, WRONG_STATE, NOT_FOUND, FORBIDDEN
    }

    private final Reason reason;

    public CallCommandException(final Reason reason, final String message)
    {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason()
    {
        return reason;
    }
}

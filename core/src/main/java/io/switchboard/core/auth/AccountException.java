package io.switchboard.core.auth;

/** A change to the accounts that cannot be made: the account is unknown, or the e-mail or staff number is taken. */
public final class AccountException extends RuntimeException
{
    /** Why. */
    public enum Reason
    {
        UNKNOWN,
        EXISTS
    }

    private final Reason reason;

    public AccountException(final Reason reason, final String message)
    {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason()
    {
        return reason;
    }
}

package io.switchboard.core.admin;

/** A change the tenant's administration refuses: why, and a message for the administrator. */
public final class AdminException extends RuntimeException
{
    /** Why a change was refused. */
    public enum Reason
    {
        /** The values given are not acceptable (the API's 400). */
        INVALID,
        /** The list is full, or the item cannot move further (409). */
        CONFLICT,
        /** No such page or reply (404). */
        UNKNOWN
    }

    private final Reason reason;

    public AdminException(final Reason reason, final String message)
    {
        super(message);
        this.reason = reason;
    }

    public Reason reason()
    {
        return reason;
    }

    static AdminException invalid(final String message)
    {
        return new AdminException(Reason.INVALID, message);
    }
}

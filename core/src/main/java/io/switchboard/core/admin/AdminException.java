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
    private final String code;

    public AdminException(final Reason reason, final String message)
    {
        this(reason, null, message);
    }

    /** With a stable code of its own for the API's answer (the page translates it), instead of the reason's. */
    public AdminException(final Reason reason, final String code, final String message)
    {
        super(message);
        this.reason = reason;
        this.code = code;
    }

    public Reason reason()
    {
        return reason;
    }

    /** The API error code, or null for the reason's own ({@code bad_request}, {@code conflict}, {@code not_found}). */
    public String code()
    {
        return code;
    }

    static AdminException invalid(final String message)
    {
        return new AdminException(Reason.INVALID, message);
    }
}

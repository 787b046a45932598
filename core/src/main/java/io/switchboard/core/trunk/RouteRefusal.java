package io.switchboard.core.trunk;

/**
 * Why a dialled number is not routed, and the status the caller gets.
 *
 * @param reason the refusal
 * @param detail a sentence for the log and the reason phrase's neighbourhood (never sent to the carrier)
 */
public record RouteRefusal(Reason reason, String detail) implements RouteResult
{
    /** The reasons, each with its SIP status. */
    public enum Reason
    {
        /** The extension may not call out, or not this number (international): 403 Forbidden. */
        NOT_ALLOWED(403),
        /** No rule matches the number: 404 Not Found. */
        NO_ROUTE(404),
        /** Not a phone number, or nothing left to dial after the rule: 484 Address Incomplete. */
        INVALID(484);

        private final int status;

        Reason(final int status)
        {
            this.status = status;
        }

        public int status()
        {
            return status;
        }
    }

    /** The SIP status to answer the caller with. */
    public int status()
    {
        return reason.status();
    }
}

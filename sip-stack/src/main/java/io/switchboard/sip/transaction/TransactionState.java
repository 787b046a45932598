package io.switchboard.sip.transaction;

/**
 * Transaction states of RFC 3261 §17 and RFC 6026 (Accepted), with stable codes for counters and logs.
 */
public enum TransactionState
{
    CALLING(1),
    TRYING(2),
    PROCEEDING(3),
    COMPLETED(4),
    CONFIRMED(5),
    ACCEPTED(6),
    TERMINATED(7);

    private final int code;

    TransactionState(final int code)
    {
        this.code = code;
    }

    public int code()
    {
        return code;
    }
}

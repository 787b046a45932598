package io.switchboard.core.call;

/** States of a B2BUA call, with stable codes for counters and service records. */
public enum CallState
{
    /** INVITE received from the caller, forks sent, nothing heard back yet. */
    ROUTING(1),
    /** A fork answered provisionally (ringing); the caller heard 180/183. */
    EARLY(2),
    /** A fork answered 2xx; the caller got 200 and we wait for its ACK. */
    ANSWERED(3),
    /** Both legs confirmed: the call is up. */
    CONFIRMED(4),
    /** Being torn down: BYE/CANCEL sent, waiting for the last transactions. */
    ENDING(5),
    ENDED(6);

    private final int code;

    CallState(final int code)
    {
        this.code = code;
    }

    public int code()
    {
        return code;
    }
}

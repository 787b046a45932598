package io.switchboard.ivr.store;

/** Which calls a phone number takes. */
public enum NumberDirection
{
    INBOUND, OUTBOUND, BOTH;

    public boolean inbound()
    {
        return this != OUTBOUND;
    }
}

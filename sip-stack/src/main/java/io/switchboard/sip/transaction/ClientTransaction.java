package io.switchboard.sip.transaction;

import io.switchboard.sip.transport.Target;

/** A client transaction (RFC 3261 §17.1) as the TU sees it. */
public interface ClientTransaction extends Transaction
{
    /** Where the request was sent; a CANCEL or the ACK for a non-2xx goes to the same place (RFC 3261 §9.1). */
    Target target();

    /** The status of the last provisional response received, or 0 if none yet (CANCEL is only sent after one). */
    int lastProvisional();
}

package io.switchboard.sip.transaction;

import javax.sip.message.Response;
import io.switchboard.sip.transport.Flow;

/** A server transaction (RFC 3261 §17.2) as the TU sees it. */
public interface ServerTransaction extends Transaction
{
    /** Where the request came from; responses go back there (RFC 3261 §18.2.2). */
    Flow flow();

    /**
     * Sends a response through the transaction. Provisional responses keep it in Proceeding; a final response
     * moves it to Completed (3xx-6xx), Accepted (2xx to INVITE, RFC 6026, retransmitted until ACK) or
     * Terminated/Completed (non-INVITE). Responses after the final one are ignored and counted.
     */
    void respond(Response response);

    /** True once a final response was sent. */
    boolean isAnswered();
}

package io.switchboard.sip.transaction;

import gov.nist.javax.sip.message.SIPRequest;

/** What client and server transactions share: the request that created them and their state. */
public interface Transaction
{
    /** The request that created the transaction (for a client transaction, as sent, with our Via). */
    SIPRequest request();

    TransactionState state();

    /** The branch of the top Via (ours for client transactions, the peer's for server transactions). */
    String branch();

    /** Any object the TU wants to find again from callbacks, typically the call leg. */
    Object userData();

    void userData(Object data);
}

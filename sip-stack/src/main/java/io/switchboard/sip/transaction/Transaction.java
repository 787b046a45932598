package io.switchboard.sip.transaction;

import gov.nist.javax.sip.message.SIPRequest;

/**
 * What client and server transactions share: the request that created them and their state.
 * <p>
 * <b>Lingering states.</b> A transaction that has its final response only absorbs retransmissions until its timer
 * ends it: Completed, Confirmed and Accepted (server: Timer H/I/J/L; client: Timer D/K/M), for up to 64*T1 = 32 s.
 * So that this time costs little heap, a transaction entering one of these states, or Terminated, drops what it no
 * longer needs: the parsed request ({@link #request()} returns null from then on), and the TU's
 * {@link #userData()} once no callback that needs it can come any more. Matching keeps working on the
 * {@link TransactionKey}, and retransmissions re-send the response (server) or ACK (INVITE client) as the bytes
 * first sent. The TU reads the request it needs before it sends the final response, or keeps it itself.
 */
public interface Transaction
{
    /**
     * The request that created the transaction (for a client transaction, as sent, with our Via), or null once the
     * transaction lingers (Completed, Confirmed, Accepted) or is Terminated.
     */
    SIPRequest request();

    /** The method of the request that created the transaction; kept in every state. */
    String method();

    TransactionState state();

    /** The branch of the top Via (ours for client transactions, the peer's for server transactions). */
    String branch();

    /**
     * Any object the TU wants to find again from callbacks, typically the call leg. Set back to null when no TU
     * callback can need it any more:
     * <ul>
     *   <li>INVITE server: in Confirmed (the ACK for a 3xx-6xx came; Completed keeps it for Timer H's
     *   {@link TransactionUser#onAckTimeout}), and in Accepted once the ACK for the 2xx came (until then Timer L
     *   may still call {@link TransactionUser#onAckTimeout});</li>
     *   <li>non-INVITE server: in Completed;</li>
     *   <li>client transactions: in Completed and Accepted, after the TU got the final response. A retransmitted 2xx
     *   that an INVITE client transaction passes to {@link TransactionUser#onResponse} in Accepted comes with a null
     *   userData, like a 2xx that matched no transaction;</li>
     *   <li>every transaction: in Terminated.</li>
     * </ul>
     * A transport error in those states still reaches {@link TransactionUser#onTransportError}, with a null userData.
     */
    Object userData();

    void userData(Object data);
}

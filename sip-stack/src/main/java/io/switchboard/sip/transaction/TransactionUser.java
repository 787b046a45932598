package io.switchboard.sip.transaction;

import io.switchboard.sip.transport.Flow;

import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The layer above transactions (RFC 3261 §17: the "TU"): the registrar, the B2BUA's legs. Every callback runs on
 * the event loop that owns the transaction layer, which also owns the TU's state for that message.
 */
public interface TransactionUser
{
    /** A new request (not a retransmission) for which a server transaction was created. Never an ACK or CANCEL. */
    void onRequest(ServerTransaction transaction, Request request);

    /**
     * An ACK that matched no INVITE server transaction in Completed state: the ACK for a 2xx (RFC 3261 §17.2.3,
     * §13.2.2.4), passed up for the dialog. If it matched a 2xx that the layer is retransmitting
     * (RFC 6026 Accepted state), the retransmission has already been stopped.
     */
    void onAck(Request ack, Flow flow);

    /**
     * A CANCEL that matched an INVITE server transaction still in Proceeding state. The layer has already answered
     * the CANCEL with 200 (RFC 3261 §9.2); the TU should now answer the INVITE with 487 (and cancel its forks).
     */
    void onCancel(ServerTransaction invite, Request cancel);

    /**
     * A response for a client transaction: provisional, final, and (for INVITE, RFC 6026 Accepted state)
     * retransmitted 2xx responses, which the TU answers with its ACK again.
     */
    void onResponse(ClientTransaction transaction, Response response);

    /** Timer B or F fired: no final response (treat as 408, RFC 3261 §8.1.3.1). */
    void onTimeout(ClientTransaction transaction);

    /**
     * The 2xx an INVITE server transaction sent was never acknowledged (64*T1 passed without ACK):
     * the TU should end the dialog with BYE (RFC 3261 §13.3.1.4). Also called when Timer H fires, i.e. a 3xx-6xx
     * was never acknowledged (RFC 3261 §17.2.1 "MUST indicate to the TU that a transaction failure has occurred");
     * then {@link ServerTransaction#state()} was Completed and there is no dialog to end.
     */
    void onAckTimeout(ServerTransaction transaction);

    /** The transport could not deliver a message of this transaction (RFC 3261 §17.1.4, §17.2.4). */
    void onTransportError(Transaction transaction);
}

package io.switchboard.sip.transaction;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.transport.Target;

/**
 * What the INVITE and non-INVITE client transactions share (RFC 3261 §17.1): the target the request goes to, the
 * key of §17.1.3 (branch and CSeq method) and the last provisional status received.
 */
abstract class AbstractClientTransaction extends AbstractTransaction implements ClientTransaction
{
    final TransactionKey key;
    final Target target;
    private int lastProvisional;

    AbstractClientTransaction(
        final TransactionContext ctx, final SIPRequest request, final Target target, final TransactionState initial)
    {
        super(ctx, request, target.isReliable(), initial);
        this.key = TransactionKey.client(branch, request.getCSeq().getMethod());
        this.target = target;
    }

    /** Sends the request for the first time: the transaction is in the table, timers start here. */
    abstract void start();

    /** A response matched this transaction (RFC 3261 §17.1.3). */
    abstract void onResponse(SIPResponse response);

    @Override
    public final Target target()
    {
        return target;
    }

    @Override
    public final int lastProvisional()
    {
        return lastProvisional;
    }

    final void provisionalReceived(final SIPResponse response)
    {
        lastProvisional = response.getStatusCode();
    }

    final void sendRequest()
    {
        send(request, target);
    }

    @Override
    final void onTransportError(final Throwable cause)
    {
        failOnTransportError(cause);
    }
}

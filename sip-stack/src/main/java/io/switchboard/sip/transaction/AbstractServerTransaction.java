package io.switchboard.sip.transaction;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.SipCounters;
import io.switchboard.sip.transport.Flow;
import io.switchboard.sip.transport.Target;

/**
 * What the INVITE and non-INVITE server transactions share (RFC 3261 §17.2): the flow the request came in on, the
 * last response sent (re-sent when the request is retransmitted) and where responses go ({@link ResponseTarget}).
 */
abstract class AbstractServerTransaction extends AbstractTransaction implements ServerTransaction
{
    /** Null for a request from an RFC 2543 element: see {@link Rfc2543Match}. */
    final TransactionKey key;
    final Flow flow;
    private SIPResponse lastResponse;
    private Target responseTarget;
    private boolean answered;

    AbstractServerTransaction(
        final TransactionContext ctx, final SIPRequest request, final Flow flow, final TransactionState initial)
    {
        super(ctx, request, flow.isReliable(), initial);
        this.key = TransactionKey.server(request, request.getMethod());
        this.flow = flow;
    }

    /** The same request arrived again (RFC 3261 §17.2.1, §17.2.2). */
    abstract void onRetransmission();

    @Override
    public final Flow flow()
    {
        return flow;
    }

    @Override
    public final boolean isAnswered()
    {
        return answered;
    }

    /** The last response sent, or null. */
    final SIPResponse lastResponse()
    {
        return lastResponse;
    }

    /** Sends a response to the request's source and remembers it for retransmissions. */
    final void sendResponse(final SIPResponse response)
    {
        lastResponse = response;
        answered |= !isProvisional(response);
        if (responseTarget == null)
        {
            responseTarget = ResponseTarget.of(response, flow);
        }
        send(response, responseTarget);
    }

    /** Sends the last response again, for a retransmitted request or a timer; nothing if none was sent yet. */
    final void resendLastResponse()
    {
        if (lastResponse != null)
        {
            send(lastResponse, responseTarget);
        }
    }

    /** Absorbs a retransmitted request by re-sending the last response (RFC 3261 §17.2.1, §17.2.2). */
    final void absorbRetransmission()
    {
        count(SipCounters.Id.RETRANSMISSIONS_ABSORBED);
        resendLastResponse();
    }

    @Override
    final void onTransportError(final Throwable cause)
    {
        failOnTransportError(cause);
    }

    static boolean isProvisional(final SIPResponse response)
    {
        return response.getStatusCode() < 200;
    }
}

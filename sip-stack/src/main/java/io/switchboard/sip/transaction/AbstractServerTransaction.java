package io.switchboard.sip.transaction;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.SipCounters;
import io.switchboard.sip.transport.Flow;
import io.switchboard.sip.transport.Target;

/**
 * What the INVITE and non-INVITE server transactions share (RFC 3261 §17.2): the flow the request came in on, the
 * last response sent (re-sent when the request is retransmitted) and where responses go ({@link ResponseTarget}).
 * <p>
 * The last response is kept as the bytes sent ({@link io.switchboard.sip.transport.MessageSender#encode}), with its
 * To tag, never as the parsed message: retransmissions re-send exactly those bytes.
 */
abstract class AbstractServerTransaction extends AbstractTransaction implements ServerTransaction
{
    /** Null for a request from an RFC 2543 element: see {@link Rfc2543Match}. */
    final TransactionKey key;
    /** What RFC 2543 matching compares; non-null exactly when {@link #key} is null. */
    final Rfc2543Match.Fields rfc2543;
    final Flow flow;
    private byte[] lastResponse;
    private String lastToTag;
    private Target responseTarget;
    private boolean answered;

    AbstractServerTransaction(
        final TransactionContext ctx, final SIPRequest request, final Flow flow, final TransactionState initial)
    {
        super(ctx, request, flow.isReliable(), initial);
        this.key = TransactionKey.server(request, request.getMethod());
        this.rfc2543 = key == null ? Rfc2543Match.Fields.of(request) : null;
        this.flow = flow;
    }

    /** The same request arrived again (RFC 3261 §17.2.1, §17.2.2). */
    abstract void onRetransmission();

    /**
     * The same request arrived again on {@code arrival}: when that is another connection (the client reconnected,
     * its first one is gone), responses go there from now on (RFC 3261 §18.2.2: over the connection the request
     * came on).
     */
    final void arrivedOn(final Flow arrival)
    {
        if (arrival.isReliable() && arrival.channel() != flow.channel() && responseTarget != null)
        {
            responseTarget = arrival.asTarget();
        }
    }

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

    /** True once a response (provisional or final) was sent; not asked in Terminated. */
    final boolean hasResponded()
    {
        return lastResponse != null;
    }

    /** The To tag of the last response sent, or null (none sent yet, or a response without one: 100 Trying). */
    final String lastToTag()
    {
        return lastToTag;
    }

    /** The last response as sent, or null: for tests of what a lingering transaction keeps. */
    final byte[] lastResponseBytes()
    {
        return lastResponse;
    }

    /** Sends a response to the request's source and remembers it, encoded, for retransmissions. */
    final void sendResponse(final SIPResponse response)
    {
        answered |= !isProvisional(response);
        lastToTag = response.getToTag();
        if (responseTarget == null)
        {
            responseTarget = ResponseTarget.of(response, flow);
        }
        lastResponse = ctx.sender.encode(response, responseTarget);
        sendEncoded(lastResponse, responseTarget);
    }

    /** Sends the last response again, for a retransmitted request or a timer; nothing if none was sent yet. */
    final void resendLastResponse()
    {
        if (lastResponse != null)
        {
            sendEncoded(lastResponse, responseTarget);
        }
    }

    /** Absorbs a retransmitted request by re-sending the last response (RFC 3261 §17.2.1, §17.2.2). */
    final void absorbRetransmission()
    {
        count(SipCounters.Id.RETRANSMISSIONS_ABSORBED);
        resendLastResponse();
    }

    /** Terminated needs no response any more; the lingering states keep the bytes to re-send them. */
    @Override
    void onRelease(final TransactionState lean)
    {
        if (lean == TransactionState.TERMINATED)
        {
            lastResponse = null;
            responseTarget = null;
        }
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

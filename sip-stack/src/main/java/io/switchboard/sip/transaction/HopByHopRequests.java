package io.switchboard.sip.transaction;

import gov.nist.javax.sip.address.GenericURI;
import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.MaxForwards;
import gov.nist.javax.sip.header.RouteList;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.header.ViaList;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;

import javax.sip.InvalidArgumentException;

/**
 * The two requests a client transaction layer builds from an INVITE it sent, which travel hop by hop with the
 * INVITE's own top Via and branch: the ACK for a non-2xx final response (RFC 3261 §17.1.1.3) and the CANCEL
 * (§9.1). Both copy the Request-URI, Call-ID, From, CSeq number, the top Via only, and the Route headers.
 */
final class HopByHopRequests
{
    private static final int MAX_FORWARDS = 70;

    private HopByHopRequests()
    {
    }

    /** The ACK for a 300-699 response: To of the response (with its tag), CSeq method ACK (§17.1.1.3). */
    static SIPRequest ack(final SIPRequest invite, final SIPResponse response)
    {
        return copy(invite, SIPRequest.ACK, (To)response.getTo().clone());
    }

    /** The CANCEL of an INVITE: same To as the INVITE, CSeq method CANCEL (§9.1). */
    static SIPRequest cancel(final SIPRequest invite)
    {
        return copy(invite, SIPRequest.CANCEL, (To)invite.getTo().clone());
    }

    private static SIPRequest copy(final SIPRequest invite, final String method, final To to)
    {
        final SIPRequest request = new SIPRequest();
        request.setMethod(method);
        request.setRequestURI((GenericURI)invite.getRequestURI().clone());
        final ViaList vias = new ViaList();
        vias.add((Via)invite.getTopmostVia().clone());
        request.setHeader(vias);
        final RouteList routes = invite.getRouteHeaders();
        if (routes != null)
        {
            request.setHeader((RouteList)routes.clone());
        }
        request.setHeader(maxForwards());
        request.setHeader((From)invite.getFrom().clone());
        request.setHeader(to);
        request.setHeader((CallID)invite.getCallId().clone());
        request.setHeader(new CSeq(invite.getCSeq().getSeqNumber(), method));
        request.setHeader(new ContentLength(0));
        return request;
    }

    private static MaxForwards maxForwards()
    {
        final MaxForwards maxForwards = new MaxForwards();
        try
        {
            maxForwards.setMaxForwards(MAX_FORWARDS);
        }
        catch (final InvalidArgumentException ex)
        {
            throw new IllegalStateException(ex);
        }
        return maxForwards;
    }
}

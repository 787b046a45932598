package io.switchboard.sip.dialog;

import javax.sip.message.Response;
import gov.nist.javax.sip.header.Contact;
import gov.nist.javax.sip.header.RecordRoute;
import gov.nist.javax.sip.header.RecordRouteList;
import gov.nist.javax.sip.header.Route;
import gov.nist.javax.sip.header.RouteList;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.message.SipFactories;

import javax.sip.address.Address;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A dialog (RFC 3261 §12): the state a UA keeps to send and check requests within one peer-to-peer relationship.
 * Created as a UAS from an INVITE we answer (§12.1.1) or as a UAC from a response to our INVITE (§12.1.2);
 * {@link #createRequest(String)} builds in-dialog requests (§12.2.1.1) and {@link #createAck(long)} the ACK for a
 * 2xx (§13.2.2.4). Owned by one event loop, like the call it belongs to.
 */
public final class Dialog
{
    private final String callId;
    private final String localTag;
    private String remoteTag;
    private final Address localAddress;
    private final Address remoteAddress;
    private URI remoteTarget;
    private List<Address> routeSet;
    private long localSeq;
    private long remoteSeq;
    private boolean confirmed;

    private Dialog(final String callId, final String localTag, final String remoteTag, final Address localAddress,
        final Address remoteAddress, final URI remoteTarget, final List<Address> routeSet, final long localSeq,
        final long remoteSeq)
    {
        this.callId = callId;
        this.localTag = localTag;
        this.remoteTag = remoteTag;
        this.localAddress = localAddress;
        this.remoteAddress = remoteAddress;
        this.remoteTarget = remoteTarget;
        this.routeSet = routeSet;
        this.localSeq = localSeq;
        this.remoteSeq = remoteSeq;
    }

    /** UAS side (§12.1.1): from the INVITE we answer with {@code localTag} in To. */
    public static Dialog asUas(final Request inviteMessage, final String localTag)
    {
        final SIPRequest invite = (SIPRequest)inviteMessage;
        final List<Address> routes = new ArrayList<>();
        final RecordRouteList rr = invite.getRecordRouteHeaders();
        if (rr != null)
        {
            for (final RecordRoute r : rr)
            {
                routes.add((Address)r.getAddress().clone());
            }
        }
        final Contact contact = invite.getContactHeader();
        final URI target = contact != null
            ? (URI)contact.getAddress().getURI().clone()
            : invite.getFrom().getAddress().getURI();
        return new Dialog(invite.getCallId().getCallId(), localTag, invite.getFrom().getTag(),
            (Address)invite.getTo().getAddress().clone(), (Address)invite.getFrom().getAddress().clone(), target,
            routes, 0, invite.getCSeq().getSeqNumber());
    }

    /** UAC side (§12.1.2): from our INVITE and a response to it that carries a To tag. */
    public static Dialog asUac(final Request inviteMessage, final Response responseMessage)
    {
        final SIPRequest invite = (SIPRequest)inviteMessage;
        final SIPResponse response = (SIPResponse)responseMessage;
        final List<Address> routes = new ArrayList<>();
        final RecordRouteList rr = response.getRecordRouteHeaders();
        if (rr != null)
        {
            for (final RecordRoute r : rr)
            {
                routes.add((Address)r.getAddress().clone());
            }
            Collections.reverse(routes);
        }
        final Contact contact = response.getContactHeader();
        final URI target = contact != null ? (URI)contact.getAddress().getURI().clone() : invite.getRequestURI();
        final Dialog dialog = new Dialog(invite.getCallId().getCallId(), invite.getFrom().getTag(),
            response.getTo().getTag(), (Address)invite.getFrom().getAddress().clone(),
            (Address)invite.getTo().getAddress().clone(), target, routes, invite.getCSeq().getSeqNumber(), 0);
        dialog.confirmed = response.getStatusCode() / 100 == 2;
        return dialog;
    }

    /**
     * Builds a request within the dialog (§12.2.1.1) with the next local CSeq. The caller adds the top Via.
     * The request has no body.
     */
    public SIPRequest createRequest(final String method)
    {
        return build(method, ++localSeq);
    }

    /** The ACK for a 2xx to our INVITE with CSeq {@code inviteSeq} (§13.2.2.4). */
    public SIPRequest createAck(final long inviteSeq)
    {
        return build(Request.ACK, inviteSeq);
    }

    private SIPRequest build(final String method, final long seq)
    {
        try
        {
            final CallIdHeader callIdHeader = SipFactories.HEADERS.createCallIdHeader(callId);
            final CSeqHeader cseq = SipFactories.HEADERS.createCSeqHeader(seq, method);
            final FromHeader from = SipFactories.HEADERS.createFromHeader((Address)localAddress.clone(), localTag);
            final ToHeader to = SipFactories.HEADERS.createToHeader((Address)remoteAddress.clone(), remoteTag);
            final MaxForwardsHeader maxForwards = SipFactories.HEADERS.createMaxForwardsHeader(70);
            final SIPRequest request = (SIPRequest)SipFactories.MESSAGES.createRequest((URI)remoteTarget.clone(),
                method, callIdHeader, cseq, from, to, new ArrayList<>(), maxForwards);
            if (!routeSet.isEmpty())
            {
                final RouteList routes = new RouteList();
                for (final Address a : routeSet)
                {
                    final Route route = new Route();
                    route.setAddress((Address)a.clone());
                    routes.add(route);
                }
                request.setHeader(routes);
            }
            return request;
        }
        catch (final ParseException | javax.sip.InvalidArgumentException ex)
        {
            throw new IllegalStateException("cannot build " + method + " in dialog " + callId, ex);
        }
    }

    /**
     * Checks an incoming in-dialog request's CSeq (§12.2.2): lower than the last one means out of order (500);
     * otherwise it is remembered. A target refresh (re-INVITE, UPDATE) with a Contact updates the remote target.
     */
    public boolean acceptRemoteSeq(final Request requestMessage)
    {
        final SIPRequest request = (SIPRequest)requestMessage;
        final long seq = request.getCSeq().getSeqNumber();
        final String method = request.getMethod();
        if (Request.ACK.equals(method) || Request.CANCEL.equals(method))
        {
            return true;
        }
        if (remoteSeq != 0 && seq <= remoteSeq)
        {
            return false;
        }
        remoteSeq = seq;
        final Contact contact = request.getContactHeader();
        if (contact != null && (Request.INVITE.equals(method) || Request.UPDATE.equals(method)))
        {
            remoteTarget = (URI)contact.getAddress().getURI().clone();
        }
        return true;
    }

    /** A 2xx to a re-INVITE or UPDATE we sent may refresh the remote target (§12.2.1.2). */
    public void refreshTarget(final Response responseMessage)
    {
        final SIPResponse response = (SIPResponse)responseMessage;
        final Contact contact = response.getContactHeader();
        if (contact != null)
        {
            remoteTarget = (URI)contact.getAddress().getURI().clone();
        }
    }

    /** A UAC early dialog confirmed by a 2xx, which may carry a different route set's target. */
    public void confirm(final Response response)
    {
        confirmed = true;
        refreshTarget(response);
    }

    public String callId()
    {
        return callId;
    }

    public String localTag()
    {
        return localTag;
    }

    public String remoteTag()
    {
        return remoteTag;
    }

    public void remoteTag(final String tag)
    {
        remoteTag = tag;
    }

    public URI remoteTarget()
    {
        return remoteTarget;
    }

    public List<Address> routeSet()
    {
        return routeSet;
    }

    public long localSeq()
    {
        return localSeq;
    }

    public boolean isConfirmed()
    {
        return confirmed;
    }

    public void confirmed(final boolean value)
    {
        confirmed = value;
    }

    /** Key under which the owner finds this dialog from an incoming request: Call-ID and our tag. */
    public String key()
    {
        return key(callId, localTag);
    }

    public static String key(final String callId, final String localTag)
    {
        return callId + '\u0000' + localTag;
    }
}

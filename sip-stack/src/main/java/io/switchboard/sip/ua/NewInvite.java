package io.switchboard.sip.ua;

import io.switchboard.sip.dialog.Identifiers;
import io.switchboard.sip.message.SipFactories;

import javax.sip.InvalidArgumentException;
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

/**
 * The INVITE that starts a new dialog (RFC 3261 §8.1.1): {@code from} and {@code to} as {@code user@host}, a new
 * From tag, CSeq 1, the Call-ID given (the caller encodes its owner in it). Via and Contact are added when it is
 * sent ({@link InviteUsage#sendInvite}).
 *
 * @param requestUri  where it goes (a phone's Contact, a carrier's address)
 * @param fromDisplay the caller's display name, or null
 * @param maxForwards what is left of the caller's hops (RFC 3261 §16.6 step 3, kept across the B2BUA)
 */
public record NewInvite(URI requestUri, String fromUser, String fromDisplay, String fromHost, String toUser,
    String toHost, String callId, int maxForwards)
{
    /** Builds the request; a user or host that is not valid SIP is an {@link IllegalArgumentException}. */
    public Request build()
    {
        try
        {
            final Address from = SipFactories.ADDRESSES.createAddress(
                SipFactories.ADDRESSES.createSipURI(fromUser, fromHost));
            if (fromDisplay != null)
            {
                from.setDisplayName(fromDisplay);
            }
            final Address to = SipFactories.ADDRESSES.createAddress(
                SipFactories.ADDRESSES.createSipURI(toUser, toHost));
            final CallIdHeader callIdHeader = SipFactories.HEADERS.createCallIdHeader(callId);
            final CSeqHeader cseq = SipFactories.HEADERS.createCSeqHeader(1L, Request.INVITE);
            final FromHeader fromHeader = SipFactories.HEADERS.createFromHeader(from, Identifiers.tag());
            final ToHeader toHeader = SipFactories.HEADERS.createToHeader(to, null);
            final MaxForwardsHeader hops = SipFactories.HEADERS.createMaxForwardsHeader(maxForwards);
            return SipFactories.MESSAGES.createRequest((URI)requestUri.clone(), Request.INVITE, callIdHeader, cseq,
                fromHeader, toHeader, new ArrayList<>(), hops);
        }
        catch (final ParseException | InvalidArgumentException ex)
        {
            throw new IllegalArgumentException("cannot build INVITE to " + toUser + "@" + toHost, ex);
        }
    }
}

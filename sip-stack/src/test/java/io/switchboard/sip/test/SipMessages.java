package io.switchboard.sip.test;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;

/**
 * Realistic test requests and responses, parsed from text with JAIN-SIP's {@link StringMsgParser}. Lines may end in
 * LF; they are sent to the parser with CRLF.
 */
public final class SipMessages
{
    public static final String CALL_ID = "a84b4c76e66710@pc33.atlanta.example.com";

    private SipMessages()
    {
    }

    /** Parses one message; fails the test on a parse error. */
    public static SIPMessage parse(final String text)
    {
        final String crlf = text.replace("\r\n", "\n").replace("\n", "\r\n");
        try
        {
            return new StringMsgParser().parseSIPMessage(crlf.getBytes(StandardCharsets.UTF_8), true, false, null);
        }
        catch (final ParseException ex)
        {
            throw new IllegalArgumentException("bad test message: " + ex.getMessage() + "\n" + text, ex);
        }
    }

    public static SIPRequest request(final String text)
    {
        return (SIPRequest)parse(text);
    }

    public static SIPResponse response(final String text)
    {
        return (SIPResponse)parse(text);
    }

    /** An INVITE from Alice's phone (UDP, rport) with the given Via branch, CSeq 314159 and a Route header. */
    public static SIPRequest invite(final String branch)
    {
        return invite(branch, "UDP", "pc33.atlanta.example.com:5060");
    }

    public static SIPRequest invite(final String branch, final String transport, final String sentBy)
    {
        return request(
            "INVITE sip:bob@biloxi.example.com SIP/2.0\n" +
            "Via: SIP/2.0/" + transport + " " + sentBy + ";branch=" + branch + "\n" +
            "Route: <sip:proxy.atlanta.example.com;lr>\n" +
            "Max-Forwards: 70\n" +
            "To: Bob <sip:bob@biloxi.example.com>\n" +
            "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\n" +
            "Call-ID: " + CALL_ID + "\n" +
            "CSeq: 314159 INVITE\n" +
            "Contact: <sip:alice@pc33.atlanta.example.com>\n" +
            "Content-Type: application/sdp\n" +
            "Content-Length: 0\n\n");
    }

    /** A non-INVITE request (OPTIONS, BYE, REGISTER...) with CSeq 63104. */
    public static SIPRequest nonInvite(final String method, final String branch)
    {
        return nonInvite(method, branch, "UDP", "pc33.atlanta.example.com:5060");
    }

    public static SIPRequest nonInvite(final String method, final String branch, final String transport,
        final String sentBy)
    {
        return request(
            method + " sip:bob@biloxi.example.com SIP/2.0\n" +
            "Via: SIP/2.0/" + transport + " " + sentBy + ";branch=" + branch + "\n" +
            "Max-Forwards: 70\n" +
            "To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf\n" +
            "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\n" +
            "Call-ID: " + CALL_ID + "\n" +
            "CSeq: 63104 " + method + "\n" +
            "Content-Length: 0\n\n");
    }

    /** The CANCEL a UAC would send for the INVITE: same Request-URI, Via, Call-ID, From, To and CSeq number. */
    public static SIPRequest cancelFor(final SIPRequest invite)
    {
        final SIPRequest cancel = (SIPRequest)invite.clone();
        cancel.setMethod(SIPRequest.CANCEL);
        try
        {
            cancel.getCSeq().setMethod(SIPRequest.CANCEL);
        }
        catch (final ParseException ex)
        {
            throw new IllegalStateException(ex);
        }
        cancel.removeContent();
        cancel.removeHeader("Content-Type");
        cancel.removeHeader("Contact");
        return cancel;
    }

    /** The ACK for a 2xx: a new branch, the To tag of the response (RFC 3261 §13.2.2.4). */
    public static SIPRequest ackFor2xx(final SIPRequest invite, final String toTag, final String branch)
    {
        return request(
            "ACK sip:alice@pc33.atlanta.example.com SIP/2.0\n" +
            "Via: " + invite.getTopmostVia().getSentProtocol().encode().trim() + " " +
            invite.getTopmostVia().getSentBy().encode() + ";branch=" + branch + "\n" +
            "Max-Forwards: 70\n" +
            "To: Bob <sip:bob@biloxi.example.com>;tag=" + toTag + "\n" +
            "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\n" +
            "Call-ID: " + invite.getCallId().getCallId() + "\n" +
            "CSeq: " + invite.getCSeq().getSeqNumber() + " ACK\n" +
            "Content-Length: 0\n\n");
    }

    /** The ACK for a non-2xx final response: the INVITE's Request-URI and top Via, the response's To. */
    public static SIPRequest ackForNon2xx(final SIPRequest invite, final SIPResponse response)
    {
        return request(
            "ACK " + invite.getRequestURI() + " SIP/2.0\n" +
            invite.getTopmostVia().encode().trim() + "\n" +
            "Max-Forwards: 70\n" +
            response.getTo().toString().trim() + "\n" +
            invite.getFrom().toString().trim() + "\n" +
            "Call-ID: " + invite.getCallId().getCallId() + "\n" +
            "CSeq: " + invite.getCSeq().getSeqNumber() + " ACK\n" +
            "Content-Length: 0\n\n");
    }

    /** A response to the request, as the peer (or TU) would build it, with a To tag unless status is 100. */
    public static SIPResponse responseTo(final SIPRequest request, final int status, final String toTag)
    {
        final SIPResponse response = request.createResponse(status);
        if (toTag != null && response.getToTag() == null)
        {
            try
            {
                response.getTo().setTag(toTag);
            }
            catch (final ParseException ex)
            {
                throw new IllegalStateException(ex);
            }
        }
        return response;
    }
}

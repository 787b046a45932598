package io.switchboard.sip.transaction;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;

import java.util.Objects;

/**
 * Server transaction matching for requests from RFC 2543 elements, whose top Via branch lacks the magic cookie
 * {@code z9hG4bK} (RFC 3261 §17.2.3, second half).
 * <ul>
 *   <li>INVITE (and CANCEL, looking for its INVITE, §9.2): Request-URI, To tag, From tag, Call-ID, CSeq number and
 *   top Via equal those of the INVITE that created the transaction.</li>
 *   <li>ACK: Request-URI, From tag, Call-ID, CSeq number and top Via equal the INVITE's, and the To tag equals the
 *   To tag of the response the server transaction sent.</li>
 *   <li>Other requests: as INVITE, plus the CSeq method.</li>
 * </ul>
 */
final class Rfc2543Match
{
    private Rfc2543Match()
    {
    }

    /**
     * @param tx       a server transaction created by a request without the magic cookie
     * @param incoming the request to match
     * @param method   the method of the transaction sought (INVITE for ACK and for the CANCEL lookup)
     */
    static boolean matches(final AbstractServerTransaction tx, final SIPRequest incoming, final String method)
    {
        final SIPRequest original = tx.request;
        if (!original.getMethod().equals(method) ||
            original.getCSeq().getSeqNumber() != incoming.getCSeq().getSeqNumber() ||
            !original.getCallId().getCallId().equals(incoming.getCallId().getCallId()) ||
            !Objects.equals(original.getFromTag(), incoming.getFromTag()) ||
            !original.getRequestURI().equals(incoming.getRequestURI()) ||
            !original.getTopmostVia().equals(incoming.getTopmostVia()))
        {
            return false;
        }
        if (SIPRequest.ACK.equals(incoming.getMethod()))
        {
            final SIPResponse sent = tx.lastResponse();
            return sent != null && Objects.equals(sent.getToTag(), incoming.getToTag());
        }
        return Objects.equals(original.getToTag(), incoming.getToTag());
    }
}

package io.switchboard.sip.transaction;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;

import javax.sip.address.URI;
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
 * The fields of the original request are copied into {@link Fields} when the transaction is created, so that
 * matching still works once the transaction has released its request (see {@link Transaction}).
 */
final class Rfc2543Match
{
    private Rfc2543Match()
    {
    }

    /**
     * What §17.2.3 compares, from the request that created an RFC 2543 server transaction. The URI and Via are the
     * request's own (small) header objects, compared with JAIN-SIP's {@code equals} as before.
     */
    record Fields(
        String method, long cseq, String callId, String fromTag, String toTag, URI requestUri, Via topVia)
    {
        static Fields of(final SIPRequest request)
        {
            return new Fields(request.getMethod(), request.getCSeq().getSeqNumber(), request.getCallId().getCallId(),
                request.getFromTag(), request.getToTag(), request.getRequestURI(), request.getTopmostVia());
        }
    }

    /**
     * @param tx       a server transaction created by a request without the magic cookie
     * @param incoming the request to match
     * @param method   the method of the transaction sought (INVITE for ACK and for the CANCEL lookup)
     */
    static boolean matches(final AbstractServerTransaction tx, final SIPRequest incoming, final String method)
    {
        final Fields original = tx.rfc2543;
        if (!original.method().equals(method) ||
            original.cseq() != incoming.getCSeq().getSeqNumber() ||
            !original.callId().equals(incoming.getCallId().getCallId()) ||
            !Objects.equals(original.fromTag(), incoming.getFromTag()) ||
            !original.requestUri().equals(incoming.getRequestURI()) ||
            !original.topVia().equals(incoming.getTopmostVia()))
        {
            return false;
        }
        if (SIPRequest.ACK.equals(incoming.getMethod()))
        {
            return tx.hasResponded() && Objects.equals(tx.lastToTag(), incoming.getToTag());
        }
        return Objects.equals(original.toTag(), incoming.getToTag());
    }
}

package io.switchboard.sip.transaction;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;

import java.util.Locale;

/**
 * What identifies a transaction (RFC 3261 §17.1.3, §17.2.3): the branch of the top Via, the sent-by of that Via
 * (server side only: branches are unique only per sender) and the method, where ACK counts as INVITE for the server
 * side. Client keys use the CSeq method so that a CANCEL, which shares the INVITE's branch, has its own transaction.
 * <p>
 * Server keys also hold the Call-ID and CSeq number. A retransmission, the CANCEL of an INVITE and the ACK of a
 * non-2xx carry the same ones (RFC 3261 §9.1, §17.1.1.3), so matching is as the RFC says for every client that keeps
 * its branches unique; a client that reuses one branch for different requests (RFC 4475's cparam01 and cparam02 do)
 * gets a transaction per request instead of the answer to an earlier one.
 *
 * @param branch the branch, lower-cased
 * @param sentBy host:port of the top Via for server transactions, null for client transactions
 * @param method the method of the transaction
 * @param callId the Call-ID for server transactions, null for client transactions
 * @param seq    the CSeq number for server transactions, 0 for client transactions
 */
record TransactionKey(String branch, String sentBy, String method, String callId, long seq)
{
    /** The RFC 3261 branch prefix: a branch without it comes from an RFC 2543 element (§8.1.1.7). */
    static final String MAGIC_COOKIE = "z9hG4bK";

    static TransactionKey client(final String branch, final String method)
    {
        return new TransactionKey(branch.toLowerCase(Locale.ROOT), null, method, null, 0);
    }

    /** The server key of a request whose top Via has an RFC 3261 branch, or null for RFC 2543 fallback. */
    static TransactionKey server(final SIPRequest request, final String method)
    {
        final Via via = request.getTopmostVia();
        final String branch = via.getBranch();
        if (!hasMagicCookie(branch))
        {
            return null;
        }
        return new TransactionKey(branch.toLowerCase(Locale.ROOT), sentBy(via), method,
            request.getCallId().getCallId(), request.getCSeq().getSeqNumber());
    }

    static boolean hasMagicCookie(final String branch)
    {
        return branch != null && branch.startsWith(MAGIC_COOKIE);
    }

    private static String sentBy(final Via via)
    {
        final int port = via.getPort();
        final String transport = via.getTransport();
        final int effectivePort = port > 0 ? port : "TLS".equalsIgnoreCase(transport) ? 5061 : 5060;
        return via.getHost().toLowerCase(Locale.ROOT) + ':' + effectivePort;
    }
}

package io.switchboard.sip.transaction;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.SipCounters;
import io.switchboard.sip.test.SipMessages;
import io.switchboard.sip.test.TxFlows;
import io.switchboard.sip.test.TxHarness;
import io.switchboard.sip.transport.Flow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.switchboard.sip.test.SipMessages.responseTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Transaction matching (RFC 3261 §17.1.3, §17.2.3) and table hygiene. */
class TransactionMatchingTest
{
    private static final Flow FLOW = TxFlows.udpFrom("203.0.113.9", 5060);
    private static final String RFC2543_BRANCH = "1b4c7a2f";

    private final TxHarness h = new TxHarness();

    @Test
    void shouldKeepSameBranchFromDifferentSentByApart()
    {
        h.layer.onRequest(SipMessages.nonInvite("OPTIONS", "z9hG4bKsame", "UDP", "203.0.113.9:5060"), FLOW);
        h.layer.onRequest(SipMessages.nonInvite("OPTIONS", "z9hG4bKsame", "UDP", "203.0.113.10:5060"), FLOW);

        assertEquals(List.of("request", "request"), h.tu.names());
        assertEquals(2, h.layer.size());
    }

    @Test
    void shouldKeepSameBranchWithDifferentMethodApart()
    {
        h.layer.onRequest(SipMessages.nonInvite("OPTIONS", "z9hG4bKsame"), FLOW);
        h.layer.onRequest(SipMessages.nonInvite("INFO", "z9hG4bKsame"), FLOW);

        assertEquals(List.of("request", "request"), h.tu.names());
    }

    @Test
    void shouldMatchRetransmittedRfc2543InviteWithoutMagicCookie()
    {
        h.layer.onRequest(SipMessages.invite(RFC2543_BRANCH), FLOW);
        final ServerTransaction tx = h.tu.lastServerTransaction();
        tx.respond(responseTo(tx.request(), 180, "bob1"));

        h.layer.onRequest(SipMessages.invite(RFC2543_BRANCH), FLOW);

        assertEquals(List.of("request"), h.tu.names());
        assertEquals(2, h.sentResponses(180).size());
        assertEquals(1, h.layer.size());
    }

    @Test
    void shouldTellRfc2543InvitesWithDifferentCSeqApart() throws Exception
    {
        h.layer.onRequest(SipMessages.invite(RFC2543_BRANCH), FLOW);
        final SIPRequest next = SipMessages.invite(RFC2543_BRANCH);
        next.getCSeq().setSeqNumber(314160);

        h.layer.onRequest(next, FLOW);

        assertEquals(List.of("request", "request"), h.tu.names());
    }

    @Test
    void shouldMatchRfc2543AckByToTagOfTheResponseSent()
    {
        h.layer.onRequest(SipMessages.invite(RFC2543_BRANCH), FLOW);
        final ServerTransaction tx = h.tu.lastServerTransaction();
        final SIPResponse busy = responseTo(tx.request(), 486, "bob1");
        tx.respond(busy);

        final SIPResponse otherTag = responseTo(SipMessages.invite(RFC2543_BRANCH), 486, "someoneelse");
        h.layer.onRequest(SipMessages.ackForNon2xx(SipMessages.invite(RFC2543_BRANCH), otherTag), FLOW);
        assertEquals(TransactionState.COMPLETED, tx.state());
        assertEquals(List.of("request", "ack"), h.tu.names());

        h.layer.onRequest(SipMessages.ackForNon2xx(SipMessages.invite(RFC2543_BRANCH), busy), FLOW);
        assertEquals(TransactionState.CONFIRMED, tx.state());
        assertEquals(List.of("request", "ack"), h.tu.names());
        h.scheduler.advanceMillis(5_000);
        assertEquals(0, h.layer.size());
    }

    @Test
    void shouldMatchCancelToRfc2543Invite()
    {
        h.layer.onRequest(SipMessages.invite(RFC2543_BRANCH), FLOW);

        h.layer.onRequest(SipMessages.cancelFor(SipMessages.invite(RFC2543_BRANCH)), FLOW);

        assertEquals(List.of("request", "cancel"), h.tu.names());
    }

    @Test
    void shouldMatchResponsesByBranchAndCSeqMethod()
    {
        final SIPRequest options = SipMessages.nonInvite("OPTIONS", "z9hG4bKopt1");
        final ClientTransaction tx = h.layer.sendRequest(options, TxFlows.udpTo("198.51.100.7", 5060));

        final SIPRequest sameBranchOtherMethod = SipMessages.nonInvite("INFO", "z9hG4bKopt1");
        h.layer.onResponse(responseTo(sameBranchOtherMethod, 200, null), FLOW);
        h.layer.onResponse(responseTo(SipMessages.nonInvite("OPTIONS", "z9hG4bKopt2"), 200, null), FLOW);

        assertEquals(List.of(), h.tu.names());
        assertEquals(2, h.count(SipCounters.Id.STRAY_RESPONSES));
        assertEquals(TransactionState.TRYING, tx.state());
    }

    @Test
    void shouldNotPassStrayNon2xxOrNonInviteResponsesToTu()
    {
        h.layer.onResponse(responseTo(SipMessages.invite("z9hG4bKgone"), 486, "x"), FLOW);
        h.layer.onResponse(responseTo(SipMessages.nonInvite("BYE", "z9hG4bKgone"), 200, null), FLOW);

        assertEquals(List.of(), h.tu.names());
        assertEquals(2, h.count(SipCounters.Id.STRAY_RESPONSES));
    }

    @Test
    void shouldRejectAckAndBranchWithoutMagicCookieInSendRequest()
    {
        final TransactionLayer layer = h.layer;
        assertThrows(IllegalArgumentException.class,
            () -> layer.sendRequest(SipMessages.invite("noCookie"), TxFlows.udpTo("198.51.100.7", 5060)));
        assertThrows(IllegalArgumentException.class,
            () -> layer.sendRequest(SipMessages.ackFor2xx(SipMessages.invite("z9hG4bKa"), "t", "z9hG4bKb"),
                TxFlows.udpTo("198.51.100.7", 5060)));
    }

    @Test
    void shouldEmptyTheTableAfterManyCallFlows()
    {
        for (int i = 0; i < 50; i++)
        {
            final String branch = "z9hG4bKflow" + i;
            h.layer.onRequest(SipMessages.invite(branch), FLOW);
            final ServerTransaction inTx = h.tu.lastServerTransaction();
            final SIPRequest outInvite = SipMessages.invite(TransactionLayer.newBranch());
            final ClientTransaction outTx = h.layer.sendRequest(outInvite, TxFlows.udpTo("198.51.100.7", 5060));
            assertNotSame(inTx, outTx);
            h.layer.onResponse(responseTo(outTx.request(), 180, "b" + i), FLOW);
            if (i % 2 == 0)
            {
                h.layer.onResponse(responseTo(outTx.request(), 200, "b" + i), FLOW);
                inTx.respond(responseTo(inTx.request(), 200, "a" + i));
                h.layer.onRequest(SipMessages.ackFor2xx(SipMessages.invite(branch), "a" + i, "z9hG4bKack" + i), FLOW);
            }
            else
            {
                h.layer.cancel(outTx);
                h.layer.onResponse(responseTo(outTx.request(), 487, "b" + i), FLOW);
                inTx.respond(responseTo(inTx.request(), 486, "a" + i));
            }
            h.layer.onRequest(SipMessages.nonInvite("OPTIONS", "z9hG4bKopt" + i), FLOW);
            h.tu.lastServerTransaction().respond(responseTo(SipMessages.nonInvite("OPTIONS", "x"), 200, null));
        }
        assertTrue(h.layer.size() > 0);

        h.scheduler.advanceMillis(64_000);

        assertEquals(0, h.layer.size());
        assertEquals(0, h.scheduler.pending());
    }
}

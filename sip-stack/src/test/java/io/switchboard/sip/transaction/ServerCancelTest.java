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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Incoming CANCEL (RFC 3261 §9.2). */
class ServerCancelTest
{
    private static final String BRANCH = "z9hG4bK776asdhds";
    private static final Flow FLOW = TxFlows.udpFrom("203.0.113.9", 5060);

    private final TxHarness h = new TxHarness();
    private final SIPRequest invite = SipMessages.invite(BRANCH);

    @Test
    void shouldAnswer200AndTellTuWhenInviteIsNotYetAnswered()
    {
        h.layer.onRequest(invite, FLOW);
        final ServerTransaction inviteTx = h.tu.lastServerTransaction();
        inviteTx.respond(responseTo(inviteTx.request(), 180, "bob1"));

        final SIPRequest cancel = SipMessages.cancelFor(SipMessages.invite(BRANCH));
        h.layer.onRequest(cancel, FLOW);

        final SIPResponse ok = h.sentResponses(200).get(0);
        assertEquals("CANCEL", ok.getCSeq().getMethod());
        assertEquals("bob1", ok.getToTag());
        assertEquals(List.of("request", "cancel"), h.tu.names());
        assertSame(inviteTx, h.tu.last().transaction());
        assertSame(cancel, h.tu.last().message());
        assertEquals(2, h.layer.size());

        inviteTx.respond(responseTo(inviteTx.request(), 487, "bob1"));
        h.layer.onRequest(SipMessages.ackForNon2xx(SipMessages.invite(BRANCH), h.sentResponses(487).get(0)), FLOW);
        h.scheduler.advanceMillis(32_000);
        assertEquals(0, h.layer.size());
    }

    @Test
    void shouldAnswer200OnlyWhenInviteIsAlreadyAnswered()
    {
        h.layer.onRequest(invite, FLOW);
        final ServerTransaction inviteTx = h.tu.lastServerTransaction();
        inviteTx.respond(responseTo(inviteTx.request(), 200, "bob1"));

        h.layer.onRequest(SipMessages.cancelFor(SipMessages.invite(BRANCH)), FLOW);

        assertEquals(List.of("request"), h.tu.names());
        assertEquals(1, h.sentResponses(200).stream().filter(r -> "CANCEL".equals(r.getCSeq().getMethod())).count());
    }

    @Test
    void shouldAnswer481WhenNoInviteMatches()
    {
        h.layer.onRequest(SipMessages.cancelFor(SipMessages.invite("z9hG4bKunknown")), FLOW);

        final SIPResponse notFound = h.sentResponses(481).get(0);
        assertEquals("CANCEL", notFound.getCSeq().getMethod());
        assertNotNull(notFound.getToTag());
        assertEquals(List.of(), h.tu.names());
        h.scheduler.advanceMillis(32_000);
        assertEquals(0, h.layer.size());
    }

    @Test
    void shouldAbsorbRetransmittedCancel()
    {
        h.layer.onRequest(invite, FLOW);
        h.layer.onRequest(SipMessages.cancelFor(SipMessages.invite(BRANCH)), FLOW);

        h.layer.onRequest(SipMessages.cancelFor(SipMessages.invite(BRANCH)), FLOW);

        assertEquals(List.of("request", "cancel"), h.tu.names());
        assertEquals(2, h.sentResponses(200).size());
        assertEquals(1, h.count(SipCounters.Id.RETRANSMISSIONS_ABSORBED));
    }

    @Test
    void shouldNotMatchCancelFromAnotherSentBy()
    {
        h.layer.onRequest(invite, FLOW);

        h.layer.onRequest(SipMessages.cancelFor(SipMessages.invite(BRANCH, "UDP", "192.0.2.99:5060")), FLOW);

        assertEquals(1, h.sentResponses(481).size());
        assertEquals(List.of("request"), h.tu.names());
    }
}

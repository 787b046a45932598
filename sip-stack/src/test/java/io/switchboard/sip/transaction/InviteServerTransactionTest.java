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
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InviteServerTransactionTest
{
    private static final String BRANCH = "z9hG4bK776asdhds";
    private static final Flow FLOW = TxFlows.udpFrom("203.0.113.9", 5060);

    private final TxHarness h = new TxHarness();

    private ServerTransaction receiveInvite()
    {
        h.layer.onRequest(SipMessages.invite(BRANCH), FLOW);
        return h.tu.lastServerTransaction();
    }

    @Test
    void shouldPassInviteToTuAndSend100TryingAfter200Milliseconds()
    {
        final ServerTransaction tx = receiveInvite();
        assertEquals(List.of("request"), h.tu.names());
        assertEquals(TransactionState.PROCEEDING, tx.state());

        h.scheduler.advanceMillis(199);
        assertEquals(0, h.sender.count());
        h.scheduler.advanceMillis(1);

        assertEquals(1, h.sentResponses(100).size());
    }

    @Test
    void shouldSend100TryingAtOnceWhenConfigured()
    {
        final TxHarness immediate = new TxHarness(new TimerValues(500, 4_000, 5_000, 32_000, 0));

        immediate.layer.onRequest(SipMessages.invite(BRANCH), FLOW);

        assertEquals(1, immediate.sentResponses(100).size());
    }

    @Test
    void shouldNotSend100TryingWhenTuRespondedFirst()
    {
        final ServerTransaction tx = receiveInvite();
        tx.respond(responseTo(tx.request(), 180, "bob1"));

        h.scheduler.advanceMillis(1_000);

        assertEquals(List.of(), h.sentResponses(100));
        assertEquals(1, h.sentResponses(180).size());
    }

    @Test
    void shouldAbsorbRetransmittedInviteByResendingLastResponse()
    {
        final ServerTransaction tx = receiveInvite();
        h.layer.onRequest(SipMessages.invite(BRANCH), FLOW);
        assertEquals(0, h.sender.count());

        tx.respond(responseTo(tx.request(), 180, "bob1"));
        h.layer.onRequest(SipMessages.invite(BRANCH), FLOW);

        assertEquals(2, h.sentResponses(180).size());
        assertEquals(List.of("request"), h.tu.names());
        assertEquals(2, h.count(SipCounters.Id.RETRANSMISSIONS_ABSORBED));
        assertEquals(1, h.layer.size());
    }

    @Test
    void shouldRetransmitNon2xxWithTimerGCappedAtT2UntilTimerH()
    {
        final ServerTransaction tx = receiveInvite();
        tx.respond(responseTo(tx.request(), 486, "bob1"));
        assertEquals(TransactionState.COMPLETED, tx.state());
        assertTrue(tx.isAnswered());

        final List<Long> times = h.sendTimesUntil(20_000, 50);

        assertEquals(List.of(500L, 1_500L, 3_500L, 7_500L, 11_500L, 15_500L, 19_500L), times);
        h.scheduler.advanceMillis(12_000);
        assertEquals(List.of("request", "ackTimeout"), h.tu.names());
        assertEquals(1, h.count(SipCounters.Id.TRANSACTION_TIMEOUTS));
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(0, h.layer.size());
    }

    @Test
    void shouldAbsorbAckForNon2xxAndTerminateAfterTimerI()
    {
        final ServerTransaction tx = receiveInvite();
        final SIPResponse busy = responseTo(tx.request(), 486, "bob1");
        tx.respond(busy);

        h.layer.onRequest(SipMessages.ackForNon2xx(SipMessages.invite(BRANCH), busy), FLOW);
        assertEquals(TransactionState.CONFIRMED, tx.state());
        h.layer.onRequest(SipMessages.ackForNon2xx(SipMessages.invite(BRANCH), busy), FLOW);

        assertEquals(List.of("request"), h.tu.names());
        assertEquals(1, h.count(SipCounters.Id.RETRANSMISSIONS_ABSORBED));
        assertEquals(List.of(), h.sendTimesUntil(4_900, 100));
        h.scheduler.advanceMillis(100);
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(0, h.layer.size());
        assertEquals(0, h.scheduler.pending());
    }

    @Test
    void shouldNotRetransmitNon2xxOverReliableTransportAndTerminateOnAck()
    {
        final Flow tcp = TxFlows.tcpFrom("203.0.113.9", 40211);
        final SIPRequest invite = SipMessages.invite(BRANCH, "TCP", "203.0.113.9:5060");
        h.layer.onRequest(invite, tcp);
        final ServerTransaction tx = h.tu.lastServerTransaction();
        final SIPResponse busy = responseTo(tx.request(), 486, "bob1");
        tx.respond(busy);

        assertEquals(List.of(), h.sendTimesUntil(10_000, 100));
        h.layer.onRequest(SipMessages.ackForNon2xx(SipMessages.invite(BRANCH, "TCP", "203.0.113.9:5060"), busy), tcp);

        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(0, h.layer.size());
    }

    @Test
    void shouldRetransmit2xxUntilAckThenPassAckToTu()
    {
        final ServerTransaction tx = receiveInvite();
        tx.respond(responseTo(tx.request(), 200, "bob1"));
        assertEquals(TransactionState.ACCEPTED, tx.state());

        assertEquals(List.of(500L, 1_500L, 3_500L, 7_500L, 11_500L), h.sendTimesUntil(12_000, 50));
        final SIPRequest ack = SipMessages.ackFor2xx(SipMessages.invite(BRANCH), "bob1", "z9hG4bKack1");
        h.layer.onRequest(ack, FLOW);

        assertEquals(List.of("request", "ack"), h.tu.names());
        assertSame(ack, h.tu.last().message());
        assertEquals(List.of(), h.sendTimesUntil(31_000, 100));
        assertEquals(5, h.count(SipCounters.Id.RETRANSMISSIONS_SENT));
        h.scheduler.advanceMillis(1_000);
        assertEquals(List.of("request", "ack"), h.tu.names());
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(0, h.layer.size());
        assertEquals(0, h.scheduler.pending());
    }

    @Test
    void shouldRetransmit2xxOverReliableTransportToo()
    {
        final Flow tcp = TxFlows.tcpFrom("203.0.113.9", 40211);
        h.layer.onRequest(SipMessages.invite(BRANCH, "TCP", "203.0.113.9:5060"), tcp);
        final ServerTransaction tx = h.tu.lastServerTransaction();
        tx.respond(responseTo(tx.request(), 200, "bob1"));

        assertEquals(List.of(500L, 1_500L), h.sendTimesUntil(2_000, 50));
        assertSame(tcp, h.sender.last().target().flow());
    }

    @Test
    void shouldCallOnAckTimeoutWhen2xxIsNeverAcknowledged()
    {
        final ServerTransaction tx = receiveInvite();
        tx.respond(responseTo(tx.request(), 200, "bob1"));

        h.scheduler.advanceMillis(31_999);
        assertEquals(List.of("request"), h.tu.names());
        h.scheduler.advanceMillis(1);

        assertEquals(List.of("request", "ackTimeout"), h.tu.names());
        assertSame(tx, h.tu.last().transaction());
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(0, h.layer.size());
        assertEquals(0, h.scheduler.pending());
    }

    @Test
    void shouldPassRetransmittedAckInAcceptedToTuAndAbsorbInviteRetransmission()
    {
        final ServerTransaction tx = receiveInvite();
        tx.respond(responseTo(tx.request(), 200, "bob1"));
        final SIPRequest ack = SipMessages.ackFor2xx(SipMessages.invite(BRANCH), "bob1", "z9hG4bKack1");
        h.layer.onRequest(ack, FLOW);
        h.layer.onRequest(SipMessages.ackFor2xx(SipMessages.invite(BRANCH), "bob1", "z9hG4bKack1"), FLOW);
        final int sent = h.sender.count();

        h.layer.onRequest(SipMessages.invite(BRANCH), FLOW);

        assertEquals(List.of("request", "ack", "ack"), h.tu.names());
        assertEquals(sent + 1, h.sender.count());
        assertEquals(200, h.sender.last().status());
        assertEquals(TransactionState.ACCEPTED, tx.state());
    }

    @Test
    void shouldPassAckMatchingNoTransactionToTu()
    {
        final SIPRequest ack = SipMessages.ackFor2xx(SipMessages.invite(BRANCH), "nobody", "z9hG4bKack9");

        h.layer.onRequest(ack, FLOW);

        assertEquals(List.of("ack"), h.tu.names());
        assertEquals(0, h.layer.size());
    }

    @Test
    void shouldIgnoreAndCountSecondFinalResponse()
    {
        final ServerTransaction tx = receiveInvite();
        final SIPRequest invite = tx.request();
        tx.respond(responseTo(invite, 486, "bob1"));

        tx.respond(responseTo(invite, 500, "bob1"));

        assertEquals(1, h.count(SipCounters.Id.UNEXPECTED_EVENTS));
        assertEquals(List.of(), h.sentResponses(500));
    }

    @Test
    void shouldReportTransportErrorAndTerminate()
    {
        final ServerTransaction tx = receiveInvite();
        h.sender.failNextSend();

        tx.respond(responseTo(tx.request(), 200, "bob1"));

        assertEquals(List.of("request", "transportError"), h.tu.names());
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(0, h.layer.size());
        assertEquals(0, h.scheduler.pending());
    }
}

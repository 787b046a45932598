package io.switchboard.sip.transaction;

import gov.nist.javax.sip.message.SIPRequest;
import io.switchboard.sip.SipCounters;
import io.switchboard.sip.test.SipMessages;
import io.switchboard.sip.test.TxFlows;
import io.switchboard.sip.test.TxHarness;
import io.switchboard.sip.transport.Flow;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;

import static io.switchboard.sip.test.SipMessages.responseTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NonInviteServerTransactionTest
{
    private static final String BRANCH = "z9hG4bKnashds8";
    private static final Flow FLOW = TxFlows.udpFrom("203.0.113.9", 5060);

    private final TxHarness h = new TxHarness();

    private SIPRequest register()
    {
        return SipMessages.nonInvite("REGISTER", BRANCH, "UDP", "203.0.113.9:5060");
    }

    @Test
    void shouldPassNewRequestToTuOnceAndAbsorbRetransmissionInTryingSilently()
    {
        h.layer.onRequest(register(), FLOW);
        final ServerTransaction tx = h.tu.lastServerTransaction();

        h.layer.onRequest(register(), FLOW);

        assertEquals(List.of("request"), h.tu.names());
        assertEquals(TransactionState.TRYING, tx.state());
        assertEquals(0, h.sender.count());
        assertEquals(1, h.count(SipCounters.Id.RETRANSMISSIONS_ABSORBED));
        assertEquals(0, h.scheduler.pending());
    }

    @Test
    void shouldResendLastProvisionalInProceedingAndFinalInCompleted()
    {
        h.layer.onRequest(register(), FLOW);
        final ServerTransaction tx = h.tu.lastServerTransaction();
        tx.respond(responseTo(tx.request(), 100, null));
        assertEquals(TransactionState.PROCEEDING, tx.state());
        h.layer.onRequest(register(), FLOW);
        assertEquals(2, h.sentResponses(100).size());

        tx.respond(responseTo(tx.request(), 200, null));
        assertTrue(tx.isAnswered());
        h.layer.onRequest(register(), FLOW);

        assertEquals(2, h.sentResponses(200).size());
        assertEquals(2, h.count(SipCounters.Id.RETRANSMISSIONS_ABSORBED));
        assertEquals(List.of("request"), h.tu.names());
    }

    @Test
    void shouldTerminateAfterTimerJOverUdp()
    {
        h.layer.onRequest(register(), FLOW);
        final ServerTransaction tx = h.tu.lastServerTransaction();
        assertFalse(tx.isAnswered());
        tx.respond(responseTo(tx.request(), 200, null));
        assertEquals(TransactionState.COMPLETED, tx.state());

        h.scheduler.advanceMillis(31_999);
        assertEquals(1, h.layer.size());
        h.scheduler.advanceMillis(1);

        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(0, h.layer.size());
        assertEquals(List.of(), h.sendTimesUntil(40_000, 1_000));
    }

    @Test
    void shouldTerminateAtOnceOverReliableTransportAndAnswerOverTheFlow()
    {
        final Flow tcp = TxFlows.tcpFrom("203.0.113.9", 40211);
        h.layer.onRequest(SipMessages.nonInvite("REGISTER", BRANCH, "TCP", "203.0.113.9:5060"), tcp);
        final ServerTransaction tx = h.tu.lastServerTransaction();

        tx.respond(responseTo(tx.request(), 200, null));

        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(0, h.layer.size());
        assertEquals(tcp, h.sender.last().target().flow());
        assertEquals(new InetSocketAddress("203.0.113.9", 40211), h.sender.last().target().address());
    }

    @Test
    void shouldSendResponseToViaSentByPortWithoutRport()
    {
        h.layer.onRequest(SipMessages.nonInvite("OPTIONS", BRANCH, "UDP", "203.0.113.9:5070"), FLOW);
        final ServerTransaction tx = h.tu.lastServerTransaction();

        tx.respond(responseTo(tx.request(), 200, "t1"));

        assertEquals(new InetSocketAddress("203.0.113.9", 5070), h.sender.last().target().address());
    }

    @Test
    void shouldIgnoreAndCountResponsesAfterTheFinal()
    {
        h.layer.onRequest(register(), FLOW);
        final ServerTransaction tx = h.tu.lastServerTransaction();
        final SIPRequest request = tx.request();
        tx.respond(responseTo(request, 200, null));

        tx.respond(responseTo(request, 500, null));

        assertEquals(List.of(), h.sentResponses(500));
        assertEquals(1, h.count(SipCounters.Id.UNEXPECTED_EVENTS));
    }

    @Test
    void shouldReportTransportErrorAndTerminate()
    {
        h.layer.onRequest(register(), FLOW);
        final ServerTransaction tx = h.tu.lastServerTransaction();
        h.sender.failNextSend();

        tx.respond(responseTo(tx.request(), 200, null));

        assertEquals(List.of("request", "transportError"), h.tu.names());
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(0, h.layer.size());
        assertEquals(0, h.scheduler.pending());
    }
}

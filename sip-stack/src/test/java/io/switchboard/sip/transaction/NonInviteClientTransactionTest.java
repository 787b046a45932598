package io.switchboard.sip.transaction;

import gov.nist.javax.sip.message.SIPRequest;
import io.switchboard.sip.SipCounters;
import io.switchboard.sip.test.SipMessages;
import io.switchboard.sip.test.TxFlows;
import io.switchboard.sip.test.TxHarness;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.switchboard.sip.test.SipMessages.responseTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class NonInviteClientTransactionTest
{
    private static final String BRANCH = "z9hG4bKnashds7";

    private final TxHarness h = new TxHarness();
    private final SIPRequest options = SipMessages.nonInvite("OPTIONS", BRANCH);

    @Test
    void shouldRetransmitWithTimerEDoublingUpToT2()
    {
        h.layer.sendRequest(options, TxFlows.udpTo("198.51.100.7", 5060));

        final List<Long> times = h.sendTimesUntil(20_000, 50);

        assertEquals(List.of(500L, 1_500L, 3_500L, 7_500L, 11_500L, 15_500L, 19_500L), times);
        assertEquals(8, h.sender.count());
        assertEquals(7, h.count(SipCounters.Id.RETRANSMISSIONS_SENT));
    }

    @Test
    void shouldRetransmitEveryT2InProceeding()
    {
        final ClientTransaction tx = h.layer.sendRequest(options, TxFlows.udpTo("198.51.100.7", 5060));
        h.scheduler.advanceMillis(200);
        h.layer.onResponse(responseTo(options, 100, null), TxFlows.udpFrom("198.51.100.7", 5060));
        assertEquals(TransactionState.PROCEEDING, tx.state());
        assertEquals(100, tx.lastProvisional());

        final List<Long> times = h.sendTimesUntil(13_000, 50);

        assertEquals(List.of(500L, 4_500L, 8_500L, 12_500L), times);
    }

    @Test
    void shouldTimeOutWithTimerFAfter64T1()
    {
        final ClientTransaction tx = h.layer.sendRequest(options, TxFlows.udpTo("198.51.100.7", 5060));

        h.scheduler.advanceMillis(31_999);
        assertEquals(List.of(), h.tu.names());

        h.scheduler.advanceMillis(1);
        assertEquals(List.of("timeout"), h.tu.names());
        assertSame(tx, h.tu.last().transaction());
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(1, h.count(SipCounters.Id.TRANSACTION_TIMEOUTS));
        assertEquals(0, h.layer.size());
        assertEquals(0, h.scheduler.pending());
    }

    @Test
    void shouldPassFinalResponseOnceAndAbsorbRetransmissionsUntilTimerK()
    {
        final ClientTransaction tx = h.layer.sendRequest(options, TxFlows.udpTo("198.51.100.7", 5060));
        h.layer.onResponse(responseTo(options, 200, "a6c85cf"), TxFlows.udpFrom("198.51.100.7", 5060));
        assertEquals(TransactionState.COMPLETED, tx.state());

        h.layer.onResponse(responseTo(options, 200, "a6c85cf"), TxFlows.udpFrom("198.51.100.7", 5060));

        assertEquals(List.of("response"), h.tu.names());
        assertEquals(1, h.count(SipCounters.Id.RETRANSMISSIONS_ABSORBED));
        assertEquals(1, h.sender.count());
        h.scheduler.advanceMillis(4_999);
        assertEquals(1, h.layer.size());
        h.scheduler.advanceMillis(1);
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(0, h.layer.size());
        assertEquals(0, h.scheduler.pending());
    }

    @Test
    void shouldNotRetransmitOverReliableTransportAndTerminateOnFinal()
    {
        final SIPRequest bye = SipMessages.nonInvite("BYE", BRANCH, "TCP", "pc33.atlanta.example.com:5060");
        final ClientTransaction tx = h.layer.sendRequest(bye, TxFlows.tcpTo("198.51.100.7", 5060));

        assertEquals(List.of(), h.sendTimesUntil(31_000, 100));
        h.layer.onResponse(responseTo(bye, 200, null), TxFlows.tcpFrom("198.51.100.7", 5060));

        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(List.of("response"), h.tu.names());
        assertEquals(0, h.layer.size());
    }

    @Test
    void shouldStillTimeOutOverReliableTransport()
    {
        final SIPRequest bye = SipMessages.nonInvite("BYE", BRANCH, "TCP", "pc33.atlanta.example.com:5060");
        h.layer.sendRequest(bye, TxFlows.tcpTo("198.51.100.7", 5060));

        h.scheduler.advanceMillis(32_000);

        assertEquals(List.of("timeout"), h.tu.names());
        assertEquals(0, h.layer.size());
    }

    @Test
    void shouldReportTransportErrorAndTerminate()
    {
        h.sender.failNextSend();

        final ClientTransaction tx = h.layer.sendRequest(options, TxFlows.udpTo("198.51.100.7", 5060));

        assertEquals(List.of("transportError"), h.tu.names());
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(0, h.layer.size());
        assertEquals(0, h.scheduler.pending());
    }

    @Test
    void shouldReportTransportErrorOnRetransmission()
    {
        final ClientTransaction tx = h.layer.sendRequest(options, TxFlows.udpTo("198.51.100.7", 5060));
        h.sender.failNextSend();

        h.scheduler.advanceMillis(500);

        assertEquals(List.of("transportError"), h.tu.names());
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(0, h.layer.size());
    }

    @Test
    void shouldCountLateResponseAfterTerminationAsStray()
    {
        h.layer.sendRequest(options, TxFlows.udpTo("198.51.100.7", 5060));
        h.layer.onResponse(responseTo(options, 404, "x1"), TxFlows.udpFrom("198.51.100.7", 5060));
        h.scheduler.advanceMillis(5_000);

        h.layer.onResponse(responseTo(options, 404, "x1"), TxFlows.udpFrom("198.51.100.7", 5060));

        assertEquals(List.of("response"), h.tu.names());
        assertEquals(1, h.count(SipCounters.Id.STRAY_RESPONSES));
    }
}

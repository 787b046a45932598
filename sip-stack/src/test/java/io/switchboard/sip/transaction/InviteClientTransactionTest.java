package io.switchboard.sip.transaction;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.SipCounters;
import io.switchboard.sip.test.SipMessages;
import io.switchboard.sip.test.TxFlows;
import io.switchboard.sip.test.TxHarness;
import io.switchboard.sip.transport.Flow;
import io.switchboard.sip.transport.Target;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.switchboard.sip.test.SipMessages.responseTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class InviteClientTransactionTest
{
    private static final String BRANCH = "z9hG4bK74bf9";
    private static final Target TARGET = TxFlows.udpTo("198.51.100.7", 5060);
    private static final Flow FROM_PEER = TxFlows.udpFrom("198.51.100.7", 5060);

    private final TxHarness h = new TxHarness();
    private final SIPRequest invite = SipMessages.invite(BRANCH);

    @Test
    void shouldRetransmitWithTimerADoublingWithoutCapUntilTimerB()
    {
        final ClientTransaction tx = h.layer.sendRequest(invite, TARGET);

        final List<Long> times = h.sendTimesUntil(32_000, 50);

        assertEquals(List.of(500L, 1_500L, 3_500L, 7_500L, 15_500L, 31_500L), times);
        assertEquals(List.of("timeout"), h.tu.names());
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(1, h.count(SipCounters.Id.TRANSACTION_TIMEOUTS));
        assertEquals(0, h.layer.size());
    }

    @Test
    void shouldStopRetransmittingOnProvisionalResponse()
    {
        final ClientTransaction tx = h.layer.sendRequest(invite, TARGET);
        h.scheduler.advanceMillis(600);
        h.layer.onResponse(responseTo(invite, 180, "314159"), FROM_PEER);

        assertEquals(List.of(), h.sendTimesUntil(60_000, 500));
        assertEquals(TransactionState.PROCEEDING, tx.state());
        assertEquals(180, tx.lastProvisional());
        assertEquals(List.of("response"), h.tu.names());
    }

    @Test
    void shouldNotRetransmitOverReliableTransport()
    {
        final SIPRequest tcpInvite = SipMessages.invite(BRANCH, "TCP", "pc33.atlanta.example.com:5060");
        h.layer.sendRequest(tcpInvite, TxFlows.tcpTo("198.51.100.7", 5060));

        assertEquals(List.of(), h.sendTimesUntil(31_900, 100));
        h.scheduler.advanceMillis(100);
        assertEquals(List.of("timeout"), h.tu.names());
    }

    @Test
    void shouldGenerateHopByHopAckForNon2xxFinalResponse()
    {
        h.layer.sendRequest(invite, TARGET);
        final SIPResponse busy = responseTo(invite, 486, "8321234356");

        h.layer.onResponse(busy, FROM_PEER);

        assertEquals(2, h.sender.count());
        final SIPRequest ack = (SIPRequest)h.sender.last().message();
        assertSame(TARGET, h.sender.last().target());
        assertEquals("ACK", ack.getMethod());
        assertEquals(invite.getRequestURI(), ack.getRequestURI());
        assertEquals(SipMessages.CALL_ID, ack.getCallId().getCallId());
        assertEquals(invite.getFrom(), ack.getFrom());
        assertEquals("8321234356", ack.getToTag());
        assertEquals(314159L, ack.getCSeq().getSeqNumber());
        assertEquals("ACK", ack.getCSeq().getMethod());
        assertEquals(1, ack.getViaHeaders().size());
        assertEquals(BRANCH, ack.getTopmostVia().getBranch());
        assertEquals(invite.getTopmostVia(), ack.getTopmostVia());
        assertEquals(invite.getRouteHeaders(), ack.getRouteHeaders());
        assertNotNull(ack.getRouteHeaders());
        assertEquals(List.of("response"), h.tu.names());
        assertSame(busy, h.tu.last().message());
    }

    @Test
    void shouldResendAckForRetransmittedFinalResponseUntilTimerD()
    {
        final ClientTransaction tx = h.layer.sendRequest(invite, TARGET);
        h.layer.onResponse(responseTo(invite, 486, "8321234356"), FROM_PEER);
        assertEquals(TransactionState.COMPLETED, tx.state());

        h.scheduler.advanceMillis(1_000);
        h.layer.onResponse(responseTo(invite, 486, "8321234356"), FROM_PEER);

        assertEquals(2, h.sentRequests("ACK").size());
        assertEquals(List.of("response"), h.tu.names());
        assertEquals(1, h.count(SipCounters.Id.RETRANSMISSIONS_ABSORBED));
        h.scheduler.advanceMillis(30_999);
        assertEquals(1, h.layer.size());
        h.scheduler.advanceMillis(1);
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(0, h.layer.size());
        assertEquals(0, h.scheduler.pending());
    }

    @Test
    void shouldTerminateAtOnceOnNon2xxOverReliableTransport()
    {
        final SIPRequest tcpInvite = SipMessages.invite(BRANCH, "TCP", "pc33.atlanta.example.com:5060");
        final ClientTransaction tx = h.layer.sendRequest(tcpInvite, TxFlows.tcpTo("198.51.100.7", 5060));

        h.layer.onResponse(responseTo(tcpInvite, 603, "x"), TxFlows.tcpFrom("198.51.100.7", 5060));

        assertEquals(1, h.sentRequests("ACK").size());
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(0, h.layer.size());
    }

    @Test
    void shouldPass2xxAndItsRetransmissionsToTuInAcceptedUntilTimerM()
    {
        final ClientTransaction tx = h.layer.sendRequest(invite, TARGET);
        h.layer.onResponse(responseTo(invite, 180, "bob1"), FROM_PEER);
        h.layer.onResponse(responseTo(invite, 200, "bob1"), FROM_PEER);
        assertEquals(TransactionState.ACCEPTED, tx.state());

        h.layer.onResponse(responseTo(invite, 200, "bob1"), FROM_PEER);

        assertEquals(List.of("response", "response", "response"), h.tu.names());
        assertSame(tx, h.tu.last().transaction());
        assertEquals(List.of(), h.sentRequests("ACK"));
        h.scheduler.advanceMillis(31_999);
        assertEquals(1, h.layer.size());
        h.scheduler.advanceMillis(1);
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(0, h.layer.size());
    }

    @Test
    void shouldPass2xxMatchingNoTransactionToTuWithoutTransaction()
    {
        h.layer.sendRequest(invite, TARGET);
        h.layer.onResponse(responseTo(invite, 200, "bob1"), FROM_PEER);
        h.scheduler.advanceMillis(32_000);
        h.tu.clear();

        h.layer.onResponse(responseTo(invite, 200, "bob1"), FROM_PEER);

        assertEquals(List.of("response"), h.tu.names());
        assertNull(h.tu.last().transaction());
        assertEquals(1, h.count(SipCounters.Id.STRAY_RESPONSES));
    }

    @Test
    void shouldCountUnexpectedNon2xxInAccepted()
    {
        h.layer.sendRequest(invite, TARGET);
        h.layer.onResponse(responseTo(invite, 200, "bob1"), FROM_PEER);

        h.layer.onResponse(responseTo(invite, 500, "bob2"), FROM_PEER);

        assertEquals(1, h.count(SipCounters.Id.UNEXPECTED_EVENTS));
        assertEquals(List.of("response"), h.tu.names());
    }

    @Test
    void shouldSendCancelAtOnceInProceeding()
    {
        final ClientTransaction tx = h.layer.sendRequest(invite, TARGET);
        h.layer.onResponse(responseTo(invite, 180, "bob1"), FROM_PEER);

        final ClientTransaction cancelTx = h.layer.cancel(tx);

        final List<SIPRequest> cancels = h.sentRequests("CANCEL");
        assertEquals(1, cancels.size());
        final SIPRequest cancel = cancels.get(0);
        assertSame(TARGET, h.sender.last().target());
        assertEquals(invite.getRequestURI(), cancel.getRequestURI());
        assertEquals(invite.getCallId(), cancel.getCallId());
        assertEquals(invite.getFrom(), cancel.getFrom());
        assertEquals(invite.getTo(), cancel.getTo());
        assertEquals(314159L, cancel.getCSeq().getSeqNumber());
        assertEquals("CANCEL", cancel.getCSeq().getMethod());
        assertEquals(1, cancel.getViaHeaders().size());
        assertEquals(invite.getTopmostVia(), cancel.getTopmostVia());
        assertEquals(invite.getRouteHeaders(), cancel.getRouteHeaders());
        assertEquals(TransactionState.TRYING, cancelTx.state());
        assertEquals(2, h.layer.size());
    }

    @Test
    void shouldMatchCancelAndInviteResponsesToTheirOwnTransactions()
    {
        final ClientTransaction tx = h.layer.sendRequest(invite, TARGET);
        h.layer.onResponse(responseTo(invite, 180, "bob1"), FROM_PEER);
        final ClientTransaction cancelTx = h.layer.cancel(tx);
        final SIPRequest cancel = h.sentRequests("CANCEL").get(0);

        h.layer.onResponse(responseTo(cancel, 200, "bob1"), FROM_PEER);
        h.layer.onResponse(responseTo(invite, 487, "bob1"), FROM_PEER);

        assertEquals(TransactionState.COMPLETED, cancelTx.state());
        assertEquals(TransactionState.COMPLETED, tx.state());
        assertEquals(1, h.sentRequests("ACK").size());
        assertEquals(200, ((SIPResponse)h.tu.events().get(1).message()).getStatusCode());
        assertSame(cancelTx, h.tu.events().get(1).transaction());
        assertSame(tx, h.tu.events().get(2).transaction());
        h.scheduler.advanceMillis(32_000);
        assertEquals(0, h.layer.size());
    }

    @Test
    void shouldDeferCancelUntilFirstProvisionalResponse()
    {
        final ClientTransaction tx = h.layer.sendRequest(invite, TARGET);

        final ClientTransaction cancelTx = h.layer.cancel(tx);
        assertEquals(List.of(), h.sentRequests("CANCEL"));
        assertEquals(1, h.layer.size());

        h.scheduler.advanceMillis(700);
        h.layer.onResponse(responseTo(invite, 100, null), FROM_PEER);

        assertEquals(1, h.sentRequests("CANCEL").size());
        assertEquals(2, h.layer.size());
        assertEquals(TransactionState.TRYING, cancelTx.state());
    }

    @Test
    void shouldDropDeferredCancelWhenFinalResponseComesFirst()
    {
        final ClientTransaction tx = h.layer.sendRequest(invite, TARGET);
        final ClientTransaction cancelTx = h.layer.cancel(tx);

        h.layer.onResponse(responseTo(invite, 486, "bob1"), FROM_PEER);

        assertEquals(List.of(), h.sentRequests("CANCEL"));
        assertEquals(TransactionState.TERMINATED, cancelTx.state());
        assertEquals(1, h.layer.size());
    }

    @Test
    void shouldReturnSameCancelWhenCalledTwiceAndNullAfterFinal()
    {
        final ClientTransaction tx = h.layer.sendRequest(invite, TARGET);
        h.layer.onResponse(responseTo(invite, 183, "bob1"), FROM_PEER);

        final ClientTransaction first = h.layer.cancel(tx);
        final ClientTransaction second = h.layer.cancel(tx);

        assertSame(first, second);
        assertEquals(1, h.sentRequests("CANCEL").size());

        final ClientTransaction other = h.layer.sendRequest(SipMessages.invite("z9hG4bKother"), TARGET);
        h.layer.onResponse(responseTo(other.request(), 200, "x"), FROM_PEER);
        assertNull(h.layer.cancel(other));
    }

    @Test
    void shouldReportTransportErrorOfTheInvite()
    {
        h.sender.failNextSend();

        final ClientTransaction tx = h.layer.sendRequest(invite, TARGET);

        assertEquals(List.of("transportError"), h.tu.names());
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(0, h.layer.size());
    }

    @Test
    void shouldCreateDistinctBranchesWithMagicCookie()
    {
        final String a = TransactionLayer.newBranch();
        final String b = TransactionLayer.newBranch();

        assertEquals(true, a.startsWith("z9hG4bK"));
        assertEquals(false, a.equals(b));
    }
}

package io.switchboard.sip.transaction;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.SipCounters;
import io.switchboard.sip.test.CapturingSender;
import io.switchboard.sip.test.SipMessages;
import io.switchboard.sip.test.TxFlows;
import io.switchboard.sip.test.TxHarness;
import io.switchboard.sip.transport.Flow;
import io.switchboard.sip.transport.Target;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.switchboard.sip.test.SipMessages.responseTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * What each transaction keeps while it lingers after its final response (Completed, Confirmed, Accepted): no parsed
 * request, the response or ACK only as the bytes first sent, and the TU's userData only while a callback may still
 * need it (see {@link Transaction}); and that it still absorbs retransmissions, re-sending those exact bytes.
 */
class LingeringTransactionTest
{
    private static final String BRANCH = "z9hG4bKlinger1";
    private static final String RFC2543_BRANCH = "2543linger";
    private static final Flow FLOW = TxFlows.udpFrom("203.0.113.9", 5060);
    private static final Target TARGET = TxFlows.udpTo("198.51.100.7", 5060);
    private static final Flow FROM_PEER = TxFlows.udpFrom("198.51.100.7", 5060);
    private static final Object LEG = "leg";

    private final TxHarness h = new TxHarness();

    private AbstractServerTransaction receive(final SIPRequest request)
    {
        h.layer.onRequest(request, FLOW);
        final AbstractServerTransaction tx = (AbstractServerTransaction)h.tu.lastServerTransaction();
        tx.userData(LEG);
        return tx;
    }

    /** Every message sent from index {@code from} on, as bytes. */
    private List<byte[]> sentBytesFrom(final int from)
    {
        final List<byte[]> bytes = new ArrayList<>();
        final List<CapturingSender.Sent> sent = h.sender.sent();
        for (int i = from; i < sent.size(); i++)
        {
            bytes.add(sent.get(i).bytes());
        }
        return bytes;
    }

    private static void assertAllEqual(final byte[] expected, final List<byte[]> actual)
    {
        for (final byte[] bytes : actual)
        {
            assertArrayEquals(expected, bytes);
        }
    }

    // ------------------------------------------------------------------------------------------ INVITE server

    @Test
    void shouldKeepEncodedNon2xxAndUserDataButNoRequestInInviteServerCompleted()
    {
        final AbstractServerTransaction tx = receive(SipMessages.invite(BRANCH));
        tx.respond(responseTo(tx.request(), 486, "bob1"));
        final byte[] busy = h.sender.last().bytes();

        assertEquals(TransactionState.COMPLETED, tx.state());
        assertNull(tx.request());
        assertSame(LEG, tx.userData());
        assertArrayEquals(busy, tx.lastResponseBytes());
        assertEquals("INVITE", tx.method());

        h.scheduler.advanceMillis(500);
        h.layer.onRequest(SipMessages.invite(BRANCH), FLOW);

        assertEquals(3, h.sender.count());
        assertAllEqual(busy, sentBytesFrom(0));
        assertEquals(486, h.sender.last().status());
        assertEquals("bob1", ((SIPResponse)h.sender.last().message()).getToTag());
        assertEquals(List.of("request"), h.tu.names());
    }

    @Test
    void shouldGiveUserDataToTimerHThenReleaseEverythingInTerminated()
    {
        final AbstractServerTransaction tx = receive(SipMessages.invite(BRANCH));
        tx.respond(responseTo(tx.request(), 486, "bob1"));

        h.scheduler.advanceMillis(32_000);

        assertEquals("ackTimeout", h.tu.last().name());
        assertSame(LEG, h.tu.last().userData());
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertNull(tx.userData());
        assertNull(tx.lastResponseBytes());
    }

    @Test
    void shouldReleaseUserDataInConfirmedAndStillAnswerWithTheSameBytes()
    {
        final AbstractServerTransaction tx = receive(SipMessages.invite(BRANCH));
        final SIPResponse busy = responseTo(tx.request(), 486, "bob1");
        tx.respond(busy);
        final byte[] sent = h.sender.last().bytes();

        h.layer.onRequest(SipMessages.ackForNon2xx(SipMessages.invite(BRANCH), busy), FLOW);

        assertEquals(TransactionState.CONFIRMED, tx.state());
        assertNull(tx.request());
        assertNull(tx.userData());
        h.layer.onRequest(SipMessages.invite(BRANCH), FLOW);
        assertEquals(2, h.sender.count());
        assertAllEqual(sent, sentBytesFrom(0));
        h.scheduler.advanceMillis(5_000);
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertNull(tx.lastResponseBytes());
    }

    @Test
    void shouldAnswerCancelOfLingeringInviteWithItsToTag()
    {
        final AbstractServerTransaction tx = receive(SipMessages.invite(BRANCH));
        tx.respond(responseTo(tx.request(), 486, "bob1"));

        h.layer.onRequest(SipMessages.cancelFor(SipMessages.invite(BRANCH)), FLOW);

        final SIPResponse ok = (SIPResponse)h.sender.last().message();
        assertEquals("CANCEL", ok.getCSeq().getMethod());
        assertEquals(200, ok.getStatusCode());
        assertEquals("bob1", ok.getToTag());
        assertEquals(List.of("request"), h.tu.names());
    }

    @Test
    void shouldKeepUserDataInAcceptedUntilTheAckThenReleaseIt()
    {
        final AbstractServerTransaction tx = receive(SipMessages.invite(BRANCH));
        tx.respond(responseTo(tx.request(), 200, "bob1"));
        final byte[] ok = h.sender.last().bytes();

        assertEquals(TransactionState.ACCEPTED, tx.state());
        assertNull(tx.request());
        assertSame(LEG, tx.userData());
        assertArrayEquals(ok, tx.lastResponseBytes());

        h.scheduler.advanceMillis(1_500);
        assertEquals(3, h.sender.count());
        h.layer.onRequest(SipMessages.ackFor2xx(SipMessages.invite(BRANCH), "bob1", "z9hG4bKack9"), FLOW);
        assertNull(tx.userData());
        assertEquals(List.of("request", "ack"), h.tu.names());

        h.layer.onRequest(SipMessages.invite(BRANCH), FLOW);
        assertEquals(4, h.sender.count());
        assertAllEqual(ok, sentBytesFrom(0));
        h.scheduler.advanceMillis(32_000);
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(List.of("request", "ack"), h.tu.names());
    }

    @Test
    void shouldGiveUserDataToTimerLWhenTheAckForThe2xxNeverCame()
    {
        final AbstractServerTransaction tx = receive(SipMessages.invite(BRANCH));
        tx.respond(responseTo(tx.request(), 200, "bob1"));

        h.scheduler.advanceMillis(32_000);

        assertEquals("ackTimeout", h.tu.last().name());
        assertSame(LEG, h.tu.last().userData());
        assertNull(tx.userData());
    }

    @Test
    void shouldReportTransportErrorInLingeringStateWithoutUserData()
    {
        final AbstractServerTransaction tx = receive(SipMessages.invite(BRANCH));
        tx.respond(responseTo(tx.request(), 200, "bob1"));
        h.layer.onRequest(SipMessages.ackFor2xx(SipMessages.invite(BRANCH), "bob1", "z9hG4bKack9"), FLOW);
        h.sender.failNextSend();

        h.layer.onRequest(SipMessages.invite(BRANCH), FLOW);

        assertEquals("transportError", h.tu.last().name());
        assertNull(h.tu.last().userData());
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(0, h.layer.size());
    }

    @Test
    void shouldMatchRfc2543RetransmissionAndAckWithoutTheRequest()
    {
        final AbstractServerTransaction tx = receive(SipMessages.invite(RFC2543_BRANCH));
        final SIPResponse busy = responseTo(tx.request(), 486, "bob1");
        tx.respond(busy);
        final byte[] sent = h.sender.last().bytes();
        assertNull(tx.request());

        h.layer.onRequest(SipMessages.invite(RFC2543_BRANCH), FLOW);
        assertEquals(2, h.sender.count());
        assertAllEqual(sent, sentBytesFrom(0));

        h.layer.onRequest(SipMessages.ackForNon2xx(SipMessages.invite(RFC2543_BRANCH), busy), FLOW);
        assertEquals(TransactionState.CONFIRMED, tx.state());
        assertEquals(List.of("request"), h.tu.names());
    }

    // -------------------------------------------------------------------------------------- non-INVITE server

    @Test
    void shouldKeepOnlyEncodedFinalInNonInviteServerCompleted()
    {
        final AbstractServerTransaction tx =
            receive(SipMessages.nonInvite("REGISTER", BRANCH, "UDP", "203.0.113.9:5060"));
        tx.respond(responseTo(tx.request(), 200, "reg1"));
        final byte[] ok = h.sender.last().bytes();

        assertEquals(TransactionState.COMPLETED, tx.state());
        assertNull(tx.request());
        assertNull(tx.userData());
        assertArrayEquals(ok, tx.lastResponseBytes());
        assertEquals("REGISTER", tx.method());

        h.layer.onRequest(SipMessages.nonInvite("REGISTER", BRANCH, "UDP", "203.0.113.9:5060"), FLOW);
        h.layer.onRequest(SipMessages.nonInvite("REGISTER", BRANCH, "UDP", "203.0.113.9:5060"), FLOW);

        assertEquals(3, h.sender.count());
        assertAllEqual(ok, sentBytesFrom(0));
        assertEquals(2, h.count(SipCounters.Id.RETRANSMISSIONS_ABSORBED));
        assertEquals(List.of("request"), h.tu.names());
        h.scheduler.advanceMillis(32_000);
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertNull(tx.lastResponseBytes());
    }

    // ------------------------------------------------------------------------------------------ INVITE client

    private InviteClientTransaction sendInvite(final SIPRequest invite, final Target target)
    {
        final InviteClientTransaction tx = (InviteClientTransaction)h.layer.sendRequest(invite, target);
        tx.userData(LEG);
        return tx;
    }

    @Test
    void shouldKeepOnlyEncodedAckInInviteClientCompletedAndResendItForEachRetransmission()
    {
        final SIPRequest invite = SipMessages.invite(BRANCH);
        final InviteClientTransaction tx = sendInvite(invite, TARGET);
        final SIPResponse busy = responseTo(invite, 486, "callee1");

        h.layer.onResponse(busy, FROM_PEER);

        assertEquals(List.of("response"), h.tu.names());
        assertSame(LEG, h.tu.last().userData());
        assertEquals(TransactionState.COMPLETED, tx.state());
        assertNull(tx.request());
        assertNull(tx.userData());
        final byte[] ack = h.sender.last().bytes();
        assertArrayEquals(ack, tx.ackBytes());
        assertEquals("ACK", h.sender.last().method());

        h.layer.onResponse(responseTo(invite, 486, "callee1"), FROM_PEER);
        h.layer.onResponse(responseTo(invite, 486, "callee1"), FROM_PEER);

        assertEquals(4, h.sender.count());
        assertAllEqual(ack, sentBytesFrom(1));
        assertEquals(List.of("response"), h.tu.names());
        h.scheduler.advanceMillis(32_000);
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertNull(tx.ackBytes());
    }

    @Test
    void shouldStillSendTheAckWhenAReliableTransportTerminatesAtOnce()
    {
        final SIPRequest invite = SipMessages.invite(BRANCH, "TCP", "pc33.atlanta.example.com:5060");
        final InviteClientTransaction tx = sendInvite(invite, TxFlows.tcpTo("198.51.100.7", 5060));

        h.layer.onResponse(responseTo(invite, 486, "callee1"), FROM_PEER);

        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals("ACK", h.sender.last().method());
        assertSame(LEG, h.tu.last().userData());
        assertNull(tx.ackBytes());
    }

    @Test
    void shouldPassFirst2xxWithUserDataAndRetransmissionsWithoutInAccepted()
    {
        final SIPRequest invite = SipMessages.invite(BRANCH);
        final InviteClientTransaction tx = sendInvite(invite, TARGET);

        h.layer.onResponse(responseTo(invite, 200, "callee1"), FROM_PEER);

        assertSame(LEG, h.tu.last().userData());
        assertEquals(TransactionState.ACCEPTED, tx.state());
        assertNull(tx.request());
        assertNull(tx.userData());

        h.layer.onResponse(responseTo(invite, 200, "callee1"), FROM_PEER);

        assertEquals(List.of("response", "response"), h.tu.names());
        assertSame(tx, h.tu.last().transaction());
        assertNull(h.tu.last().userData());
        assertEquals(1, h.sender.count());
        h.scheduler.advanceMillis(32_000);
        assertEquals(TransactionState.TERMINATED, tx.state());
    }

    @Test
    void shouldNotCancelFromInsideTheCallbackOfAFinalResponse()
    {
        final SIPRequest invite = SipMessages.invite(BRANCH);
        final InviteClientTransaction tx = sendInvite(invite, TARGET);
        h.layer.onResponse(responseTo(invite, 180, "callee1"), FROM_PEER);
        final List<Object> cancels = new ArrayList<>();
        h.tu.reactWith(event -> cancels.add(h.layer.cancel(tx)));

        h.layer.onResponse(responseTo(invite, 200, "callee1"), FROM_PEER);

        assertEquals(1, cancels.size());
        assertNull(cancels.get(0));
        assertEquals(List.of(), h.sentRequests("CANCEL"));
    }

    // -------------------------------------------------------------------------------------- non-INVITE client

    @Test
    void shouldReleaseRequestAndUserDataInNonInviteClientCompletedAndAbsorbRetransmissions()
    {
        final SIPRequest options = SipMessages.nonInvite("OPTIONS", BRANCH);
        final ClientTransaction tx = h.layer.sendRequest(options, TARGET);
        tx.userData(LEG);

        h.layer.onResponse(responseTo(options, 200, "callee1"), FROM_PEER);

        assertSame(LEG, h.tu.last().userData());
        assertEquals(TransactionState.COMPLETED, tx.state());
        assertNull(tx.request());
        assertNull(tx.userData());
        assertEquals("OPTIONS", tx.method());

        h.layer.onResponse(responseTo(options, 200, "callee1"), FROM_PEER);

        assertEquals(List.of("response"), h.tu.names());
        assertEquals(1, h.count(SipCounters.Id.RETRANSMISSIONS_ABSORBED));
        assertEquals(1, h.sender.count());
        h.scheduler.advanceMillis(5_000);
        assertEquals(TransactionState.TERMINATED, tx.state());
    }

    @Test
    void shouldKeepTheRequestBeforeTheFinalResponse()
    {
        final SIPRequest invite = SipMessages.invite(BRANCH);
        final InviteClientTransaction client = sendInvite(invite, TARGET);
        h.layer.onResponse(responseTo(invite, 180, "callee1"), FROM_PEER);
        final AbstractServerTransaction server = receive(SipMessages.invite("z9hG4bKother"));
        server.respond(responseTo(server.request(), 180, "bob1"));

        assertSame(invite, client.request());
        assertSame(LEG, client.userData());
        assertNotNull(server.request());
        assertSame(LEG, server.userData());
        assertNotNull(server.lastResponseBytes());
    }
}

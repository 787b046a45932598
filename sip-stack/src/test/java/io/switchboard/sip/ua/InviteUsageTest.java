package io.switchboard.sip.ua;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.message.Bodies;
import io.switchboard.sip.message.SipFactories;
import io.switchboard.sip.test.CapturingSender;
import io.switchboard.sip.test.TxFlows;
import io.switchboard.sip.test.TxHarness;
import io.switchboard.sip.transaction.ClientTransaction;
import io.switchboard.sip.transport.Flow;
import io.switchboard.sip.transport.Target;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sip.address.URI;
import javax.sip.message.Request;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.switchboard.sip.test.SipMessages.responseTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The UAC side of an INVITE dialog usage on the transaction harness (manual clock, capturing sender): what goes out
 * for each response a phone or a forking proxy can send back (RFC 3261 §12.1.2, §13.2.2.4, §9.1, §22.2, §15).
 */
class InviteUsageTest
{
    private static final Target PHONE = TxFlows.udpTo("198.51.100.7", 5060);
    private static final Flow FROM_PHONE = TxFlows.udpFrom("198.51.100.7", 5060);

    private TxHarness h;
    private UserAgent ua;
    private InviteUsage usage;
    private final Object leg = new Object();

    @BeforeEach
    void start() throws Exception
    {
        h = new TxHarness();
        ua = new UserAgent(h.sender);
        ua.layer(h.layer);
        usage = new InviteUsage(ua, PHONE);
        final URI phone = SipFactories.ADDRESSES.createURI("sip:1001@198.51.100.7:5060");
        final Request invite = new NewInvite(phone, "1010", "Alice", "switch.example", "1001", "switch.example",
            "call-1-w0", 69).build();
        Bodies.setSdp(invite, "v=0\r\n".getBytes(StandardCharsets.US_ASCII));
        usage.sendInvite(invite, "1010", leg);
    }

    private SIPRequest sentInvite()
    {
        return (SIPRequest)usage.invite();
    }

    private List<SIPRequest> sent(final String method)
    {
        return h.sentRequests(method);
    }

    @Test
    void theInviteGoesOutWithOurViaContactAndANewDialogsIdentifiers()
    {
        final SIPRequest invite = sent(Request.INVITE).get(0);
        assertTrue(invite.getTopmostVia().getBranch().startsWith("z9hG4bK"));
        assertTrue(invite.getTopmostVia().hasParameter("rport"));
        assertEquals("sip:1010@127.0.0.1:5060", invite.getContactHeader().getAddress().getURI().toString());
        assertEquals("\"Alice\" <sip:1010@switch.example>", invite.getFrom().getAddress().toString());
        assertNotNull(invite.getFrom().getTag());
        assertNull(invite.getTo().getTag());
        assertEquals(1, invite.getCSeq().getSeqNumber());
        assertEquals(69, invite.getMaxForwards().getMaxForwards());
        assertSame(leg, usage.client().userData());
    }

    @Test
    void theFirstTaggedProvisionalMakesTheEarlyDialogAndThe2xxConfirmsIt()
    {
        assertFalse(usage.early(responseTo(sentInvite(), 100, null)));
        assertTrue(usage.early(responseTo(sentInvite(), 180, "phone-a")));
        assertFalse(usage.early(responseTo(sentInvite(), 183, "phone-a")));
        assertFalse(usage.dialog().isConfirmed());

        final SIPResponse ok = responseTo(sentInvite(), 200, "phone-a");
        assertEquals(InviteUsage.Answer.CONFIRMED, usage.answered(ok));
        assertTrue(usage.dialog().isConfirmed());
        assertEquals("phone-a", usage.dialog().remoteTag());

        usage.ack(1, null);
        final SIPRequest ack = sent(Request.ACK).get(0);
        assertEquals(1, ack.getCSeq().getSeqNumber());
        assertEquals("phone-a", ack.getTo().getTag());
        assertNull(ack.getContactHeader(), "no Contact on an ACK");

        // The 2xx retransmitted (our ACK was lost): the same ACK again, nothing else.
        assertEquals(InviteUsage.Answer.RETRANSMITTED, usage.answered(ok));
        assertEquals(2, sent(Request.ACK).size());
        assertArrayEquals(h.sender.sent().get(1).bytes(), h.sender.last().bytes());
        assertEquals(0, sent(Request.BYE).size());
    }

    @Test
    void aTwoHundredWithoutAToTagMakesNoDialogAndIsNotAcknowledged()
    {
        assertEquals(InviteUsage.Answer.UNUSABLE, usage.answered(responseTo(sentInvite(), 200, null)));
        assertNull(usage.dialog());
        assertEquals(0, sent(Request.ACK).size());
    }

    @Test
    void aForkThatAnswersIsTheDialogEvenIfAnotherForkRangFirst()
    {
        usage.early(responseTo(sentInvite(), 180, "phone-a"));
        assertEquals(InviteUsage.Answer.CONFIRMED, usage.answered(responseTo(sentInvite(), 200, "phone-b")));
        assertEquals("phone-b", usage.dialog().remoteTag());
        assertTrue(usage.dialog().isConfirmed());
    }

    @Test
    void aSecond2xxFromAnotherForkIsAcknowledgedAndHungUpOnce()
    {
        usage.answered(responseTo(sentInvite(), 200, "phone-a"));
        usage.ack(1, null);
        final SIPResponse other = responseTo(sentInvite(), 200, "phone-c");

        assertEquals(InviteUsage.Answer.EXTRA_DIALOG, usage.answered(other));
        assertEquals("phone-c", sent(Request.ACK).get(1).getTo().getTag());
        assertEquals(1, sent(Request.BYE).size());
        assertEquals("phone-c", sent(Request.BYE).get(0).getTo().getTag());

        // Its retransmission (after the transaction: matched by nothing) gets the ACK only.
        usage.retransmittedOk(other);
        assertEquals(3, sent(Request.ACK).size());
        assertEquals(1, sent(Request.BYE).size());
        assertEquals("phone-a", usage.dialog().remoteTag(), "the call's dialog is untouched");
    }

    @Test
    void aChallengedInviteGoesAgainWithTheNextCSeqANewBranchAndTheCredentials() throws Exception
    {
        final ClientTransaction first = usage.client();
        // The challenge completes the first transaction, which lets go of its user data.
        h.layer.onResponse(responseTo(sentInvite(), 407, "carrier"), FROM_PHONE);
        assertNull(first.userData());
        final var credentials = SipFactories.HEADERS.createHeader("Proxy-Authorization",
            "Digest username=\"trunk\", realm=\"carrier\", nonce=\"n\", uri=\"sip:1001@198.51.100.7\", "
                + "response=\"00000000000000000000000000000000\"");
        usage.resendInvite(credentials);

        final SIPRequest again = sent(Request.INVITE).get(1);
        assertEquals(2, again.getCSeq().getSeqNumber());
        assertNotEquals(first.branch(), again.getTopmostVia().getBranch());
        assertEquals(1, again.getViaHeaders().size());
        assertEquals(sentInvite().getFrom().getTag(), again.getFrom().getTag());
        assertEquals(sentInvite().getCallId().getCallId(), again.getCallId().getCallId());
        assertNotNull(again.getHeader("Proxy-Authorization"));
        assertEquals("sip:1010@127.0.0.1:5060", again.getContactHeader().getAddress().getURI().toString());
        assertSame(leg, usage.client().userData(), "the new transaction finds the same leg");
        assertNotEquals(first, usage.client());
    }

    @Test
    void aCancelWaitsForAProvisionalAndCarriesTheInvitesBranch()
    {
        usage.cancel();
        assertEquals(0, sent(Request.CANCEL).size(), "RFC 3261 §9.1: not before a provisional response");
        h.layer.onResponse(responseTo(sentInvite(), 180, "phone-a"), FROM_PHONE);
        assertEquals(1, sent(Request.CANCEL).size());
        assertEquals(sentInvite().getTopmostVia().getBranch(),
            sent(Request.CANCEL).get(0).getTopmostVia().getBranch());
    }

    @Test
    void aHeldAckGoesWithTheAnswerAndBeforeAnyBye()
    {
        usage.answered(responseTo(sentInvite(), 200, "phone-a"));
        usage.holdAck(1);
        assertTrue(usage.hasHeldAck());
        assertEquals(0, sent(Request.ACK).size());

        usage.bye();
        final List<CapturingSender.Sent> all = h.sender.sent();
        assertEquals(Request.ACK, all.get(all.size() - 2).method(), "the held ACK first (RFC 3261 §15)");
        assertEquals(Request.BYE, all.get(all.size() - 1).method());
        assertEquals(2, sent(Request.BYE).get(0).getCSeq().getSeqNumber());
        assertFalse(usage.hasHeldAck());
    }

    @Test
    void aReleasedAckCarriesTheOtherLegsAnswer()
    {
        usage.answered(responseTo(sentInvite(), 200, "phone-a"));
        usage.holdAck(1);
        final SIPRequest withAnswer = (SIPRequest)sentInvite().clone();
        Bodies.setSdp(withAnswer, "v=0\r\ns=answer\r\n".getBytes(StandardCharsets.US_ASCII));
        usage.releaseAck(withAnswer);
        final SIPRequest ack = sent(Request.ACK).get(0);
        assertEquals("application/sdp", Bodies.contentType(ack));
        assertEquals("v=0\r\ns=answer\r\n", new String(ack.getRawContent(), StandardCharsets.US_ASCII));
        usage.releaseAck(null);
        assertEquals(1, sent(Request.ACK).size(), "released once");
    }

    @Test
    void inDialogRequestsTakeTheNextCSeqAndTheRemoteTarget() throws Exception
    {
        final SIPResponse ok = responseTo(sentInvite(), 200, "phone-a");
        ok.setHeader(SipFactories.HEADERS.createContactHeader(
            SipFactories.ADDRESSES.createAddress("<sip:1001@203.0.113.9:5070>")));
        usage.answered(ok);
        final Request info = usage.request(Request.INFO);
        usage.send(info);
        final SIPRequest sentInfo = sent(Request.INFO).get(0);
        assertEquals("sip:1001@203.0.113.9:5070", sentInfo.getRequestURI().toString());
        assertEquals(2, sentInfo.getCSeq().getSeqNumber());
        assertEquals("phone-a", sentInfo.getTo().getTag());
        assertTrue(usage.bye());
        assertEquals(3, sent(Request.BYE).get(0).getCSeq().getSeqNumber());
        assertEquals("sip:1001@203.0.113.9:5070", sent(Request.BYE).get(0).getRequestURI().toString());
    }
}

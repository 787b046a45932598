package io.switchboard.core.call;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.core.signalling.Authorizer;
import io.switchboard.core.signalling.Locator;
import io.switchboard.sip.SipCounters;
import io.switchboard.sip.dialog.Identifiers;
import io.switchboard.sip.message.SipFactories;
import io.switchboard.sip.test.CapturingSender;
import io.switchboard.sip.test.ManualScheduler;
import io.switchboard.sip.test.SipMessages;
import io.switchboard.sip.test.TestTransports;
import io.switchboard.sip.transaction.TimerValues;
import io.switchboard.sip.transaction.TransactionLayer;
import io.switchboard.sip.transport.Flow;
import io.switchboard.sip.transport.Target;
import io.switchboard.sip.transport.Transport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The B2BUA's timer-driven paths with a controllable clock: forks that never answer, a caller that never ACKs,
 * and the cancel of the losing fork. The transaction layer is real; the network is a capturing sender.
 */
class CallControllerFlowTest
{
    private static final Transport UDP = TestTransports.UDP;
    private static final InetSocketAddress CALLER = new InetSocketAddress("127.0.0.1", 5061);
    private static final InetSocketAddress PHONE_A = new InetSocketAddress("127.0.0.1", 5070);
    private static final InetSocketAddress PHONE_B = new InetSocketAddress("127.0.0.1", 5071);

    private final ManualScheduler clock = new ManualScheduler();
    private final CapturingSender network = new CapturingSender();
    private final CallStats stats = new CallStats();
    private TransactionLayer layer;
    private CallController calls;

    @BeforeEach
    void setUp()
    {
        final Locator locator = new Locator()
        {
            @Override
            public boolean exists(final String extension)
            {
                return "1002".equals(extension);
            }

            @Override
            public List<Contact> contactsOf(final String extension)
            {
                return List.of(contact(PHONE_A), contact(PHONE_B));
            }
        };
        calls = new CallController(0, network, clock, (request, flow, proxy) -> Authorizer.Outcome.user("1001"),
            locator, (request, user, flow) -> null, stats, "demo.switchboard");
        layer = new TransactionLayer(calls, network, clock, TimerValues.DEFAULTS, new SipCounters());
        calls.layer(layer);
    }

    private static Locator.Contact contact(final InetSocketAddress address)
    {
        try
        {
            return new Locator.Contact(SipFactories.ADDRESSES.createURI("sip:1002@127.0.0.1:" + address.getPort()),
                Target.udp(address));
        }
        catch (final java.text.ParseException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private void callerInvites()
    {
        layer.onRequest(SipMessages.request(
            "INVITE sip:1002@127.0.0.1 SIP/2.0\n" +
            "Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bKcaller1;rport\n" +
            "Max-Forwards: 70\n" +
            "To: <sip:1002@127.0.0.1>\n" +
            "From: <sip:1001@127.0.0.1>;tag=caller\n" +
            "Call-ID: caller-call-1\n" +
            "CSeq: 1 INVITE\n" +
            "Contact: <sip:1001@127.0.0.1:5061>\n" +
            "Content-Type: application/sdp\n" +
            "Content-Length: 4\n\nv=0\n"), new Flow(UDP, new InetSocketAddress("127.0.0.1", 5060), CALLER, null));
    }

    private List<CapturingSender.Sent> sentTo(final InetSocketAddress address, final String method, final int status)
    {
        return network.sent().stream().filter(s -> s.target().address().equals(address)
            && s.method().equals(method) && s.status() == status).toList();
    }

    private SIPRequest forkInvite(final InetSocketAddress phone)
    {
        final List<CapturingSender.Sent> invites = sentTo(phone, "INVITE", 0);
        assertEquals(1, invites.size(), "one INVITE to " + phone);
        return (SIPRequest)invites.get(0).message();
    }

    private void phoneAnswers(final InetSocketAddress phone, final int status, final String tag)
    {
        final SIPResponse response = SipMessages.responseTo(forkInvite(phone), status, tag);
        layer.onResponse(response, new Flow(UDP, new InetSocketAddress("127.0.0.1", 5060), phone, null));
    }

    /** Retransmissions are the same message: count distinct CSeq/branch pairs. */
    private static long distinct(final List<CapturingSender.Sent> sent)
    {
        return sent.stream().map(s -> s.message().getCSeq().toString() + s.message().getTopmostVia().getBranch())
            .distinct().count();
    }

    @Test
    void shouldForkWithOwnCallIdsOwnedByTheWorker()
    {
        callerInvites();
        final SIPRequest a = forkInvite(PHONE_A);
        final SIPRequest b = forkInvite(PHONE_B);
        assertTrue(!a.getCallId().getCallId().equals("caller-call-1"));
        assertTrue(!a.getCallId().getCallId().equals(b.getCallId().getCallId()));
        assertEquals(0, Identifiers.ownerOf(a.getCallId().getCallId(), 4));
        assertTrue(new String(a.getRawContent()).startsWith("v=0"), "the offer is relayed");
        assertEquals(1, calls.activeCalls());
    }

    @Test
    void shouldAnswerTheCallerWith408WhenNoForkAnswersBeforeTimerB()
    {
        callerInvites();
        clock.advanceMillis(31_000);
        assertTrue(sentTo(CALLER, "INVITE", 408).isEmpty());
        clock.advanceMillis(2_000);
        assertEquals(1, distinct(sentTo(CALLER, "INVITE", 408)));
        assertEquals(0, calls.activeCalls());
        clock.advanceMillis(64_000);
        assertEquals(0, layer.size(), "every transaction ended");
    }

    @Test
    void shouldPreferBusyOverTimeoutFromTheForks()
    {
        callerInvites();
        phoneAnswers(PHONE_A, 486, "busy");
        clock.advanceMillis(33_000);
        assertEquals(1, distinct(sentTo(CALLER, "INVITE", 486)));
        assertTrue(sentTo(CALLER, "INVITE", 408).isEmpty());
    }

    @Test
    void shouldCancelTheOtherForkWhenOneAnswers()
    {
        callerInvites();
        phoneAnswers(PHONE_A, 180, "a");
        phoneAnswers(PHONE_B, 180, "b");
        assertEquals(2, sentTo(CALLER, "INVITE", 180).size());
        phoneAnswers(PHONE_A, 200, "a");
        assertEquals(1, sentTo(CALLER, "INVITE", 200).size());
        assertEquals(1, sentTo(PHONE_B, "CANCEL", 0).size());
        assertEquals(1, sentTo(PHONE_A, "ACK", 0).size(), "offer in INVITE: callee ACKed at once");
        assertEquals(1, stats.answered());
    }

    @Test
    void shouldHangUpBothLegsWhenTheCallerNeverAcknowledges()
    {
        callerInvites();
        phoneAnswers(PHONE_A, 200, "a");
        assertTrue(sentTo(CALLER, "INVITE", 200).size() >= 1);
        clock.advanceMillis(33_000);
        assertTrue(sentTo(CALLER, "INVITE", 200).size() > 3, "2xx retransmitted until the ACK timeout");
        assertEquals(1, distinct(sentTo(PHONE_A, "BYE", 0)));
        assertEquals(1, distinct(sentTo(CALLER, "BYE", 0)));
        assertEquals(0, calls.activeCalls());
        assertEquals(0, calls.dialogCount());
    }

    @Test
    void shouldAckARetransmitted2xxAgainOnceTheInviteClientTransactionReleasedItsLeg()
    {
        callerInvites();
        phoneAnswers(PHONE_A, 200, "a");
        final List<CapturingSender.Sent> acks = sentTo(PHONE_A, "ACK", 0);
        assertEquals(1, acks.size());

        phoneAnswers(PHONE_A, 200, "a");

        final List<CapturingSender.Sent> again = sentTo(PHONE_A, "ACK", 0);
        assertEquals(2, again.size(), "the retransmitted 2xx is ACKed again");
        assertEquals(1, distinct(again), "with the same ACK");
        assertEquals(1, sentTo(CALLER, "INVITE", 200).size(), "and not relayed to the caller again");
        assertEquals(1, stats.answered());
    }

    @Test
    void shouldAcknowledgeAndHangUpASecondDialogFromTheSameFork()
    {
        callerInvites();
        phoneAnswers(PHONE_A, 200, "a");
        phoneAnswers(PHONE_A, 200, "a2");
        final List<CapturingSender.Sent> acks = sentTo(PHONE_A, "ACK", 0);
        final List<CapturingSender.Sent> byes = sentTo(PHONE_A, "BYE", 0);
        assertTrue(acks.stream().anyMatch(s -> "a2".equals(s.message().getTo().getTag())), "ACK for the extra dialog");
        assertEquals(1, byes.size(), "one BYE, for the extra dialog");
        assertEquals("a2", byes.get(0).message().getTo().getTag());
        phoneAnswers(PHONE_A, 200, "a2");
        assertEquals(1, sentTo(PHONE_A, "BYE", 0).size(), "a retransmitted 2xx is ACKed again, not hung up twice");
        assertEquals(1, calls.activeCalls(), "the call itself goes on with the first dialog");
    }
}

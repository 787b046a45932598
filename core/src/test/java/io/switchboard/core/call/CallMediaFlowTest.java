package io.switchboard.core.call;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import io.switchboard.core.sip.Authorizer;
import io.switchboard.core.sip.Locator;
import io.switchboard.media.audio.Tones;
import io.switchboard.media.engine.MediaEngine;
import io.switchboard.media.engine.MediaOptions;
import io.switchboard.sip.SipCounters;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The B2BUA's offer/answer with anchored media: each leg negotiates with us, never with the other phone. The SIP
 * network is a capturing sender and the clock is manual; the media engine is real (loopback sockets) and runs on
 * the test's event loop, which every step is handed to, as the server's worker loop would.
 */
class CallMediaFlowTest
{
    private static final Transport UDP = TestTransports.UDP;
    private static final InetSocketAddress CALLER = new InetSocketAddress("127.0.0.1", 5061);
    private static final InetSocketAddress PHONE = new InetSocketAddress("127.0.0.1", 5070);
    private static final String PCMU_OFFER = sdp("RTP/AVP 0 101", "a=rtpmap:101 telephone-event/8000\n");

    private final ManualScheduler clock = new ManualScheduler();
    private final CapturingSender network = new CapturingSender();
    private NioEventLoopGroup group;
    private EventLoop loop;
    private MediaEngine engine;
    private TransactionLayer layer;
    private CallController calls;
    private Locator locator;

    @BeforeEach
    void setUp()
    {
        group = new NioEventLoopGroup(1);
        loop = group.next();
        engine = new MediaEngine(new MediaOptions("127.0.0.1", "127.0.0.1", 42000, 42099, Tones.holdMusic()));
        locator = new Locator()
        {
            @Override
            public boolean exists(final String extension)
            {
                return "1002".equals(extension);
            }

            @Override
            public List<Contact> contactsOf(final String extension)
            {
                try
                {
                    return List.of(new Contact(SipFactories.ADDRESSES.createURI("sip:1002@127.0.0.1:5070"),
                        Target.udp(PHONE)));
                }
                catch (final java.text.ParseException ex)
                {
                    throw new IllegalStateException(ex);
                }
            }
        };
        final CallMedia media = new CallMedia(engine, loop, leg -> "127.0.0.1");
        calls = new CallController(0, network, clock, (request, flow, proxy) -> Authorizer.Outcome.user("1001"),
            locator, (request, user, flow) -> null, new CallStats(), "demo.switchboard", media);
        layer = new TransactionLayer(calls, network, clock, TimerValues.DEFAULTS, new SipCounters());
        calls.layer(layer);
    }

    @AfterEach
    void tearDown()
    {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void eachLegGetsOurAddressAndItsOwnPort() throws Exception
    {
        answeredCall(PCMU_OFFER);
        final String toCallee = body(sent(PHONE, "INVITE", 0));
        final String toCaller = body(sent(CALLER, "INVITE", 200));
        assertTrue(toCallee.contains("c=IN IP4 127.0.0.1"), toCallee);
        assertTrue(toCaller.contains("m=audio " + port(toCaller) + " RTP/AVP 0 101"), "answer: PCMU + events\n"
            + toCaller);
        assertTrue(port(toCallee) != port(toCaller), "one port per leg");
        assertEquals(1, count(PHONE, "ACK", 0), "the callee is ACKed at once, whatever the caller does");
        assertEquals(4, engine.ports().inUse() * 2, "two RTP/RTCP pairs");
    }

    @Test
    void aCallerWithoutAnOfferGetsOursAndAnswersInItsAck() throws Exception
    {
        final SIPResponse ok = answeredCall(null);
        final String offer = body(sent(CALLER, "INVITE", 200));
        assertTrue(offer.contains("RTP/AVP 0 8 101"), "our full offer in the 200\n" + offer);
        onLoop(() ->
        {
            callerAck(ok, sdp("RTP/AVP 8", ""));
            return null;
        });
        final Map<String, Object> view = onLoop(() -> calls.describeCalls().get(0));
        assertEquals("confirmed", view.get("state"));
        assertEquals("PCMA", ((Map<?, ?>)view.get("caller")).get("codec"));
        assertEquals("PCMU", ((Map<?, ?>)view.get("callee")).get("codec"));
    }

    @Test
    void anOfferWithNoCodecOfOursIsRefusedWith488AndLeaksNoPort() throws Exception
    {
        onLoop(() ->
        {
            callerInvites(sdp("RTP/AVP 18", "a=rtpmap:18 G729/8000\n"));
            return null;
        });
        assertEquals(1, count(CALLER, "INVITE", 488));
        assertEquals(0, count(PHONE, "INVITE", 0), "nobody is rung");
        assertEquals(0, engine.ports().inUse());
        assertEquals(0, calls.activeCalls());
    }

    @Test
    void unreadableSdpIsABadRequest() throws Exception
    {
        onLoop(() ->
        {
            callerInvites("this is not SDP");
            return null;
        });
        assertEquals(1, count(CALLER, "INVITE", 400));
        assertEquals(0, engine.ports().inUse());
    }

    @Test
    void aHoldReInviteIsAnsweredByUsAndTheOtherPartyHearsMusic() throws Exception
    {
        final SIPResponse ok = answeredCall(PCMU_OFFER);
        onLoop(() ->
        {
            callerAck(ok, null);
            inDialog(ok, "INVITE", 2, sdp("RTP/AVP 0", "a=sendonly\n"));
            return null;
        });
        final List<CapturingSender.Sent> answers = network.sent().stream().filter(s -> s.status() == 200
            && s.message().getCSeq().getSeqNumber() == 2).toList();
        assertEquals(1, answers.size());
        assertTrue(body(answers.get(0)).contains("a=recvonly"), body(answers.get(0)));
        assertEquals(1, count(PHONE, "INVITE", 0), "the callee sees no re-INVITE");
        final Map<?, ?> callee = (Map<?, ?>)onLoop(() -> calls.describeCalls().get(0)).get("callee");
        assertEquals("phone", callee.get("heldBy"));
    }

    @Test
    void anUpdateWithAnInactiveOrNullAddressOfferHoldsAndASendrecvOneResumes() throws Exception
    {
        final SIPResponse ok = answeredCall(PCMU_OFFER);
        onLoop(() ->
        {
            callerAck(ok, null);
            inDialog(ok, "UPDATE", 2, sdp("RTP/AVP 0", "a=inactive\n"));
            return null;
        });
        assertEquals("phone", ((Map<?, ?>)onLoop(() -> calls.describeCalls().get(0)).get("callee")).get("heldBy"));
        onLoop(() ->
        {
            inDialog(ok, "UPDATE", 3, sdp("RTP/AVP 0", ""));
            return null;
        });
        assertEquals(null, ((Map<?, ?>)onLoop(() -> calls.describeCalls().get(0)).get("callee")).get("heldBy"));
        onLoop(() ->
        {
            // RFC 2543 hold: the connection address 0.0.0.0.
            inDialog(ok, "INVITE", 4, sdp("RTP/AVP 0", "").replace("c=IN IP4 127.0.0.1", "c=IN IP4 0.0.0.0"));
            return null;
        });
        assertEquals("phone", ((Map<?, ?>)onLoop(() -> calls.describeCalls().get(0)).get("callee")).get("heldBy"));
        final CapturingSender.Sent updateOk = network.sent().stream().filter(s -> s.status() == 200
            && "UPDATE".equals(s.message().getCSeq().getMethod())).findFirst().orElseThrow();
        assertTrue(body(updateOk).contains("a=inactive"), body(updateOk));
    }

    @Test
    void holdsByThePhoneAndByTheApiAddUpOnTheManualClockAndTheEndClosesAnOpenOne() throws Exception
    {
        final SIPResponse ok = answeredCall(PCMU_OFFER);
        final long id = onLoop(() -> (Long)calls.describeCalls().get(0).get("id"));
        final Call call = onLoop(() -> calls.call(id));
        onLoop(() ->
        {
            callerAck(ok, null);
            clock.advanceMillis(1000);
            inDialog(ok, "UPDATE", 2, sdp("RTP/AVP 0", "a=sendonly\n"));
            clock.advanceMillis(2000);
            inDialog(ok, "UPDATE", 3, sdp("RTP/AVP 0", ""));
            clock.advanceMillis(5000);
            return null;
        });
        assertEquals(2_000_000_000L, (long)onLoop(() -> call.holdNanos(clock.nanoTime())), "the phone's hold");
        onLoop(() -> call(() -> calls.hold(id, "caller", true)));
        onLoop(() ->
        {
            clock.advanceMillis(1500);
            // The phone holds too while the API hold lasts: still one hold.
            inDialog(ok, "UPDATE", 4, sdp("RTP/AVP 0", "a=inactive\n"));
            clock.advanceMillis(500);
            layer.onRequest(inDialogRequest(ok, "BYE", 5, null), callerFlow());
            clock.advanceMillis(9000);
            return null;
        });
        assertFalse(onLoop(() -> calls.activeCalls() > 0));
        assertEquals(4_000_000_000L, (long)onLoop(() -> call.holdNanos(clock.nanoTime())),
            "the API hold, open at the end, closed by it");
    }

    @Test
    void noFreePortGives503AndNobodyIsRung() throws Exception
    {
        final MediaEngine tiny = new MediaEngine(new MediaOptions("127.0.0.1", "127.0.0.1", 42200, 42201,
            Tones.holdMusic()));
        final CallController starved = new CallController(0, network, clock,
            (request, flow, proxy) -> Authorizer.Outcome.user("1001"), locator, (request, user, flow) -> null,
            new CallStats(), "demo.switchboard",
            new CallMedia(tiny, loop, leg -> "127.0.0.1"));
        layer = new TransactionLayer(starved, network, clock, TimerValues.DEFAULTS, new SipCounters());
        starved.layer(layer);
        onLoop(() ->
        {
            callerInvites(PCMU_OFFER);
            return null;
        });
        assertEquals(1, count(CALLER, "INVITE", 503));
        assertEquals(0, count(PHONE, "INVITE", 0), "nobody is rung without media");
        assertEquals(0, tiny.ports().inUse());
        assertEquals(1, tiny.sessionsRefused());
    }

    @Test
    void aReInviteWithoutOfferGetsOurOfferAndTheAckBringsTheAnswer() throws Exception
    {
        final SIPResponse ok = answeredCall(PCMU_OFFER);
        onLoop(() ->
        {
            callerAck(ok, null);
            inDialog(ok, "INVITE", 2, null);
            return null;
        });
        final CapturingSender.Sent reOk = network.sent().stream().filter(s -> s.status() == 200
            && s.message().getCSeq().getSeqNumber() == 2).findFirst().orElseThrow();
        assertTrue(body(reOk).contains("RTP/AVP 0 8 101"), body(reOk));
        onLoop(() ->
        {
            final SIPRequest ack = inDialogRequest(ok, "ACK", 2, sdp("RTP/AVP 8", "a=sendonly\n"));
            layer.onRequest(ack, callerFlow());
            return null;
        });
        final Map<?, ?> view = onLoop(() -> calls.describeCalls().get(0));
        assertEquals("PCMA", ((Map<?, ?>)view.get("caller")).get("codec"));
        assertEquals("phone", ((Map<?, ?>)view.get("callee")).get("heldBy"), "the ACK's sendonly answer holds");
    }

    @Test
    void dtmfByInfoIsAcceptedRecordedAndPassedOnAsInfoToAPhoneWithoutEvents() throws Exception
    {
        final SIPResponse ok = answeredCall(PCMU_OFFER, sdp("RTP/AVP 0", ""));
        onLoop(() ->
        {
            callerAck(ok, null);
            final SIPRequest info = inDialogRequest(ok, "INFO", 2, null);
            Messages.setBody(info, "application", "dtmf-relay", "Signal=5\r\nDuration=160\r\n".getBytes());
            layer.onRequest(info, callerFlow());
            return null;
        });
        assertEquals(1, network.sent().stream().filter(s -> s.status() == 200
            && "INFO".equals(s.message().getCSeq().getMethod())).count());
        final CapturingSender.Sent relayed = sent(PHONE, "INFO", 0);
        assertTrue(body(relayed).contains("Signal=5"), body(relayed));
        assertEquals(List.of("caller:5"), onLoop(() -> calls.describeCalls().get(0)).get("digits"));
    }

    @Test
    void commandsOnCallsSayWhatIsWrong() throws Exception
    {
        final CallCommandException unknown = assertThrows(CallCommandException.class,
            () -> onLoop(() -> call(() -> calls.hold(999, "caller", true))));
        assertEquals(CallCommandException.Reason.UNKNOWN_CALL, unknown.reason());
        final SIPResponse ok = answeredCall(PCMU_OFFER);
        final long id = onLoop(() -> (Long)calls.describeCalls().get(0).get("id"));
        onLoop(() -> call(() -> calls.hold(id, "caller", true)));
        assertEquals(CallCommandException.Reason.WRONG_STATE, assertThrows(CallCommandException.class,
            () -> onLoop(() -> call(() -> calls.hold(id, "caller", true)))).reason());
        assertEquals(CallCommandException.Reason.BAD_REQUEST, assertThrows(CallCommandException.class,
            () -> onLoop(() -> call(() -> calls.mute(id, "agent", true)))).reason());
        assertEquals(CallCommandException.Reason.BAD_REQUEST, assertThrows(CallCommandException.class,
            () -> onLoop(() -> call(() -> calls.sendDtmf(id, "callee", "12x")))).reason());
        onLoop(() -> call(() -> calls.sendDtmf(id, "callee", "12#")));
        assertNotNull(ok);
    }

    @Test
    void endingTheCallReleasesItsPortsAndWritesOneRecord() throws Exception
    {
        final ch.qos.logback.classic.Logger records =
            (ch.qos.logback.classic.Logger)org.slf4j.LoggerFactory.getLogger("io.switchboard.calls");
        final ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> seen =
            new ch.qos.logback.core.read.ListAppender<>();
        seen.start();
        records.addAppender(seen);
        final SIPResponse ok = answeredCall(PCMU_OFFER);
        onLoop(() ->
        {
            callerAck(ok, null);
            layer.onRequest(inDialogRequest(ok, "BYE", 2, null), callerFlow());
            return null;
        });
        assertEquals(1, count(PHONE, "BYE", 0));
        assertEquals(0, engine.ports().inUse());
        assertEquals(engine.sessionsOpened(), engine.sessionsClosed());
        assertFalse(onLoop(() -> calls.activeCalls() > 0));
        records.detachAppender(seen);
        assertEquals(1, seen.list.size(), "one record per call");
        final String record = seen.list.get(0).getFormattedMessage();
        assertTrue(record.contains("\"outcome\":\"answered\"") && record.contains("\"from\":\"1001\"")
            && record.contains("\"to\":\"1002\""), record);
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /** Caller INVITEs (with {@code offer}, or none), the phone answers 200 with PCMU; returns our 200 to the caller. */
    private SIPResponse answeredCall(final String offer) throws Exception
    {
        return answeredCall(offer, sdp("RTP/AVP 0 101", "a=rtpmap:101 telephone-event/8000\n"));
    }

    private SIPResponse answeredCall(final String offer, final String phoneAnswer) throws Exception
    {
        return onLoop(() ->
        {
            callerInvites(offer);
            final SIPRequest invite = (SIPRequest)sent(PHONE, "INVITE", 0).message();
            final SIPResponse answer = SipMessages.responseTo(invite, 200, "phone");
            answer.setHeader(SipFactories.HEADERS.createContactHeader(
                SipFactories.ADDRESSES.createAddress("sip:1002@127.0.0.1:5070")));
            Messages.setSdp(answer, phoneAnswer.getBytes(StandardCharsets.US_ASCII));
            layer.onResponse(answer, new Flow(UDP, new InetSocketAddress("127.0.0.1", 5060), PHONE, null));
            return (SIPResponse)sent(CALLER, "INVITE", 200).message();
        });
    }

    private void callerInvites(final String offer)
    {
        final String head = "INVITE sip:1002@127.0.0.1 SIP/2.0\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bKcaller1;rport\n"
            + "Max-Forwards: 70\nTo: <sip:1002@127.0.0.1>\nFrom: <sip:1001@127.0.0.1>;tag=caller\n"
            + "Call-ID: caller-call-1\nCSeq: 1 INVITE\nContact: <sip:1001@127.0.0.1:5061>\n";
        final String text = offer == null ? head + "Content-Length: 0\n\n"
            : head + "Content-Type: application/sdp\nContent-Length: " + offer.length() + "\n\n" + offer;
        layer.onRequest(SipMessages.request(text), callerFlow());
    }

    private void callerAck(final SIPResponse ok, final String answer) throws Exception
    {
        layer.onRequest(inDialogRequest(ok, "ACK", 1, answer), callerFlow());
    }

    private void inDialog(final SIPResponse ok, final String method, final long seq, final String sdp)
        throws Exception
    {
        layer.onRequest(inDialogRequest(ok, method, seq, sdp), callerFlow());
    }

    /** A request from the caller in the dialog our 200 {@code ok} set up. */
    private static SIPRequest inDialogRequest(final SIPResponse ok, final String method, final long seq,
        final String sdp) throws Exception
    {
        final String branch = "z9hG4bK" + method.toLowerCase() + seq;
        final String head = method + " sip:b2bua@127.0.0.1:5060 SIP/2.0\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5061;branch=" + branch + ";rport\n"
            + "Max-Forwards: 70\nTo: <sip:1002@127.0.0.1>;tag=" + ok.getTo().getTag() + "\n"
            + "From: <sip:1001@127.0.0.1>;tag=caller\nCall-ID: caller-call-1\nCSeq: " + seq + " " + method + "\n"
            + "Contact: <sip:1001@127.0.0.1:5061>\n";
        final String text = sdp == null ? head + "Content-Length: 0\n\n"
            : head + "Content-Type: application/sdp\nContent-Length: " + sdp.length() + "\n\n" + sdp;
        return SipMessages.request(text);
    }

    private static Flow callerFlow()
    {
        return new Flow(UDP, new InetSocketAddress("127.0.0.1", 5060), CALLER, null);
    }

    private static String sdp(final String formats, final String attributes)
    {
        return "v=0\no=phone 1 1 IN IP4 127.0.0.1\ns=-\nc=IN IP4 127.0.0.1\nt=0 0\nm=audio 30000 " + formats + "\n"
            + attributes;
    }

    private CapturingSender.Sent sent(final InetSocketAddress to, final String method, final int status)
    {
        return network.sent().stream().filter(s -> s.target().address().equals(to) && s.method().equals(method)
            && s.status() == status).findFirst().orElseThrow(() -> new AssertionError(
            "nothing sent to " + to + ": " + method + " " + status + " in " + network.sent()));
    }

    private long count(final InetSocketAddress to, final String method, final int status)
    {
        return network.sent().stream().filter(s -> s.target().address().equals(to) && s.method().equals(method)
            && s.status() == status).count();
    }

    private static String body(final CapturingSender.Sent sent)
    {
        final byte[] raw = sent.message().getRawContent();
        return raw == null ? "" : new String(raw, StandardCharsets.US_ASCII);
    }

    private static int port(final String sdp)
    {
        final int at = sdp.indexOf("m=audio ") + "m=audio ".length();
        return Integer.parseInt(sdp.substring(at, sdp.indexOf(' ', at)));
    }

    private static Object call(final Runnable action)
    {
        action.run();
        return null;
    }

    /** Runs a step on the loop that owns the calls and the media; rethrows what it threw. */
    private <T> T onLoop(final Callable<T> action) throws Exception
    {
        try
        {
            return loop.submit(action).get(5, TimeUnit.SECONDS);
        }
        catch (final ExecutionException ex)
        {
            assertInstanceOf(Exception.class, ex.getCause());
            throw (Exception)ex.getCause();
        }
    }
}

package io.switchboard.core.call;

import io.switchboard.sip.message.Bodies;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.core.signalling.Authorizer;
import io.switchboard.media.audio.Tones;
import io.switchboard.media.engine.MediaEngine;
import io.switchboard.media.engine.MediaOptions;
import io.switchboard.sip.SipCounters;
import io.switchboard.sip.test.CapturingSender;
import io.switchboard.sip.transaction.TimerValues;
import io.switchboard.sip.transaction.TransactionLayer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The B2BUA's offer/answer with anchored media: each leg negotiates with us, never with the other phone (see
 * {@link AnchoredCallFixture}).
 */
class CallMediaFlowTest extends AnchoredCallFixture
{
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
    void aBrowsersOfferIsAnsweredWithIceLiteAndDtlsWhileThePhoneGetsPlainRtp() throws Exception
    {
        answeredCall(BROWSER_OFFER);
        final String toCaller = body(sent(CALLER, "INVITE", 200));
        final int port = port(toCaller);
        for (final String line : new String[] {"a=ice-lite", "a=group:BUNDLE 0",
            "m=audio " + port + " UDP/TLS/RTP/SAVPF 0 126", "a=mid:0", "a=setup:passive", "a=rtcp-mux",
            "a=candidate:1 1 udp 2130706431 127.0.0.1 " + port + " typ host",
            "a=fingerprint:" + engine.dtls().certificate().fingerprint()})
        {
            assertTrue(toCaller.contains(line + "\r\n"), line + " in\n" + toCaller);
        }
        final String toCallee = body(sent(PHONE, "INVITE", 0));
        assertTrue(toCallee.contains(" RTP/AVP ") && !toCallee.contains("ice-"), "the phone is offered plain RTP\n"
            + toCallee);
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
        final Map<String, Object> view = onLoop(() -> calls.commands().describeCalls().get(0));
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
        final Map<?, ?> callee = (Map<?, ?>)onLoop(() -> calls.commands().describeCalls().get(0)).get("callee");
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
        assertEquals("phone", calleeView().get("heldBy"));
        onLoop(() ->
        {
            inDialog(ok, "UPDATE", 3, sdp("RTP/AVP 0", ""));
            return null;
        });
        assertEquals(null, calleeView().get("heldBy"));
        onLoop(() ->
        {
            // RFC 2543 hold: the connection address 0.0.0.0.
            inDialog(ok, "INVITE", 4, sdp("RTP/AVP 0", "").replace("c=IN IP4 127.0.0.1", "c=IN IP4 0.0.0.0"));
            return null;
        });
        assertEquals("phone", calleeView().get("heldBy"));
        final CapturingSender.Sent updateOk = network.sent().stream().filter(s -> s.status() == 200
            && "UPDATE".equals(s.message().getCSeq().getMethod())).findFirst().orElseThrow();
        assertTrue(body(updateOk).contains("a=inactive"), body(updateOk));
    }

    @Test
    void holdsByThePhoneAndByTheApiAddUpOnTheManualClockAndTheEndClosesAnOpenOne() throws Exception
    {
        final SIPResponse ok = answeredCall(PCMU_OFFER);
        final long id = onLoop(() -> (Long)calls.commands().describeCalls().get(0).get("id"));
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
        onLoop(() -> call(() -> calls.commands().hold(id, "caller", true)));
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
        final Map<?, ?> view = onLoop(() -> calls.commands().describeCalls().get(0));
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
            Bodies.set(info, "application", "dtmf-relay", "Signal=5\r\nDuration=160\r\n".getBytes());
            layer.onRequest(info, callerFlow());
            return null;
        });
        assertEquals(1, network.sent().stream().filter(s -> s.status() == 200
            && "INFO".equals(s.message().getCSeq().getMethod())).count());
        final CapturingSender.Sent relayed = sent(PHONE, "INFO", 0);
        assertTrue(body(relayed).contains("Signal=5"), body(relayed));
        assertEquals(List.of("caller:5"), onLoop(() -> calls.commands().describeCalls().get(0)).get("digits"));
    }

    @Test
    void commandsOnCallsSayWhatIsWrong() throws Exception
    {
        final CallCommandException unknown = assertThrows(CallCommandException.class,
            () -> onLoop(() -> call(() -> calls.commands().hold(999, "caller", true))));
        assertEquals(CallCommandException.Reason.UNKNOWN_CALL, unknown.reason());
        final SIPResponse ok = answeredCall(PCMU_OFFER);
        final long id = onLoop(() -> (Long)calls.commands().describeCalls().get(0).get("id"));
        onLoop(() -> call(() -> calls.commands().hold(id, "caller", true)));
        assertEquals(CallCommandException.Reason.WRONG_STATE, assertThrows(CallCommandException.class,
            () -> onLoop(() -> call(() -> calls.commands().hold(id, "caller", true)))).reason());
        assertEquals(CallCommandException.Reason.BAD_REQUEST, assertThrows(CallCommandException.class,
            () -> onLoop(() -> call(() -> calls.commands().mute(id, "agent", true)))).reason());
        assertEquals(CallCommandException.Reason.BAD_REQUEST, assertThrows(CallCommandException.class,
            () -> onLoop(() -> call(() -> calls.commands().sendDtmf(id, "callee", "12x")))).reason());
        onLoop(() -> call(() -> calls.commands().sendDtmf(id, "callee", "12#")));
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

    /** The callee side of the first call as the API describes it. */
    private Map<?, ?> calleeView() throws Exception
    {
        return (Map<?, ?>)onLoop(() -> calls.commands().describeCalls().get(0)).get("callee");
    }
}

package io.switchboard.core.call;

import io.switchboard.media.ice.ConnectivityCheck;
import io.switchboard.sip.message.Bodies;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.message.SipFactories;
import io.switchboard.sip.test.CapturingSender;
import io.switchboard.sip.test.SipMessages;
import io.switchboard.sip.transport.Flow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What ends a call whose phones are gone without a BYE (issue 12), on the manual clock: the RTP inactivity timeout
 * ({@link MediaTimeout}) and RFC 4028 session timers ({@link SessionTimers}) on both legs, refreshed by us or by the
 * phone, with 422, UPDATE or re-INVITE, and a refresh that gets no answer.
 */
class CallTimersTest extends AnchoredCallFixture
{
    private ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> records;

    @BeforeEach
    void watchRecords()
    {
        records = new ch.qos.logback.core.read.ListAppender<>();
        records.start();
        recordsLogger().addAppender(records);
    }

    @AfterEach
    void stopWatching()
    {
        recordsLogger().detachAppender(records);
    }

    private static ch.qos.logback.classic.Logger recordsLogger()
    {
        return (ch.qos.logback.classic.Logger)org.slf4j.LoggerFactory.getLogger("io.switchboard.calls");
    }

    // ------------------------------------------------------------------------------------------ media timeout

    @Test
    void aCallWhosePhonesSendNothingEndsAfterTheMediaTimeout() throws Exception
    {
        final SIPResponse ok = answeredCallWithMediaTimeout();
        onLoop(() ->
        {
            callerAck(ok, null);
            clock.advanceMillis(9_000);
            return null;
        });
        assertEquals(0, count(PHONE, "BYE", 0), "not before the timeout");
        onLoop(() ->
        {
            clock.advanceMillis(4_000); // the timeout and one check period (2.5 s) later at most
            return null;
        });
        assertTrue(count(PHONE, "BYE", 0) >= 1, "BYE (retransmitted: the phone is gone)");
        assertTrue(count(CALLER, "BYE", 0) >= 1);
        assertFalse(onLoop(() -> calls.activeCalls() > 0));
        assertEquals(0, engine.ports().inUse());
        assertTrue(recordSays("\"reason\":\"media-timeout\""), records.list.toString());
    }

    /**
     * No message drives a media-timeout end, yet its log lines name the call in the MDC like a message's handling
     * does: the timeout's own line and the call's record line, with the call's id; and nothing is left named after.
     */
    @Test
    void theLinesOfAMediaTimeoutEndNameTheCallInTheMdc() throws Exception
    {
        final ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> timeoutLines =
            new ch.qos.logback.core.read.ListAppender<>();
        timeoutLines.start();
        final ch.qos.logback.classic.Logger timeoutLogger =
            (ch.qos.logback.classic.Logger)org.slf4j.LoggerFactory.getLogger(MediaTimeout.class);
        timeoutLogger.addAppender(timeoutLines);
        try
        {
            final SIPResponse ok = answeredCallWithMediaTimeout();
            final long id = onLoop(() ->
            {
                callerAck(ok, null);
                final long call = calls.liveCalls().iterator().next().id();
                // This test drives the layer without the worker, which would have cleared the MDC after each message.
                org.slf4j.MDC.clear();
                clock.advanceMillis(13_000);
                return call;
            });
            assertFalse(onLoop(() -> calls.activeCalls() > 0));
            final ch.qos.logback.classic.spi.ILoggingEvent timeout = timeoutLines.list.stream()
                .filter(e -> e.getFormattedMessage().contains("no RTP or RTCP")).findFirst().orElseThrow();
            assertEquals(Long.toString(id), timeout.getMDCPropertyMap().get(io.switchboard.core.trace.CallLog.KEY),
                timeout::toString);
            final ch.qos.logback.classic.spi.ILoggingEvent record = records.list.stream()
                .filter(e -> e.getFormattedMessage().contains("\"reason\":\"media-timeout\"")).findFirst()
                .orElseThrow();
            assertEquals(Long.toString(id), record.getMDCPropertyMap().get(io.switchboard.core.trace.CallLog.KEY),
                record::toString);
            assertEquals(null, onLoop(() -> org.slf4j.MDC.get(io.switchboard.core.trace.CallLog.KEY)),
                "the loop names no call once the check is done");
        }
        finally
        {
            timeoutLogger.detachAppender(timeoutLines);
        }
    }

    /**
     * A browser that vanished (its tab closed, its network gone) sends no more ICE checks: 30 s after the last one its
     * consent expires (RFC 7675) and the call ends on both legs, even with the media timeout off and the browser on
     * hold, so that no agent stays on a call with nobody.
     */
    @Test
    void aCallWhoseBrowserStopsItsConsentChecksEndsWhenConsentExpires() throws Exception
    {
        onLoop(() ->
        {
            calls.mediaTimeout(0).run();
            return null;
        });
        final SIPResponse ok = answeredCall(BROWSER_OFFER);
        final String answer = body(sent(CALLER, "INVITE", 200));
        try (DatagramSocket browser = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0)))
        {
            browser.setSoTimeout(5000);
            final byte[] check = ConnectivityCheck.request(attribute(answer, "ice-ufrag"), "brws",
                attribute(answer, "ice-pwd"));
            browser.send(new DatagramPacket(check, check.length, new InetSocketAddress("127.0.0.1", port(answer))));
            browser.receive(new DatagramPacket(new byte[600], 600));
        }
        final long id = onLoop(() ->
        {
            callerAck(ok, null);
            final long call = (Long)calls.commands().describeCalls().get(0).get("id");
            calls.commands().hold(call, "caller", true);
            mediaSkewNs.set(TimeUnit.SECONDS.toNanos(29));
            clock.advanceMillis(5_000);
            return call;
        });
        assertEquals(0, count(PHONE, "BYE", 0), "consent lasts 30 s");
        onLoop(() ->
        {
            mediaSkewNs.set(TimeUnit.SECONDS.toNanos(30));
            clock.advanceMillis(5_000);
            return null;
        });
        assertTrue(count(PHONE, "BYE", 0) >= 1, "the phone's leg ended");
        assertTrue(count(CALLER, "BYE", 0) >= 1, "the browser's leg ended");
        assertFalse(onLoop(() -> calls.activeCalls() > 0), "call " + id + " is over");
        assertEquals(0, engine.ports().inUse());
        assertTrue(recordSays("\"reason\":\"ice-consent-expired\""), records.list.toString());
    }

    private static String attribute(final String sdp, final String name)
    {
        final int at = sdp.indexOf("a=" + name + ":") + name.length() + 3;
        return sdp.substring(at, sdp.indexOf('\r', at));
    }

    @Test
    void silenceOnHoldDoesNotEndTheCallButSilenceAfterTheResumeDoes() throws Exception
    {
        final SIPResponse ok = answeredCallWithMediaTimeout();
        final long id = onLoop(() ->
        {
            callerAck(ok, null);
            final long call = (Long)calls.commands().describeCalls().get(0).get("id");
            calls.commands().hold(call, "caller", true);
            clock.advanceMillis(60_000);
            return call;
        });
        assertEquals(0, count(PHONE, "BYE", 0), "a held call may be silent");
        onLoop(() ->
        {
            calls.commands().hold(id, "caller", false);
            clock.advanceMillis(9_000);
            return null;
        });
        assertEquals(0, count(PHONE, "BYE", 0), "the silence counts from the resume");
        onLoop(() ->
        {
            clock.advanceMillis(4_000);
            return null;
        });
        assertTrue(count(PHONE, "BYE", 0) >= 1);
    }

    // ----------------------------------------------------------------------------------------- session timers

    @Test
    void anIntervalBelowOurMinimumIsRefusedWith422() throws Exception
    {
        onLoop(() ->
        {
            calls.sessionTimers(1800, 90);
            callerInvites(PCMU_OFFER, "Supported: timer\nSession-Expires: 60\n");
            return null;
        });
        final String refusal = text(sent(CALLER, "INVITE", 422));
        assertTrue(refusal.contains("Min-SE: 90"), refusal);
        assertEquals(0, count(PHONE, "INVITE", 0), "nobody rung");
    }

    @Test
    void weOfferTheTimerAndRefreshAPhoneThatLeavesItToUs() throws Exception
    {
        onLoop(() ->
        {
            calls.sessionTimers(1800, 90);
            return null;
        });
        final SIPResponse ok = answeredCall(PCMU_OFFER, PHONE_SDP, "",
            List.of("Session-Expires: 90;refresher=uac", "Allow: INVITE", "Allow: BYE", "Allow: UPDATE"));
        final String offer = text(sent(PHONE, "INVITE", 0));
        assertTrue(offer.contains("Session-Expires: 1800;refresher=uac") && offer.contains("Min-SE: 90")
            && offer.contains("Supported: timer"), offer);
        final String toCaller = text(sent(CALLER, "INVITE", 200));
        assertTrue(toCaller.contains("Session-Expires: 1800;refresher=uas"), "we refresh a caller without timers\n"
            + toCaller);
        assertFalse(toCaller.contains("Require: timer"), toCaller);
        onLoop(() ->
        {
            callerAck(ok, null);
            clock.advanceMillis(44_000);
            return null;
        });
        assertEquals(0, count(PHONE, "UPDATE", 0), "half the interval is 45 s");
        onLoop(() ->
        {
            clock.advanceMillis(1_000);
            return null;
        });
        final SIPRequest update = (SIPRequest)sent(PHONE, "UPDATE", 0).message();
        assertTrue(text(update).contains("Session-Expires: 90;refresher=uac"), text(update));
        onLoop(() ->
        {
            phoneAnswers(update, 200, "Session-Expires: 90;refresher=uac");
            clock.advanceMillis(45_000);
            return null;
        });
        assertEquals(2, count(PHONE, "UPDATE", 0), "answered, so refreshed again half an interval later");
        onLoop(() ->
        {
            clock.advanceMillis(33_000); // the second refresh gets no answer: Timer F (64 T1 = 32 s)
            return null;
        });
        assertTrue(count(CALLER, "BYE", 0) >= 1, "the phone is gone: the call ends");
        assertFalse(onLoop(() -> calls.activeCalls() > 0));
        assertTrue(recordSays("\"reason\":\"session-expired\""), records.list.toString());
    }

    @Test
    void aPhoneWithoutUpdateIsRefreshedByReInviteWithOurOffer() throws Exception
    {
        onLoop(() ->
        {
            calls.sessionTimers(1800, 90);
            return null;
        });
        final SIPResponse ok = answeredCall(PCMU_OFFER, PHONE_SDP, "", List.of("Session-Expires: 120;refresher=uac"));
        onLoop(() ->
        {
            callerAck(ok, null);
            clock.advanceMillis(60_000);
            return null;
        });
        final CapturingSender.Sent reInvite = network.sent().stream().filter(s -> s.target().address().equals(PHONE)
            && "INVITE".equals(s.method()) && s.status() == 0).skip(1).findFirst().orElseThrow();
        assertTrue(body(reInvite).contains("m=audio"), "our offer: " + text(reInvite.message()));
        onLoop(() ->
        {
            final SIPResponse answer = phoneAnswers((SIPRequest)reInvite.message(), 200,
                "Session-Expires: 120;refresher=uac");
            assertEquals(200, answer.getStatusCode());
            return null;
        });
        assertEquals(2, count(PHONE, "ACK", 0), "the 2xx to the first INVITE and to the refresh");
        assertTrue(onLoop(() -> calls.activeCalls() == 1));
    }

    @Test
    void aPhoneThatRefreshesItselfAndStopsEndsTheCall() throws Exception
    {
        onLoop(() ->
        {
            calls.sessionTimers(1800, 90);
            return null;
        });
        final SIPResponse ok = answeredCall(PCMU_OFFER, PHONE_SDP,
            "Supported: timer\nSession-Expires: 120;refresher=uac\n", List.of());
        final String toCaller = text(sent(CALLER, "INVITE", 200));
        assertTrue(toCaller.contains("Session-Expires: 120;refresher=uac") && toCaller.contains("Require: timer"),
            toCaller);
        onLoop(() ->
        {
            callerAck(ok, null);
            clock.advanceMillis(60_000);
            final SIPRequest refresh = inDialogRequest(ok, "UPDATE", 2, null); // the caller's refresh
            refresh.addHeader(SipFactories.HEADERS.createHeader("Session-Expires", "120;refresher=uac"));
            layer.onRequest(refresh, callerFlow());
            clock.advanceMillis(87_000);
            return null;
        });
        assertEquals(0, count(CALLER, "BYE", 0), "the refresh restarted the timer: 120 - 32 = 88 s from it");
        onLoop(() ->
        {
            clock.advanceMillis(2_000);
            return null;
        });
        assertTrue(count(CALLER, "BYE", 0) >= 1);
        assertTrue(count(PHONE, "BYE", 0) >= 1);
        assertTrue(recordSays("\"reason\":\"session-expired\""), records.list.toString());
    }

    @Test
    void a422ToOurInviteIsAnsweredWithTheIntervalItAsks() throws Exception
    {
        onLoop(() ->
        {
            calls.sessionTimers(1800, 90);
            callerInvites(PCMU_OFFER);
            final SIPRequest invite = (SIPRequest)sent(PHONE, "INVITE", 0).message();
            phoneAnswers(invite, 422, "Min-SE: 3600");
            return null;
        });
        final CapturingSender.Sent again = network.sent().stream().filter(s -> s.target().address().equals(PHONE)
            && "INVITE".equals(s.method()) && s.status() == 0).skip(1).findFirst().orElseThrow();
        final String text = text(again.message());
        assertTrue(text.contains("Session-Expires: 3600;refresher=uac") && text.contains("Min-SE: 3600")
            && text.contains("CSeq: 2 INVITE"), text);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static final String PHONE_SDP = sdp("RTP/AVP 0 101", "a=rtpmap:101 telephone-event/8000\n");

    /** The phone answers one of our requests, with one more header and, for an INVITE, its SDP. */
    private SIPResponse phoneAnswers(final SIPRequest request, final int status, final String header)
        throws Exception
    {
        final SIPResponse answer = SipMessages.responseTo(request, status, "phone");
        final int colon = header.indexOf(':');
        answer.addHeader(SipFactories.HEADERS.createHeader(header.substring(0, colon),
            header.substring(colon + 1).trim()));
        if (status == 200 && "INVITE".equals(request.getMethod()))
        {
            answer.setHeader(SipFactories.HEADERS.createContactHeader(
                SipFactories.ADDRESSES.createAddress("sip:1002@127.0.0.1:5070")));
            Bodies.setSdp(answer, PHONE_SDP.getBytes(StandardCharsets.US_ASCII));
        }
        layer.onResponse(answer, new Flow(UDP, new InetSocketAddress("127.0.0.1", 5060), PHONE, null));
        return answer;
    }

    private static String text(final CapturingSender.Sent sent)
    {
        return text(sent.message());
    }

    private static String text(final gov.nist.javax.sip.message.SIPMessage message)
    {
        return message.encode();
    }

    /** The media timeout (10 s) started on the worker, then a call answered by the phone (not yet ACKed). */
    private SIPResponse answeredCallWithMediaTimeout() throws Exception
    {
        onLoop(() ->
        {
            calls.mediaTimeout(10_000).run();
            return null;
        });
        return answeredCall(PCMU_OFFER);
    }

    private boolean recordSays(final String fragment)
    {
        return records.list.stream().anyMatch(e -> e.getFormattedMessage().contains(fragment));
    }
}

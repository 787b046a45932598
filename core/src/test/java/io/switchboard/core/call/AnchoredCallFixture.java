package io.switchboard.core.call;

import io.switchboard.sip.message.Bodies;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import io.switchboard.core.signalling.Authorizer;
import io.switchboard.core.signalling.Locator;
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

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * A B2BUA with anchored media for tests: the SIP network is a capturing sender and the clock is manual; the media
 * engine is real (loopback sockets) and runs on the test's event loop, which every step is handed to, as the
 * server's worker loop would. The caller (127.0.0.1:5061) calls 1002, whose one phone is at 127.0.0.1:5070.
 */
abstract class AnchoredCallFixture
{
    static final Transport UDP = TestTransports.UDP;
    static final InetSocketAddress CALLER = new InetSocketAddress("127.0.0.1", 5061);
    static final InetSocketAddress PHONE = new InetSocketAddress("127.0.0.1", 5070);
    static final String PCMU_OFFER = sdp("RTP/AVP 0 101", "a=rtpmap:101 telephone-event/8000\n");
    /** A browser's audio offer (Chrome's shape): ICE ufrag {@code brws}, DTLS actpass, BUNDLE, rtcp-mux. */
    static final String BROWSER_OFFER = "v=0\no=- 1 2 IN IP4 127.0.0.1\ns=-\nt=0 0\na=group:BUNDLE 0\n"
        + "m=audio 9 UDP/TLS/RTP/SAVPF 111 0 8 126\nc=IN IP4 0.0.0.0\na=ice-ufrag:brws\n"
        + "a=ice-pwd:0123456789abcdefghijkl\na=fingerprint:sha-256 " + "AB:".repeat(31) + "AB\n"
        + "a=setup:actpass\na=mid:0\na=sendrecv\na=rtcp-mux\na=rtpmap:111 opus/48000/2\n"
        + "a=rtpmap:0 PCMU/8000\na=rtpmap:8 PCMA/8000\na=rtpmap:126 telephone-event/8000\n";

    final ManualScheduler clock = new ManualScheduler();
    /** How far the media engine's clock runs ahead of the real one (ICE consent is counted on it). */
    final java.util.concurrent.atomic.AtomicLong mediaSkewNs = new java.util.concurrent.atomic.AtomicLong();
    final CapturingSender network = new CapturingSender();
    NioEventLoopGroup group;
    EventLoop loop;
    MediaEngine engine;
    TransactionLayer layer;
    CallController calls;
    CallMedia media;
    Locator locator;

    @BeforeEach
    void setUp()
    {
        group = new NioEventLoopGroup(1);
        loop = group.next();
        engine = new MediaEngine(new MediaOptions("127.0.0.1", "127.0.0.1", 42000, 42099, Tones.holdMusic()),
            () -> System.nanoTime() + mediaSkewNs.get());
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
        media = new CallMedia(engine, loop, leg -> "127.0.0.1");
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

    // ------------------------------------------------------------------------------------------------- helpers

    /** Caller INVITEs (with {@code offer}, or none), the phone answers 200 with PCMU; returns our 200 to the caller. */
    SIPResponse answeredCall(final String offer) throws Exception
    {
        return answeredCall(offer, sdp("RTP/AVP 0 101", "a=rtpmap:101 telephone-event/8000\n"));
    }

    SIPResponse answeredCall(final String offer, final String phoneAnswer) throws Exception
    {
        return answeredCall(offer, phoneAnswer, "", List.of());
    }

    /**
     * The same with more headers in the caller's INVITE ({@code callerHeaders}, each line ending in \n) and in the
     * phone's 200 ({@code phoneHeaders}, as "Name: value").
     */
    SIPResponse answeredCall(final String offer, final String phoneAnswer, final String callerHeaders,
        final List<String> phoneHeaders) throws Exception
    {
        return onLoop(() ->
        {
            callerInvites(offer, callerHeaders);
            final SIPRequest invite = (SIPRequest)sent(PHONE, "INVITE", 0).message();
            final SIPResponse answer = SipMessages.responseTo(invite, 200, "phone");
            answer.setHeader(SipFactories.HEADERS.createContactHeader(
                SipFactories.ADDRESSES.createAddress("sip:1002@127.0.0.1:5070")));
            for (final String header : phoneHeaders)
            {
                final int colon = header.indexOf(':');
                answer.addHeader(SipFactories.HEADERS.createHeader(header.substring(0, colon),
                    header.substring(colon + 1).trim()));
            }
            Bodies.setSdp(answer, phoneAnswer.getBytes(StandardCharsets.US_ASCII));
            layer.onResponse(answer, new Flow(UDP, new InetSocketAddress("127.0.0.1", 5060), PHONE, null));
            return (SIPResponse)sent(CALLER, "INVITE", 200).message();
        });
    }

    void callerInvites(final String offer)
    {
        callerInvites(offer, "");
    }

    void callerInvites(final String offer, final String moreHeaders)
    {
        callerInvites(offer, moreHeaders, "1002");
    }

    /** The caller's INVITE to {@code number} (an extension, a queue number). */
    void callerInvites(final String offer, final String moreHeaders, final String number)
    {
        final String head = "INVITE sip:" + number + "@127.0.0.1 SIP/2.0\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bKcaller1;rport\n"
            + "Max-Forwards: 70\nTo: <sip:" + number + "@127.0.0.1>\nFrom: <sip:1001@127.0.0.1>;tag=caller\n"
            + "Call-ID: caller-call-1\nCSeq: 1 INVITE\nContact: <sip:1001@127.0.0.1:5061>\n" + moreHeaders;
        final String text = offer == null ? head + "Content-Length: 0\n\n"
            : head + "Content-Type: application/sdp\nContent-Length: " + offer.length() + "\n\n" + offer;
        layer.onRequest(SipMessages.request(text), callerFlow());
    }

    void callerAck(final SIPResponse ok, final String answer) throws Exception
    {
        layer.onRequest(inDialogRequest(ok, "ACK", 1, answer), callerFlow());
    }

    void inDialog(final SIPResponse ok, final String method, final long seq, final String sdp)
        throws Exception
    {
        layer.onRequest(inDialogRequest(ok, method, seq, sdp), callerFlow());
    }

    /** A request from the caller in the dialog our 200 {@code ok} set up. */
    static SIPRequest inDialogRequest(final SIPResponse ok, final String method, final long seq,
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

    static Flow callerFlow()
    {
        return new Flow(UDP, new InetSocketAddress("127.0.0.1", 5060), CALLER, null);
    }

    static String sdp(final String formats, final String attributes)
    {
        return "v=0\no=phone 1 1 IN IP4 127.0.0.1\ns=-\nc=IN IP4 127.0.0.1\nt=0 0\nm=audio 30000 " + formats + "\n"
            + attributes;
    }

    CapturingSender.Sent sent(final InetSocketAddress to, final String method, final int status)
    {
        return network.sent().stream().filter(s -> s.target().address().equals(to) && s.method().equals(method)
            && s.status() == status).findFirst().orElseThrow(() -> new AssertionError(
            "nothing sent to " + to + ": " + method + " " + status + " in " + network.sent()));
    }

    long count(final InetSocketAddress to, final String method, final int status)
    {
        return network.sent().stream().filter(s -> s.target().address().equals(to) && s.method().equals(method)
            && s.status() == status).count();
    }

    static String body(final CapturingSender.Sent sent)
    {
        final byte[] raw = sent.message().getRawContent();
        return raw == null ? "" : new String(raw, StandardCharsets.US_ASCII);
    }

    static int port(final String sdp)
    {
        final int at = sdp.indexOf("m=audio ") + "m=audio ".length();
        return Integer.parseInt(sdp.substring(at, sdp.indexOf(' ', at)));
    }

    static Object call(final Runnable action)
    {
        action.run();
        return null;
    }

    /** Runs a step that may throw a checked exception where only a Runnable fits (inside {@link #call}). */
    static void quietly(final Step step)
    {
        try
        {
            step.run();
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** A step of a test that may throw. */
    @FunctionalInterface
    interface Step
    {
        void run() throws Exception;
    }

    /** Runs a step on the loop that owns the calls and the media; rethrows what it threw. */
    <T> T onLoop(final Callable<T> action) throws Exception
    {
        try
        {
            return loop.submit(action).get(5, TimeUnit.SECONDS);
        }
        catch (final ExecutionException ex)
        {
            if (ex.getCause() instanceof Error error)
            {
                throw error; // an assertion that failed on the loop
            }
            assertInstanceOf(Exception.class, ex.getCause());
            throw (Exception)ex.getCause();
        }
    }
}

package io.switchboard.sip.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.switchboard.sip.SipCounters;
import io.switchboard.sip.message.JainSipParser;
import io.switchboard.sip.message.TransportLimits;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RFC 4475 torture messages under {@code sip/torture}, each with the RFC's exact bytes (CRLF line ends), fed to the
 * UDP decoder and, split into 1-byte fragments, to the TCP framer. Verdicts: ACCEPT (reaches the listener),
 * ANSWER_400 or DROP (nothing reaches the listener and nothing is sent); a third column gives the TCP verdict where
 * it differs from UDP's (empty: the same).
 *
 * <p>The corpus holds all 49 messages (see its README for how each was transcribed and checked); this test covers
 * the transport and parser verdicts of these 15, and {@code TortureSystemTest} in {@code core} sends all 49 to a
 * running server over UDP and TCP and checks each answer.
 */
class TortureCorpusTest
{
    private static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.1", 5060);

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        // §3.1.1 valid messages: accepted
        // §3.1.1.1 A Short Tortuous INVITE
        "wsinv, ACCEPT,",
        // §3.1.1.4 Escaped Nulls in URIs
        "escnull, ACCEPT,",
        // §3.1.1.5 Use of % When It Is Not an Escape (method RE%47IST%45R, header name C%6Fntact)
        "esc02, ACCEPT,",
        // §3.1.1.6 Message with No LWS between Display Name and <
        "lwsdisp, ACCEPT,",
        // §3.1.1.9 Semicolon-Separated Parameters in URI User Part (and a folded Accept)
        "semiuri, ACCEPT,",
        // §3.1.1.13 Empty Reason Phrase (a 100 response)
        "noreason, ACCEPT,",

        // §3.1.2 invalid messages: Via/From/To/Call-ID/CSeq can still be read, so a 400
        // §3.1.2.1 Extraneous Header Field Separators (Via: ...;;,;,,)
        "badinv01, ANSWER_400,",
        // §3.1.2.2 Content Length Larger Than Message (9999 declared, 154 sent): on UDP a 400 (RFC 3261 §18.3); on
        // TCP the framer cannot know the message is short and keeps waiting for the rest, so nothing happens yet
        "clerr, ANSWER_400, DROP",
        // §3.1.2.6 Unterminated Quoted String in Display Name
        "quotbal, ANSWER_400,",
        // §3.1.2.7 <> Enclosing Request-URI
        "ltgtruri, ANSWER_400,",
        // §3.1.2.8 Malformed SIP Request-URI (embedded LWS)
        "lwsruri, ANSWER_400,",
        // §3.1.2.9 Multiple SP Separating Request-Line Elements: RFC 3261 §7.1 allows exactly one SP, but
        // JAIN-SIP's Request-Line lexer skips any run of spaces and we accept the message. Known deviation, not
        // fixed yet: the method, URI and version are still read correctly.
        "lwsstart, ACCEPT,",
        // §3.1.2.14 Spaces within addr-spec (To: < sip:... >): the RFC 3261 grammar forbids LWS inside <>, but
        // JAIN-SIP's address parser skips it and we accept the message. Known deviation, not fixed yet: harmless
        // for us since the To URI is read correctly.
        "badaspec, ACCEPT,",
        // §3.1.2.15 Non-token Characters in Display Name (From: Bell, Alexander <...>): the comma needs a quoted
        // display name ("It is reasonable always to reject this kind of error with a 400").
        "baddn, ANSWER_400, DROP",
        // §3.1.2.17 Start Line and CSeq Method Mismatch (OPTIONS vs CSeq INVITE): parsed; StatelessResponder answers
        // 400 after its method check (an unknown method is 501 first, §3.1.2.18)
        "mismatch01, ACCEPT,",
    })
    void shouldGiveRfc4475Verdict(final String name, final String udpVerdict, final String tcpVerdict)
        throws Exception
    {
        final byte[] bytes = load(name);
        assertEquals(udpVerdict, overUdp(bytes), "UDP");
        assertEquals(tcpVerdict == null ? udpVerdict : tcpVerdict, overTcp(bytes), "TCP");
    }

    private static String overUdp(final byte[] bytes)
    {
        final Captured captured = new Captured();
        final SipCounters counters = new SipCounters();
        final EmbeddedChannel channel = new EmbeddedChannel(new SipDatagramDecoder(Captured.UDP,
            new InboundMessages(new JainSipParser(), captured, counters), TransportLimits.DEFAULTS));
        channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(bytes), PEER, PEER));
        final DatagramPacket answer = channel.readOutbound();
        final String verdict = verdict(captured, answer == null ? null : answer.content().toString(
            StandardCharsets.ISO_8859_1));
        if (answer != null)
        {
            answer.release();
        }
        assertFalse(channel.finish());
        return verdict;
    }

    private static String overTcp(final byte[] bytes)
    {
        final Captured captured = new Captured();
        final EmbeddedChannel channel = new EmbeddedChannel(new SipStreamFramer(Captured.TCP,
            new InboundMessages(new JainSipParser(), captured, new SipCounters()), TransportLimits.DEFAULTS));
        for (final byte b : bytes)
        {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        final io.netty.buffer.ByteBuf answer = channel.readOutbound();
        final String verdict = verdict(captured, answer == null ? null : answer.toString(StandardCharsets.ISO_8859_1));
        if (answer != null)
        {
            answer.release();
        }
        assertTrue(channel.isActive());
        assertFalse(channel.finish());
        return verdict;
    }

    private static String verdict(final Captured captured, final String answer)
    {
        if (!captured.messages.isEmpty())
        {
            return "ACCEPT";
        }
        if (answer != null)
        {
            assertTrue(answer.startsWith("SIP/2.0 400 Bad Request"), answer);
            return "ANSWER_400";
        }
        return "DROP";
    }

    private static byte[] load(final String name) throws Exception
    {
        try (InputStream in = TortureCorpusTest.class.getResourceAsStream("/sip/torture/" + name + ".sip"))
        {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }
}

package io.switchboard.sip.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.switchboard.sip.SipCounters;
import io.switchboard.sip.message.JainSipParser;
import io.switchboard.sip.message.TransportLimits;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SipDatagramDecoderTest
{
    private static final InetSocketAddress PHONE = new InetSocketAddress("192.0.2.1", 5060);
    private static final InetSocketAddress SWITCH = new InetSocketAddress("192.0.2.9", 5060);

    private final Captured captured = new Captured();
    private final SipCounters counters = new SipCounters();
    private final EmbeddedChannel channel = new EmbeddedChannel(new SipDatagramDecoder(
        Captured.UDP, new InboundMessages(new JainSipParser(), captured, counters),
        new TransportLimits(2048, 1024, 32)));

    private void receive(final String text)
    {
        channel.writeInbound(
            new DatagramPacket(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1), SWITCH, PHONE));
    }

    @Test
    void shouldDeliverGoodMessageWithItsFlow()
    {
        receive(Captured.options("good"));
        assertEquals(1, captured.messages.size());
        assertEquals(PHONE, captured.flows.get(0).remote());
        assertEquals(SWITCH, captured.flows.get(0).local());
        assertEquals(Captured.UDP, captured.flows.get(0).transport());
        assertEquals(1, counters.get(SipCounters.Id.MESSAGES_RECEIVED));
        assertFalse(channel.finish());
    }

    @Test
    void shouldDropAndCountGarbage()
    {
        receive("\u0000\u0001hello there, this is not SIP at all\r\n\r\n");
        assertTrue(captured.messages.isEmpty());
        assertNull(channel.readOutbound());
        assertEquals(1, counters.get(SipCounters.Id.MALFORMED_DROPPED));
        assertFalse(channel.finish());
    }

    @Test
    void shouldIgnoreKeepAlives()
    {
        receive("\r\n\r\n");
        receive("\r\n");
        assertTrue(captured.messages.isEmpty());
        assertNull(channel.readOutbound());
        assertEquals(2, counters.get(SipCounters.Id.KEEPALIVES));
        assertFalse(channel.finish());
    }

    @Test
    void shouldDropOversizedDatagram()
    {
        receive(Captured.options("big").replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\nX-Pad: " +
            "x".repeat(3000) + "\r\n"));
        assertTrue(captured.messages.isEmpty());
        assertEquals(1, counters.get(SipCounters.Id.OVERSIZED_MESSAGES));
        assertFalse(channel.finish());
    }

    @Test
    void shouldAnswerMalformedRequestWith400ToSender()
    {
        receive(Captured.options("broken").replace("CSeq: 1 OPTIONS", "CSeq: one OPTIONS"));
        assertTrue(captured.messages.isEmpty());
        final DatagramPacket answer = channel.readOutbound();
        try
        {
            assertEquals(PHONE, answer.recipient());
            final String text = answer.content().toString(StandardCharsets.ISO_8859_1);
            assertTrue(text.startsWith("SIP/2.0 400 Bad Request (Malformed CSeq)\r\n"), text);
            assertTrue(text.contains("\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKbroken\r\n"), text);
            assertTrue(text.contains("\r\nCall-ID: broken\r\n"), text);
            assertTrue(text.contains("\r\nCSeq: one OPTIONS\r\n"), text);
            assertTrue(text.contains("\r\nTo: <sip:switch@example.com>;tag="), text);
        }
        finally
        {
            answer.release();
        }
        assertEquals(1, counters.get(SipCounters.Id.MALFORMED_ANSWERED_400));
        assertFalse(channel.finish());
    }

    @Test
    void shouldNeverAnswerMalformedResponse()
    {
        receive("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 192.0.2.9;branch=z9hG4bKx\r\nFrom: <sip:a@b>;tag=1\r\n" +
            "To: <sip:c@d>;tag=2\r\nCall-ID: r\r\nCSeq: bad INVITE\r\nContent-Length: 0\r\n\r\n");
        assertNull(channel.readOutbound());
        assertEquals(1, counters.get(SipCounters.Id.MALFORMED_DROPPED));
        assertFalse(channel.finish());
    }
}

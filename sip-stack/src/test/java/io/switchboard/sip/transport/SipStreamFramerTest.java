package io.switchboard.sip.transport;

import gov.nist.javax.sip.message.SIPRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.switchboard.sip.SipCounters;
import io.switchboard.sip.message.JainSipParser;
import io.switchboard.sip.message.TransportLimits;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SipStreamFramerTest
{
    private final Captured captured = new Captured();
    private final SipCounters counters = new SipCounters();

    private EmbeddedChannel channel(final TransportLimits limits)
    {
        final InboundMessages inbound = new InboundMessages(new JainSipParser(), captured, counters);
        return new EmbeddedChannel(new SipStreamFramer(Captured.TCP, inbound, limits));
    }

    private EmbeddedChannel channel()
    {
        return channel(TransportLimits.DEFAULTS);
    }

    private static ByteBuf bytes(final String text)
    {
        return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    }

    private static String readOutboundText(final EmbeddedChannel channel)
    {
        final ByteBuf out = channel.readOutbound();
        if (out == null)
        {
            return null;
        }
        try
        {
            return out.toString(StandardCharsets.ISO_8859_1);
        }
        finally
        {
            out.release();
        }
    }

    @Test
    void shouldDecodeWholeMessageWithBody()
    {
        final EmbeddedChannel channel = channel();
        channel.writeInbound(bytes(Captured.invite("whole")));
        assertEquals(1, captured.messages.size());
        final SIPRequest invite = (SIPRequest)captured.messages.get(0);
        assertEquals("INVITE", invite.getMethod());
        assertEquals(Captured.invite("whole").split("\r\n\r\n", 2)[1].length(), invite.getRawContent().length);
        assertEquals(Captured.TCP, captured.flows.get(0).transport());
        assertEquals(1, counters.get(SipCounters.Id.MESSAGES_RECEIVED));
        assertFalse(channel.finish());
    }

    @Test
    void shouldDecodeMessageSplitAtEveryFragmentSize()
    {
        final byte[] message = Captured.invite("split").getBytes(StandardCharsets.ISO_8859_1);
        for (int size = 1; size <= message.length; size++)
        {
            captured.messages.clear();
            final EmbeddedChannel channel = channel();
            for (int offset = 0; offset < message.length; offset += size)
            {
                channel.writeInbound(Unpooled.copiedBuffer(message, offset, Math.min(size, message.length - offset)));
            }
            assertEquals(1, captured.messages.size(), "fragment size " + size);
            assertEquals("split", captured.messages.get(0).getCallId().getCallId());
            assertNull(channel.readOutbound());
            assertFalse(channel.finish());
        }
    }

    @Test
    void shouldDecodeTwoMessagesInOneBuffer()
    {
        final EmbeddedChannel channel = channel();
        channel.writeInbound(bytes(Captured.invite("one") + Captured.options("two")));
        assertEquals(2, captured.messages.size());
        assertEquals("one", captured.messages.get(0).getCallId().getCallId());
        assertEquals("two", captured.messages.get(1).getCallId().getCallId());
        assertFalse(channel.finish());
    }

    @Test
    void shouldSkipCrlfKeepAlivesBetweenMessages()
    {
        final EmbeddedChannel channel = channel();
        channel.writeInbound(bytes("\r\n" + Captured.options("a") + "\r\n"));
        channel.writeInbound(bytes(Captured.options("b")));
        assertEquals(2, captured.messages.size());
        assertEquals(2, counters.get(SipCounters.Id.KEEPALIVES));
        assertNull(channel.readOutbound());
        assertFalse(channel.finish());
    }

    @Test
    void shouldAnswerDoubleCrlfPingWithSingleCrlfPong()
    {
        final EmbeddedChannel channel = channel();
        channel.writeInbound(bytes("\r\n\r\n"));
        assertEquals("\r\n", readOutboundText(channel));
        channel.writeInbound(bytes("\r\n"));
        assertNull(channel.readOutbound());
        channel.writeInbound(bytes("\r\n"));
        assertEquals("\r\n", readOutboundText(channel));
        assertEquals(2, counters.get(SipCounters.Id.KEEPALIVES));
        assertTrue(channel.isActive());
        assertFalse(channel.finish());
    }

    @Test
    void shouldDecodeBareLfMessagesAtEveryFragmentSize()
    {
        final String[] parts = Captured.invite("lf").split("\r\n\r\n", 2);
        final byte[] message = (parts[0].replace("\r\n", "\n") + "\n\n" + parts[1])
            .getBytes(StandardCharsets.ISO_8859_1);
        for (int size = 1; size <= message.length; size += 7)
        {
            captured.messages.clear();
            final EmbeddedChannel channel = channel();
            for (int offset = 0; offset < message.length; offset += size)
            {
                channel.writeInbound(Unpooled.copiedBuffer(message, offset, Math.min(size, message.length - offset)));
            }
            assertEquals(1, captured.messages.size(), "fragment size " + size);
            assertEquals("lf", captured.messages.get(0).getCallId().getCallId());
            assertFalse(channel.finish());
        }
    }

    /**
     * A failed connection is read no more at once, and closed {@link SipStreamFramer#CLOSE_LINGER_MS} later, so that
     * answers to what it sent before still go out.
     */
    private static void assertClosedAfterLinger(final EmbeddedChannel channel)
    {
        assertTrue(channel.isActive(), "still open for the answers to earlier messages");
        assertFalse(channel.config().isAutoRead(), "but no longer read");
        channel.advanceTimeBy(SipStreamFramer.CLOSE_LINGER_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertFalse(channel.isActive(), "closed after the linger");
    }

    @Test
    void shouldCloseConnectionWhenHeadersExceedLimit()
    {
        final EmbeddedChannel channel = channel(new TransportLimits(4096, 512, 32));
        final StringBuilder huge = new StringBuilder("OPTIONS sip:a@b SIP/2.0\r\n");
        while (huge.length() < 600)
        {
            huge.append("X-Filler: 0123456789012345678901234567890123456789\r\n");
        }
        channel.writeInbound(bytes(huge.toString()));
        assertClosedAfterLinger(channel);
        assertEquals(1, counters.get(SipCounters.Id.OVERSIZED_MESSAGES));
        assertTrue(captured.messages.isEmpty());
        assertFalse(channel.finish());
    }

    @Test
    void shouldCloseConnectionWhenContentLengthExceedsLimit()
    {
        final EmbeddedChannel channel = channel(new TransportLimits(1024, 512, 32));
        channel.writeInbound(bytes(Captured.options("big").replace("Content-Length: 0", "Content-Length: 5000")));
        assertClosedAfterLinger(channel);
        assertEquals(1, counters.get(SipCounters.Id.OVERSIZED_MESSAGES));
        assertFalse(channel.finish());
    }

    @Test
    void shouldCloseConnectionWhenTooManyHeaders()
    {
        final EmbeddedChannel channel = channel(new TransportLimits(65536, 16384, 10));
        channel.writeInbound(bytes(Captured.options("many").replace("Max-Forwards: 70\r\n",
            "Max-Forwards: 70\r\n" + "X-A: 1\r\n".repeat(10))));
        assertClosedAfterLinger(channel);
        assertEquals(1, counters.get(SipCounters.Id.OVERSIZED_MESSAGES));
        assertFalse(channel.finish());
    }

    @Test
    void shouldAnswer400AndCloseWhenContentLengthMissing()
    {
        final EmbeddedChannel channel = channel();
        channel.writeInbound(bytes(Captured.options("nocl").replace("Content-Length: 0\r\n", "")));
        final String answer = readOutboundText(channel);
        assertTrue(answer.startsWith("SIP/2.0 400 Bad Request (Missing Content-Length)\r\n"), answer);
        assertTrue(answer.contains("Call-ID: nocl\r\n"));
        assertClosedAfterLinger(channel);
        assertTrue(captured.messages.isEmpty());
        assertEquals(1, counters.get(SipCounters.Id.MALFORMED_ANSWERED_400));
        assertFalse(channel.finish());
    }

    @Test
    void shouldReadCompactContentLength()
    {
        final EmbeddedChannel channel = channel();
        final String invite = Captured.invite("compact");
        channel.writeInbound(bytes(invite.replace("Content-Length:", "l :")));
        assertEquals(1, captured.messages.size());
        assertFalse(channel.finish());
    }

    @Test
    void shouldAnswerMalformedFramedRequestAndStayOpen()
    {
        final EmbeddedChannel channel = channel();
        channel.writeInbound(bytes(Captured.options("bad").replace("CSeq: 1 OPTIONS", "CSeq: x OPTIONS") +
            Captured.options("good")));
        final String answer = readOutboundText(channel);
        assertTrue(answer.startsWith("SIP/2.0 400 Bad Request (Malformed CSeq)"), answer);
        assertTrue(channel.isActive());
        assertEquals(1, captured.messages.size());
        assertEquals("good", captured.messages.get(0).getCallId().getCallId());
        assertFalse(channel.finish());
    }
}

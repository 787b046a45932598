package io.switchboard.sip.transport;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.util.ResourceLeakDetector;
import io.switchboard.sip.SipCounters;
import io.switchboard.sip.message.JainSipParser;
import io.switchboard.sip.message.TransportLimits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz targets for the framers (issue 19), over {@link EmbeddedChannel} with paranoid leak detection:
 * <ul>
 *   <li>the datagram decoder makes at most one message, or one counted refusal, of any datagram, and answers at
 *       most once;</li>
 *   <li>the stream framer frames the same messages, answers the same bytes and counts the same whether a stream
 *       arrives whole or in fragments of any size (the first input byte picks the size);</li>
 *   <li>the same for SIP over WebSocket (RFC 7118) behind Netty's frame decoder and aggregator, as the transport
 *       has them after the handshake;</li>
 *   <li>after a malformed message that is still framed (a header block with a Content-Length and its body, RFC
 *       3261 §18.3) the stream framer keeps its sync: a valid message after it is delivered, the connection open.</li>
 * </ul>
 * Corpus: {@code SipFramingFuzzTestInputs/<method>/}; fuzzing: README, "Fuzzing".
 */
class SipFramingFuzzTest
{
    private static final InetSocketAddress PHONE = new InetSocketAddress("192.0.2.1", 5060);
    private static final InetSocketAddress SWITCH = new InetSocketAddress("192.0.2.9", 5060);
    /** Keeps the resync target's garbage well inside the default limits, so a limit never closes the connection. */
    private static final int MAX_GARBAGE = 2048;
    private static final Pattern ADDED_TAG = Pattern.compile("(?m)^(To:[^\r\n]*);tag=[0-9a-f]{1,16}(?=\r\n)");

    @BeforeAll
    static void paranoidLeakDetection()
    {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @Timeout(10)
    @FuzzTest(maxDuration = "5m")
    void datagramDecoderMakesAtMostOneMessage(final byte[] input)
    {
        final Captured captured = new Captured();
        final SipCounters counters = new SipCounters();
        final EmbeddedChannel channel = new EmbeddedChannel(new SipDatagramDecoder(Captured.UDP,
            new InboundMessages(new JainSipParser(), captured, counters), TransportLimits.DEFAULTS));
        channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(input), SWITCH, PHONE));
        final List<byte[]> answers = drainOutbound(channel);
        assertTrue(captured.messages.size() <= 1);
        assertTrue(answers.size() <= 1);
        final long outcomes = counters.get(SipCounters.Id.MESSAGES_RECEIVED) +
            counters.get(SipCounters.Id.MALFORMED_ANSWERED_400) + counters.get(SipCounters.Id.MALFORMED_DROPPED) +
            counters.get(SipCounters.Id.KEEPALIVES) + counters.get(SipCounters.Id.OVERSIZED_MESSAGES);
        assertEquals(1, outcomes);
        assertEquals(answers.size(), counters.get(SipCounters.Id.MALFORMED_ANSWERED_400));
        assertFalse(channel.finish());
    }

    @Timeout(10)
    @FuzzTest(maxDuration = "5m")
    void streamFramerIsIndependentOfFragmentation(final byte[] input)
    {
        if (input.length == 0)
        {
            return;
        }
        final int size = 1 + (input[0] & 0xFF);
        final byte[] stream = java.util.Arrays.copyOfRange(input, 1, input.length);
        final Stream whole = new Stream();
        whole.receive(stream, stream.length);
        final Stream split = new Stream();
        split.receive(stream, size);
        assertEquals(whole.callIds(), split.callIds(), "fragment size " + size);
        assertEquals(withoutAddedTags(whole.outbound()), withoutAddedTags(split.outbound()), "fragment size " + size);
        assertEquals(whole.counters.snapshot(), split.counters.snapshot(), "fragment size " + size);
        assertEquals(whole.channel.isOpen(), split.channel.isOpen());
        whole.finish();
        split.finish();
    }

    @Timeout(10)
    @FuzzTest(maxDuration = "5m")
    void webSocketFramesAreIndependentOfFragmentation(final byte[] input)
    {
        if (input.length == 0)
        {
            return;
        }
        final int size = 1 + (input[0] & 0xFF);
        final byte[] stream = java.util.Arrays.copyOfRange(input, 1, input.length);
        final Stream whole = new Stream(webSocket());
        whole.receive(stream, stream.length);
        final Stream split = new Stream(webSocket());
        split.receive(stream, size);
        assertEquals(whole.callIds(), split.callIds(), "fragment size " + size);
        assertEquals(withoutAddedTags(whole.outbound()), withoutAddedTags(split.outbound()), "fragment size " + size);
        assertEquals(whole.counters.snapshot(), split.counters.snapshot(), "fragment size " + size);
        assertEquals(whole.channel.isOpen(), split.channel.isOpen());
        assertEquals(whole.violation, split.violation, "fragment size " + size);
        whole.finish();
        split.finish();
    }

    /** A WebSocket connection's handlers after the handshake, as {@link WebSocketTransport} has them. */
    private static Handlers webSocket()
    {
        return (captured, counters) ->
        {
            final InboundMessages inbound = new InboundMessages(new JainSipParser(), captured, counters);
            final int max = TransportLimits.DEFAULTS.maxMessageBytes();
            return new ChannelHandler[] {
                new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(max)
                    .allowExtensions(false).expectMaskedFrames(true).build()),
                new WebSocketFrameAggregator(max),
                new SipWebSocketFrames(new WebSocketTransport(inbound, TransportLimits.DEFAULTS,
                    WebSocketOptions.DEFAULTS, null), inbound)};
        };
    }

    @Timeout(10)
    @FuzzTest(maxDuration = "5m")
    void streamFramerKeepsSyncAfterFramedGarbage(final byte[] input)
    {
        final byte[] garbage = framedGarbage(input);
        final Stream stream = new Stream();
        final byte[] valid = Captured.options("after-garbage").getBytes(StandardCharsets.ISO_8859_1);
        final byte[] both = new byte[garbage.length + valid.length];
        System.arraycopy(garbage, 0, both, 0, garbage.length);
        System.arraycopy(valid, 0, both, garbage.length, valid.length);
        stream.receive(both, both.length);
        final List<String> callIds = stream.callIds();
        assertFalse(callIds.isEmpty(), "nothing delivered after " + printable(garbage));
        assertEquals("after-garbage", callIds.get(callIds.size() - 1), printable(garbage));
        assertTrue(stream.channel.isActive());
        assertTrue(stream.channel.config().isAutoRead(), "connection failed after " + printable(garbage));
        stream.outbound();
        stream.finish();
    }

    /**
     * A malformed message with a frame: the input's bytes up to {@link #MAX_GARBAGE} as a start line and header
     * lines (no CR, no blank line, no line that reads as Content-Length, no continuation), then a Content-Length
     * and as many body bytes as the input's first byte says (any bytes: the frame is the length, not the content).
     */
    static byte[] framedGarbage(final byte[] input)
    {
        final int bodyLength = input.length == 0 ? 0 : (input[0] & 0x3F);
        final String text = new String(input, Math.min(1, input.length),
            Math.min(MAX_GARBAGE, Math.max(0, input.length - 1)), StandardCharsets.ISO_8859_1);
        final StringBuilder head = new StringBuilder();
        int lines = 0;
        for (final String raw : text.replace("\r", "").split("\n"))
        {
            final String line = raw.stripLeading();
            if (line.isEmpty() || (lines > 0 && readsAsContentLength(line)) || lines >= 40)
            {
                continue;
            }
            head.append(line).append("\r\n");
            lines++;
        }
        if (lines == 0)
        {
            head.append("GARBAGE\r\n");
        }
        final StringBuilder body = new StringBuilder();
        for (int i = 0; i < bodyLength; i++)
        {
            body.append((char)(input[(i + 1) % input.length] & 0xFF));
        }
        head.append("Content-Length: ").append(bodyLength).append("\r\n\r\n").append(body);
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean readsAsContentLength(final String line)
    {
        final int colon = line.indexOf(':');
        if (colon <= 0)
        {
            return false;
        }
        final String name = line.substring(0, colon).trim();
        return name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("l");
    }

    /** The answers' text without the To tags a 400 adds (random, RFC 3261 §8.2.6.2), which differ by run. */
    private static String withoutAddedTags(final byte[] answers)
    {
        return ADDED_TAG.matcher(new String(answers, StandardCharsets.ISO_8859_1)).replaceAll("$1");
    }

    private static String printable(final byte[] bytes)
    {
        return new String(bytes, StandardCharsets.ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n");
    }

    private static List<byte[]> drainOutbound(final EmbeddedChannel channel)
    {
        final List<byte[]> answers = new ArrayList<>();
        for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound())
        {
            final ByteBuf content = out instanceof ByteBufHolder holder ? holder.content() : (ByteBuf)out;
            final byte[] bytes = new byte[content.readableBytes()];
            content.getBytes(content.readerIndex(), bytes);
            answers.add(bytes);
            io.netty.util.ReferenceCountUtil.release(out);
        }
        return answers;
    }

    /** A connection's handlers, given what they deliver to and count in. */
    private interface Handlers extends java.util.function.BiFunction<Captured, SipCounters, ChannelHandler[]>
    {
    }

    /** One connection's handlers with what they delivered. */
    private static final class Stream
    {
        final Captured captured = new Captured();
        final SipCounters counters = new SipCounters();
        final EmbeddedChannel channel;
        Class<?> violation;
        private final ByteArrayOutputStream sent = new ByteArrayOutputStream();

        /** A TCP connection's framer. */
        Stream()
        {
            this((captured, counters) -> new ChannelHandler[] {new SipStreamFramer(Captured.TCP,
                new InboundMessages(new JainSipParser(), captured, counters), TransportLimits.DEFAULTS)});
        }

        Stream(final Handlers handlers)
        {
            channel = new EmbeddedChannel(handlers.apply(captured, counters));
        }

        /**
         * Writes the bytes in fragments. Netty's WebSocket decoder fails the connection on a protocol violation (RFC
         * 6455 §7.1.7: close frame, close); on an {@link EmbeddedChannel} the close runs at once and empties the
         * pipeline before the exception is fired, so it reaches the channel's end and {@code writeInbound} rethrows
         * it (on a real loop our handler's exceptionCaught gets it). Kept as this connection's violation.
         */
        void receive(final byte[] bytes, final int fragment)
        {
            for (int offset = 0; offset < bytes.length && violation == null; offset += fragment)
            {
                try
                {
                    channel.writeInbound(Unpooled.copiedBuffer(bytes, offset,
                        Math.min(fragment, bytes.length - offset)));
                }
                catch (final CorruptedFrameException ex)
                {
                    violation = ex.getClass();
                    assertFalse(channel.isOpen(), "a protocol violation closes the connection");
                }
            }
        }

        List<String> callIds()
        {
            final List<String> ids = new ArrayList<>();
            captured.messages.forEach(m -> ids.add(m.getCallId().getCallId()));
            return ids;
        }

        byte[] outbound()
        {
            drainOutbound(channel).forEach(sent::writeBytes);
            return sent.toByteArray();
        }

        void finish()
        {
            outbound();
            channel.finishAndReleaseAll();
        }
    }
}

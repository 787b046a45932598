package io.switchboard.media.rtp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import io.switchboard.media.dtmf.DtmfReceiver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz target for what the media engine reads from a datagram (issue 19): {@link RtpPacket#isRtp} and the header
 * fields behind it, the payload inside the packet; {@link RtcpPacket#isRtcp} and the loss report
 * ({@link RtcpPacket#cumulativeLost}); an RFC 4733 event packet through {@link DtmfReceiver#onPacket}, which reports
 * at most one key. Nothing reads outside the readable bytes (a {@link ByteBuf} slice with bytes around it, so a
 * read past the end would throw) and nothing moves the reader index. Paranoid leak detection.
 * Corpus: {@code RtpPacketsFuzzTestInputs/<method>/}; fuzzing: README, "Fuzzing".
 */
class RtpPacketsFuzzTest
{
    @BeforeAll
    static void paranoidLeakDetection()
    {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @Timeout(10)
    @FuzzTest(maxDuration = "5m")
    void readsDatagramWithinItsBytes(final byte[] input)
    {
        final ByteBuf whole = Unpooled.buffer(input.length + 8);
        try
        {
            whole.writeInt(0x5A5A5A5A).writeBytes(input).writeInt(0xA5A5A5A5);
            final ByteBuf packet = whole.slice(4, input.length);
            if (RtpPacket.isRtp(packet))
            {
                readRtp(packet);
            }
            if (RtcpPacket.isRtcp(packet))
            {
                assertTrue(RtcpPacket.cumulativeLost(packet, RtpPacket.isRtp(packet) ? 0 : 1) >= -1);
                assertTrue(RtcpPacket.packetType(packet) >= RtcpPacket.SR);
            }
            assertEquals(0, packet.readerIndex());
            assertEquals(input.length, packet.readableBytes());
        }
        finally
        {
            whole.release();
        }
    }

    private static void readRtp(final ByteBuf packet)
    {
        final int offset = RtpPacket.payloadOffset(packet);
        final int length = RtpPacket.payloadLength(packet);
        assertTrue(offset >= RtpPacket.HEADER_LENGTH && length >= 0 && offset + length <= packet.readableBytes());
        assertTrue(RtpPacket.payloadType(packet) <= 127);
        assertTrue(RtpPacket.sequence(packet) <= 0xFFFF);
        assertTrue(RtpPacket.timestamp(packet) >= 0 && RtpPacket.ssrc(packet) >= 0);
        final DtmfReceiver receiver = new DtmfReceiver();
        final char first = receiver.onPacket(packet);
        assertTrue(first == '\0' || "0123456789*#ABCD".indexOf(first) >= 0, "key " + (int)first);
        // the same packet again (a retransmitted end, RFC 4733 §2.5.1.4) never reports its key a second time
        final char again = receiver.onPacket(packet);
        assertTrue(first == '\0' || again == '\0', "key reported twice");
    }
}

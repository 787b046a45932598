package io.switchboard.media.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamRewriterTest
{
    private static final long OURS = 0x5EED_0001L;
    private static final long MS = 1_000_000L;
    private static final long T0 = 1_000_000_000L;

    private final StreamRewriter rewriter = new StreamRewriter(OURS, 1000, 50_000L);

    private static ByteBuf relayed(final long ssrc, final int sequence, final long timestamp)
    {
        final ByteBuf b = Unpooled.buffer();
        RtpPacket.writeHeader(b, 0, false, sequence, timestamp, ssrc);
        b.writeZero(160);
        return b;
    }

    private ByteBuf generated(final int samples, final long now)
    {
        final ByteBuf b = Unpooled.buffer();
        rewriter.next(b, 8, false, samples, now);
        b.writeZero(160);
        rewriter.countOctets(160);
        return b;
    }

    @Test
    void shouldStartAtInitialValuesWithMarkerAndOurSsrc()
    {
        final ByteBuf p = relayed(0xAAAA, 40_000, 9_999_999L);
        rewriter.rewrite(p, T0);
        assertEquals(1000, RtpPacket.sequence(p));
        assertEquals(50_000L, RtpPacket.timestamp(p));
        assertEquals(OURS, RtpPacket.ssrc(p));
        assertTrue(RtpPacket.marker(p));
        assertEquals(1, rewriter.packets());
        assertEquals(160, rewriter.octets());
    }

    @Test
    void shouldKeepSourceDeltasIncludingLossAndReordering()
    {
        rewriter.rewrite(relayed(0xAAAA, 40_000, 8000), T0);
        final ByteBuf lossGap = relayed(0xAAAA, 40_002, 8320);
        rewriter.rewrite(lossGap, T0 + 40 * MS);
        assertEquals(1002, RtpPacket.sequence(lossGap));
        assertEquals(50_320L, RtpPacket.timestamp(lossGap));
        assertFalse(RtpPacket.marker(lossGap));
        final ByteBuf late = relayed(0xAAAA, 40_001, 8160);
        rewriter.rewrite(late, T0 + 41 * MS);
        assertEquals(1001, RtpPacket.sequence(late));
        assertEquals(50_160L, RtpPacket.timestamp(late));
        assertEquals(1002, rewriter.lastSequence());
        assertEquals(50_320L, rewriter.lastTimestamp());
    }

    @Test
    void shouldStayContinuousAcrossRelayedGeneratedRelayed()
    {
        final int[] sequences = new int[12];
        final long[] timestamps = new long[12];
        int n = 0;
        long now = T0;
        for (int i = 0; i < 4; i++, now += 20 * MS)
        {
            final ByteBuf p = relayed(0xAAAA, 65_534 + i, 0xFFFF_FF00L + 160L * i);
            rewriter.rewrite(p, now);
            assertEquals(OURS, RtpPacket.ssrc(p));
            sequences[n] = RtpPacket.sequence(p);
            timestamps[n++] = RtpPacket.timestamp(p);
        }
        rewriter.switchSource();
        for (int i = 0; i < 4; i++, now += 20 * MS)
        {
            final ByteBuf p = generated(160, now);
            assertEquals(i == 0, RtpPacket.marker(p));
            assertEquals(OURS, RtpPacket.ssrc(p));
            sequences[n] = RtpPacket.sequence(p);
            timestamps[n++] = RtpPacket.timestamp(p);
        }
        rewriter.switchSource();
        for (int i = 0; i < 4; i++, now += 20 * MS)
        {
            // The other leg's phone went on with its own numbers meanwhile.
            final ByteBuf p = relayed(0xAAAA, 10 + i, 777_000L + 160L * i);
            rewriter.rewrite(p, now);
            assertEquals(i == 0, RtpPacket.marker(p));
            assertEquals(OURS, RtpPacket.ssrc(p));
            sequences[n] = RtpPacket.sequence(p);
            timestamps[n++] = RtpPacket.timestamp(p);
        }
        for (int i = 1; i < n; i++)
        {
            assertEquals((sequences[i - 1] + 1) & 0xFFFF, sequences[i], "packet " + i);
            assertEquals(160L, (timestamps[i] - timestamps[i - 1]) & 0xFFFF_FFFFL, "packet " + i);
        }
        assertEquals(12, rewriter.packets());
        assertEquals(12 * 160, rewriter.octets());
    }

    @Test
    void shouldRebaseOnNewSourceSsrcFromWallTime()
    {
        rewriter.rewrite(relayed(0xAAAA, 1, 100), T0);
        // Silence suppression or a transfer: 1 s passes, then a different phone.
        final ByteBuf p = relayed(0xBBBB, 5000, 123_456L);
        rewriter.rewrite(p, T0 + 1000 * MS);
        assertEquals(1001, RtpPacket.sequence(p));
        assertEquals(50_000L + 8000, RtpPacket.timestamp(p));
        assertTrue(RtpPacket.marker(p));
    }

    @Test
    void shouldRoundElapsedToFramesAndAdvanceAtLeastOne()
    {
        rewriter.rewrite(relayed(0xAAAA, 1, 100), T0);
        rewriter.switchSource();
        final ByteBuf soon = generated(160, T0 + 3 * MS);
        assertEquals(50_160L, RtpPacket.timestamp(soon));
        rewriter.switchSource();
        final ByteBuf later = generated(160, T0 + 3 * MS + 69 * MS);
        assertEquals(50_160L + 3 * 160, RtpPacket.timestamp(later));
    }

    @Test
    void shouldRepeatTimestampForDtmfEventThenRebaseFromEventStart()
    {
        rewriter.next(Unpooled.buffer(), 0, false, 160, T0);
        final ByteBuf start = Unpooled.buffer();
        rewriter.next(start, 101, true, 160, T0 + 20 * MS);
        assertEquals(50_160L, RtpPacket.timestamp(start));
        assertTrue(RtpPacket.marker(start));
        long now = T0 + 20 * MS;
        for (int i = 0; i < 8; i++)
        {
            now += 20 * MS;
            final ByteBuf update = Unpooled.buffer();
            rewriter.nextSameTimestamp(update, 101, false);
            assertEquals(50_160L, RtpPacket.timestamp(update));
            assertEquals(1002 + i, RtpPacket.sequence(update));
        }
        now += 20 * MS;
        final ByteBuf audio = Unpooled.buffer();
        rewriter.next(audio, 0, false, 160, now);
        assertEquals(1010, RtpPacket.sequence(audio));
        assertEquals(50_160L + 9 * 160, RtpPacket.timestamp(audio));
        assertTrue(RtpPacket.marker(audio));
    }

    @Test
    void shouldReportStateBeforeFirstPacket()
    {
        assertEquals(999, rewriter.lastSequence());
        assertEquals(50_000L, rewriter.lastTimestamp());
        assertEquals(OURS, rewriter.ssrc());
        assertEquals(0, rewriter.packets());
    }
}

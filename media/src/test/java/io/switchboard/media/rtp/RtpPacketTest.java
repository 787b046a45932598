package io.switchboard.media.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RtpPacketTest
{
    /** A PCMU packet as a phone sends it: V=2, M=1, PT=0, seq 0xBEEF, ts 0xDEADBEEF, SSRC 0xCAFEBABE, 4 bytes. */
    private static ByteBuf pcmu()
    {
        return Unpooled.wrappedBuffer(new byte[] {
            (byte)0x80, (byte)0x80, (byte)0xBE, (byte)0xEF,
            (byte)0xDE, (byte)0xAD, (byte)0xBE, (byte)0xEF,
            (byte)0xCA, (byte)0xFE, (byte)0xBA, (byte)0xBE,
            1, 2, 3, 4});
    }

    @Test
    void shouldReadFixedHeaderFieldsAsUnsigned()
    {
        final ByteBuf b = pcmu();
        assertTrue(RtpPacket.isRtp(b));
        assertEquals(0, RtpPacket.payloadType(b));
        assertTrue(RtpPacket.marker(b));
        assertEquals(0xBEEF, RtpPacket.sequence(b));
        assertEquals(0xDEADBEEFL, RtpPacket.timestamp(b));
        assertEquals(0xCAFEBABEL, RtpPacket.ssrc(b));
        assertEquals(12, RtpPacket.payloadOffset(b));
        assertEquals(4, RtpPacket.payloadLength(b));
    }

    @Test
    void shouldReadRelativeToReaderIndex()
    {
        final ByteBuf b = Unpooled.buffer();
        b.writeBytes(new byte[] {9, 9, 9});
        b.writeBytes(pcmu());
        b.readerIndex(3);
        assertTrue(RtpPacket.isRtp(b));
        assertEquals(0xBEEF, RtpPacket.sequence(b));
        RtpPacket.setSequence(b, 7);
        assertEquals(7, RtpPacket.sequence(b));
        assertEquals(9, b.getByte(2));
    }

    @Test
    void shouldSkipCsrcsAndHeaderExtension()
    {
        final ByteBuf b = Unpooled.buffer();
        // X=1, CC=2: 12 + 8 bytes of CSRCs, then a 4-byte extension header announcing one word.
        b.writeByte(0x80 | 0x10 | 2).writeByte(8).writeShort(1).writeInt(160).writeInt(42);
        b.writeInt(1).writeInt(2);
        b.writeShort(0xBEDE).writeShort(1).writeInt(0x11223344);
        b.writeBytes(new byte[] {5, 6, 7});
        assertEquals(12 + 8 + 4 + 4, RtpPacket.payloadOffset(b));
        assertEquals(3, RtpPacket.payloadLength(b));
        assertTrue(RtpPacket.isRtp(b));
    }

    @Test
    void shouldSubtractPaddingCountedInLastByte()
    {
        final ByteBuf b = Unpooled.buffer();
        b.writeByte(0x80 | 0x20).writeByte(0).writeShort(1).writeInt(160).writeInt(42);
        b.writeBytes(new byte[] {1, 2, 3, 4, 5, 0, 0, 3});
        assertEquals(5, RtpPacket.payloadLength(b));
    }

    @Test
    void shouldRejectMalformedPackets()
    {
        final ByteBuf shortPacket = Unpooled.wrappedBuffer(new byte[] {(byte)0x80, 0, 0, 1});
        assertFalse(RtpPacket.isRtp(shortPacket));
        assertEquals(-1, RtpPacket.payloadOffset(shortPacket));

        final ByteBuf version1 = pcmu();
        version1.setByte(0, 0x40);
        assertFalse(RtpPacket.isRtp(version1));

        final ByteBuf csrcsMissing = pcmu();
        csrcsMissing.setByte(0, 0x80 | 15);
        assertEquals(-1, RtpPacket.payloadOffset(csrcsMissing));
        assertFalse(RtpPacket.isRtp(csrcsMissing));

        final ByteBuf extensionTooLong = Unpooled.buffer();
        extensionTooLong.writeByte(0x90).writeByte(0).writeShort(1).writeInt(0).writeInt(0);
        extensionTooLong.writeShort(0xBEDE).writeShort(10);
        assertEquals(-1, RtpPacket.payloadOffset(extensionTooLong));

        final ByteBuf paddingTooLong = pcmu();
        paddingTooLong.setByte(0, 0xA0);
        paddingTooLong.setByte(15, 9);
        assertEquals(-1, RtpPacket.payloadLength(paddingTooLong));
        assertFalse(RtpPacket.isRtp(paddingTooLong));

        final ByteBuf zeroPadding = pcmu();
        zeroPadding.setByte(0, 0xA0);
        zeroPadding.setByte(15, 0);
        assertEquals(-1, RtpPacket.payloadLength(zeroPadding));
    }

    @Test
    void shouldTellRtcpApartPerRfc5761()
    {
        for (int second = 192; second <= 223; second++)
        {
            final ByteBuf b = pcmu();
            b.setByte(1, second);
            assertFalse(RtpPacket.isRtp(b), "second byte " + second);
        }
        // The collision RFC 5761 §4 warns of: PT 64..95 with the marker set reads as RTCP, so is never RTP here.
        final ByteBuf markedPt95 = pcmu();
        markedPt95.setByte(1, 0x80 | 95);
        assertFalse(RtpPacket.isRtp(markedPt95));
        final ByteBuf unmarkedPt95 = pcmu();
        unmarkedPt95.setByte(1, 95);
        assertTrue(RtpPacket.isRtp(unmarkedPt95));
        final ByteBuf markedPt96 = pcmu();
        markedPt96.setByte(1, 0x80 | 96);
        assertTrue(RtpPacket.isRtp(markedPt96));
    }

    @Test
    void shouldSetFieldsIndependently()
    {
        final ByteBuf b = pcmu();
        RtpPacket.setPayloadType(b, 8);
        assertEquals(8, RtpPacket.payloadType(b));
        assertTrue(RtpPacket.marker(b));
        RtpPacket.setMarker(b, false);
        assertFalse(RtpPacket.marker(b));
        assertEquals(8, RtpPacket.payloadType(b));
        RtpPacket.setSequence(b, 65535);
        RtpPacket.setTimestamp(b, 0xFFFF_FFFFL);
        RtpPacket.setSsrc(b, 0x8000_0001L);
        assertEquals(65535, RtpPacket.sequence(b));
        assertEquals(0xFFFF_FFFFL, RtpPacket.timestamp(b));
        assertEquals(0x8000_0001L, RtpPacket.ssrc(b));
        assertEquals(1, b.getByte(12));
    }

    @Test
    void shouldWriteHeaderAtWriterIndex()
    {
        final ByteBuf out = Unpooled.buffer();
        out.writeByte(0x55);
        out.readerIndex(1);
        RtpPacket.writeHeader(out, 101, true, 0x1_0005, 0x1_2345_6789L, 0xCAFEBABEL);
        assertEquals(12, out.readableBytes());
        assertEquals(0x80, out.getUnsignedByte(1));
        assertEquals(101, RtpPacket.payloadType(out));
        assertTrue(RtpPacket.marker(out));
        assertEquals(5, RtpPacket.sequence(out));
        assertEquals(0x2345_6789L, RtpPacket.timestamp(out));
        assertEquals(0xCAFEBABEL, RtpPacket.ssrc(out));
        assertEquals(0, RtpPacket.payloadLength(out));
    }
}

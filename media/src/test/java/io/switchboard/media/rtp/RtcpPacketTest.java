package io.switchboard.media.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RtcpPacketTest
{
    @Test
    void shouldWriteSenderReportPerRfc3550Section641()
    {
        final ByteBuf out = Unpooled.buffer();
        RtcpPacket.writeSenderReport(out, 0xCAFEBABEL, 0x0102030405060708L, 0xDEADBEEFL, 12, 1920);
        assertEquals(28, out.readableBytes());
        assertEquals(0x80, out.getUnsignedByte(0));
        assertEquals(200, RtcpPacket.packetType(out));
        assertEquals(6, out.getUnsignedShort(2));
        assertEquals(0xCAFEBABEL, RtcpPacket.ssrc(out));
        assertEquals(0x0102030405060708L, out.getLong(8));
        assertEquals(0xDEADBEEFL, out.getUnsignedInt(16));
        assertEquals(12, out.getUnsignedInt(20));
        assertEquals(1920, out.getUnsignedInt(24));
        assertTrue(RtcpPacket.isRtcp(out));
        assertFalse(RtpPacket.isRtp(out));
    }

    @Test
    void shouldPadCnameChunkToWordWithAtLeastOneNull()
    {
        for (int length = 0; length <= 9; length++)
        {
            final String cname = "abcdefghij".substring(0, length);
            final ByteBuf out = Unpooled.buffer();
            RtcpPacket.writeSdesCname(out, 42, cname);
            assertEquals(0, out.readableBytes() % 4, cname);
            assertEquals(out.readableBytes() / 4 - 1, out.getUnsignedShort(2));
            assertEquals(0x81, out.getUnsignedByte(0));
            assertEquals(202, RtcpPacket.packetType(out));
            assertEquals(42, out.getUnsignedInt(4));
            assertEquals(1, out.getByte(8));
            assertEquals(length, out.getByte(9));
            assertEquals(cname, out.toString(10, length, java.nio.charset.StandardCharsets.US_ASCII));
            for (int i = 10 + length; i < out.readableBytes(); i++)
            {
                assertEquals(0, out.getByte(i));
            }
            assertTrue(out.readableBytes() - 10 - length >= 1);
        }
    }

    @Test
    void shouldRefuseNonAsciiOrLongCname()
    {
        assertThrows(IllegalArgumentException.class, () -> RtcpPacket.writeSdesCname(Unpooled.buffer(), 1, "é"));
        assertThrows(
            IllegalArgumentException.class, () -> RtcpPacket.writeSdesCname(Unpooled.buffer(), 1, "x".repeat(256)));
    }

    @Test
    void shouldWriteCompoundSrSdesAndBye()
    {
        final ByteBuf out = Unpooled.buffer();
        RtcpPacket.writeSenderReport(out, 7, RtcpPacket.ntpTimestamp(0), 0, 0, 0);
        RtcpPacket.writeSdesCname(out, 7, "sb@192.0.2.1");
        RtcpPacket.writeBye(out, 7);
        assertTrue(RtcpPacket.isRtcp(out));
        out.skipBytes(28);
        assertTrue(RtcpPacket.isRtcp(out));
        out.skipBytes((out.getUnsignedShort(out.readerIndex() + 2) + 1) * 4);
        assertEquals(8, out.readableBytes());
        assertEquals(203, RtcpPacket.packetType(out));
        assertEquals(0x81, out.getUnsignedByte(out.readerIndex()));
        assertEquals(1, out.getUnsignedShort(out.readerIndex() + 2));
        assertEquals(7, RtcpPacket.ssrc(out));
    }

    @Test
    void shouldClassifyOnlyVersion2KnownTypesWithinLength()
    {
        final ByteBuf rr = Unpooled.wrappedBuffer(new byte[] {(byte)0x80, (byte)201, 0, 1, 0, 0, 0, 1});
        assertTrue(RtcpPacket.isRtcp(rr));
        final ByteBuf type205 = Unpooled.wrappedBuffer(new byte[] {(byte)0x80, (byte)205, 0, 1, 0, 0, 0, 1});
        assertFalse(RtcpPacket.isRtcp(type205));
        final ByteBuf truncated = Unpooled.wrappedBuffer(new byte[] {(byte)0x80, (byte)200, 0, 6, 0, 0, 0, 1});
        assertFalse(RtcpPacket.isRtcp(truncated));
        final ByteBuf version1 = Unpooled.wrappedBuffer(new byte[] {(byte)0x40, (byte)200, 0, 1, 0, 0, 0, 1});
        assertFalse(RtcpPacket.isRtcp(version1));
    }

    @Test
    void shouldConvertEpochToNtp()
    {
        // 1970-01-01 is 2208988800 s after 1900-01-01 (RFC 868); 500 ms is half of 2^32.
        assertEquals(2_208_988_800L << 32, RtcpPacket.ntpTimestamp(0));
        assertEquals((2_208_988_801L << 32) | 0x8000_0000L, RtcpPacket.ntpTimestamp(1500));
        final long ntp = RtcpPacket.ntpTimestamp(1_700_000_000_250L);
        assertEquals(1_700_000_000L + 2_208_988_800L, ntp >>> 32);
        assertEquals(0x4000_0000L, ntp & 0xFFFF_FFFFL);
    }

    @Test
    void shouldReadTheCumulativeLossReportedAboutOneStreamInACompoundPacket()
    {
        final ByteBuf in = Unpooled.buffer();
        // SR with two report blocks: another stream (lost 9), then ours (lost 0x000105 = 261).
        in.writeByte(0x82).writeByte(RtcpPacket.SR).writeShort(6 + 2 * 6).writeInt(7);
        in.writeZero(20);
        in.writeInt(0x11111111).writeByte(10).writeMedium(9).writeZero(16);
        in.writeInt(0xCAFEBABE).writeByte(1).writeMedium(261).writeZero(16);
        RtcpPacket.writeSdesCname(in, 7, "phone");
        assertEquals(261, RtcpPacket.cumulativeLost(in, 0xCAFEBABEL));
        assertEquals(-1, RtcpPacket.cumulativeLost(in, 0x22222222L), "no block about that stream");
        assertEquals(0, in.readerIndex());

        final ByteBuf negative = Unpooled.buffer();
        negative.writeByte(0x81).writeByte(RtcpPacket.RR).writeShort(7).writeInt(7);
        negative.writeInt(0xCAFEBABE).writeByte(0).writeMedium(-2).writeZero(16);
        assertEquals(0, RtcpPacket.cumulativeLost(negative, 0xCAFEBABEL), "duplicates: negative reads as 0");

        final ByteBuf cut = Unpooled.buffer();
        cut.writeByte(0x81).writeByte(RtcpPacket.RR).writeShort(7).writeInt(7).writeInt(0xCAFEBABE);
        assertEquals(-1, RtcpPacket.cumulativeLost(cut, 0xCAFEBABEL), "a length past the bytes is not read");
    }
}

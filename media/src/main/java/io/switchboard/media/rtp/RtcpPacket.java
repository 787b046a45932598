package io.switchboard.media.rtp;

import io.netty.buffer.ByteBuf;

/**
 * The RTCP packets a media relay has to send (RFC 3550 §6): a sender report with an SDES CNAME in the same compound
 * packet (§6.1 requires both), and BYE when a stream ends. Reading is limited to classification. Nothing allocates.
 */
public final class RtcpPacket
{
    /** Sender report (RFC 3550 §6.4.1). */
    public static final int SR = 200;
    /** Receiver report (RFC 3550 §6.4.2). */
    public static final int RR = 201;
    /** Source description (RFC 3550 §6.5). */
    public static final int SDES = 202;
    /** Goodbye (RFC 3550 §6.6). */
    public static final int BYE = 203;
    /** Application defined (RFC 3550 §6.7). */
    public static final int APP = 204;

    private static final int VERSION_BITS = 0x80;
    private static final int CNAME = 1;
    private static final int MAX_ITEM_LENGTH = 255;
    // NTP counts seconds from 1900, the epoch from 1970: 70 years including 17 leap days.
    private static final long NTP_EPOCH_OFFSET_SECONDS = 2_208_988_800L;

    private RtcpPacket()
    {
    }

    /**
     * @param b a received datagram.
     * @return whether it starts with an RTCP packet: version 2, packet type 200..204, and the length field inside
     *         the readable bytes.
     */
    public static boolean isRtcp(final ByteBuf b)
    {
        if (b.readableBytes() < 4)
        {
            return false;
        }
        final int type = packetType(b);
        final int words = b.getUnsignedShort(b.readerIndex() + 2) + 1;
        return b.getUnsignedByte(b.readerIndex()) >>> 6 == 2 && type >= SR && type <= APP &&
            words * 4 <= b.readableBytes();
    }

    /**
     * @param b an RTCP packet.
     * @return the packet type of the first packet in the compound packet.
     */
    public static int packetType(final ByteBuf b)
    {
        return b.getUnsignedByte(b.readerIndex() + 1);
    }

    /**
     * @param b an RTCP packet.
     * @return the SSRC of its sender (the first word after the header in SR, RR, BYE and APP).
     */
    public static long ssrc(final ByteBuf b)
    {
        return b.getUnsignedInt(b.readerIndex() + 4);
    }

    /**
     * The loss a phone reports for one of the streams it receives (RFC 3550 §6.4.1/§6.4.2): the cumulative number of
     * packets lost in the report block about {@code ssrc}, in any SR or RR of the compound packet. Bounds-checked
     * against the readable bytes; nothing allocates.
     *
     * @param b    a received compound RTCP packet (its reader index is not moved).
     * @param ssrc the stream the report should be about (ours).
     * @return the cumulative packets lost (a negative count, from duplicates, reads as 0), or -1 with no block
     *         about {@code ssrc}.
     */
    public static long cumulativeLost(final ByteBuf b, final long ssrc)
    {
        final int end = b.writerIndex();
        int at = b.readerIndex();
        long lost = -1;
        while (at + 8 <= end && b.getUnsignedByte(at) >>> 6 == 2)
        {
            final int type = b.getUnsignedByte(at + 1);
            final int length = (b.getUnsignedShort(at + 2) + 1) * 4;
            if (at + length > end)
            {
                break;
            }
            final int first = type == SR ? at + 28 : type == RR ? at + 8 : -1;
            final int blocks = first < 0 ? 0 : b.getUnsignedByte(at) & 0x1F;
            for (int i = 0; i < blocks && first + (i + 1) * 24 <= at + length; i++)
            {
                final int block = first + i * 24;
                if (b.getUnsignedInt(block) == ssrc)
                {
                    // 24-bit two's complement (§6.4.1): duplicates can make it negative.
                    final int cumulative = b.getMedium(block + 5);
                    lost = Math.max(lost, Math.max(0, cumulative));
                }
            }
            at += length;
        }
        return lost;
    }

    /**
     * Appends a sender report without report blocks (RC = 0: a relay that keeps no receiver statistics).
     *
     * @param out          where to write.
     * @param ssrc         the sender's SSRC.
     * @param ntpTimestamp 64-bit NTP time of sending, see {@link #ntpTimestamp(long)}.
     * @param rtpTimestamp the RTP timestamp of the same instant.
     * @param packets      packets sent since the stream started (low 32 bits used).
     * @param octets       payload octets sent since the stream started (low 32 bits used).
     */
    public static void writeSenderReport(
        final ByteBuf out, final long ssrc, final long ntpTimestamp, final long rtpTimestamp, final long packets,
        final long octets)
    {
        out.writeByte(VERSION_BITS);
        out.writeByte(SR);
        out.writeShort(6);
        out.writeInt((int)ssrc);
        out.writeLong(ntpTimestamp);
        out.writeInt((int)rtpTimestamp);
        out.writeInt((int)packets);
        out.writeInt((int)octets);
    }

    /**
     * Appends an SDES packet with one chunk holding the CNAME item, null terminated and padded to 32 bits.
     *
     * @param out   where to write.
     * @param ssrc  the source it describes.
     * @param cname ASCII, at most 255 characters.
     * @throws IllegalArgumentException if the CNAME is too long or not ASCII.
     */
    public static void writeSdesCname(final ByteBuf out, final long ssrc, final String cname)
    {
        final int length = cname.length();
        if (length > MAX_ITEM_LENGTH)
        {
            throw new IllegalArgumentException("CNAME longer than 255 characters");
        }
        // Chunk: SSRC, type, length, text, then 1..4 nulls that end the item list and pad to a word.
        final int chunk = 4 + 2 + length;
        final int nulls = 4 - (chunk % 4);
        final int packetLength = 4 + chunk + nulls;
        out.writeByte(VERSION_BITS | 1);
        out.writeByte(SDES);
        out.writeShort(packetLength / 4 - 1);
        out.writeInt((int)ssrc);
        out.writeByte(CNAME);
        out.writeByte(length);
        for (int i = 0; i < length; i++)
        {
            final char c = cname.charAt(i);
            if (c > 0x7F)
            {
                throw new IllegalArgumentException("CNAME is not ASCII: " + cname);
            }
            out.writeByte(c);
        }
        out.writeZero(nulls);
    }

    /**
     * Appends a BYE for one source, without a reason.
     *
     * @param out  where to write.
     * @param ssrc the source leaving.
     */
    public static void writeBye(final ByteBuf out, final long ssrc)
    {
        out.writeByte(VERSION_BITS | 1);
        out.writeByte(BYE);
        out.writeShort(1);
        out.writeInt((int)ssrc);
    }

    /**
     * @param epochMillis wall-clock time in ms since 1970.
     * @return the 64-bit NTP timestamp: seconds since 1900 in the high word, the fraction of a second in the low.
     */
    public static long ntpTimestamp(final long epochMillis)
    {
        final long seconds = Math.floorDiv(epochMillis, 1000L) + NTP_EPOCH_OFFSET_SECONDS;
        final long fraction = (Math.floorMod(epochMillis, 1000L) << 32) / 1000L;
        return (seconds << 32) | fraction;
    }
}

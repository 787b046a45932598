package io.switchboard.media.rtp;

import io.netty.buffer.ByteBuf;

/**
 * The RTP fixed header (RFC 3550 §5.1), read and written in place. Indexes are relative to the buffer's
 * readerIndex, so a datagram's content can be handed over as it arrived; nothing allocates.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * |                           timestamp                           |
 * |           synchronization source (SSRC) identifier            |
 * </pre>
 */
public final class RtpPacket
{
    /** Length of the fixed header, without CSRCs or extension. */
    public static final int HEADER_LENGTH = 12;

    private static final int VERSION = 2;
    private static final int PADDING_BIT = 0x20;
    private static final int EXTENSION_BIT = 0x10;
    private static final int CSRC_COUNT_MASK = 0x0F;
    private static final int MARKER_BIT = 0x80;
    private static final int PAYLOAD_TYPE_MASK = 0x7F;
    // RFC 5761 §4: with RTP and RTCP multiplexed, a second byte of 192..223 is an RTCP packet type.
    private static final int RTCP_SECOND_BYTE_FIRST = 192;
    private static final int RTCP_SECOND_BYTE_LAST = 223;

    private RtpPacket()
    {
    }

    /**
     * @param b a received datagram.
     * @return whether it is a well-formed RTP packet: version 2, not RTCP (RFC 5761 §4), and CSRC list, extension
     *         and padding all inside the readable bytes.
     */
    public static boolean isRtp(final ByteBuf b)
    {
        if (b.readableBytes() < HEADER_LENGTH)
        {
            return false;
        }
        final int first = b.getUnsignedByte(b.readerIndex());
        final int second = b.getUnsignedByte(b.readerIndex() + 1);
        return first >>> 6 == VERSION &&
            (second < RTCP_SECOND_BYTE_FIRST || second > RTCP_SECOND_BYTE_LAST) &&
            payloadLength(b) >= 0;
    }

    /**
     * @param b an RTP packet.
     * @return the payload type, 0..127.
     */
    public static int payloadType(final ByteBuf b)
    {
        return b.getUnsignedByte(b.readerIndex() + 1) & PAYLOAD_TYPE_MASK;
    }

    /**
     * @param b an RTP packet.
     * @return the marker bit (RFC 3551 §4.1: first packet of a talkspurt).
     */
    public static boolean marker(final ByteBuf b)
    {
        return (b.getUnsignedByte(b.readerIndex() + 1) & MARKER_BIT) != 0;
    }

    /**
     * @param b an RTP packet.
     * @return the sequence number, 0..65535.
     */
    public static int sequence(final ByteBuf b)
    {
        return b.getUnsignedShort(b.readerIndex() + 2);
    }

    /**
     * @param b an RTP packet.
     * @return the timestamp as an unsigned 32-bit value.
     */
    public static long timestamp(final ByteBuf b)
    {
        return b.getUnsignedInt(b.readerIndex() + 4);
    }

    /**
     * @param b an RTP packet.
     * @return the SSRC as an unsigned 32-bit value.
     */
    public static long ssrc(final ByteBuf b)
    {
        return b.getUnsignedInt(b.readerIndex() + 8);
    }

    /**
     * @param b an RTP packet of at least {@link #HEADER_LENGTH} readable bytes.
     * @return where the payload starts relative to readerIndex (after CSRCs and header extension, RFC 3550 §5.3.1),
     *         or -1 if that lies beyond the readable bytes.
     */
    public static int payloadOffset(final ByteBuf b)
    {
        final int readable = b.readableBytes();
        if (readable < HEADER_LENGTH)
        {
            return -1;
        }
        final int first = b.getUnsignedByte(b.readerIndex());
        int offset = HEADER_LENGTH + 4 * (first & CSRC_COUNT_MASK);
        if ((first & EXTENSION_BIT) != 0)
        {
            if (offset + 4 > readable)
            {
                return -1;
            }
            offset += 4 + 4 * b.getUnsignedShort(b.readerIndex() + offset + 2);
        }
        return offset > readable ? -1 : offset;
    }

    /**
     * @param b an RTP packet.
     * @return the payload length without padding, or -1 if the header or the padding count is malformed.
     */
    public static int payloadLength(final ByteBuf b)
    {
        final int offset = payloadOffset(b);
        if (offset < 0)
        {
            return -1;
        }
        final int readable = b.readableBytes();
        int padding = 0;
        if ((b.getUnsignedByte(b.readerIndex()) & PADDING_BIT) != 0)
        {
            if (readable == offset)
            {
                return -1;
            }
            // The count includes itself (RFC 3550 §5.1), so zero is malformed.
            padding = b.getUnsignedByte(b.readerIndex() + readable - 1);
            if (padding == 0)
            {
                return -1;
            }
        }
        final int length = readable - offset - padding;
        return length < 0 ? -1 : length;
    }

    /**
     * @param b           an RTP packet.
     * @param payloadType the new payload type; the marker bit is kept.
     */
    public static void setPayloadType(final ByteBuf b, final int payloadType)
    {
        final int index = b.readerIndex() + 1;
        b.setByte(index, (b.getUnsignedByte(index) & MARKER_BIT) | (payloadType & PAYLOAD_TYPE_MASK));
    }

    /**
     * @param b      an RTP packet.
     * @param marker the new marker bit; the payload type is kept.
     */
    public static void setMarker(final ByteBuf b, final boolean marker)
    {
        final int index = b.readerIndex() + 1;
        final int value = b.getUnsignedByte(index) & PAYLOAD_TYPE_MASK;
        b.setByte(index, marker ? value | MARKER_BIT : value);
    }

    /**
     * @param b        an RTP packet.
     * @param sequence the new sequence number; only the low 16 bits are used.
     */
    public static void setSequence(final ByteBuf b, final int sequence)
    {
        b.setShort(b.readerIndex() + 2, sequence);
    }

    /**
     * @param b         an RTP packet.
     * @param timestamp the new timestamp; only the low 32 bits are used.
     */
    public static void setTimestamp(final ByteBuf b, final long timestamp)
    {
        b.setInt(b.readerIndex() + 4, (int)timestamp);
    }

    /**
     * @param b    an RTP packet.
     * @param ssrc the new SSRC; only the low 32 bits are used.
     */
    public static void setSsrc(final ByteBuf b, final long ssrc)
    {
        b.setInt(b.readerIndex() + 8, (int)ssrc);
    }

    /**
     * Appends a 12-byte header (version 2, no padding, extension or CSRCs) at the writerIndex.
     *
     * @param out         where to write.
     * @param payloadType 0..127.
     * @param marker      the marker bit.
     * @param sequence    low 16 bits used.
     * @param timestamp   low 32 bits used.
     * @param ssrc        low 32 bits used.
     */
    public static void writeHeader(
        final ByteBuf out, final int payloadType, final boolean marker, final int sequence, final long timestamp,
        final long ssrc)
    {
        out.writeByte(VERSION << 6);
        out.writeByte((marker ? MARKER_BIT : 0) | (payloadType & PAYLOAD_TYPE_MASK));
        out.writeShort(sequence);
        out.writeInt((int)timestamp);
        out.writeInt((int)ssrc);
    }
}

package io.switchboard.media.srtp;

/** Where an RTP packet's payload starts (RFC 3550 §5.1, §5.3.1): after the CSRCs and the header extension. */
final class RtpHeaderLength
{
    private RtpHeaderLength()
    {
    }

    /** The header's length, or -1 when the packet is not version 2 or is shorter than its header says. */
    static int of(final byte[] bytes, final int offset, final int length)
    {
        if (length < 12 || (bytes[offset] & 0xC0) != 0x80)
        {
            return -1;
        }
        int header = 12 + 4 * (bytes[offset] & 0x0F);
        if ((bytes[offset] & 0x10) != 0)
        {
            if (length < header + 4)
            {
                return -1;
            }
            header += 4 + 4 * ((bytes[offset + header + 2] & 0xFF) << 8 | bytes[offset + header + 3] & 0xFF);
        }
        return header <= length ? header : -1;
    }
}

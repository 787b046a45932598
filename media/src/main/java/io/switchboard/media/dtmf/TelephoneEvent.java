package io.switchboard.media.dtmf;

import io.netty.buffer.ByteBuf;

/**
 * The RFC 4733 §2.3 telephone-event payload, and the mapping between DTMF characters and event codes (§3.2:
 * 0-9 are events 0-9, * is 10, # is 11, A-D are 12-15).
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * |     event     |E|R| volume    |          duration             |
 * </pre>
 */
public final class TelephoneEvent
{
    /** Length of one event payload. */
    public static final int PAYLOAD_LENGTH = 4;

    private static final int END_BIT = 0x80;
    private static final int VOLUME_MASK = 0x3F;
    private static final String DIGITS = "0123456789*#ABCD";

    private TelephoneEvent()
    {
    }

    /**
     * @param b     a buffer holding the payload.
     * @param index absolute index of the payload start.
     * @return the event code, 0..255.
     */
    public static int event(final ByteBuf b, final int index)
    {
        return b.getUnsignedByte(index);
    }

    /**
     * @param b     a buffer holding the payload.
     * @param index absolute index of the payload start.
     * @return the E bit: this packet ends the event.
     */
    public static boolean end(final ByteBuf b, final int index)
    {
        return (b.getUnsignedByte(index + 1) & END_BIT) != 0;
    }

    /**
     * @param b     a buffer holding the payload.
     * @param index absolute index of the payload start.
     * @return the volume, 0..63 (power level in -dBm0).
     */
    public static int volume(final ByteBuf b, final int index)
    {
        return b.getUnsignedByte(index + 1) & VOLUME_MASK;
    }

    /**
     * @param b     a buffer holding the payload.
     * @param index absolute index of the payload start.
     * @return the duration so far in timestamp units (samples at 8 kHz), 0..65535.
     */
    public static int duration(final ByteBuf b, final int index)
    {
        return b.getUnsignedShort(index + 2);
    }

    /**
     * Appends a payload at the writerIndex; the reserved bit is 0.
     *
     * @param out      where to write.
     * @param event    the event code, 0..255.
     * @param end      the E bit.
     * @param volume   0..63.
     * @param duration timestamp units since the event's start, 0..65535.
     */
    public static void write(final ByteBuf out, final int event, final boolean end, final int volume,
        final int duration)
    {
        out.writeByte(event);
        out.writeByte((end ? END_BIT : 0) | (volume & VOLUME_MASK));
        out.writeShort(duration);
    }

    /**
     * @param digit one of 0-9, *, #, A-D (a-d accepted).
     * @return its event code 0..15, or -1 if it is not a DTMF character.
     */
    public static int eventOf(final char digit)
    {
        if (digit >= '0' && digit <= '9')
        {
            return digit - '0';
        }
        if (digit >= 'a' && digit <= 'd')
        {
            return digit - 'a' + 12;
        }
        return DIGITS.indexOf(digit);
    }

    /**
     * @param event an event code.
     * @return its DTMF character (A-D in upper case), or '\0' outside 0..15.
     */
    public static char digitOf(final int event)
    {
        return event >= 0 && event < DIGITS.length() ? DIGITS.charAt(event) : '\0';
    }
}

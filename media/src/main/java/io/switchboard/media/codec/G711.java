package io.switchboard.media.codec;

import io.netty.buffer.ByteBuf;

/**
 * G.711 (ITU-T, 1988) µ-law and A-law by the sign/segment/quantization algorithm, not javax.sound: the media plane
 * must not depend on a desktop API and the tables below make per-sample work one array read.
 * <p>
 * Encoders take 16-bit two's complement samples (values outside -32768..32767 are clamped). Decoders return the
 * 16-bit value at the centre of the quantization step. µ-law: 14-bit magnitude with bias 33 (0x84 at 16 bits),
 * codes inverted on the wire. A-law: 13-bit magnitude, even bits inverted (XOR 0x55) on the wire.
 * <p>
 * µ-law/A-law transcoding decodes to the linear value and re-encodes it (what a decode-then-encode gateway does);
 * the 256-entry tables are built once at class load. Neither round trip is the identity for every code, since each
 * law has finer steps than the other somewhere: µ-law to A-law to µ-law returns 240 of 256 codes unchanged and the
 * other 16 one step away; the same holds for A-law to µ-law to A-law (asserted in the tests).
 */
public final class G711
{
    /** µ-law code of 0 (positive zero). */
    public static final byte ULAW_SILENCE = (byte)0xFF;
    /** A-law code of the smallest positive step (+8), what the wire carries for silence. */
    public static final byte ALAW_SILENCE = (byte)0xD5;

    private static final int ULAW_BIAS = 0x84;
    private static final int ULAW_CLIP = 32635;
    private static final int QUANT_MASK = 0x0F;
    private static final int SEG_SHIFT = 4;
    private static final int SEG_MASK = 0x70;
    private static final int SIGN_BIT = 0x80;

    private static final short[] ULAW_TO_LINEAR = new short[256];
    private static final short[] ALAW_TO_LINEAR = new short[256];
    private static final byte[] ULAW_TO_ALAW = new byte[256];
    private static final byte[] ALAW_TO_ULAW = new byte[256];

    static
    {
        for (int code = 0; code < 256; code++)
        {
            ULAW_TO_LINEAR[code] = (short)decodeUlaw(code);
            ALAW_TO_LINEAR[code] = (short)decodeAlaw(code);
        }
        for (int code = 0; code < 256; code++)
        {
            ULAW_TO_ALAW[code] = linearToAlaw(ULAW_TO_LINEAR[code]);
            ALAW_TO_ULAW[code] = linearToUlaw(ALAW_TO_LINEAR[code]);
        }
    }

    private G711()
    {
    }

    /**
     * @param pcm16 a 16-bit sample; larger magnitudes are clamped.
     * @return the µ-law code.
     */
    public static byte linearToUlaw(final int pcm16)
    {
        final int mask = pcm16 < 0 ? 0x7F : 0xFF;
        final int magnitude = Math.min(Math.abs(pcm16), ULAW_CLIP) + ULAW_BIAS;
        // The biased magnitude's leading one is at bit 7 + segment.
        final int segment = 31 - Integer.numberOfLeadingZeros(magnitude) - 7;
        final int code = (segment << SEG_SHIFT) | ((magnitude >> (segment + 3)) & QUANT_MASK);
        return (byte)(code ^ mask);
    }

    /**
     * @param ulaw a µ-law code.
     * @return the 16-bit sample it stands for.
     */
    public static int ulawToLinear(final byte ulaw)
    {
        return ULAW_TO_LINEAR[ulaw & 0xFF];
    }

    /**
     * @param pcm16 a 16-bit sample; larger magnitudes are clamped.
     * @return the A-law code.
     */
    public static byte linearToAlaw(final int pcm16)
    {
        final int clamped = Math.max(-32768, Math.min(32767, pcm16));
        final int mask;
        final int magnitude;
        if (clamped >= 0)
        {
            mask = 0xD5;
            magnitude = clamped >> 3;
        }
        else
        {
            // One's complement of the negative value: -1..-8 land in the first negative step, as in G.711.
            mask = 0x55;
            magnitude = (-clamped - 1) >> 3;
        }
        final int segment = magnitude < 32 ? 0 : 31 - Integer.numberOfLeadingZeros(magnitude) - 4;
        final int quant = segment == 0 ? (magnitude >> 1) & QUANT_MASK : (magnitude >> segment) & QUANT_MASK;
        return (byte)(((segment << SEG_SHIFT) | quant) ^ mask);
    }

    /**
     * @param alaw an A-law code.
     * @return the 16-bit sample it stands for.
     */
    public static int alawToLinear(final byte alaw)
    {
        return ALAW_TO_LINEAR[alaw & 0xFF];
    }

    /**
     * @param ulaw a µ-law code.
     * @return the A-law code for the same sample.
     */
    public static byte ulawToAlaw(final byte ulaw)
    {
        return ULAW_TO_ALAW[ulaw & 0xFF];
    }

    /**
     * @param alaw an A-law code.
     * @return the µ-law code for the same sample.
     */
    public static byte alawToUlaw(final byte alaw)
    {
        return ALAW_TO_ULAW[alaw & 0xFF];
    }

    /**
     * Transcodes µ-law to A-law in place.
     *
     * @param buf    the buffer.
     * @param index  absolute index of the first byte.
     * @param length number of bytes.
     */
    public static void ulawToAlaw(final ByteBuf buf, final int index, final int length)
    {
        translate(buf, index, length, ULAW_TO_ALAW);
    }

    /**
     * Transcodes A-law to µ-law in place.
     *
     * @param buf    the buffer.
     * @param index  absolute index of the first byte.
     * @param length number of bytes.
     */
    public static void alawToUlaw(final ByteBuf buf, final int index, final int length)
    {
        translate(buf, index, length, ALAW_TO_ULAW);
    }

    /** Converts samples in place from one law to the other; nothing to do when both are the same law. */
    public static void convert(final ByteBuf buf, final int index, final int length, final boolean fromAlaw,
        final boolean toAlaw)
    {
        if (fromAlaw != toAlaw)
        {
            translate(buf, index, length, fromAlaw ? ALAW_TO_ULAW : ULAW_TO_ALAW);
        }
    }

    private static void translate(final ByteBuf buf, final int index, final int length, final byte[] table)
    {
        final int end = index + length;
        for (int i = index; i < end; i++)
        {
            buf.setByte(i, table[buf.getByte(i) & 0xFF]);
        }
    }

    private static int decodeUlaw(final int code)
    {
        final int inverted = ~code & 0xFF;
        final int segment = (inverted & SEG_MASK) >> SEG_SHIFT;
        final int biased = (((inverted & QUANT_MASK) << 3) + ULAW_BIAS) << segment;
        return (inverted & SIGN_BIT) != 0 ? ULAW_BIAS - biased : biased - ULAW_BIAS;
    }

    private static int decodeAlaw(final int code)
    {
        final int value = code ^ 0x55;
        final int segment = (value & SEG_MASK) >> SEG_SHIFT;
        int magnitude = (value & QUANT_MASK) << 4;
        if (segment == 0)
        {
            magnitude += 8;
        }
        else
        {
            magnitude = (magnitude + 0x108) << (segment - 1);
        }
        return (value & SIGN_BIT) != 0 ? magnitude : -magnitude;
    }
}

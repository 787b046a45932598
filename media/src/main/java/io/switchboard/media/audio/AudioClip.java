package io.switchboard.media.audio;

import io.netty.buffer.ByteBuf;
import io.switchboard.media.codec.G711;

/**
 * Immutable 8 kHz mono audio held encoded in both G.711 laws, so that playing it into a call of either law is a
 * copy with no per-frame encoding. The arrays stay private: a clip is shared by every call that plays it.
 */
public final class AudioClip
{
    /** Sampling rate of every clip. */
    public static final int SAMPLE_RATE = 8000;
    /** Samples per 20 ms packet. */
    public static final int FRAME_SAMPLES = 160;

    private final String name;
    private final byte[] ulaw;
    private final byte[] alaw;

    private AudioClip(final String name, final byte[] ulaw, final byte[] alaw)
    {
        this.name = name;
        this.ulaw = ulaw;
        this.alaw = alaw;
    }

    /**
     * @param name      for logs and lookups.
     * @param samples8k 16-bit linear samples at 8 kHz; copied, not kept.
     * @return the clip.
     */
    public static AudioClip fromLinear(final String name, final short[] samples8k)
    {
        final byte[] ulaw = new byte[samples8k.length];
        final byte[] alaw = new byte[samples8k.length];
        for (int i = 0; i < samples8k.length; i++)
        {
            ulaw[i] = G711.linearToUlaw(samples8k[i]);
            alaw[i] = G711.linearToAlaw(samples8k[i]);
        }
        return new AudioClip(name, ulaw, alaw);
    }

    /** @return the clip's name. */
    public String name()
    {
        return name;
    }

    /** @return its length in samples. */
    public int samples()
    {
        return ulaw.length;
    }

    /** @return its length in ms, rounded down. */
    public long durationMillis()
    {
        return ulaw.length * 1000L / SAMPLE_RATE;
    }

    /**
     * Appends µ-law samples at the writerIndex.
     *
     * @param offset first sample.
     * @param out    where to write.
     * @param length number of samples; offset + length must not exceed {@link #samples()}.
     */
    public void copyUlaw(final int offset, final ByteBuf out, final int length)
    {
        out.writeBytes(ulaw, offset, length);
    }

    /**
     * Appends A-law samples at the writerIndex.
     *
     * @param offset first sample.
     * @param out    where to write.
     * @param length number of samples; offset + length must not exceed {@link #samples()}.
     */
    public void copyAlaw(final int offset, final ByteBuf out, final int length)
    {
        out.writeBytes(alaw, offset, length);
    }

    /**
     * @param i sample index.
     * @return the sample µ-law encoded.
     */
    public byte ulawAt(final int i)
    {
        return ulaw[i];
    }

    /**
     * @param i sample index.
     * @return the sample A-law encoded.
     */
    public byte alawAt(final int i)
    {
        return alaw[i];
    }

    @Override
    public String toString()
    {
        return "AudioClip[" + name + ", " + durationMillis() + " ms]";
    }
}

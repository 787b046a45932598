package io.switchboard.media.audio;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** Writes a clip as it is held inside: an 8 kHz µ-law WAV (what {@link WavLoader} reads back without loss). */
public final class WavWriter
{
    private WavWriter()
    {
    }

    public static byte[] ulaw(final AudioClip clip)
    {
        final byte[] samples = new byte[clip.samples()];
        for (int i = 0; i < samples.length; i++)
        {
            samples[i] = clip.ulawAt(i);
        }
        final AudioFormat format = new AudioFormat(AudioFormat.Encoding.ULAW, AudioClip.SAMPLE_RATE, 8, 1, 1,
            AudioClip.SAMPLE_RATE, false);
        final ByteArrayOutputStream out = new ByteArrayOutputStream(samples.length + 64);
        try
        {
            AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(samples), format, samples.length),
                AudioFileFormat.Type.WAVE, out);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("writing to memory failed", ex);
        }
        return out.toByteArray();
    }
}

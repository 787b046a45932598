package io.switchboard.media.audio;

import io.switchboard.media.codec.G711;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads WAV prompts into {@link AudioClip}s: 8-bit or 16-bit PCM, µ-law or A-law, mono or stereo (downmixed),
 * at 8000..48000 Hz, resampled to 8 kHz. javax.sound reads the container; samples are decoded here.
 * <p>
 * Resampling uses a Blackman-windowed sinc low-pass at 3.7 kHz: plain decimation would fold everything above 4 kHz
 * back into the voice band, and that aliasing is audible. Loading happens once per prompt, off the hot path.
 */
public final class WavLoader
{
    private static final int MIN_RATE = 8000;
    private static final int MAX_RATE = 48000;
    private static final double CUTOFF_HZ = 3700;
    // Half the filter length, in zero crossings at the output rate: 16 gives > 60 dB stop band with Blackman.
    private static final int HALF_WIDTH_ZEROS = 16;

    private WavLoader()
    {
    }

    /**
     * @param file a WAV file; its name becomes the clip's.
     * @return the clip at 8 kHz.
     * @throws IOException if it cannot be read or its format is not supported.
     */
    public static AudioClip load(final Path file) throws IOException
    {
        try (InputStream in = Files.newInputStream(file))
        {
            return load(file.getFileName().toString(), in);
        }
    }

    /**
     * @param name the clip's name.
     * @param in   WAV content; read to its end, not closed.
     * @return the clip at 8 kHz.
     * @throws IOException if it cannot be read or its format is not supported.
     */
    public static AudioClip load(final String name, final InputStream in) throws IOException
    {
        final InputStream marked = in.markSupported() ? in : new BufferedInputStream(in);
        final AudioInputStream audio;
        try
        {
            audio = AudioSystem.getAudioInputStream(marked);
        }
        catch (final UnsupportedAudioFileException e)
        {
            throw new IOException("unsupported audio file " + name + ": " + e.getMessage(), e);
        }
        final AudioFormat format = audio.getFormat();
        check(name, format);
        final double[] mono = decode(audio.readAllBytes(), format);
        final int rate = Math.round(format.getSampleRate());
        return AudioClip.fromLinear(name, toShorts(rate == AudioClip.SAMPLE_RATE ? mono : resample(mono, rate)));
    }

    private static void check(final String name, final AudioFormat format) throws IOException
    {
        final AudioFormat.Encoding encoding = format.getEncoding();
        final int bits = format.getSampleSizeInBits();
        final boolean pcm16 = encoding.equals(AudioFormat.Encoding.PCM_SIGNED) && bits == 16;
        final boolean pcm8 = (encoding.equals(AudioFormat.Encoding.PCM_UNSIGNED) ||
            encoding.equals(AudioFormat.Encoding.PCM_SIGNED)) && bits == 8;
        final boolean g711 = (encoding.equals(AudioFormat.Encoding.ULAW) ||
            encoding.equals(AudioFormat.Encoding.ALAW)) && bits == 8;
        final float rate = format.getSampleRate();
        final int channels = format.getChannels();
        if (!(pcm16 || pcm8 || g711) || rate < MIN_RATE || rate > MAX_RATE || channels < 1 || channels > 2)
        {
            throw new IOException("unsupported WAV: " + bits + "-bit " + encoding + " " + Math.round(rate) + " Hz " +
                channels + " channel(s) in " + name + "; supported: 8/16-bit PCM, µ-law or A-law, mono or stereo, " +
                MIN_RATE + ".." + MAX_RATE + " Hz");
        }
    }

    /** Decodes interleaved frames into mono samples on the 16-bit scale, averaging channels. */
    private static double[] decode(final byte[] data, final AudioFormat format)
    {
        final int channels = format.getChannels();
        final int bytesPerSample = format.getSampleSizeInBits() / 8;
        final int frames = data.length / (bytesPerSample * channels);
        final double[] mono = new double[frames];
        int index = 0;
        for (int frame = 0; frame < frames; frame++)
        {
            double sum = 0;
            for (int channel = 0; channel < channels; channel++)
            {
                sum += sample(data, index, format);
                index += bytesPerSample;
            }
            mono[frame] = sum / channels;
        }
        return mono;
    }

    private static int sample(final byte[] data, final int index, final AudioFormat format)
    {
        final AudioFormat.Encoding encoding = format.getEncoding();
        if (encoding.equals(AudioFormat.Encoding.ULAW))
        {
            return G711.ulawToLinear(data[index]);
        }
        if (encoding.equals(AudioFormat.Encoding.ALAW))
        {
            return G711.alawToLinear(data[index]);
        }
        if (format.getSampleSizeInBits() == 8)
        {
            final int value = encoding.equals(AudioFormat.Encoding.PCM_UNSIGNED) ? (data[index] & 0xFF) - 128 :
                data[index];
            return value << 8;
        }
        return format.isBigEndian() ?
            (data[index] << 8) | (data[index + 1] & 0xFF) :
            (data[index + 1] << 8) | (data[index] & 0xFF);
    }

    /** Windowed-sinc resampling to 8 kHz; the window is normalized per output sample so DC passes at unity. */
    static double[] resample(final double[] input, final int rate)
    {
        final double step = (double)rate / AudioClip.SAMPLE_RATE;
        final int outputs = (int)Math.floor(input.length / step);
        final double[] output = new double[outputs];
        final double cutoff = CUTOFF_HZ / rate;
        final double halfWidth = HALF_WIDTH_ZEROS * step;
        for (int n = 0; n < outputs; n++)
        {
            final double center = n * step;
            final int first = Math.max(0, (int)Math.ceil(center - halfWidth));
            final int last = Math.min(input.length - 1, (int)Math.floor(center + halfWidth));
            double sum = 0;
            double weights = 0;
            for (int k = first; k <= last; k++)
            {
                final double x = k - center;
                final double weight = sinc(2 * cutoff * x) * blackman(x / halfWidth);
                sum += weight * input[k];
                weights += weight;
            }
            output[n] = weights == 0 ? 0 : sum / weights;
        }
        return output;
    }

    private static double sinc(final double x)
    {
        return x == 0 ? 1.0 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    /** Blackman window over -1..1. */
    private static double blackman(final double x)
    {
        if (x <= -1 || x >= 1)
        {
            return 0;
        }
        final double phase = Math.PI * (x + 1);
        return 0.42 - 0.5 * Math.cos(phase) + 0.08 * Math.cos(2 * phase);
    }

    private static short[] toShorts(final double[] samples)
    {
        final short[] shorts = new short[samples.length];
        for (int i = 0; i < samples.length; i++)
        {
            shorts[i] = (short)Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(samples[i])));
        }
        return shorts;
    }
}

package io.switchboard.media.audio;

import io.switchboard.media.codec.G711;

/** Measurements on decoded clips for the audio tests. */
final class Signals
{
    private Signals()
    {
    }

    static double[] linear(final AudioClip clip, final int from, final int to)
    {
        final double[] samples = new double[to - from];
        for (int i = from; i < to; i++)
        {
            samples[i - from] = G711.ulawToLinear(clip.ulawAt(i));
        }
        return samples;
    }

    static int zeroCrossings(final double[] samples)
    {
        int crossings = 0;
        for (int i = 1; i < samples.length; i++)
        {
            if ((samples[i - 1] < 0) != (samples[i] < 0))
            {
                crossings++;
            }
        }
        return crossings;
    }

    static double rms(final double[] samples)
    {
        double sum = 0;
        for (final double sample : samples)
        {
            sum += sample * sample;
        }
        return Math.sqrt(sum / samples.length);
    }

    /** Amplitude of one frequency in the samples (Goertzel), on the samples' scale. */
    static double amplitudeAt(final double[] samples, final double frequency, final int rate)
    {
        final double coefficient = 2 * Math.cos(2 * Math.PI * frequency / rate);
        double previous = 0;
        double beforePrevious = 0;
        for (final double sample : samples)
        {
            final double current = sample + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        final double power = previous * previous + beforePrevious * beforePrevious -
            coefficient * previous * beforePrevious;
        return 2 * Math.sqrt(Math.max(0, power)) / samples.length;
    }

    static short[] sine(final double frequency, final int rate, final int count, final double amplitude)
    {
        final short[] samples = new short[count];
        for (int i = 0; i < count; i++)
        {
            samples[i] = (short)Math.round(amplitude * Math.sin(2 * Math.PI * frequency * i / rate));
        }
        return samples;
    }
}

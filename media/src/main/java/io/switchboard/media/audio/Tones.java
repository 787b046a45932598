package io.switchboard.media.audio;

/**
 * Synthetic audio: call progress tones (one cadence period each, to be played looping), silence, and hold music so
 * that the server has something pleasant to play even without files. Everything is deterministic.
 */
public final class Tones
{
    /** Peak per frequency of the progress tones: about -19 dBm0 per component, the North American level. */
    private static final int PROGRESS_AMPLITUDE = 2500;
    // Tones fade in and out over 4 ms: an abrupt start is a click across the whole band.
    private static final int RAMP_SAMPLES = 32;
    private static final int RATE = AudioClip.SAMPLE_RATE;

    // Hold music: a pentatonic phrase in C, 16 notes of half a second, in Hz (0 is a rest).
    private static final double[] MELODY = {
        523.25, 659.25, 783.99, 880.00, 783.99, 659.25, 587.33, 0,
        587.33, 659.25, 783.99, 659.25, 587.33, 523.25, 392.00, 0,
    };
    private static final double[] BASS = {130.81, 98.00, 110.00, 98.00};
    private static final int NOTE_SAMPLES = RATE / 2;
    private static final double MELODY_PEAK = 5000;
    private static final double BASS_PEAK = 1800;

    private Tones()
    {
    }

    /**
     * @param name          the clip's name.
     * @param frequenciesHz components, summed.
     * @param onMillis      tone length.
     * @param offMillis     silence after it.
     * @param amplitude     peak of each component (16-bit scale); the sum is clamped.
     * @return one cadence period.
     */
    public static AudioClip tone(
        final String name, final int[] frequenciesHz, final int onMillis, final int offMillis, final int amplitude)
    {
        final int on = onMillis * RATE / 1000;
        final short[] samples = new short[on + offMillis * RATE / 1000];
        // A continuous tone (no off time) loops without a fade, so it must not have one.
        final boolean ramp = offMillis > 0;
        for (int i = 0; i < on; i++)
        {
            double value = 0;
            for (final int frequency : frequenciesHz)
            {
                value += Math.sin(2 * Math.PI * frequency * i / RATE);
            }
            final double gain = ramp ? Math.min(1.0, Math.min(i, on - 1 - i) / (double)RAMP_SAMPLES) : 1.0;
            samples[i] = clamp(value * amplitude * gain);
        }
        return AudioClip.fromLinear(name, samples);
    }

    /** @return North American ringback: 440 + 480 Hz, 2 s on, 4 s off. */
    public static AudioClip ringback()
    {
        return tone("ringback", new int[] {440, 480}, 2000, 4000, PROGRESS_AMPLITUDE);
    }

    /** @return North American busy: 480 + 620 Hz, 0.5 s on, 0.5 s off. */
    public static AudioClip busy()
    {
        return tone("busy", new int[] {480, 620}, 500, 500, PROGRESS_AMPLITUDE);
    }

    /** @return North American dial tone: 350 + 440 Hz continuous; one second loops seamlessly. */
    public static AudioClip dialTone()
    {
        return tone("dial", new int[] {350, 440}, 1000, 0, PROGRESS_AMPLITUDE);
    }

    /**
     * @param millis length.
     * @return digital silence.
     */
    public static AudioClip silence(final int millis)
    {
        return AudioClip.fromLinear("silence", new short[millis * RATE / 1000]);
    }

    /**
     * @return about 8 s of music to loop: a soft melody (fundamental plus an octave harmonic, quick attack,
     *         exponential decay) over a bass note per bar. Every note decays to nothing before the next, so the
     *         loop has no seam.
     */
    public static AudioClip holdMusic()
    {
        final short[] samples = new short[MELODY.length * NOTE_SAMPLES];
        final int notesPerBar = MELODY.length / BASS.length;
        for (int note = 0; note < MELODY.length; note++)
        {
            final int start = note * NOTE_SAMPLES;
            for (int i = 0; i < NOTE_SAMPLES; i++)
            {
                final double melody = voice(MELODY[note], i, NOTE_SAMPLES, 0.18) * MELODY_PEAK;
                final int barSample = (note % notesPerBar) * NOTE_SAMPLES + i;
                final double bass =
                    voice(BASS[note / notesPerBar], barSample, notesPerBar * NOTE_SAMPLES, 0.7) * BASS_PEAK;
                samples[start + i] = clamp(melody + bass);
            }
        }
        return AudioClip.fromLinear("hold-music", samples);
    }

    /** One note: fundamental and a quieter second harmonic under an attack/decay/release envelope. */
    private static double voice(final double frequency, final int i, final int length, final double decaySeconds)
    {
        if (frequency == 0)
        {
            return 0;
        }
        final double t = (double)i / RATE;
        final double attack = Math.min(1.0, t / 0.03);
        final double release = Math.min(1.0, (length - 1 - i) / (RATE * 0.02));
        final double envelope = attack * Math.exp(-t / decaySeconds) * release;
        final double phase = 2 * Math.PI * frequency * t;
        return envelope * (Math.sin(phase) + 0.3 * Math.sin(2 * phase));
    }

    private static short clamp(final double value)
    {
        return (short)Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(value)));
    }
}

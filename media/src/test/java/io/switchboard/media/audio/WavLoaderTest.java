package io.switchboard.media.audio;

import io.switchboard.media.codec.G711;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WavLoaderTest
{
    private static byte[] wav(final AudioFormat format, final byte[] data) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final long frames = data.length / format.getFrameSize();
        AudioSystem.write(
            new AudioInputStream(new ByteArrayInputStream(data), format, frames), AudioFileFormat.Type.WAVE, out);
        return out.toByteArray();
    }

    private static byte[] pcm16(final short[] samples, final int channels)
    {
        final byte[] data = new byte[samples.length * 2 * channels];
        int index = 0;
        for (final short sample : samples)
        {
            for (int channel = 0; channel < channels; channel++)
            {
                data[index++] = (byte)sample;
                data[index++] = (byte)(sample >> 8);
            }
        }
        return data;
    }

    private static AudioClip load(final AudioFormat format, final byte[] data) throws IOException
    {
        return WavLoader.load("test.wav", new ByteArrayInputStream(wav(format, data)));
    }

    private static AudioFormat pcm(final int rate, final int bits, final int channels)
    {
        return new AudioFormat(rate, bits, channels, true, false);
    }

    @Test
    void shouldLoad8kHz16BitMonoUnchanged() throws IOException
    {
        final short[] samples = Signals.sine(440, 8000, 8000, 12_000);
        final AudioClip clip = load(pcm(8000, 16, 1), pcm16(samples, 1));
        assertEquals(8000, clip.samples());
        assertEquals(1000, clip.durationMillis());
        for (int i = 0; i < samples.length; i++)
        {
            assertEquals(G711.linearToUlaw(samples[i]), clip.ulawAt(i));
            assertEquals(G711.linearToAlaw(samples[i]), clip.alawAt(i));
        }
    }

    @Test
    void shouldResample1kHzSineFrom16kHzKeepingFrequencyAndDuration() throws IOException
    {
        final AudioClip clip = load(pcm(16_000, 16, 1), pcm16(Signals.sine(1000, 16_000, 16_000, 10_000), 1));
        assertEquals(8000, clip.samples());
        assertEquals(1000, clip.durationMillis());
        final double[] samples = Signals.linear(clip, 0, clip.samples());
        assertEquals(2000, Signals.zeroCrossings(samples), 4);
        final double[] middle = Signals.linear(clip, 400, 7600);
        assertEquals(10_000, Signals.amplitudeAt(middle, 1000, 8000), 500);
    }

    @Test
    void shouldFilterOutWhatWouldAliasInsteadOfFoldingIt() throws IOException
    {
        // 6 kHz at 16 kHz: dropping every other sample would turn it into a 2 kHz tone at full level.
        final AudioClip clip = load(pcm(16_000, 16, 1), pcm16(Signals.sine(6000, 16_000, 16_000, 10_000), 1));
        final double[] middle = Signals.linear(clip, 400, 7600);
        assertTrue(Signals.amplitudeAt(middle, 2000, 8000) < 30, "aliased 2 kHz");
        assertTrue(Signals.rms(middle) < 30, "residue " + Signals.rms(middle));
    }

    @Test
    void shouldDownmixStereoAndResample441kHz() throws IOException
    {
        final AudioClip clip = load(pcm(44_100, 16, 2), pcm16(Signals.sine(800, 44_100, 44_100, 9000), 2));
        assertEquals(8000, clip.samples(), 1);
        final double[] middle = Signals.linear(clip, 400, 7600);
        assertEquals(9000, Signals.amplitudeAt(middle, 800, 8000), 500);
        assertEquals(1600, Signals.zeroCrossings(Signals.linear(clip, 0, 8000)), 4);
    }

    @Test
    void shouldLoad8BitUnsignedPcm() throws IOException
    {
        final short[] samples = Signals.sine(500, 8000, 4000, 100);
        final byte[] data = new byte[samples.length];
        for (int i = 0; i < samples.length; i++)
        {
            data[i] = (byte)(samples[i] + 128);
        }
        final AudioClip clip = load(new AudioFormat(AudioFormat.Encoding.PCM_UNSIGNED, 8000, 8, 1, 1, 8000, false),
            data);
        assertEquals(4000, clip.samples());
        assertEquals(G711.linearToUlaw(samples[10] << 8), clip.ulawAt(10));
        assertEquals(G711.linearToUlaw(samples[20] << 8), clip.ulawAt(20));
    }

    @Test
    void shouldLoadUlawAndAlawWavBitExact() throws IOException
    {
        final short[] samples = Signals.sine(1000, 8000, 1600, 15_000);
        final byte[] ulaw = new byte[samples.length];
        final byte[] alaw = new byte[samples.length];
        for (int i = 0; i < samples.length; i++)
        {
            ulaw[i] = G711.linearToUlaw(samples[i]);
            alaw[i] = G711.linearToAlaw(samples[i]);
        }
        final AudioClip fromUlaw = load(new AudioFormat(AudioFormat.Encoding.ULAW, 8000, 8, 1, 1, 8000, false), ulaw);
        final AudioClip fromAlaw = load(new AudioFormat(AudioFormat.Encoding.ALAW, 8000, 8, 1, 1, 8000, false), alaw);
        assertEquals(1600, fromUlaw.samples());
        assertEquals(1600, fromAlaw.samples());
        for (int i = 0; i < samples.length; i++)
        {
            if (ulaw[i] != 0x7F)
            {
                assertEquals(ulaw[i], fromUlaw.ulawAt(i));
            }
            assertEquals(alaw[i], fromAlaw.alawAt(i));
        }
    }

    @Test
    void shouldLoadFromPath(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("welcome.wav");
        Files.write(file, wav(pcm(16_000, 16, 1), pcm16(Signals.sine(1000, 16_000, 3200, 5000), 1)));
        final AudioClip clip = WavLoader.load(file);
        assertEquals("welcome.wav", clip.name());
        assertEquals(200, clip.durationMillis());
    }

    @Test
    void shouldRefuseUnsupportedFormatsClearly() throws IOException
    {
        final byte[] data24 = new byte[44_100 * 3 / 10];
        final IOException bits24 = assertThrows(IOException.class, () -> load(pcm(44_100, 24, 1), data24));
        assertTrue(bits24.getMessage().startsWith("unsupported WAV: 24-bit PCM_SIGNED 44100 Hz"), bits24.getMessage());
        final byte[] data96 = new byte[9600];
        final IOException rate96 = assertThrows(IOException.class, () -> load(pcm(96_000, 16, 1), data96));
        assertTrue(rate96.getMessage().contains("96000 Hz"), rate96.getMessage());
        final InputStream garbage = new ByteArrayInputStream("not a wav file at all".getBytes());
        assertThrows(IOException.class, () -> WavLoader.load("garbage", garbage));
    }
}

package io.switchboard.media.audio;

import io.switchboard.media.codec.G711;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StereoWavFileTest
{
    @TempDir
    Path dir;

    /** 160 µ-law samples all standing for {@code value}. */
    private static UnsafeBuffer packet(final int value)
    {
        final byte[] bytes = new byte[160];
        java.util.Arrays.fill(bytes, G711.linearToUlaw(value));
        return new UnsafeBuffer(bytes);
    }

    @Test
    void shouldBeAValidWavAfterEveryFlush() throws Exception
    {
        final Path path = dir.resolve("call.wav");
        try (StereoWavFile wav = StereoWavFile.create(path, 16000))
        {
            assertValid(path, 0);
            for (int n = 0; n < 50; n++)
            {
                wav.put(StereoWavFile.LEFT, n * 160L, packet(1000), 0, 160, false);
                wav.put(StereoWavFile.RIGHT, n * 160L + 40, packet(-2000), 0, 160, false);
                if (n % 10 == 9)
                {
                    wav.flush(n * 160L);
                    assertValid(path, wav.flushedFrames());
                }
            }
        }
        final short[][] channels = read(path);
        assertEquals(50 * 160 + 40, channels[0].length, "up to the last sample put");
        assertEquals(G711.ulawToLinear(G711.linearToUlaw(1000)), channels[0][100]);
        assertEquals(G711.ulawToLinear(G711.linearToUlaw(-2000)), channels[1][100]);
        assertEquals(0, channels[1][10], "silence before the right channel's first packet");
    }

    @Test
    void shouldFillGapsWithSilenceAndAbsorbJitter() throws Exception
    {
        final Path path = dir.resolve("gaps.wav");
        try (StereoWavFile wav = StereoWavFile.create(path, 16000))
        {
            wav.put(StereoWavFile.LEFT, 0, packet(500), 0, 160, true);
            // 30 ms late: still right after the first packet
            wav.put(StereoWavFile.LEFT, 400, packet(700), 0, 160, true);
            // a second later: after a second of silence
            wav.put(StereoWavFile.LEFT, 8320, packet(900), 0, 160, true);
        }
        final short[][] channels = read(path);
        assertEquals(8320 + 160, channels[0].length);
        assertTrue(channels[0][200] != 0, "the late packet continues the first");
        assertEquals(0, channels[0][400]);
        assertEquals(0, channels[0][8000]);
        assertTrue(channels[0][8400] != 0);
    }

    @Test
    void shouldDropWhatIsAlreadyFlushedOrBeyondTheWindow() throws Exception
    {
        final Path path = dir.resolve("window.wav");
        try (StereoWavFile wav = StereoWavFile.create(path, 1600))
        {
            wav.flush(800);
            wav.put(StereoWavFile.RIGHT, 700, packet(100), 0, 160, false);
            assertEquals(100, wav.droppedSamples(), "the 100 samples before frame 800");
            wav.put(StereoWavFile.RIGHT, 100_000, packet(100), 0, 160, false);
            assertEquals(260, wav.droppedSamples(), "a packet far beyond the window");
        }
    }

    /** The header's sizes match the file: what a player reads is exactly what was flushed. */
    private static void assertValid(final Path path, final long frames) throws Exception
    {
        final byte[] bytes = Files.readAllBytes(path);
        final ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(44 + frames * 4, bytes.length);
        assertEquals(36 + frames * 4, header.getInt(4));
        assertEquals(frames * 4, header.getInt(40));
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new BufferedInputStream(Files.newInputStream(path))))
        {
            final AudioFormat format = in.getFormat();
            assertEquals(2, format.getChannels());
            assertEquals(8000f, format.getSampleRate());
            assertEquals(16, format.getSampleSizeInBits());
            assertEquals(frames, in.getFrameLength());
        }
    }

    static short[][] read(final Path path) throws IOException
    {
        final ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
        final int frames = data.getInt(40) / 4;
        final short[][] channels = new short[2][frames];
        for (int i = 0; i < frames; i++)
        {
            channels[0][i] = data.getShort(44 + i * 4);
            channels[1][i] = data.getShort(44 + i * 4 + 2);
        }
        return channels;
    }
}

package io.switchboard.core.flows;

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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audio library's files; its WAV and MP3 makers serve the system tests too. */
public class AudioStoreTest
{
    @TempDir
    Path dir;

    /** A 440 Hz tone as a 16 kHz 16-bit mono WAV. */
    public static byte[] wav16k(final int millis) throws IOException
    {
        final byte[] pcm = new byte[16 * millis * 2];
        for (int i = 0; i < pcm.length / 2; i++)
        {
            final short s = (short)(6000 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
            pcm[2 * i] = (byte)s;
            pcm[2 * i + 1] = (byte)(s >> 8);
        }
        final AudioFormat format = new AudioFormat(16000, 16, 1, true, false);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), format, pcm.length / 2),
            AudioFileFormat.Type.WAVE, out);
        return out.toByteArray();
    }

    /** A 1 kHz stereo 44.1 kHz MP3 (a test resource). */
    public static byte[] mp3() throws IOException
    {
        try (InputStream in = AudioStoreTest.class.getResourceAsStream("/audio/tone-1khz-stereo-44k.mp3"))
        {
            return in.readAllBytes();
        }
    }

    private static AudioStore.AudioException.Kind refused(final AudioStore store, final String id, final byte[] data)
    {
        return assertThrows(AudioStore.AudioException.class, () -> store.upload(id, data)).kind();
    }

    @Test
    void uploadsArePendingUntilApprovedAndSurviveARestart() throws Exception
    {
        final AudioStore store = new AudioStore(dir);
        assertEquals(500, store.upload("welcome", wav16k(500)).durationMillis());
        store.upload("music", mp3());
        assertFalse(store.approved("welcome"));
        assertNull(store.clip("welcome"), "pending audio does not play");
        assertTrue(Files.exists(dir.resolve("pending/welcome.wav")));
        store.approve("welcome");
        assertNotNull(store.clip("welcome"));
        assertTrue(Files.exists(dir.resolve("welcome.wav")));
        final AudioStore again = new AudioStore(dir);
        assertTrue(again.approved("welcome"));
        assertTrue(again.exists("music") && !again.approved("music"));
        assertEquals(store.clip("welcome").samples(), again.clip("welcome").samples());
        again.delete("music");
        assertFalse(Files.exists(dir.resolve("pending/music.wav")));
    }

    @Test
    void wrongFilesAreRefusedWithTheirReason() throws Exception
    {
        final AudioStore store = new AudioStore(dir);
        assertEquals(AudioStore.AudioException.Kind.WRONG_FORMAT, refused(store, "a", "plain text".getBytes()));
        assertEquals(AudioStore.AudioException.Kind.TOO_LARGE, refused(store, "b",
            new byte[AudioStore.MAX_UPLOAD_BYTES + 1]));
        final byte[] broken = wav16k(100);
        broken[20] = 99;
        assertEquals(AudioStore.AudioException.Kind.DOES_NOT_DECODE, refused(store, "c", broken));
        assertEquals(AudioStore.AudioException.Kind.BAD_ID, refused(store, "../x", wav16k(100)));
        store.upload("d", wav16k(100));
        assertEquals(AudioStore.AudioException.Kind.EXISTS, refused(store, "d", wav16k(100)));
        assertEquals(AudioStore.AudioException.Kind.UNKNOWN,
            assertThrows(AudioStore.AudioException.class, () -> store.approve("nope")).kind());
    }
}

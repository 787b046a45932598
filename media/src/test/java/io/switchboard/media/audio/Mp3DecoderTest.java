package io.switchboard.media.audio;

import io.switchboard.media.codec.G711;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Mp3DecoderTest
{
    /** One second of a 1 kHz tone, stereo 44.1 kHz, 64 kbit/s, made with lame for this test. */
    private static final String TONE = "/audio/tone-1khz-stereo-44k.mp3";

    @Test
    void anMp3BecomesAn8kHzClipOfTheSameToneAndLength() throws IOException
    {
        final AudioClip clip;
        try (InputStream in = getClass().getResourceAsStream(TONE))
        {
            clip = Mp3Decoder.decode("tone", in);
        }
        // MP3 pads the start and end with a few frames of silence: about a second, not exactly.
        assertTrue(clip.durationMillis() >= 950 && clip.durationMillis() <= 1150, "duration " + clip.durationMillis());
        int crossings = 0;
        int previous = 0;
        for (int i = 2000; i < 6000; i++)
        {
            final int sample = G711.ulawToLinear(clip.ulawAt(i));
            if (previous < 0 && sample >= 0)
            {
                crossings++;
            }
            previous = sample;
        }
        // Half a second of 1 kHz: 500 rising zero crossings.
        assertTrue(crossings >= 490 && crossings <= 510, "crossings " + crossings);
    }

    @Test
    void somethingElseIsRefusedWithAClearMessage()
    {
        final IOException ex = assertThrows(IOException.class, () ->
            Mp3Decoder.decode("notes.txt", new ByteArrayInputStream("not audio at all".getBytes())));
        assertTrue(ex.getMessage().contains("notes.txt"), ex.getMessage());
        assertEquals(IOException.class, ex.getClass());
    }
}

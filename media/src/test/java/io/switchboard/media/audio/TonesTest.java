package io.switchboard.media.audio;

import io.switchboard.media.codec.G711;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TonesTest
{
    @Test
    void shouldMakeRingbackCadenceWith440And480Hz()
    {
        final AudioClip ringback = Tones.ringback();
        assertEquals(6000, ringback.durationMillis());
        final double[] on = Signals.linear(ringback, 0, 16_000);
        assertTrue(Signals.amplitudeAt(on, 440, 8000) > 2000);
        assertTrue(Signals.amplitudeAt(on, 480, 8000) > 2000);
        assertTrue(Signals.amplitudeAt(on, 620, 8000) < 100);
        for (int i = 16_000; i < ringback.samples(); i++)
        {
            assertEquals(G711.ULAW_SILENCE, ringback.ulawAt(i));
        }
    }

    @Test
    void shouldMakeBusyAndDialTone()
    {
        final AudioClip busy = Tones.busy();
        assertEquals(1000, busy.durationMillis());
        final double[] on = Signals.linear(busy, 0, 4000);
        assertTrue(Signals.amplitudeAt(on, 480, 8000) > 2000);
        assertTrue(Signals.amplitudeAt(on, 620, 8000) > 2000);
        final AudioClip dial = Tones.dialTone();
        final double[] all = Signals.linear(dial, 0, dial.samples());
        assertTrue(Signals.amplitudeAt(all, 350, 8000) > 2000);
        assertTrue(Signals.amplitudeAt(all, 440, 8000) > 2000);
    }

    @Test
    void shouldMakeSingleToneAtRequestedFrequencyWithoutClickAtStart()
    {
        final AudioClip beep = Tones.tone("beep", new int[] {1000}, 500, 0, 8000);
        assertEquals(4000, beep.samples());
        final double[] samples = Signals.linear(beep, 0, beep.samples());
        assertEquals(1000, Signals.zeroCrossings(samples), 4);
        final AudioClip cadence = Tones.tone("cadence", new int[] {1000}, 100, 100, 8000);
        assertEquals(0, G711.ulawToLinear(cadence.ulawAt(0)));
        assertTrue(Math.abs(G711.ulawToLinear(cadence.ulawAt(799))) < 100);
    }

    @Test
    void shouldMakeSilence()
    {
        final AudioClip silence = Tones.silence(500);
        assertEquals(4000, silence.samples());
        for (int i = 0; i < silence.samples(); i++)
        {
            assertEquals(G711.ULAW_SILENCE, silence.ulawAt(i));
            assertEquals(G711.ALAW_SILENCE, silence.alawAt(i));
        }
    }

    @Test
    void shouldMakeDeterministicAudibleHoldMusicThatLoopsWithoutSeam()
    {
        final AudioClip music = Tones.holdMusic();
        assertEquals(8000, music.durationMillis());
        final double[] all = Signals.linear(music, 0, music.samples());
        assertTrue(Signals.rms(all) > 500, "audible");
        double peak = 0;
        for (final double sample : all)
        {
            peak = Math.max(peak, Math.abs(sample));
        }
        assertTrue(peak < 16_000, "headroom, no clipping: " + peak);
        assertTrue(Math.abs(all[0]) < 50 && Math.abs(all[all.length - 1]) < 50, "seamless loop");
        // The first note is C5.
        assertTrue(Signals.amplitudeAt(Signals.linear(music, 0, 2000), 523.25, 8000) > 1000);
        final AudioClip again = Tones.holdMusic();
        for (int i = 0; i < music.samples(); i++)
        {
            assertEquals(music.ulawAt(i), again.ulawAt(i));
        }
    }
}

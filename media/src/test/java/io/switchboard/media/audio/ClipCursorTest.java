package io.switchboard.media.audio;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.switchboard.media.codec.G711;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClipCursorTest
{
    private final ClipCursor cursor = new ClipCursor();
    private final ByteBuf out = Unpooled.buffer();
    /** 400 samples: two whole frames and a part frame of 80. */
    private final AudioClip clip = AudioClip.fromLinear("beep", Signals.sine(700, 8000, 400, 12_000));

    private int frame(final boolean alaw)
    {
        out.clear();
        return cursor.nextFrame(out, alaw);
    }

    @Test
    void shouldPlayOnceAndPadLastFrameWithSilence()
    {
        assertFalse(cursor.active());
        assertEquals(0, frame(false));
        cursor.start(clip, false);
        assertTrue(cursor.active());
        assertEquals(160, frame(false));
        assertEquals(160, out.readableBytes());
        assertEquals(clip.ulawAt(0), out.getByte(0));
        assertEquals(160, frame(false));
        assertEquals(clip.ulawAt(160), out.getByte(0));
        assertEquals(160, frame(false));
        assertEquals(160, out.readableBytes());
        assertEquals(clip.ulawAt(399), out.getByte(79));
        for (int i = 80; i < 160; i++)
        {
            assertEquals(G711.ULAW_SILENCE, out.getByte(i));
        }
        assertFalse(cursor.active());
        assertEquals(0, frame(false));
        assertEquals(0, out.readableBytes());
    }

    @Test
    void shouldLoopAcrossTheEndWithinAFrame()
    {
        cursor.start(clip, true);
        frame(true);
        frame(true);
        assertEquals(160, frame(true));
        assertEquals(clip.alawAt(399), out.getByte(79));
        assertEquals(clip.alawAt(0), out.getByte(80));
        assertEquals(clip.alawAt(79), out.getByte(159));
        for (int i = 0; i < 100; i++)
        {
            assertEquals(160, frame(true));
        }
        assertTrue(cursor.active());
    }

    @Test
    void shouldPadWithAlawSilenceAndStop()
    {
        cursor.start(AudioClip.fromLinear("short", new short[] {1000, 2000}), false);
        assertEquals(160, frame(true));
        assertEquals(G711.linearToAlaw(2000), out.getByte(1));
        assertEquals(G711.ALAW_SILENCE, out.getByte(2));
        assertEquals(0, frame(true));
        cursor.start(clip, true);
        cursor.stop();
        assertFalse(cursor.active());
        assertEquals(0, frame(true));
    }

    @Test
    void shouldRestartFromBeginning()
    {
        cursor.start(clip, false);
        frame(false);
        cursor.start(clip, false);
        frame(false);
        assertEquals(clip.ulawAt(0), out.getByte(0));
    }
}

package io.switchboard.media.audio;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.switchboard.media.codec.G711;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AudioClipTest
{
    @Test
    void shouldHoldBothLawsOfTheSameSamples()
    {
        final short[] samples = Signals.sine(1000, 8000, 800, 10_000);
        final AudioClip clip = AudioClip.fromLinear("beep", samples);
        assertEquals("beep", clip.name());
        assertEquals(800, clip.samples());
        assertEquals(100, clip.durationMillis());
        for (int i = 0; i < samples.length; i++)
        {
            assertEquals(G711.linearToUlaw(samples[i]), clip.ulawAt(i));
            assertEquals(G711.linearToAlaw(samples[i]), clip.alawAt(i));
        }
        samples[0] = 12_345;
        assertEquals(G711.linearToUlaw(0), clip.ulawAt(0), "the clip copied the samples");
    }

    @Test
    void shouldCopyRangesAtWriterIndex()
    {
        final AudioClip clip = AudioClip.fromLinear("ramp", Signals.sine(300, 8000, 400, 20_000));
        final ByteBuf out = Unpooled.buffer();
        out.writeByte(1);
        clip.copyUlaw(100, out, 160);
        clip.copyAlaw(240, out, 160);
        assertEquals(321, out.writerIndex());
        for (int i = 0; i < 160; i++)
        {
            assertEquals(clip.ulawAt(100 + i), out.getByte(1 + i));
            assertEquals(clip.alawAt(240 + i), out.getByte(161 + i));
        }
    }
}

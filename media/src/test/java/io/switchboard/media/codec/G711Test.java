package io.switchboard.media.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class G711Test
{
    @Test
    void shouldMatchG711ReferenceValuesForUlaw()
    {
        assertEquals((byte)0xFF, G711.linearToUlaw(0));
        assertEquals(0, G711.ulawToLinear((byte)0xFF));
        assertEquals(0, G711.ulawToLinear((byte)0x7F));
        assertEquals(-32124, G711.ulawToLinear((byte)0x00));
        assertEquals(32124, G711.ulawToLinear((byte)0x80));
        assertEquals((byte)0x80, G711.linearToUlaw(32767));
        assertEquals((byte)0x00, G711.linearToUlaw(-32768));
        assertEquals((byte)0x7F, G711.linearToUlaw(-1));
        // Segment 0 has steps of 8 and the bias makes encoding round to nearest: 0..3 are 0, 4..11 are 8.
        assertEquals((byte)0xFF, G711.linearToUlaw(3));
        assertEquals((byte)0xFE, G711.linearToUlaw(4));
        assertEquals((byte)0xFE, G711.linearToUlaw(11));
        assertEquals(8, G711.ulawToLinear((byte)0xFE));
    }

    @Test
    void shouldMatchG711ReferenceValuesForAlaw()
    {
        assertEquals((byte)0xD5, G711.linearToAlaw(0));
        assertEquals(8, G711.alawToLinear((byte)0xD5));
        assertEquals(-8, G711.alawToLinear((byte)0x55));
        assertEquals((byte)0x55, G711.linearToAlaw(-1));
        assertEquals(32256, G711.alawToLinear((byte)0xAA));
        assertEquals(-32256, G711.alawToLinear((byte)0x2A));
        assertEquals((byte)0xAA, G711.linearToAlaw(32767));
        assertEquals((byte)0x2A, G711.linearToAlaw(-32768));
        assertEquals(G711.ULAW_SILENCE, G711.linearToUlaw(0));
        assertEquals(G711.ALAW_SILENCE, G711.linearToAlaw(0));
    }

    @Test
    void shouldDecodeEveryCodeToAValueThatEncodesBackToIt()
    {
        for (int code = 0; code < 256; code++)
        {
            final byte b = (byte)code;
            if (code != 0x7F)
            {
                assertEquals(b, G711.linearToUlaw(G711.ulawToLinear(b)), "ulaw " + code);
            }
            assertEquals(b, G711.linearToAlaw(G711.alawToLinear(b)), "alaw " + code);
        }
        // µ-law has two zeros; 0x7F (negative zero) decodes to 0, which encodes as positive zero.
        assertEquals((byte)0xFF, G711.linearToUlaw(G711.ulawToLinear((byte)0x7F)));
    }

    @Test
    void shouldKeepRoundTripErrorWithinHalfAStep()
    {
        for (int pcm = -32768; pcm <= 32767; pcm++)
        {
            final int magnitude = Math.abs(pcm);
            final int ulawError = Math.abs(G711.ulawToLinear(G711.linearToUlaw(pcm)) - pcm);
            final int alawError = Math.abs(G711.alawToLinear(G711.linearToAlaw(pcm)) - pcm);
            // Steps double per segment; µ-law's smallest is 8 (16-bit scale), A-law's 16. Clipping adds at the top.
            final int ulawBound = Math.max(8, magnitude / 16) + (magnitude > 32124 ? magnitude - 32124 : 0);
            final int alawBound = Math.max(16, magnitude / 16) + (magnitude > 32256 ? magnitude - 32256 : 0);
            assertTrue(ulawError <= ulawBound, "ulaw " + pcm + " error " + ulawError);
            assertTrue(alawError <= alawBound, "alaw " + pcm + " error " + alawError);
        }
    }

    @Test
    void shouldBeMonotonic()
    {
        int previousU = Integer.MIN_VALUE;
        int previousA = Integer.MIN_VALUE;
        for (int pcm = -32768; pcm <= 32767; pcm += 7)
        {
            final int u = G711.ulawToLinear(G711.linearToUlaw(pcm));
            final int a = G711.alawToLinear(G711.linearToAlaw(pcm));
            assertTrue(u >= previousU && a >= previousA, "at " + pcm);
            previousU = u;
            previousA = a;
        }
    }

    @Test
    void shouldTranscodeUlawAlawUlawWithin16CodesOneStepAway()
    {
        int changed = 0;
        for (int code = 0; code < 256; code++)
        {
            final byte back = G711.alawToUlaw(G711.ulawToAlaw((byte)code));
            if (back != (byte)code)
            {
                changed++;
                // One µ-law step at that level; negative zero (0x7F) comes back as +8, one step from 0.
                final int step = 8 << ((~code & 0x70) >> 4);
                final int error = Math.abs(G711.ulawToLinear(back) - G711.ulawToLinear((byte)code));
                assertEquals(step, error, "step of " + code);
            }
        }
        assertEquals(16, changed);
        assertEquals(G711.ALAW_SILENCE, G711.ulawToAlaw(G711.ULAW_SILENCE));
    }

    @Test
    void shouldTranscodeAlawUlawAlawWithin16CodesOneStepAway()
    {
        int changed = 0;
        for (int code = 0; code < 256; code++)
        {
            final byte back = G711.ulawToAlaw(G711.alawToUlaw((byte)code));
            if (back != (byte)code)
            {
                changed++;
                final int original = G711.alawToLinear((byte)code);
                final int error = Math.abs(G711.alawToLinear(back) - original);
                assertTrue(error <= Math.max(16, Math.abs(original) / 16), "step of " + code);
            }
        }
        assertEquals(16, changed);
    }

    @Test
    void shouldTranscodeInPlaceWithAbsoluteIndexes()
    {
        final ByteBuf buf = Unpooled.buffer();
        buf.writeByte(0x11);
        for (int code = 0; code < 256; code++)
        {
            buf.writeByte(code);
        }
        buf.writeByte(0x22);
        buf.readerIndex(1);
        G711.ulawToAlaw(buf, 1, 256);
        for (int code = 0; code < 256; code++)
        {
            assertEquals(G711.ulawToAlaw((byte)code), buf.getByte(1 + code));
        }
        assertEquals(0x11, buf.getByte(0));
        assertEquals(0x22, buf.getByte(257));
        G711.alawToUlaw(buf, 1, 256);
        for (int code = 0; code < 256; code++)
        {
            assertEquals(G711.alawToUlaw(G711.ulawToAlaw((byte)code)), buf.getByte(1 + code));
        }
    }
}

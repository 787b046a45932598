package io.switchboard.media.dtmf;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TelephoneEventTest
{
    @Test
    void shouldReadRfc4733Payload()
    {
        // Digit 5, E=1, volume 10, duration 800 (100 ms at 8 kHz), behind two other bytes.
        final ByteBuf b = Unpooled.wrappedBuffer(new byte[] {7, 7, 5, (byte)0x8A, 0x03, 0x20});
        assertEquals(5, TelephoneEvent.event(b, 2));
        assertTrue(TelephoneEvent.end(b, 2));
        assertEquals(10, TelephoneEvent.volume(b, 2));
        assertEquals(800, TelephoneEvent.duration(b, 2));
    }

    @Test
    void shouldWriteAndReadBack()
    {
        final ByteBuf out = Unpooled.buffer();
        out.writeByte(1);
        TelephoneEvent.write(out, 11, false, 63, 65535);
        assertEquals(1 + TelephoneEvent.PAYLOAD_LENGTH, out.writerIndex());
        assertEquals(11, TelephoneEvent.event(out, 1));
        assertFalse(TelephoneEvent.end(out, 1));
        assertEquals(63, TelephoneEvent.volume(out, 1));
        assertEquals(65535, TelephoneEvent.duration(out, 1));
        assertEquals(0, out.getByte(2) & 0x40, "reserved bit");
    }

    @Test
    void shouldMapDigitsPerRfc4733Section32()
    {
        final String digits = "0123456789*#ABCD";
        for (int event = 0; event < 16; event++)
        {
            assertEquals(event, TelephoneEvent.eventOf(digits.charAt(event)));
            assertEquals(digits.charAt(event), TelephoneEvent.digitOf(event));
        }
        assertEquals(12, TelephoneEvent.eventOf('a'));
        assertEquals(15, TelephoneEvent.eventOf('d'));
        assertEquals(-1, TelephoneEvent.eventOf('E'));
        assertEquals(-1, TelephoneEvent.eventOf('e'));
        assertEquals(-1, TelephoneEvent.eventOf(' '));
        assertEquals('\0', TelephoneEvent.digitOf(16));
        assertEquals('\0', TelephoneEvent.digitOf(-1));
    }
}

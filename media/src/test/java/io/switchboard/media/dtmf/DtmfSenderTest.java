package io.switchboard.media.dtmf;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static io.switchboard.media.dtmf.DtmfSender.END;
import static io.switchboard.media.dtmf.DtmfSender.NOTHING;
import static io.switchboard.media.dtmf.DtmfSender.PAYLOAD;
import static io.switchboard.media.dtmf.DtmfSender.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DtmfSenderTest
{
    private final ByteBuf out = Unpooled.buffer();

    private int tick(final DtmfSender sender)
    {
        out.clear();
        return sender.tick(out);
    }

    private void assertPayload(final int event, final boolean end, final int duration)
    {
        assertEquals(TelephoneEvent.PAYLOAD_LENGTH, out.readableBytes());
        assertEquals(event, TelephoneEvent.event(out, 0));
        assertEquals(end, TelephoneEvent.end(out, 0));
        assertEquals(duration, TelephoneEvent.duration(out, 0));
    }

    @Test
    void shouldSendStartUpdatesAndThreeEndsThenGap()
    {
        final DtmfSender sender = new DtmfSender(100, 60, 10);
        sender.enqueue("5#");
        assertTrue(sender.active());
        assertEquals(PAYLOAD | START, tick(sender));
        assertPayload(5, false, 160);
        assertEquals(10, TelephoneEvent.volume(out, 0));
        for (int i = 2; i <= 4; i++)
        {
            assertEquals(PAYLOAD, tick(sender));
            assertPayload(5, false, 160 * i);
        }
        for (int i = 0; i < 3; i++)
        {
            assertEquals(PAYLOAD | END, tick(sender));
            assertPayload(5, true, 800);
        }
        // 60 ms gap from the tone's end: the two end retransmissions took 40 ms of it.
        assertEquals(NOTHING, tick(sender));
        assertEquals(0, out.readableBytes());
        assertEquals(PAYLOAD | START, tick(sender));
        assertPayload(11, false, 160);
    }

    @Test
    void shouldUseDefaultsAndGoIdle()
    {
        final DtmfSender sender = new DtmfSender();
        sender.enqueue("1");
        int payloads = 0;
        int ends = 0;
        int starts = 0;
        while (sender.active())
        {
            final int flags = tick(sender);
            payloads += flags & PAYLOAD;
            ends += (flags & END) != 0 ? 1 : 0;
            starts += (flags & START) != 0 ? 1 : 0;
        }
        assertEquals(6 + 2, payloads);
        assertEquals(3, ends);
        assertEquals(1, starts);
        assertPayload(1, true, 960);
        assertEquals(NOTHING, tick(sender));
        assertFalse(sender.active());
    }

    @Test
    void shouldSendStartAndEndTogetherForOneTickTone()
    {
        final DtmfSender sender = new DtmfSender(20, 0, 0);
        sender.enqueue("*");
        assertEquals(PAYLOAD | START | END, tick(sender));
        assertPayload(10, true, 160);
        assertEquals(PAYLOAD | END, tick(sender));
        assertEquals(PAYLOAD | END, tick(sender));
        assertFalse(sender.active());
    }

    @Test
    void shouldValidateAllDigitsBeforeQueueingAny()
    {
        final DtmfSender sender = new DtmfSender();
        assertThrows(IllegalArgumentException.class, () -> sender.enqueue("12x3"));
        assertFalse(sender.active());
        assertEquals(0, sender.queued());
        sender.enqueue("abcd");
        assertEquals(4, sender.queued());
        tick(sender);
        assertPayload(12, false, 160);
    }

    @Test
    void shouldRefuseBeyondCapacity()
    {
        final DtmfSender sender = new DtmfSender();
        sender.enqueue("0".repeat(DtmfSender.CAPACITY - 1));
        assertThrows(IllegalStateException.class, () -> sender.enqueue("12"));
        assertEquals(DtmfSender.CAPACITY - 1, sender.queued());
        sender.enqueue("9");
        assertEquals(DtmfSender.CAPACITY, sender.queued());
    }

    @Test
    void shouldWrapAroundTheRing()
    {
        final DtmfSender sender = new DtmfSender(20, 0, 0);
        final StringBuilder sent = new StringBuilder();
        for (int round = 0; round < 3; round++)
        {
            sender.enqueue("0123456789*#ABCD".repeat(3));
            while (sender.active())
            {
                if ((tick(sender) & START) != 0)
                {
                    sent.append(TelephoneEvent.digitOf(TelephoneEvent.event(out, 0)));
                }
            }
        }
        assertEquals("0123456789*#ABCD".repeat(9), sent.toString());
    }

    @Test
    void shouldCutCurrentDigitShortOnClearButStillSendEnds()
    {
        final DtmfSender sender = new DtmfSender(200, 0, 0);
        sender.enqueue("789");
        tick(sender);
        tick(sender);
        sender.clear();
        assertEquals(PAYLOAD | END, tick(sender));
        assertPayload(7, true, 480);
        assertEquals(PAYLOAD | END, tick(sender));
        assertEquals(PAYLOAD | END, tick(sender));
        assertFalse(sender.active());
        assertEquals(NOTHING, tick(sender));
    }

    @Test
    void shouldRefuseBadSettings()
    {
        assertThrows(IllegalArgumentException.class, () -> new DtmfSender(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new DtmfSender(9000, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new DtmfSender(100, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new DtmfSender(100, 0, 64));
    }
}

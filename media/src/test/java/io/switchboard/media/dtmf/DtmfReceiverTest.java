package io.switchboard.media.dtmf;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DtmfReceiverTest
{
    private final DtmfReceiver receiver = new DtmfReceiver();

    /** Feeds one press as a phone sends it: updates every 20 ms, then the end packet three times. */
    private int press(final long timestamp, final int event, final int updates)
    {
        int reported = 0;
        for (int i = 1; i <= updates; i++)
        {
            reported += count(receiver.onEvent(timestamp, event, false, 160 * i), event);
        }
        for (int i = 0; i < 3; i++)
        {
            reported += count(receiver.onEvent(timestamp, event, true, 160 * (updates + 1)), event);
        }
        return reported;
    }

    private static int count(final int result, final int event)
    {
        if (result == -1)
        {
            return 0;
        }
        assertEquals(event, result);
        return 1;
    }

    @Test
    void shouldReportOnFirstEndAndIgnoreRedundantEnds()
    {
        assertEquals(-1, receiver.onEvent(1000, 5, false, 160));
        assertEquals(-1, receiver.onEvent(1000, 5, false, 320));
        assertEquals(5, receiver.onEvent(1000, 5, true, 480));
        assertEquals(-1, receiver.onEvent(1000, 5, true, 480));
        assertEquals(-1, receiver.onEvent(1000, 5, true, 480));
        assertEquals(-1, receiver.flush());
    }

    @Test
    void shouldCountSameDigitTwiceWhenPressedTwice()
    {
        assertEquals(1, press(1000, 1, 5));
        assertEquals(1, press(3000, 1, 5));
        assertEquals(1, press(5000, 11, 2));
    }

    @Test
    void shouldReportPressWhoseEndPacketsWereAllLostWhenNextStarts()
    {
        assertEquals(-1, receiver.onEvent(1000, 7, false, 160));
        assertEquals(-1, receiver.onEvent(1000, 7, false, 320));
        assertEquals(7, receiver.onEvent(3000, 8, false, 160));
        assertEquals(-1, receiver.onEvent(3000, 8, false, 320));
        assertEquals(8, receiver.onEvent(3000, 8, true, 480));
    }

    @Test
    void shouldReportBothWhenLostEndPressIsFollowedDirectlyByAnEndPacket()
    {
        assertEquals(-1, receiver.onEvent(1000, 7, false, 160));
        assertEquals(7, receiver.onEvent(3000, 8, true, 480));
        assertEquals(8, receiver.onEvent(3000, 8, true, 480));
        assertEquals(-1, receiver.onEvent(3000, 8, true, 480));
    }

    @Test
    void shouldIgnoreUpdateArrivingAfterEndAndPacketsOfEarlierPress()
    {
        assertEquals(-1, receiver.onEvent(1000, 2, false, 160));
        assertEquals(2, receiver.onEvent(1000, 2, true, 640));
        assertEquals(-1, receiver.onEvent(1000, 2, false, 480));
        assertEquals(-1, receiver.onEvent(3000, 3, false, 160));
        assertEquals(-1, receiver.onEvent(1000, 2, true, 640));
        assertEquals(3, receiver.onEvent(3000, 3, true, 320));
    }

    @Test
    void shouldFlushUnendedPressOnce()
    {
        assertEquals(-1, receiver.onEvent(1000, 9, false, 160));
        assertEquals(9, receiver.flush());
        assertEquals(-1, receiver.flush());
        assertEquals(-1, receiver.onEvent(1000, 9, true, 320));
    }

    @Test
    void shouldHandleTimestampWrapAndReset()
    {
        assertEquals(1, press(0xFFFF_FF00L, 4, 1));
        assertEquals(1, press(0x0000_0100L, 4, 1));
        receiver.reset();
        assertEquals(1, press(0x10L, 4, 1));
    }

    @Test
    void shouldIgnoreNonDtmfEvents()
    {
        assertEquals(-1, receiver.onEvent(1000, 16, true, 160));
        assertEquals(-1, receiver.flush());
    }
}

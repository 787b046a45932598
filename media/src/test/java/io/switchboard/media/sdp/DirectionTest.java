package io.switchboard.media.sdp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectionTest
{
    @Test
    void answerMirrorsOneWayDirections()
    {
        assertEquals(Direction.RECVONLY, Direction.SENDONLY.answerTo());
        assertEquals(Direction.SENDONLY, Direction.RECVONLY.answerTo());
        assertEquals(Direction.SENDRECV, Direction.SENDRECV.answerTo());
        assertEquals(Direction.INACTIVE, Direction.INACTIVE.answerTo());
    }

    @Test
    void sendsAndReceives()
    {
        assertTrue(Direction.SENDRECV.sends() && Direction.SENDRECV.receives());
        assertTrue(Direction.SENDONLY.sends() && !Direction.SENDONLY.receives());
        assertTrue(!Direction.RECVONLY.sends() && Direction.RECVONLY.receives());
        assertFalse(Direction.INACTIVE.sends() || Direction.INACTIVE.receives());
    }

    @Test
    void parsesAttributeNamesInAnyCaseAndIgnoresOthers()
    {
        assertEquals(Direction.SENDONLY, Direction.parse("sendonly"));
        assertEquals(Direction.INACTIVE, Direction.parse("INACTIVE"));
        assertEquals("recvonly", Direction.RECVONLY.attribute());
        assertNull(Direction.parse("rtpmap"));
        assertNull(Direction.parse(null));
    }

    @Test
    void restrictKeepsOnlyWhatBothAllow()
    {
        assertEquals(Direction.SENDONLY, Direction.SENDRECV.restrictTo(Direction.SENDONLY));
        assertEquals(Direction.INACTIVE, Direction.SENDONLY.restrictTo(Direction.RECVONLY));
    }
}

package io.switchboard.media.sdp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodecTest
{
    @Test
    void sameFormatIgnoresCaseAndPayloadType()
    {
        assertTrue(Codec.PCMU.sameFormat(new Codec(96, "pcmu", 8000)));
        assertFalse(Codec.PCMU.sameFormat(new Codec(0, "PCMU", 16000)));
        assertFalse(Codec.PCMU.sameFormat(Codec.PCMA));
    }

    @Test
    void staticTypesOfRfc3551()
    {
        assertEquals(Codec.PCMU, Codec.staticType(0));
        assertEquals(Codec.PCMA, Codec.staticType(8));
        assertEquals("G729", Codec.staticType(18).name());
        assertNull(Codec.staticType(96));
        assertNull(Codec.staticType(34));
    }

    @Test
    void telephoneEvent()
    {
        assertTrue(Codec.telephoneEvent(101).isTelephoneEvent());
        assertTrue(new Codec(96, "Telephone-Event", 8000).isTelephoneEvent());
        assertFalse(Codec.PCMU.isTelephoneEvent());
        assertEquals("telephone-event/8000", Codec.telephoneEvent(101).rtpmap());
    }

    @Test
    void rejectsImpossibleValues()
    {
        assertThrows(IllegalArgumentException.class, () -> new Codec(128, "PCMU", 8000));
        assertThrows(IllegalArgumentException.class, () -> new Codec(0, " ", 8000));
        assertThrows(IllegalArgumentException.class, () -> new Codec(0, "PCMU", 0));
    }
}

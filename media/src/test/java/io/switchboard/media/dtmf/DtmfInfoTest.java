package io.switchboard.media.dtmf;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DtmfInfoTest
{
    private static byte[] body(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(final byte[] body)
    {
        return new String(body, StandardCharsets.US_ASCII);
    }

    @Test
    void shouldParseDtmfRelayVariants()
    {
        assertEquals('5', DtmfInfo.parse(DtmfInfo.DTMF_RELAY, body("Signal=5\r\nDuration=160\r\n")));
        assertEquals('*', DtmfInfo.parse("Application/DTMF-Relay", body("signal= *\nduration= 250\n")));
        assertEquals('#', DtmfInfo.parse("application/dtmf-relay; charset=utf-8", body("SIGNAL = #")));
        assertEquals('A', DtmfInfo.parse(DtmfInfo.DTMF_RELAY, body("Signal=a\r\n")));
        assertEquals('#', DtmfInfo.parse(DtmfInfo.DTMF_RELAY, body("Signal=11\r\n")));
        assertEquals(250, DtmfInfo.durationMillis("application/dtmf-relay", body("Signal=5\nDuration= 250\n"), 100));
    }

    @Test
    void shouldParseApplicationDtmf()
    {
        assertEquals('7', DtmfInfo.parse("application/dtmf", body("7")));
        assertEquals('*', DtmfInfo.parse("application/dtmf", body("10\r\n")));
        assertEquals('#', DtmfInfo.parse("application/dtmf", body(" 11 ")));
        assertEquals('D', DtmfInfo.parse("application/dtmf", body("15")));
        assertEquals(100, DtmfInfo.durationMillis("application/dtmf", body("7"), 100));
    }

    @Test
    void shouldRefuseWhatItCannotParse()
    {
        assertEquals('\0', DtmfInfo.parse("text/plain", body("Signal=5")));
        assertEquals('\0', DtmfInfo.parse(null, body("Signal=5")));
        assertEquals('\0', DtmfInfo.parse(DtmfInfo.DTMF_RELAY, body("Duration=160")));
        assertEquals('\0', DtmfInfo.parse(DtmfInfo.DTMF_RELAY, body("Signal=E")));
        assertEquals('\0', DtmfInfo.parse(DtmfInfo.DTMF_RELAY, body("Signal=16")));
        assertEquals('\0', DtmfInfo.parse("application/dtmf", body("")));
        assertEquals('\0', DtmfInfo.parse("application/dtmf", null));
        assertEquals(80, DtmfInfo.durationMillis(DtmfInfo.DTMF_RELAY, body("Signal=1\nDuration=abc"), 80));
        assertEquals(80, DtmfInfo.durationMillis(DtmfInfo.DTMF_RELAY, body("Signal=1\nDuration=0"), 80));
    }

    @Test
    void shouldWriteRelayBodyThatParsesBack()
    {
        assertEquals("Signal=5\r\nDuration=160\r\n", text(DtmfInfo.relayBody('5', 160)));
        assertEquals("Signal=B\r\nDuration=100\r\n", text(DtmfInfo.relayBody('b', 100)));
        for (final char digit : "0123456789*#ABCD".toCharArray())
        {
            final byte[] relay = DtmfInfo.relayBody(digit, 120);
            assertEquals(digit, DtmfInfo.parse(DtmfInfo.DTMF_RELAY, relay));
            assertEquals(120, DtmfInfo.durationMillis(DtmfInfo.DTMF_RELAY, relay, 0));
        }
        assertThrows(IllegalArgumentException.class, () -> DtmfInfo.relayBody('x', 100));
    }
}

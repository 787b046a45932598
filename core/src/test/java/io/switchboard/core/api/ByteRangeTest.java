package io.switchboard.core.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The {@code Range} header of a recording's request (RFC 9110 §14.1.2), against a file of 1,000 bytes. */
class ByteRangeTest
{
    private static final long SIZE = 1000;

    @Test
    void shouldReadClosedOpenAndSuffixRangesClippedToTheFile()
    {
        assertEquals(new ByteRange(0, 99, SIZE), ByteRange.parse("bytes=0-99", SIZE));
        assertEquals(new ByteRange(900, 999, SIZE), ByteRange.parse("bytes=900-5000", SIZE));
        assertEquals(new ByteRange(10, 999, SIZE), ByteRange.parse("Bytes=10-", SIZE));
        assertEquals(new ByteRange(900, 999, SIZE), ByteRange.parse("bytes=-100", SIZE));
        assertEquals(new ByteRange(0, 999, SIZE), ByteRange.parse("bytes=-5000", SIZE));
        assertEquals("bytes 0-99/1000", ByteRange.parse("bytes=0-99", SIZE).contentRange());
        assertEquals(100, ByteRange.parse("bytes=0-99", SIZE).length());
    }

    @Test
    void shouldAnswerAnOpenRangeOfALargeFileWithOneChunk()
    {
        final long large = 10L << 20;
        assertEquals(new ByteRange(5, 5 + ByteRange.OPEN_CHUNK - 1, large), ByteRange.parse("bytes=5-", large));
    }

    @Test
    void shouldServeTheWholeFileForNoneOtherUnitsAndSeveralRanges()
    {
        assertNull(ByteRange.parse(null, SIZE));
        assertNull(ByteRange.parse(" ", SIZE));
        assertNull(ByteRange.parse("items=0-1", SIZE));
        assertNull(ByteRange.parse("bytes=0-1,5-9", SIZE));
    }

    @Test
    void shouldRefuseRangesOutsideTheFileWith416AndMalformedOnesWith400()
    {
        final ApiException past = assertThrows(ApiException.class, () -> ByteRange.parse("bytes=1000-", SIZE));
        assertEquals(416, past.status().code());
        assertEquals("bytes */1000", past.headers().get("Content-Range"));
        assertEquals(416, assertThrows(ApiException.class, () -> ByteRange.parse("bytes=50-10", SIZE)).status().code());
        assertEquals(416, assertThrows(ApiException.class, () -> ByteRange.parse("bytes=-0", SIZE)).status().code());
        for (final String bad : new String[] {"bytes=", "bytes=-", "bytes=a-9", "bytes=1-b", "bytes=5",
            "bytes=99999999999999999999-"})
        {
            assertEquals(400, assertThrows(ApiException.class, () -> ByteRange.parse(bad, SIZE)).status().code(), bad);
        }
    }
}

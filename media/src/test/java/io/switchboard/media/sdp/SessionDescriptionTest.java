package io.switchboard.media.sdp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionDescriptionTest
{
    @Test
    void parsesBaresipOffer() throws SdpException
    {
        final SessionDescription sdp = Sdps.parse(Sdps.BARESIP);
        assertEquals(new Origin("-", "1625139390", "2406285375", "192.168.1.20"), sdp.origin());
        assertEquals(1, sdp.media().size());
        final MediaDescription audio = sdp.media().get(0);
        assertEquals("audio", audio.media());
        assertEquals(10010, audio.port());
        assertEquals("RTP/AVP", audio.protocol());
        assertEquals(List.of("96", "97", "9", "0", "8", "101"), audio.formats());
        assertEquals(new Codec(96, "opus", 48000), audio.codec("96"));
        assertEquals("0-15", audio.fmtp(101));
        assertEquals(20, audio.ptime());
        assertEquals(Direction.SENDRECV, audio.direction());
        assertEquals("192.168.1.20", audio.connectionAddress());
    }

    @Test
    void staticTypesWithoutRtpmapResolve() throws SdpException
    {
        final MediaDescription audio = Sdps.parse(Sdps.LINPHONE).media().get(0);
        assertEquals(Codec.PCMU, audio.codec("0"));
        assertEquals(Codec.PCMA, audio.codec("8"));
        assertEquals("G729", audio.codec("18").name());
        assertEquals(Codec.telephoneEvent(100), audio.codec("100"));
        assertEquals(MediaDescription.NO_PTIME, audio.ptime());
    }

    @Test
    void lowercaseRtpmapOnStaticType() throws SdpException
    {
        final MediaDescription audio = Sdps.parse(Sdps.audio("IP4 10.0.0.1", "m=audio 4000 RTP/AVP 0",
            "a=rtpmap:0 pcmu/8000")).media().get(0);
        assertEquals("pcmu", audio.codec("0").name());
        assertTrue(Codec.PCMU.sameFormat(audio.codec("0")));
    }

    @Test
    void lfOnlyLineEnds() throws SdpException
    {
        final SessionDescription sdp = SessionDescription.parse(Sdps.SIPP.getBytes(StandardCharsets.US_ASCII));
        assertEquals(6000, sdp.media().get(0).port());
        assertEquals("127.0.0.1", sdp.media().get(0).connectionAddress());
    }

    @Test
    void trailingSpacesBlankLinesAndDoubleSpaces() throws SdpException
    {
        final String text = """
            v=0\s
            o=-  1 2 IN IP4 10.0.0.1\s\s

            c=IN IP4  10.0.0.1\s
            m=audio  4000 RTP/AVP 0  8\s
            a=sendonly\s
            """;
        final MediaDescription audio = Sdps.parse(text).media().get(0);
        assertEquals(List.of("0", "8"), audio.formats());
        assertEquals("10.0.0.1", audio.connectionAddress());
        assertEquals(Direction.SENDONLY, audio.direction());
    }

    @Test
    void missingSessionNameAndTimeLines() throws SdpException
    {
        final SessionDescription sdp = Sdps.parse("""
            v=0
            o=- 1 2 IN IP4 10.0.0.1
            c=IN IP4 10.0.0.1
            m=audio 4000 RTP/AVP 0
            """);
        assertEquals(4000, sdp.media().get(0).port());
    }

    @Test
    void connectionOnlyAtMediaLevelAndDirectionInheritance() throws SdpException
    {
        final SessionDescription sdp = Sdps.parse("""
            v=0
            o=- 1 2 IN IP4 10.0.0.1
            s=-
            t=0 0
            a=recvonly
            m=audio 4000 RTP/AVP 0
            c=IN IP4 10.0.0.2
            m=audio 4002 RTP/AVP 0
            c=IN IP4 10.0.0.3
            a=inactive
            """);
        assertNull(sdp.connectionAddress());
        assertEquals(Direction.RECVONLY, sdp.direction());
        assertEquals("10.0.0.2", sdp.media().get(0).connectionAddress());
        assertEquals(Direction.RECVONLY, sdp.media().get(0).direction());
        assertEquals("10.0.0.3", sdp.media().get(1).connectionAddress());
        assertEquals(Direction.INACTIVE, sdp.media().get(1).direction());
    }

    @Test
    void ipv6Connection() throws SdpException
    {
        final MediaDescription audio = Sdps.parse(Sdps.audio("IP6 ::1", "m=audio 4000 RTP/AVP 0")).media().get(0);
        assertEquals("::1", audio.connectionAddress());
    }

    @Test
    void unknownAndIrrelevantLinesAreIgnored() throws SdpException
    {
        final MediaDescription audio = Sdps.parse(Sdps.audio("IP4 10.0.0.1", "m=audio 4000/2 RTP/AVP 0",
            "x=unknown line", "b=AS:not-a-number", "i=info", "a=ice-ufrag:abc", "a=rtcp:4001 IN IP4 10.0.0.1",
            "a=ptime:30.0")).media().get(0);
        assertEquals(4000, audio.port());
        assertEquals(30, audio.ptime());
    }

    @Test
    void twentyDigitSessionIdIsKeptAsWritten() throws SdpException
    {
        final SessionDescription sdp = Sdps.parse("""
            v=0
            o=- 18446744073709551615 3 IN IP4 10.0.0.1
            c=IN IP4 10.0.0.1
            m=audio 4000 RTP/AVP 0
            """);
        assertEquals("18446744073709551615", sdp.origin().sessionId());
        assertEquals("3", sdp.origin().version());
    }

    @Test
    void malformedRtpmapMakesThePayloadTypeUnknown() throws SdpException
    {
        final MediaDescription audio = Sdps.parse(Sdps.audio("IP4 10.0.0.1", "m=audio 4000 RTP/AVP 96 0",
            "a=rtpmap:96 telephone-event", "a=rtpmap:abc PCMU/8000")).media().get(0);
        assertNull(audio.codec("96"));
        assertEquals(List.of(Codec.PCMU), audio.codecs());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "garbage", "hello\r\nworld\r\n", "v=1\r\no=- 1 1 IN IP4 1.2.3.4\r\n",
        "o=- 1 1 IN IP4 1.2.3.4\r\nv=0\r\n", "v=0\r\nm=audio 4000 RTP/AVP 0\r\n",
        "v=0\r\no=- 1\r\n", "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\no=- 1 1 IN IP4 1.2.3.4\r\n",
        "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nm=audio abc RTP/AVP 0\r\n",
        "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nm=audio 70000 RTP/AVP 0\r\n",
        "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nm=audio 4000 RTP/AVP\r\n",
        "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nm=audio\r\n",
        "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nc=IN\r\n",
        "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nc=IN IP4\r\n",
        "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nm=audio 4000 RTP/AVP 0\r\nrtpmap 0 PCMU\r\n",
        "<html><body>not sdp</body></html>",
        "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nv=0\r\n",
        "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nm=audio 4000 RTP/AVP 0 8@\r\n",
        "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nc=IN IP4 1.2%3.4\r\n",
        "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\na=rt map:0 PCMU/8000\r\n",
    })
    void malformedSdpIsACheckedException(final String text)
    {
        final SdpException ex = assertThrows(SdpException.class,
            () -> SessionDescription.parse(text.getBytes(StandardCharsets.UTF_8)));
        assertTrue(ex.getMessage() != null && !ex.getMessage().isEmpty());
    }

    @Test
    void nullOrEmptyBody()
    {
        assertThrows(SdpException.class, () -> SessionDescription.parse((byte[]) null));
        assertThrows(SdpException.class, () -> SessionDescription.parse(new byte[0]));
        assertThrows(SdpException.class, () -> SessionDescription.parse(new byte[] {(byte) 0xff, 0, 1, 2}));
    }

    /** Every prefix of a real offer either parses or fails with SdpException: never an unchecked exception. */
    @Test
    void truncatedOffersNeverThrowUnchecked()
    {
        final String full = Sdps.crlf(Sdps.ZOIPER_WITH_VIDEO);
        for (int end = 0; end <= full.length(); end++)
        {
            final String prefix = full.substring(0, end);
            try
            {
                SessionDescription.parse(prefix);
            }
            catch (final SdpException expected)
            {
                assertTrue(expected.getMessage() != null);
            }
        }
    }
}

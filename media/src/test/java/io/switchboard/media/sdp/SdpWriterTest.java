package io.switchboard.media.sdp;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SdpWriterTest
{
    private static final List<Codec> G711 = List.of(Codec.PCMU, Codec.PCMA);

    private static String text(final byte[] body)
    {
        return new String(body, StandardCharsets.US_ASCII);
    }

    @Test
    void offerIsExact()
    {
        final LocalSession session = new LocalSession("192.0.2.1", 42);
        final LocalOffer offer = SdpWriter.offer(session, "192.0.2.1", 30000, G711, 101, Direction.SENDRECV);
        assertEquals(Sdps.crlf("""
            v=0
            o=switchboard 42 42 IN IP4 192.0.2.1
            s=-
            c=IN IP4 192.0.2.1
            t=0 0
            m=audio 30000 RTP/AVP 0 8 101
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-16
            a=ptime:20
            a=sendrecv
            """), text(offer.body()));
        assertEquals(G711, offer.codecs());
        assertEquals(101, offer.telephoneEventPt());
        assertEquals(30000, offer.port());
    }

    @Test
    void offerWithoutTelephoneEventInGivenOrder()
    {
        final LocalOffer offer = SdpWriter.offer(new LocalSession("192.0.2.1"), "192.0.2.1", 30000,
            List.of(Codec.PCMA, Codec.PCMU), Negotiated.NO_TELEPHONE_EVENT, Direction.SENDONLY);
        final String text = text(offer.body());
        assertTrue(text.contains("m=audio 30000 RTP/AVP 8 0\r\n"), text);
        assertFalse(text.contains("telephone-event"), text);
        assertTrue(text.contains("a=sendonly\r\n"), text);
    }

    @Test
    void offerOnIpv6()
    {
        final String text = text(SdpWriter.offer(new LocalSession("2001:db8::1"), "2001:db8::1", 30000, G711, 101,
            Direction.SENDRECV).body());
        assertTrue(text.contains("c=IN IP6 2001:db8::1\r\n"), text);
        assertTrue(text.contains(" IN IP6 2001:db8::1\r\ns=-"), text);
    }

    @Test
    void offerRejectsBadArguments()
    {
        final LocalSession session = new LocalSession("192.0.2.1");
        assertThrows(IllegalArgumentException.class,
            () -> SdpWriter.offer(session, "192.0.2.1", 30000, List.of(), 101, Direction.SENDRECV));
        assertThrows(IllegalArgumentException.class,
            () -> SdpWriter.offer(session, "192.0.2.1", 30000, G711, 8, Direction.SENDRECV));
        assertThrows(IllegalArgumentException.class,
            () -> SdpWriter.offer(session, "192.0.2.1", 70000, G711, 101, Direction.SENDRECV));
    }

    @Test
    void ourOfferParsesAndNegotiates() throws SdpException
    {
        final LocalOffer offer = SdpWriter.offer(new LocalSession("192.0.2.1"), "192.0.2.1", 30000, G711, 101,
            Direction.SENDRECV);
        final Negotiated negotiated = OfferAnswer.answer(SessionDescription.parse(offer.body()), G711);
        assertEquals(Codec.PCMU, negotiated.codec());
        assertEquals(101, negotiated.telephoneEventPt());
        assertEquals(30000, negotiated.remoteRtp().getPort());
    }

    @Test
    void answerKeepsMediaLinesAndRejectsVideo() throws SdpException
    {
        final SessionDescription offer = Sdps.parse(Sdps.ZOIPER_WITH_VIDEO);
        final Negotiated negotiated = OfferAnswer.answer(offer, G711);
        final byte[] body = SdpWriter.answer(new LocalSession("192.0.2.1", 7), offer, negotiated, "192.0.2.1", 30000);
        assertEquals(Sdps.crlf("""
            v=0
            o=switchboard 7 7 IN IP4 192.0.2.1
            s=-
            c=IN IP4 192.0.2.1
            t=0 0
            m=audio 30000 RTP/AVP 0 101
            a=rtpmap:0 PCMU/8000
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-16
            a=ptime:20
            a=sendrecv
            m=video 0 RTP/AVP 99
            """), text(body));
        final SessionDescription reparsed = SessionDescription.parse(body);
        assertEquals(offer.media().size(), reparsed.media().size());
        assertEquals(0, reparsed.media().get(1).port());
    }

    @Test
    void answerMirrorsPayloadTypesAndDirection() throws SdpException
    {
        final SessionDescription offer = Sdps.parse(Sdps.audio("IP4 10.0.0.1", "m=audio 4000 RTP/AVP 110 96",
            "a=rtpmap:110 pcmu/8000", "a=rtpmap:96 telephone-event/8000", "a=sendonly"));
        final Negotiated negotiated = OfferAnswer.answer(offer, G711);
        final String text = text(SdpWriter.answer(new LocalSession("192.0.2.1"), offer, negotiated, "192.0.2.1",
            30000));
        assertTrue(text.contains("m=audio 30000 RTP/AVP 110 96\r\n"), text);
        assertTrue(text.contains("a=rtpmap:110 pcmu/8000\r\n"), text);
        assertTrue(text.contains("a=rtpmap:96 telephone-event/8000\r\na=fmtp:96 0-16\r\n"), text);
        assertTrue(text.contains("a=recvonly\r\n"), text);
    }

    @Test
    void answerKeepsOrderWithAudioSecondAndEchoesAvpf() throws SdpException
    {
        final SessionDescription offer = Sdps.parse("""
            v=0
            o=- 1 1 IN IP4 10.0.0.1
            s=-
            c=IN IP4 10.0.0.1
            t=0 0
            m=video 4002 RTP/AVP 96 34
            m=audio 4000 RTP/AVPF 8
            m=audio 4004 RTP/SAVP 0
            """);
        final Negotiated negotiated = OfferAnswer.answer(offer, G711);
        final String text = text(SdpWriter.answer(new LocalSession("192.0.2.1"), offer, negotiated, "192.0.2.1",
            30000));
        assertTrue(text.contains("t=0 0\r\nm=video 0 RTP/AVP 96\r\nm=audio 30000 RTP/AVPF 8\r\n"), text);
        assertTrue(text.endsWith("a=sendrecv\r\nm=audio 0 RTP/SAVP 0\r\n"), text);
    }
}

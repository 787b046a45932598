package io.switchboard.media.sdp;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OfferAnswerTest
{
    private static final List<Codec> G711 = List.of(Codec.PCMU, Codec.PCMA);

    private static Negotiated answer(final String offer) throws SdpException
    {
        return OfferAnswer.answer(Sdps.parse(offer), G711);
    }

    @Test
    void baresip() throws SdpException
    {
        final Negotiated negotiated = answer(Sdps.BARESIP);
        assertEquals(Codec.PCMU, negotiated.codec());
        assertEquals(101, negotiated.telephoneEventPt());
        assertEquals(new InetSocketAddress("192.168.1.20", 10010), negotiated.remoteRtp());
        assertEquals(Direction.SENDRECV, negotiated.remoteDirection());
        assertEquals(Direction.SENDRECV, negotiated.localDirection());
        assertEquals(20, negotiated.ptime());
        assertEquals(0, negotiated.audioIndex());
        assertFalse(negotiated.onHold());
    }

    @Test
    void linphoneTelephoneEventAt8000HzIsChosenAmongRates() throws SdpException
    {
        final Negotiated negotiated = answer(Sdps.LINPHONE);
        assertEquals(Codec.PCMU, negotiated.codec());
        assertEquals(100, negotiated.telephoneEventPt());
    }

    @Test
    void zoiperWithVideoAcceptsTheAudioLine() throws SdpException
    {
        final Negotiated negotiated = answer(Sdps.ZOIPER_WITH_VIDEO);
        assertEquals(0, negotiated.audioIndex());
        assertEquals(Codec.PCMU, negotiated.codec());
        assertEquals(101, negotiated.telephoneEventPt());
    }

    @Test
    void sippDefaultOfferWithoutRtpmap() throws SdpException
    {
        final Negotiated negotiated = answer(Sdps.SIPP);
        assertEquals(Codec.PCMU, negotiated.codec());
        assertEquals(Negotiated.NO_TELEPHONE_EVENT, negotiated.telephoneEventPt());
        assertFalse(negotiated.hasTelephoneEvent());
        assertEquals(new InetSocketAddress("127.0.0.1", 6000), negotiated.remoteRtp());
    }

    @Test
    void pcmaWithTelephoneEvent() throws SdpException
    {
        final Negotiated negotiated = answer(Sdps.PCMA_TE);
        assertEquals(Codec.PCMA, negotiated.codec());
        assertEquals(101, negotiated.telephoneEventPt());
    }

    @Test
    void offerersPreferenceWins() throws SdpException
    {
        assertEquals(Codec.PCMA, answer(Sdps.audio("IP4 10.0.0.1", "m=audio 4000 RTP/AVP 8 0")).codec());
    }

    @Test
    void dynamicPayloadTypeMappedToPcmuKeepsTheOfferersNumber() throws SdpException
    {
        final Negotiated negotiated = answer(Sdps.audio("IP4 10.0.0.1", "m=audio 4000 RTP/AVP 110",
            "a=rtpmap:110 PCMU/8000"));
        assertEquals(new Codec(110, "PCMU", 8000), negotiated.codec());
    }

    @Test
    void telephoneEventPayloadTypeIsMirrored() throws SdpException
    {
        final Negotiated negotiated = answer(Sdps.audio("IP4 10.0.0.1", "m=audio 4000 RTP/AVP 0 96",
            "a=rtpmap:96 telephone-event/8000", "a=fmtp:96 0-15"));
        assertEquals(96, negotiated.telephoneEventPt());
    }

    @Test
    void telephoneEventAtOtherRatesIsNotAgreed() throws SdpException
    {
        final Negotiated negotiated = answer(Sdps.audio("IP4 10.0.0.1", "m=audio 4000 RTP/AVP 0 97",
            "a=rtpmap:97 telephone-event/16000"));
        assertEquals(Negotiated.NO_TELEPHONE_EVENT, negotiated.telephoneEventPt());
    }

    @Test
    void g729OnlyHasNoCommonCodec()
    {
        assertThrows(NoCommonCodecException.class, () -> answer(Sdps.audio("IP4 10.0.0.1",
            "m=audio 4000 RTP/AVP 18 101", "a=rtpmap:18 G729/8000", "a=rtpmap:101 telephone-event/8000")));
    }

    @Test
    void telephoneEventAloneIsNoCodec()
    {
        assertThrows(NoCommonCodecException.class, () -> answer(Sdps.audio("IP4 10.0.0.1",
            "m=audio 4000 RTP/AVP 101", "a=rtpmap:101 telephone-event/8000")));
    }

    @Test
    void onlySrtpHasNoCommonCodec()
    {
        assertThrows(NoCommonCodecException.class, () -> answer(Sdps.audio("IP4 10.0.0.1",
            "m=audio 4000 RTP/SAVP 0 8", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywj")));
    }

    @Test
    void srtpLineIsSkippedForAPlainOne() throws SdpException
    {
        final Negotiated negotiated = answer("""
            v=0
            o=- 1 1 IN IP4 10.0.0.1
            s=-
            c=IN IP4 10.0.0.1
            t=0 0
            m=audio 4000 RTP/SAVP 0
            m=audio 4002 RTP/AVP 0
            """);
        assertEquals(1, negotiated.audioIndex());
        assertEquals(4002, negotiated.remoteRtp().getPort());
    }

    @Test
    void videoOnlyOrDisabledAudioHasNoCommonCodec()
    {
        assertThrows(NoCommonCodecException.class,
            () -> answer(Sdps.audio("IP4 10.0.0.1", "m=video 4000 RTP/AVP 34")));
        assertThrows(NoCommonCodecException.class,
            () -> answer(Sdps.audio("IP4 10.0.0.1", "m=audio 0 RTP/AVP 0")));
    }

    @Test
    void audioAfterVideo() throws SdpException
    {
        final Negotiated negotiated = answer("""
            v=0
            o=- 1 1 IN IP4 10.0.0.1
            s=-
            c=IN IP4 10.0.0.1
            t=0 0
            m=video 4002 RTP/AVP 96
            a=rtpmap:96 H264/90000
            m=audio 4000 RTP/AVPF 8
            """);
        assertEquals(1, negotiated.audioIndex());
        assertEquals(Codec.PCMA, negotiated.codec());
    }

    @Test
    void sendonlyIsHold() throws SdpException
    {
        final Negotiated negotiated = answer(Sdps.audio("IP4 10.0.0.1", "m=audio 4000 RTP/AVP 0", "a=sendonly"));
        assertEquals(Direction.SENDONLY, negotiated.remoteDirection());
        assertEquals(Direction.RECVONLY, negotiated.localDirection());
        assertTrue(negotiated.onHold());
    }

    @Test
    void inactiveIsHold() throws SdpException
    {
        final Negotiated negotiated = answer(Sdps.audio("IP4 10.0.0.1", "m=audio 4000 RTP/AVP 0", "a=inactive"));
        assertEquals(Direction.INACTIVE, negotiated.localDirection());
        assertTrue(negotiated.onHold());
    }

    @Test
    void recvonlyIsNotHold() throws SdpException
    {
        final Negotiated negotiated = answer(Sdps.audio("IP4 10.0.0.1", "m=audio 4000 RTP/AVP 0", "a=recvonly"));
        assertEquals(Direction.SENDONLY, negotiated.localDirection());
        assertFalse(negotiated.onHold());
    }

    @Test
    void nullAddressIsRfc2543Hold() throws SdpException
    {
        final Negotiated ipv4 = answer(Sdps.audio("IP4 0.0.0.0", "m=audio 4000 RTP/AVP 0"));
        assertNull(ipv4.remoteRtp());
        assertTrue(ipv4.onHold());
        assertEquals(Direction.SENDRECV, ipv4.remoteDirection());
        assertNull(answer(Sdps.audio("IP6 ::", "m=audio 4000 RTP/AVP 0")).remoteRtp());
    }

    @Test
    void ipv6Address() throws Exception
    {
        final Negotiated negotiated = answer(Sdps.audio("IP6 ::1", "m=audio 4000 RTP/AVP 0"));
        assertEquals(InetAddress.getByName("::1"), negotiated.remoteRtp().getAddress());
        assertEquals(4000, negotiated.remoteRtp().getPort());
    }

    @Test
    void hostNameStaysUnresolved() throws SdpException
    {
        final Negotiated negotiated = answer(Sdps.audio("IP4 media.example.com", "m=audio 4000 RTP/AVP 0"));
        assertTrue(negotiated.remoteRtp().isUnresolved());
        assertEquals("media.example.com", negotiated.remoteRtp().getHostString());
    }

    @Test
    void ptimeIsTaken() throws SdpException
    {
        assertEquals(30, answer(Sdps.audio("IP4 10.0.0.1", "m=audio 4000 RTP/AVP 0", "a=ptime:30")).ptime());
    }

    @Test
    void missingConnectionIsMalformedNotNoCodec()
    {
        final SdpException ex = assertThrows(SdpException.class, () -> answer("""
            v=0
            o=- 1 1 IN IP4 10.0.0.1
            s=-
            t=0 0
            m=audio 4000 RTP/AVP 0
            """));
        assertFalse(ex instanceof NoCommonCodecException);
    }
}

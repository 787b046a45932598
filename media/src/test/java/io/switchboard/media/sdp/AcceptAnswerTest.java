package io.switchboard.media.sdp;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AcceptAnswerTest
{
    private static LocalOffer offer(final Direction direction)
    {
        return SdpWriter.offer(new LocalSession("192.0.2.1"), "192.0.2.1", 30000,
            List.of(Codec.PCMU, Codec.PCMA), 101, direction);
    }

    private static Negotiated accept(final String answer, final Direction offered) throws SdpException
    {
        return OfferAnswer.acceptAnswer(Sdps.parse(answer), offer(offered));
    }

    private static Negotiated accept(final String answer) throws SdpException
    {
        return accept(answer, Direction.SENDRECV);
    }

    @Test
    void pcmaWithTelephoneEvent() throws SdpException
    {
        final Negotiated negotiated = accept(Sdps.PCMA_TE);
        assertEquals(Codec.PCMA, negotiated.codec());
        assertEquals(101, negotiated.telephoneEventPt());
        assertEquals(new InetSocketAddress("203.0.113.5", 20000), negotiated.remoteRtp());
        assertEquals(Direction.SENDRECV, negotiated.localDirection());
        assertEquals(0, negotiated.audioIndex());
    }

    @Test
    void firstOfferedCodecAmongSeveral() throws SdpException
    {
        final Negotiated negotiated = accept(Sdps.audio("IP4 10.0.0.1", "m=audio 5000 RTP/AVP 18 8 0"));
        assertEquals(Codec.PCMA, negotiated.codec());
        assertFalse(negotiated.hasTelephoneEvent());
    }

    @Test
    void codecNotOfferedIsRejected()
    {
        assertThrows(NoCommonCodecException.class,
            () -> accept(Sdps.audio("IP4 10.0.0.1", "m=audio 5000 RTP/AVP 18", "a=rtpmap:18 G729/8000")));
        assertThrows(NoCommonCodecException.class,
            () -> accept(Sdps.audio("IP4 10.0.0.1", "m=audio 5000 RTP/AVP 0", "a=rtpmap:0 G729/8000")));
    }

    @Test
    void portZeroMeansAudioRejected()
    {
        assertThrows(NoCommonCodecException.class, () -> accept(Sdps.audio("IP4 10.0.0.1", "m=audio 0 RTP/AVP 0")));
    }

    @Test
    void wrongMediaCountOrTypeOrProtocol()
    {
        assertThrows(SdpException.class, () -> accept("""
            v=0
            o=- 1 1 IN IP4 10.0.0.1
            c=IN IP4 10.0.0.1
            m=audio 5000 RTP/AVP 0
            m=video 0 RTP/AVP 34
            """));
        assertThrows(SdpException.class, () -> accept(Sdps.audio("IP4 10.0.0.1", "m=video 5000 RTP/AVP 0")));
        assertThrows(SdpException.class, () -> accept(Sdps.audio("IP4 10.0.0.1", "m=audio 5000 RTP/SAVP 0")));
    }

    @Test
    void recvonlyAnswerMakesUsSendOnly() throws SdpException
    {
        final Negotiated negotiated = accept(Sdps.audio("IP4 10.0.0.1", "m=audio 5000 RTP/AVP 0", "a=recvonly"));
        assertEquals(Direction.RECVONLY, negotiated.remoteDirection());
        assertEquals(Direction.SENDONLY, negotiated.localDirection());
    }

    @Test
    void ourHoldOfferStaysSendOnlyWhateverTheAnswerSays() throws SdpException
    {
        final Negotiated negotiated = accept(Sdps.audio("IP4 10.0.0.1", "m=audio 5000 RTP/AVP 0"),
            Direction.SENDONLY);
        assertEquals(Direction.SENDONLY, negotiated.localDirection());
    }

    @Test
    void answerHoldingWithNullAddress() throws SdpException
    {
        final Negotiated negotiated = accept(Sdps.audio("IP4 0.0.0.0", "m=audio 5000 RTP/AVP 0"));
        assertNull(negotiated.remoteRtp());
        assertTrue(negotiated.onHold());
    }

    @Test
    void telephoneEventNotOfferedIsIgnored() throws SdpException
    {
        final LocalOffer noEvents = SdpWriter.offer(new LocalSession("192.0.2.1"), "192.0.2.1", 30000,
            List.of(Codec.PCMU), Negotiated.NO_TELEPHONE_EVENT, Direction.SENDRECV);
        final Negotiated negotiated = OfferAnswer.acceptAnswer(Sdps.parse(Sdps.audio("IP4 10.0.0.1",
            "m=audio 5000 RTP/AVP 0 101", "a=rtpmap:101 telephone-event/8000")), noEvents);
        assertEquals(Negotiated.NO_TELEPHONE_EVENT, negotiated.telephoneEventPt());
    }
}

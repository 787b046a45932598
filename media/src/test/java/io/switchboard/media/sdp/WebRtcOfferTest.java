package io.switchboard.media.sdp;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Audio offers as Chrome and Firefox write them (test resources shaped like their recent audio-only offers: opus
 * first, G.711 further down, BUNDLE, rtcp-mux, trickle ICE; Chrome's fingerprint per section, Firefox's at the
 * session level) read and answered: G.711 with telephone-event at 8000 Hz, our ICE-lite credentials and host
 * candidate, our fingerprint, passive setup, the offer's mid and BUNDLE.
 */
class WebRtcOfferTest
{
    private static final List<Codec> G711 = List.of(Codec.PCMU, Codec.PCMA);
    private static final LocalWebRtc OURS = new LocalWebRtc("sbuf", "0123456789abcdefghijklmn",
        "sha-256 AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99");

    private static SessionDescription offer(final String name) throws Exception
    {
        try (InputStream in = WebRtcOfferTest.class.getResourceAsStream("/sdp/" + name))
        {
            return SessionDescription.parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void chromesOfferIsReadWithItsTransportAndAnsweredWithPcmu() throws Exception
    {
        final SessionDescription offer = offer("chrome-audio-offer.sdp");
        final MediaDescription audio = offer.media().get(0);
        assertTrue(audio.isWebRtc());
        assertFalse(audio.isPlainRtp());
        assertEquals(new WebRtcTransport("YK/m", "Ll/L0r5Ywf+0gqRWgMtRXnbT", "sha-256 19:E2:1C:3B:4B:9F:81:E6:B8:5C:"
            + "F4:A5:A8:D8:73:04:BB:05:2F:70:9F:04:A9:0E:05:E9:26:33:E8:70:88:A2", "actpass", "0", true, true),
            audio.webRtc());

        assertThrows(NoCommonCodecException.class, () -> OfferAnswer.answer(offer, G711),
            "a plain-RTP leg refuses it, as before");
        final Negotiated negotiated = OfferAnswer.answer(offer, G711, true);
        assertEquals(Codec.PCMU, negotiated.codec(), "the first G.711 in Chrome's order");
        assertEquals(126, negotiated.telephoneEventPt(), "telephone-event/8000, not /48000");
        assertNull(negotiated.remoteRtp(), "0.0.0.0:9: the address comes from ICE");

        final String answer = new String(SdpWriter.answer(new LocalSession("192.0.2.7", 1), offer, negotiated,
            "192.0.2.7", 40000, OURS), StandardCharsets.US_ASCII);
        assertTrue(answer.contains("\r\na=ice-lite\r\na=group:BUNDLE 0\r\nm=audio 40000 UDP/TLS/RTP/SAVPF 0 126\r\n"),
            answer);
        for (final String line : List.of("a=mid:0", "a=ice-ufrag:sbuf", "a=ice-pwd:0123456789abcdefghijklmn",
            "a=fingerprint:" + OURS.fingerprint(), "a=setup:passive", "a=rtcp-mux",
            "a=candidate:1 1 udp 2130706431 192.0.2.7 40000 typ host", "a=end-of-candidates",
            "a=rtpmap:0 PCMU/8000", "a=rtpmap:126 telephone-event/8000", "a=sendrecv"))
        {
            assertTrue(answer.contains("\r\n" + line + "\r\n"), line + " in\n" + answer);
        }
        assertTrue(SessionDescription.parse(answer).media().get(0).isWebRtc(), "our answer reads back as WebRTC");
    }

    @Test
    void firefoxsSessionLevelFingerprintApplies() throws Exception
    {
        final SessionDescription offer = offer("firefox-audio-offer.sdp");
        final WebRtcTransport transport = offer.media().get(0).webRtc();
        assertEquals("8a1c2f3e", transport.iceUfrag());
        assertTrue(transport.fingerprint().startsWith("sha-256 6B:8B:F0"), transport.fingerprint());
        assertTrue(transport.bundled());
        final Negotiated negotiated = OfferAnswer.answer(offer, G711, true);
        assertEquals(Codec.PCMU, negotiated.codec());
        assertEquals(101, negotiated.telephoneEventPt());
    }

    @Test
    void anOffererThatWantsToBePassiveOrHasNoRtcpMuxIsNotAnswered() throws Exception
    {
        final String chrome = text("chrome-audio-offer.sdp");
        assertThrows(NoCommonCodecException.class, () -> OfferAnswer.answer(SessionDescription.parse(
            chrome.replace("a=setup:actpass", "a=setup:passive")), G711, true), "we are always the DTLS server");
        assertThrows(NoCommonCodecException.class, () -> OfferAnswer.answer(SessionDescription.parse(
            chrome.replace("a=rtcp-mux\r\n", "")), G711, true), "RFC 8834: rtcp-mux is required");
        assertThrows(NoCommonCodecException.class, () -> OfferAnswer.answer(SessionDescription.parse(
            chrome.replace(" 9 0 8 13 ", " 9 13 ")), G711, true), "no G.711 offered");
    }

    @Test
    void ourOfferToABrowserAndItsActiveAnswer() throws Exception
    {
        final LocalOffer offer = SdpWriter.offer(new LocalSession("192.0.2.7", 1), "192.0.2.7", 40002, G711, 101,
            Direction.SENDRECV, OURS);
        final String text = new String(offer.body(), StandardCharsets.US_ASCII);
        assertTrue(text.contains("m=audio 40002 UDP/TLS/RTP/SAVPF 0 8 101\r\n"), text);
        assertTrue(text.contains("a=setup:actpass\r\n") && text.contains("a=ice-lite\r\n"), text);
        final MediaDescription read = SessionDescription.parse(text).media().get(0);
        assertTrue(read.isWebRtc(), "our offer reads back as WebRTC");

        final String answer = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 8 101\r\n"
            + "c=IN IP4 0.0.0.0\r\na=ice-ufrag:brws\r\na=ice-pwd:0123456789abcdefghijkl\r\n"
            + "a=fingerprint:sha-256 " + "AB:".repeat(31) + "AB\r\na=setup:active\r\na=mid:0\r\na=rtcp-mux\r\n"
            + "a=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n";
        assertEquals(Codec.PCMA, OfferAnswer.acceptAnswer(SessionDescription.parse(answer), offer).codec());
        assertThrows(SdpException.class, () -> OfferAnswer.acceptAnswer(SessionDescription.parse(
            answer.replace("a=setup:active", "a=setup:passive")), offer), "we never act as the DTLS client");
        assertThrows(SdpException.class, () -> OfferAnswer.acceptAnswer(SessionDescription.parse(
            answer.replace("UDP/TLS/RTP/SAVPF", "RTP/AVP")), offer), "a plain answer to a WebRTC offer");
    }

    private static String text(final String name) throws IOException
    {
        try (InputStream in = WebRtcOfferTest.class.getResourceAsStream("/sdp/" + name))
        {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}

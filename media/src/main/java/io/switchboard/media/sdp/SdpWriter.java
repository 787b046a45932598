package io.switchboard.media.sdp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes our descriptions: offers and answers that always name OUR address and RTP port, the B2BUA being the
 * media end point of each leg. Lines end in CRLF (RFC 4566 §5) and come in the RFC's order.
 */
public final class SdpWriter
{
    private static final String CRLF = "\r\n";
    /** RFC 4733 §3.2: the DTMF events 0-9, *, #, A-D and flash. */
    private static final String DTMF_EVENTS = "0-16";

    private SdpWriter()
    {
    }

    /**
     * An offer of one audio stream on RTP/AVP with the codecs in the given order, then telephone-event.
     *
     * @param session          our o= line state for this leg; its version moves when the offer differs from the
     *                         last description sent.
     * @param address          our RTP address, IPv4 or IPv6 literal.
     * @param port             our RTP port, or 0 to offer the stream disabled.
     * @param codecs           the audio codecs, in our preference, with the payload types to use.
     * @param telephoneEventPt 96..127, or {@link Negotiated#NO_TELEPHONE_EVENT} to offer no DTMF events.
     * @param direction        our direction (sendonly to hold the peer, RFC 3264 §8.4).
     */
    public static LocalOffer offer(final LocalSession session, final String address, final int port,
        final List<Codec> codecs, final int telephoneEventPt, final Direction direction)
    {
        return offer(session, address, port, codecs, telephoneEventPt, direction, null);
    }

    /**
     * The same offer for a browser when {@code webRtc} is given (RFC 8829 shape, audio only): UDP/TLS/RTP/SAVPF with
     * mid 0 bundled, our ICE-lite credentials and host candidate, our fingerprint, {@code a=setup:actpass} (the
     * browser answers active and we are the DTLS server) and rtcp-mux.
     */
    public static LocalOffer offer(final LocalSession session, final String address, final int port,
        final List<Codec> codecs, final int telephoneEventPt, final Direction direction, final LocalWebRtc webRtc)
    {
        if (codecs.isEmpty())
        {
            throw new IllegalArgumentException("an offer needs at least one codec");
        }
        if (telephoneEventPt != Negotiated.NO_TELEPHONE_EVENT && (telephoneEventPt < 96 || telephoneEventPt > 127))
        {
            throw new IllegalArgumentException("telephone-event needs a dynamic payload type: " + telephoneEventPt);
        }
        checkPort(port);
        final StringBuilder media = new StringBuilder();
        media.append("m=audio ").append(port).append(' ')
            .append(webRtc == null ? LocalOffer.PROTOCOL : LocalOffer.WEBRTC_PROTOCOL);
        for (final Codec codec : codecs)
        {
            media.append(' ').append(codec.payloadType());
        }
        if (telephoneEventPt != Negotiated.NO_TELEPHONE_EVENT)
        {
            media.append(' ').append(telephoneEventPt);
        }
        media.append(CRLF);
        for (final Codec codec : codecs)
        {
            rtpmap(media, codec);
        }
        telephoneEvent(media, telephoneEventPt);
        audioAttributes(media, direction);
        if (webRtc != null)
        {
            webRtcAttributes(media, new WebRtcTransport(null, null, null, "actpass", "0", true, true), webRtc,
                address, port, "actpass");
        }
        final byte[] body = describe(session, address, media, webRtc == null ? ""
            : "a=ice-lite" + CRLF + "a=group:BUNDLE 0" + CRLF);
        return new LocalOffer(address, port, codecs, telephoneEventPt, direction, body, webRtc);
    }

    /**
     * The answer to a remote offer (RFC 3264 §6): as many {@code m=} lines as the offer, in its order. The accepted
     * audio line has our port, only the chosen codec and telephone-event (when agreed), with the offerer's payload
     * type numbers, and our direction; every other line is declined with port 0, echoing its first format.
     *
     * @param negotiated the result of {@link OfferAnswer#answer} for this offer.
     */
    public static byte[] answer(final LocalSession session, final SessionDescription offer,
        final Negotiated negotiated, final String address, final int port)
    {
        return answer(session, offer, negotiated, address, port, null);
    }

    /**
     * The answer to a remote offer whose accepted audio stream is WebRTC ({@code webRtc} our side of it, null for
     * plain RTP): as {@link #answer(LocalSession, SessionDescription, Negotiated, String, int)}, the accepted line
     * adding our ICE-lite credentials and host candidate, our fingerprint, {@code a=setup:passive}, the offer's mid
     * and rtcp-mux; at the session level {@code a=ice-lite} and, when the offer bundled, {@code a=group:BUNDLE}.
     */
    public static byte[] answer(final LocalSession session, final SessionDescription offer,
        final Negotiated negotiated, final String address, final int port, final LocalWebRtc webRtc)
    {
        checkPort(port);
        final List<MediaDescription> offered = offer.media();
        if (negotiated.audioIndex() >= offered.size())
        {
            throw new IllegalArgumentException("negotiated audio index " + negotiated.audioIndex() +
                " is not in an offer of " + offered.size() + " m= lines");
        }
        final StringBuilder media = new StringBuilder();
        for (int index = 0; index < offered.size(); index++)
        {
            final MediaDescription line = offered.get(index);
            if (index == negotiated.audioIndex())
            {
                acceptedAudio(media, line, negotiated, port);
                if (webRtc != null)
                {
                    webRtcAttributes(media, line.webRtc(), webRtc, address, port, line.webRtc().answerSetup());
                }
            }
            else
            {
                media.append("m=").append(line.media()).append(" 0 ").append(line.protocol()).append(' ')
                    .append(line.formats().get(0)).append(CRLF);
            }
        }
        return describe(session, address, media, webRtc == null ? "" : webRtcSession(offer, negotiated));
    }

    private static String webRtcSession(final SessionDescription offer, final Negotiated negotiated)
    {
        final WebRtcTransport accepted = offer.media().get(negotiated.audioIndex()).webRtc();
        final String bundle = accepted.bundled() && accepted.mid() != null ? "a=group:BUNDLE " + accepted.mid() + CRLF
            : "";
        return "a=ice-lite" + CRLF + bundle;
    }

    /** RFC 8839 §5, RFC 8122 §5, RFC 5763 §5, RFC 8843, RFC 5761: our half of the accepted WebRTC stream. */
    private static void webRtcAttributes(final StringBuilder media, final WebRtcTransport offered,
        final LocalWebRtc ours, final String address, final int port, final String setup)
    {
        if (offered.mid() != null)
        {
            media.append("a=mid:").append(offered.mid()).append(CRLF);
        }
        media.append("a=ice-ufrag:").append(ours.iceUfrag()).append(CRLF);
        media.append("a=ice-pwd:").append(ours.icePwd()).append(CRLF);
        media.append("a=fingerprint:").append(ours.fingerprint()).append(CRLF);
        media.append("a=setup:").append(setup).append(CRLF);
        media.append("a=rtcp-mux").append(CRLF);
        // One host candidate: foundation 1, component 1 (RTP and RTCP muxed), the highest host priority.
        media.append("a=candidate:1 1 udp 2130706431 ").append(address).append(' ').append(port)
            .append(" typ host").append(CRLF);
        media.append("a=end-of-candidates").append(CRLF);
    }

    private static void acceptedAudio(final StringBuilder media, final MediaDescription line,
        final Negotiated negotiated, final int port)
    {
        final Codec codec = negotiated.codec();
        final int telephoneEventPt = negotiated.telephoneEventPt();
        // The offerer's protocol is echoed (RFC 3264 §6.1): RTP/AVPF stays AVPF, we just send no feedback.
        media.append("m=audio ").append(port).append(' ').append(line.protocol()).append(' ')
            .append(codec.payloadType());
        if (telephoneEventPt != Negotiated.NO_TELEPHONE_EVENT)
        {
            media.append(' ').append(telephoneEventPt);
        }
        media.append(CRLF);
        rtpmap(media, codec);
        telephoneEvent(media, telephoneEventPt);
        audioAttributes(media, negotiated.localDirection());
    }

    private static void rtpmap(final StringBuilder media, final Codec codec)
    {
        media.append("a=rtpmap:").append(codec.payloadType()).append(' ').append(codec.rtpmap()).append(CRLF);
    }

    private static void telephoneEvent(final StringBuilder media, final int telephoneEventPt)
    {
        if (telephoneEventPt != Negotiated.NO_TELEPHONE_EVENT)
        {
            rtpmap(media, Codec.telephoneEvent(telephoneEventPt));
            media.append("a=fmtp:").append(telephoneEventPt).append(' ').append(DTMF_EVENTS).append(CRLF);
        }
    }

    private static void audioAttributes(final StringBuilder media, final Direction direction)
    {
        media.append("a=ptime:").append(Negotiated.DEFAULT_PTIME).append(CRLF);
        media.append("a=").append(direction.attribute()).append(CRLF);
    }

    /** Session part around the media part; the version is chosen on the content without the o= line. */
    private static byte[] describe(final LocalSession session, final String address, final CharSequence media,
        final String sessionAttributes)
    {
        final String rest = "s=-" + CRLF + "c=IN " + addressType(address) + ' ' + address + CRLF + "t=0 0" + CRLF +
            sessionAttributes + media;
        final long version = session.versionFor(rest);
        final String text = "v=0" + CRLF + "o=" + session.username() + ' ' + session.sessionId() + ' ' + version +
            " IN " + addressType(session.address()) + ' ' + session.address() + CRLF + rest;
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String addressType(final String address)
    {
        return address.indexOf(':') >= 0 ? "IP6" : "IP4";
    }

    private static void checkPort(final int port)
    {
        if (port < 0 || port > 65535)
        {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}

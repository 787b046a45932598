package io.switchboard.media.sdp;

import java.util.List;

/**
 * An offer we sent on one leg (made by {@link SdpWriter#offer}), immutable: its body, and what it offered, against
 * which the answer is checked ({@link OfferAnswer#acceptAnswer}). It has one audio {@code m=} line on RTP/AVP.
 */
public final class LocalOffer
{
    /** The protocol of our audio line: plain RTP, no SRTP. */
    public static final String PROTOCOL = "RTP/AVP";
    /** The protocol of a WebRTC offer: DTLS-SRTP over ICE with feedback (RFC 5764 §8). */
    public static final String WEBRTC_PROTOCOL = "UDP/TLS/RTP/SAVPF";

    private final String address;
    private final int port;
    private final List<Codec> codecs;
    private final int telephoneEventPt;
    private final Direction direction;
    private final byte[] body;
    private final LocalWebRtc webRtc;

    LocalOffer(final String address, final int port, final List<Codec> codecs, final int telephoneEventPt,
        final Direction direction, final byte[] body, final LocalWebRtc webRtc)
    {
        this.webRtc = webRtc;
        this.address = address;
        this.port = port;
        this.codecs = List.copyOf(codecs);
        this.telephoneEventPt = telephoneEventPt;
        this.direction = direction;
        this.body = body.clone();
    }

    /** The SDP to send, a fresh copy. */
    public byte[] body()
    {
        return body.clone();
    }

    public String address()
    {
        return address;
    }

    public int port()
    {
        return port;
    }

    /** The audio codecs offered, in our order of preference. */
    public List<Codec> codecs()
    {
        return codecs;
    }

    /** The telephone-event payload type offered, or {@link Negotiated#NO_TELEPHONE_EVENT}. */
    public int telephoneEventPt()
    {
        return telephoneEventPt;
    }

    public Direction direction()
    {
        return direction;
    }

    /** Our ICE-lite and DTLS side when this is a WebRTC offer, else null. */
    public LocalWebRtc webRtc()
    {
        return webRtc;
    }

    /** The protocol of our audio line. */
    public String protocol()
    {
        return webRtc == null ? PROTOCOL : WEBRTC_PROTOCOL;
    }

    /** The number of {@code m=} lines offered, which the answer must have (RFC 3264 §6). */
    public int mediaCount()
    {
        return 1;
    }

    /** The offered codec of the same format, or null when we did not offer it. */
    Codec offered(final Codec codec)
    {
        for (final Codec candidate : codecs)
        {
            if (candidate.sameFormat(codec))
            {
                return candidate;
            }
        }
        return null;
    }
}

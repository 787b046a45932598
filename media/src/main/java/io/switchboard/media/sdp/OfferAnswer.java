package io.switchboard.media.sdp;

import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * RFC 3264 negotiation for one leg of the B2BUA, stateless. We anchor one audio stream on plain RTP; every other
 * stream is declined. Telephone-event is agreed only at 8000 Hz, the rate of the G.711 it travels with.
 */
public final class OfferAnswer
{
    private OfferAnswer()
    {
    }

    /**
     * Chooses what to answer to a remote offer: the first audio stream on RTP/AVP(F) with a port and a codec we
     * support, and in it the first codec in the OFFERER's order of preference that we support (RFC 3264 §6.1
     * lets the answerer pick; keeping the offerer's order is what phones expect).
     *
     * @param offer     the remote offer.
     * @param supported the codecs we can anchor; their payload types do not matter.
     * @throws NoCommonCodecException when no stream is usable: answer {@code 488 Not Acceptable Here}.
     * @throws SdpException           when the chosen stream has no connection address.
     */
    public static Negotiated answer(final SessionDescription offer, final List<Codec> supported) throws SdpException
    {
        return answer(offer, supported, false);
    }

    /**
     * The same, accepting also a WebRTC stream ({@link MediaDescription#isWebRtc()}: DTLS-SRTP over ICE with
     * rtcp-mux) when {@code webRtc}; a WebRTC stream whose offerer wants to be the passive DTLS side is passed over
     * (we are always the DTLS server). Its transport is {@code offer.media().get(audioIndex()).webRtc()}; its RTP
     * address comes from ICE, not from {@code c=} (usually {@code 0.0.0.0:9}, read as none).
     */
    public static Negotiated answer(final SessionDescription offer, final List<Codec> supported,
        final boolean webRtc) throws SdpException
    {
        if (supported.isEmpty())
        {
            throw new IllegalArgumentException("no supported codecs");
        }
        final List<MediaDescription> media = offer.media();
        for (int index = 0; index < media.size(); index++)
        {
            final MediaDescription candidate = media.get(index);
            final boolean usable = candidate.isPlainRtp()
                || webRtc && candidate.isWebRtc() && candidate.webRtc().answerSetup() != null;
            if (!candidate.isAudio() || !usable || candidate.port() == 0)
            {
                continue;
            }
            final Codec chosen = firstSupported(candidate, supported);
            if (chosen != null)
            {
                final Direction remote = candidate.direction();
                return new Negotiated(rtpAddress(candidate), chosen, telephoneEvent(candidate), remote,
                    remote.answerTo(), ptime(candidate), index);
            }
        }
        throw new NoCommonCodecException("no " + (webRtc ? "plain RTP or WebRTC" : "plain RTP")
            + " audio stream with a codec we support in " + media);
    }

    /**
     * Checks the answer to our offer and extracts the agreement. The answer must keep our {@code m=} line count
     * and use a codec we offered; when it lists several, the first one we offered is used (RFC 3264 §6.1 allows
     * the answerer to keep several, and we only send one).
     *
     * @throws NoCommonCodecException when the peer rejected the audio stream (port 0) or answered only codecs we did
     *                                not offer.
     * @throws SdpException           when the answer does not match the offer.
     */
    public static Negotiated acceptAnswer(final SessionDescription answer, final LocalOffer offer)
        throws SdpException
    {
        final List<MediaDescription> media = answer.media();
        if (media.size() != offer.mediaCount())
        {
            throw new SdpException("answer has " + media.size() + " m= lines, the offer had " + offer.mediaCount());
        }
        final MediaDescription audio = media.get(0);
        if (!audio.isAudio() || !offer.protocol().equalsIgnoreCase(audio.protocol()))
        {
            throw new SdpException("answer does not match our offer of audio on " + offer.protocol() + ": " + audio);
        }
        if (offer.webRtc() != null && audio.port() != 0 && (!audio.isWebRtc()
            || !"active".equalsIgnoreCase(String.valueOf(audio.webRtc().setup()).trim())))
        {
            // RFC 5763 §5: to our actpass the browser answers active; we never act as the DTLS client.
            throw new SdpException("a WebRTC answer needs ICE, a fingerprint, rtcp-mux and a=setup:active: " + audio);
        }
        if (audio.port() == 0)
        {
            throw new NoCommonCodecException("the peer rejected the audio stream: " + audio);
        }
        Codec chosen = null;
        for (final Codec codec : audio.codecs())
        {
            if (!codec.isTelephoneEvent() && offer.offered(codec) != null)
            {
                chosen = codec;
                break;
            }
        }
        if (chosen == null)
        {
            throw new NoCommonCodecException("the answer has no codec we offered: " + audio);
        }
        final int telephoneEvent = offer.telephoneEventPt() == Negotiated.NO_TELEPHONE_EVENT ?
            Negotiated.NO_TELEPHONE_EVENT : telephoneEvent(audio);
        final Direction remote = audio.direction();
        // An answer may only narrow what we offered; a peer answering sendrecv to our sendonly is not obeyed.
        final Direction local = remote.answerTo().restrictTo(offer.direction());
        return new Negotiated(rtpAddress(audio), chosen, telephoneEvent, remote, local, ptime(audio), 0);
    }

    private static Codec firstSupported(final MediaDescription media, final List<Codec> supported)
    {
        for (final Codec offered : media.codecs())
        {
            for (final Codec ours : supported)
            {
                if (!offered.isTelephoneEvent() && ours.sameFormat(offered))
                {
                    return offered;
                }
            }
        }
        return null;
    }

    private static int telephoneEvent(final MediaDescription media)
    {
        for (final Codec codec : media.codecs())
        {
            if (codec.isTelephoneEvent() && codec.clockRate() == 8000)
            {
                return codec.payloadType();
            }
        }
        return Negotiated.NO_TELEPHONE_EVENT;
    }

    private static int ptime(final MediaDescription media)
    {
        return media.ptime() > 0 ? media.ptime() : Negotiated.DEFAULT_PTIME;
    }

    /**
     * The RTP destination, or null for the null address (RFC 2543 hold). An IP literal is converted without DNS;
     * a host name (allowed by RFC 4566, seldom sent) stays unresolved, for the caller to resolve off the loop.
     */
    private static InetSocketAddress rtpAddress(final MediaDescription media) throws SdpException
    {
        final String address = media.connectionAddress();
        if (address == null)
        {
            throw new SdpException("no connection address (c=) for " + media);
        }
        final String literal = address.startsWith("[") && address.endsWith("]") ?
            address.substring(1, address.length() - 1) : address;
        final byte[] bytes = NetUtil.createByteArrayFromIpAddressString(literal);
        if (bytes == null)
        {
            return InetSocketAddress.createUnresolved(literal, media.port());
        }
        if (isZero(bytes) || media.port() == 0)
        {
            return null;
        }
        try
        {
            return new InetSocketAddress(InetAddress.getByAddress(bytes), media.port());
        }
        catch (final UnknownHostException ex)
        {
            throw new SdpException("bad connection address " + address, ex);
        }
    }

    private static boolean isZero(final byte[] bytes)
    {
        for (final byte b : bytes)
        {
            if (b != 0)
            {
                return false;
            }
        }
        return true;
    }
}

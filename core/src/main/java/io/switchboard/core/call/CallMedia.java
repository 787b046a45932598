package io.switchboard.core.call;

import io.switchboard.sip.message.Bodies;
import javax.sip.message.Message;
import io.netty.channel.EventLoop;
import io.switchboard.media.engine.Endpoint;
import io.switchboard.media.engine.MediaEngine;
import io.switchboard.media.engine.MediaException;
import io.switchboard.media.engine.MediaListener;
import io.switchboard.media.sdp.Codec;
import io.switchboard.media.sdp.Direction;
import io.switchboard.media.sdp.LocalOffer;
import io.switchboard.media.sdp.LocalSession;
import io.switchboard.media.sdp.LocalWebRtc;
import io.switchboard.media.sdp.MediaDescription;
import io.switchboard.media.ice.IceLiteAgent;
import io.switchboard.media.sdp.Negotiated;
import io.switchboard.media.sdp.NoCommonCodecException;
import io.switchboard.media.sdp.OfferAnswer;
import io.switchboard.media.sdp.SdpException;
import io.switchboard.media.sdp.SdpWriter;
import io.switchboard.media.sdp.SessionDescription;

import javax.sip.message.Response;
import java.util.List;
import java.util.function.Function;

/**
 * The media side of the B2BUA's calls on one worker: every call gets a media session on the worker's own loop, each
 * leg sees only our address and ports, and all offer/answer happens here, between us and each phone separately
 * (RFC 3264 on each leg), so a re-INVITE on one leg (hold, a new address, a delayed offer) is answered by us and
 * never reaches the other.
 */
public final class CallMedia implements MediaListener, CallListener
{
    /** What we anchor: G.711 both ways (we transcode between them) and RFC 4733 events. */
    static final List<Codec> SUPPORTED = List.of(Codec.PCMU, Codec.PCMA);

    /** Refusal of a call or of an offer, as a SIP status and reason. */
    record Refusal(int status, String reason)
    {
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CallMedia.class);

    private final MediaEngine engine;
    private final EventLoop loop;
    private final Function<Leg, String> addressOf;
    private DtmfSink sink;

    /** Where DTMF read from a leg goes: the controller, which relays it and reports it. */
    interface DtmfSink
    {
        void onDtmf(Leg from, char digit);

        /** A prompt played to the leg's phone finished. */
        default void onPlayed(Leg leg)
        {
        }
    }

    public CallMedia(final MediaEngine engine, final EventLoop loop, final Function<Leg, String> addressOf)
    {
        this.engine = engine;
        this.loop = loop;
        this.addressOf = addressOf;
    }

    void sink(final DtmfSink dtmf)
    {
        sink = dtmf;
    }

    MediaEngine engine()
    {
        return engine;
    }

    /**
     * Opens the call's media and takes the caller's offer, if the INVITE has one (else we offer in our 2xx and the
     * caller answers in its ACK). Returns null, or why the call is refused: 488 for no common codec, 400 for SDP we
     * cannot read, 503 when no RTP port is free.
     */
    Refusal open(final Call call, final Leg caller, final Message invite)
    {
        final Refusal noPort = open(call);
        if (noPort != null)
        {
            return noPort;
        }
        bind(caller, call.media.first());
        if (!Bodies.has(invite))
        {
            caller.offered = offer(caller, SUPPORTED);
            return null;
        }
        final Refusal refusal = answer(caller, invite);
        if (refusal != null)
        {
            call.media.close();
        }
        return refusal;
    }

    /** Opens the media of a call we start ourselves (an agent's own call): no caller offer, its phone gets ours. */
    Refusal open(final Call call)
    {
        try
        {
            call.media = engine.open(loop, this);
            return null;
        }
        catch (final MediaException ex)
        {
            LOG.debug("call refused: {}", ex.getMessage());
            return new Refusal(Response.SERVICE_UNAVAILABLE, "No Media Port");
        }
    }

    /**
     * Our offer to the callee's forks: the caller's codec first, so that no transcoding is needed if it agrees. A
     * fork to a browser (a phone registered over a WebSocket) gets a WebRTC offer of its own, with an ICE agent.
     */
    LocalOffer calleeOffer(final Call call, final Leg fork)
    {
        if (isBrowser(fork))
        {
            final LocalOffer plain = plainCalleeOffer(call, fork);
            fork.ice = IceLiteAgent.withNewCredentials();
            fork.webRtcOffer = SdpWriter.offer(call.calleeSdp, call.calleeSdp.address(), plain.port(),
                plain.codecs(), plain.telephoneEventPt(), Direction.SENDRECV, new LocalWebRtc(fork.ice.ufrag(),
                    fork.ice.password(), engine.dtls().certificate().fingerprint()));
            return fork.webRtcOffer;
        }
        return plainCalleeOffer(call, fork);
    }

    /** A phone registered over ws or wss: its media is WebRTC (RFC 7118 clients are browsers). */
    private static boolean isBrowser(final Leg leg)
    {
        return leg.target() != null && leg.target().isWebSocket();
    }

    private LocalOffer plainCalleeOffer(final Call call, final Leg fork)
    {
        if (call.calleeOffer == null)
        {
            final Endpoint callee = calleeEndpoint(call);
            final Codec preferred = call.caller() == null ? null : call.caller().codec;
            final List<Codec> codecs = preferred == null || Codec.PCMU.sameFormat(preferred)
                ? SUPPORTED : List.of(Codec.PCMA, Codec.PCMU);
            call.calleeSdp = new LocalSession(addressOf.apply(fork));
            call.calleeOffer = SdpWriter.offer(call.calleeSdp, call.calleeSdp.address(), callee.port(), codecs,
                Codec.DEFAULT_TELEPHONE_EVENT_PT, Direction.SENDRECV);
        }
        return call.calleeOffer;
    }

    /** The endpoint the caller does not use: the callee's, whichever of the two the caller got. */
    private static Endpoint calleeEndpoint(final Call call)
    {
        final Leg caller = call.caller();
        return caller == null || caller.endpoint != call.media.first() ? call.media.first() : call.media.second();
    }

    /** The callee's answer (in a 18x or the 2xx): from now on we send to it. False if the answer is unusable. */
    boolean calleeAnswered(final Call call, final Leg fork, final Message response)
    {
        if (!Bodies.has(response))
        {
            return fork.endpoint != null;
        }
        try
        {
            final SessionDescription answer = SessionDescription.parse(response.getRawContent());
            final Negotiated agreed = OfferAnswer.acceptAnswer(answer, fork.webRtcOffer != null ? fork.webRtcOffer
                : call.calleeOffer);
            fork.sdp = call.calleeSdp;
            bind(fork, calleeEndpoint(call));
            if (fork.webRtcOffer != null)
            {
                fork.endpoint.secure(fork.ice, answer.media().get(0).webRtc().fingerprint());
            }
            fork.codec = agreed.codec();
            fork.endpoint.apply(agreed);
            return true;
        }
        catch (final SdpException ex)
        {
            return false;
        }
    }

    /** What the caller gets in our 18x/2xx: our answer to its offer, or our offer if its INVITE had none. */
    byte[] callerBody(final Call call)
    {
        final Leg caller = call.caller();
        return caller.answer != null ? caller.answer : caller.offered.body();
    }

    /**
     * An offer from a phone in a re-INVITE or UPDATE: answered by us with this leg's endpoint. Returns null and
     * leaves the answer in {@code leg.answer}, or the refusal (488, 400) that leaves the media as it was.
     */
    Refusal answer(final Leg leg, final Message request)
    {
        try
        {
            final SessionDescription offer = SessionDescription.parse(request.getRawContent());
            final Negotiated agreed = OfferAnswer.answer(offer, SUPPORTED, true);
            final MediaDescription accepted = offer.media().get(agreed.audioIndex());
            if (accepted.isWebRtc() != (leg.webRtc != null) && leg.codec != null)
            {
                // A leg keeps its kind: a browser does not become a plain phone in a re-INVITE, nor back.
                return new Refusal(Response.NOT_ACCEPTABLE_HERE, "Not Acceptable Here");
            }
            if (leg.sdp == null)
            {
                leg.sdp = new LocalSession(addressOf.apply(leg));
            }
            if (accepted.isWebRtc() && leg.webRtc == null)
            {
                final IceLiteAgent ice = IceLiteAgent.withNewCredentials();
                leg.endpoint.secure(ice, accepted.webRtc().fingerprint());
                leg.webRtc = new LocalWebRtc(ice.ufrag(), ice.password(), engine.dtls().certificate().fingerprint());
            }
            leg.codec = agreed.codec();
            leg.endpoint.apply(agreed);
            leg.answer = SdpWriter.answer(leg.sdp, offer, agreed, leg.sdp.address(), leg.endpoint.port(), leg.webRtc);
            return null;
        }
        catch (final NoCommonCodecException ex)
        {
            return new Refusal(Response.NOT_ACCEPTABLE_HERE, "No Common Codec");
        }
        catch (final SdpException ex)
        {
            return new Refusal(Response.BAD_REQUEST, "Bad SDP");
        }
    }

    /** A re-INVITE without an offer (RFC 3261 §14.1): we offer in the 2xx, listing our current codec first. */
    LocalOffer offer(final Leg leg, final List<Codec> codecs)
    {
        if (leg.sdp == null)
        {
            leg.sdp = new LocalSession(addressOf.apply(leg));
        }
        final List<Codec> order = leg.codec != null && Codec.PCMA.sameFormat(leg.codec)
            ? List.of(Codec.PCMA, Codec.PCMU) : codecs;
        return SdpWriter.offer(leg.sdp, leg.sdp.address(), leg.endpoint.port(), order,
            Codec.DEFAULT_TELEPHONE_EVENT_PT, Direction.SENDRECV);
    }

    /** The answer to our offer, in an ACK (delayed offer). False if it is missing or unusable. */
    boolean acknowledged(final Leg leg, final Message ack)
    {
        final LocalOffer pending = leg.offered;
        if (pending == null || !Bodies.has(ack))
        {
            return pending == null;
        }
        leg.offered = null;
        try
        {
            final Negotiated agreed = OfferAnswer.acceptAnswer(SessionDescription.parse(ack.getRawContent()), pending);
            leg.codec = agreed.codec();
            leg.endpoint.apply(agreed);
            return true;
        }
        catch (final SdpException ex)
        {
            return false;
        }
    }

    /** The call's media closes: its sockets, ports and timers are released, however the call ended. */
    @Override
    public void ended(final Call call, final CallState before, final int status, final String reason)
    {
        if (call.media != null)
        {
            call.media.close();
        }
    }

    private void bind(final Leg leg, final Endpoint endpoint)
    {
        leg.endpoint = endpoint;
        endpoint.attachment(leg);
    }

    @Override
    public void onDtmf(final Endpoint endpoint, final char digit)
    {
        if (endpoint.attachment() instanceof Leg leg && sink != null)
        {
            sink.onDtmf(leg, digit);
        }
    }

    @Override
    public void onPlayed(final Endpoint endpoint)
    {
        if (endpoint.attachment() instanceof Leg leg && sink != null)
        {
            sink.onPlayed(leg);
        }
    }
}

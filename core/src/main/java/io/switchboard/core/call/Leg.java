package io.switchboard.core.call;

import io.switchboard.media.engine.Endpoint;
import io.switchboard.media.sdp.Codec;
import io.switchboard.media.sdp.LocalOffer;
import io.switchboard.media.sdp.LocalSession;
import io.switchboard.media.sdp.LocalWebRtc;
import io.switchboard.media.ice.IceLiteAgent;
import io.switchboard.sip.dialog.Dialog;
import io.switchboard.sip.transaction.ServerTransaction;
import io.switchboard.sip.transport.Target;
import io.switchboard.sip.ua.InviteUsage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One side of a B2BUA call: the caller's leg (we are its UAS) or one callee fork (we are its UAC).
 * Owned by the call's event loop.
 */
public final class Leg
{
    private static final Logger LOG = LoggerFactory.getLogger(Leg.class);

    /** Which side of the call the leg is on. */
    public enum Side
    {
        CALLER, CALLEE
    }

    private final Call call;
    private final Side side;
    /** The INVITE dialog usage: the dialog, our INVITE (callee side), ACKs, the re-INVITE glare guard. */
    private final InviteUsage usage;
    /** Caller leg: the initial INVITE's server transaction. */
    ServerTransaction inviteServer;
    private LegState state = LegState.TRYING;
    /** The leg went through CANCELLING: we withdrew its INVITE (its failure is ours, not the phone's). */
    private boolean withdrawn;
    /** Anchored media: our endpoint for this leg, our o= line, the agreed codec. */
    Endpoint endpoint;
    LocalSession sdp;
    Codec codec;
    /** A browser's leg: our ICE-lite and DTLS side as our SDP gives it (kept for every later answer). */
    LocalWebRtc webRtc;
    /** A browser fork: the ICE agent and the WebRTC offer its INVITE carried. */
    IceLiteAgent ice;
    LocalOffer webRtcOffer;
    /** Our offer waiting for the phone's answer in an ACK (delayed offer); our last answer to the phone's offer. */
    LocalOffer offered;
    byte[] answer;
    /** DTMF digits to send as SIP INFO, one transaction at a time so that they arrive in order. */
    final StringBuilder infoDigits = new StringBuilder();
    boolean infoInFlight;
    /** The party's number as shown to others (the caller's, or the extension or number this leg rang). */
    String party;
    /** The extension whose phone this leg reaches, when it is one of ours (REFER is taken only from those). */
    String extension;
    /** Callee leg of a queued call: the agent it rings, else -1. */
    int agentId = -1;
    /** This agent leg was announced to the ACD as a direct call (rung, or talking): it must hear of its end. */
    boolean direct;
    boolean directAnswered;
    /** {@link MediaTimeout}: the RTP and RTCP packets from the phone counted at the last check, and since when. */
    long mediaCount;
    long mediaQuietSinceNs;
    /** {@link SessionTimers}: this leg's session timer (RFC 4028), once the leg is answered. */
    SessionTimers.State session;

    Leg(final Call call, final Side side, final InviteUsage usage)
    {
        this.call = call;
        this.side = side;
        this.usage = usage;
    }

    public Call call()
    {
        return call;
    }

    public Side side()
    {
        return side;
    }

    public Target target()
    {
        return usage.target();
    }

    public Dialog dialog()
    {
        return usage.dialog();
    }

    /** The user agent's view of the leg: its dialog, our INVITE, the ACKs and in-dialog requests we send. */
    InviteUsage usage()
    {
        return usage;
    }

    /** The agent on this leg (the engine's id), or -1. */
    public int agentId()
    {
        return agentId;
    }

    /** The extension this leg rings or called from, or null. */
    public String extension()
    {
        return extension;
    }

    /** The party's number as the call's record names it, or null. */
    public String party()
    {
        return party;
    }

    public Endpoint endpoint()
    {
        return endpoint;
    }

    public LegState state()
    {
        return state;
    }

    /**
     * The only way the leg's state changes (see {@link LegState} for the figure): logged at DEBUG with the reason,
     * counted per state entered, and counted as unexpected when the table does not allow it (the change is made
     * all the same: the call layer must never wedge on its own bookkeeping). Entering CANCELLING marks the leg
     * withdrawn. Returns the previous state.
     */
    LegState transition(final LegState next, final String reason)
    {
        final LegState previous = state;
        if (!previous.allows(next))
        {
            call.stats().unexpectedTransition();
            LOG.debug("{} {}: unexpected {} -> {} ({})", call, this, previous, next, reason);
        }
        else if (LOG.isDebugEnabled())
        {
            LOG.debug("{} {}: {} -> {} ({})", call, this, previous, next, reason);
        }
        withdrawn |= next == LegState.CANCELLING;
        state = next;
        call.stats().legEntered(next);
        return previous;
    }

    /** Its INVITE is still out, without a final answer: it may be cancelled. */
    boolean isPending()
    {
        return state == LegState.TRYING || state == LegState.EARLY;
    }

    /** FAILED or ENDED: nothing is sent on it any more. */
    boolean isOver()
    {
        return state.isFinal();
    }

    /** Set aside by a transfer: no longer carries the call's media or requests, not yet hung up. */
    boolean isSetAside()
    {
        return state == LegState.SET_ASIDE;
    }

    /** We withdrew its INVITE (CANCEL): what it answers after that is not the phone's verdict on the call. */
    boolean withdrawn()
    {
        return withdrawn;
    }

    /** Neither failed nor withdrawn: a fork that rings, or answered. */
    boolean isOffered()
    {
        return state != LegState.FAILED && !withdrawn;
    }

    /**
     * The other party, by the leg's role in the call rather than by who sent the INVITE: after a transfer the
     * remaining party is the call's caller whichever side it started on, and a leg set aside has no peer.
     */
    public Leg peer()
    {
        if (this == call.caller())
        {
            return call.answered();
        }
        return isSetAside() ? null : call.caller();
    }

    @Override
    public String toString()
    {
        return side + (usage.dialog() != null ? "[" + usage.dialog().callId() + "]" : "");
    }
}

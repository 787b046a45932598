package io.switchboard.core.call;

import io.switchboard.media.engine.MediaSession;
import io.switchboard.media.sdp.LocalOffer;
import io.switchboard.media.sdp.LocalSession;

import java.util.ArrayList;
import java.util.List;

/**
 * A call through the B2BUA: the caller's leg and the forks towards the callee's contacts; once one fork answers
 * it is the call's other leg and the rest are cancelled. Owned by one event loop, so nothing here is locked.
 */
public final class Call
{
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Call.class);

    private final long id;
    private final String from;
    private final String to;
    private final long startedNs;
    /** Wall-clock times for the call's record: started, answered (0 if never). */
    final long startedAtMs = System.currentTimeMillis();
    long answeredAtMs;
    /** When a person first answered (an agent, a phone, a number; not the server's own answer), or 0. */
    long connectedAtMs;
    /** The last leg that answered, kept after a transfer sets it aside (the service record's agent and callee). */
    Leg lastAnswered;
    private CallState state = CallState.ROUTING;
    private long stateChangedNs;
    private Leg caller;
    private final List<Leg> forks = new ArrayList<>(2);
    private Leg answered;
    /** Best failure heard from the forks so far (RFC 3261 §16.7 step 6), sent to the caller if all fail. */
    int bestFailure;
    String bestFailureReason;
    /** Anchored media: the session (one endpoint per leg) and our offer to the callee's forks. */
    MediaSession media;
    LocalSession calleeSdp;
    LocalOffer calleeOffer;
    /** The caller's display name and the Max-Forwards our INVITEs carry, kept for forks made later (agents). */
    String callerDisplay;
    int hops = 69;
    /** The skill group the call waits in (a call to a queue number), or -1; callers ahead of it while waiting. */
    int queueGroup = -1;
    int ahead = -1;
    /** An outside call: its route through the trunks and the attempt in progress. */
    io.switchboard.core.trunk.Route route;
    int attempt;
    /** The trunk whose channel this call holds, if any; and one held for the other party after a transfer out. */
    String trunkInUse;
    String keptTrunk;
    /** Legs no longer part of the call (released agents, forks of an earlier target): cleaned up when it ends. */
    final List<Leg> setAside = new ArrayList<>(2);
    /** The IVR flow the caller is in, if any. */
    FlowCalls.Run flow;
    /** The caller's answer to a flow's survey node (the service record's satisfaction), or null. */
    io.switchboard.core.records.Satisfaction satisfaction;
    /** The last self-service flow the agent started: its name, state and the keys the caller pressed. */
    java.util.Map<String, Object> selfService;
    /**
     * The caller's leg is up with us whatever the other side does: answered by us (queue, flow), the remaining
     * party of a transfer, or an agent's own phone that answered its click-to-dial. A callee that answers is then
     * bridged to it rather than answering it.
     */
    boolean selfAnswered;
    /** A transfer in progress, if any. */
    Transfer transfer;
    /**
     * A call that only rings one's own phones (a supervisor's leg, {@link Supervisions}): who takes the phone once
     * it answers, instead of a transfer to a target; null for every other call.
     */
    java.util.function.Consumer<Leg> ownPhoneAnswered;
    /** The skill group the call last waited in (the fallback of a failed transfer), or -1. */
    int lastGroup = -1;
    /** An agent's own call: the route to the number it dials, taken once the agent's phone answered. */
    io.switchboard.core.trunk.Route dialRoute;
    /** The call's recording (a path under the recordings folder) once a recorder started one, else null. */
    private String recording;
    /** Where the call was transferred, in order (the service record's transfers). */
    final List<String> transfers = new ArrayList<>(1);
    /** Inbound, outbound or internal, for the call's record. */
    String type = "inbound";
    /** DTMF keys pressed by either party during the call, in order, as "caller:1" / "callee:#". */
    final List<String> digits = new ArrayList<>(4);
    /** Keys pressed in the flows the call went through before its current one (the service record's flowKeys). */
    final StringBuilder flowKeys = new StringBuilder();
    /** Every leg that answered, in order (the service record's agents), kept after transfers set them aside. */
    final List<Leg> answeredLegs = new ArrayList<>(2);
    /** Hold time (the service record's holdSeconds): when the current hold began (scheduler nanoTime) and the rest. */
    private long holdStartedNs = -1;
    private long holdNanos;

    /** Where the call's progress is journalled (a crash's record at the next start); nowhere unless set. */
    CallProgress progress = CallProgress.NONE;

    /** Counts state changes; a call made outside a controller (tests) counts into its own. */
    private final CallStats stats;

    Call(final long id, final String from, final String to, final long nowNs)
    {
        this(id, from, to, nowNs, new CallStats());
    }

    Call(final long id, final String from, final String to, final long nowNs, final CallStats stats)
    {
        this.stats = stats;
        this.id = id;
        this.from = from;
        this.to = to;
        this.startedNs = nowNs;
        this.stateChangedNs = nowNs;
    }

    public long id()
    {
        return id;
    }

    public String from()
    {
        return from;
    }

    public String to()
    {
        return to;
    }

    public long startedNs()
    {
        return startedNs;
    }

    /** When the call started, wall clock (ms): the date of its recording's folder. */
    public long startedAtMs()
    {
        return startedAtMs;
    }

    /** The skill group the call last waited in, or -1. */
    public int lastGroup()
    {
        return lastGroup;
    }

    /** The call's recording, a path under the recordings folder, or null. */
    public String recording()
    {
        return recording;
    }

    /** Set by the recorder that records the call: the service record links it. */
    public void recording(final String path)
    {
        recording = path;
    }

    public CallState state()
    {
        return state;
    }

    public long stateChangedNs()
    {
        return stateChangedNs;
    }

    public Leg caller()
    {
        return caller;
    }

    void caller(final Leg leg)
    {
        caller = leg;
    }

    public List<Leg> forks()
    {
        return forks;
    }

    public Leg answered()
    {
        return answered;
    }

    void answered(final Leg leg)
    {
        answered = leg;
        if (leg != null)
        {
            lastAnswered = leg;
            if (!answeredLegs.contains(leg))
            {
                answeredLegs.add(leg);
                progress.connected(this, leg);
            }
            if (connectedAtMs == 0)
            {
                // The one place every kind of answer passes (a plain call's fork, an agent taking a queued call, a
                // transfer's target, the number an agent dialled): each call counts once as answered.
                connectedAtMs = System.currentTimeMillis();
                stats.callAnswered();
            }
        }
    }

    public MediaSession media()
    {
        return media;
    }

    public int queueGroup()
    {
        return queueGroup;
    }

    public int ahead()
    {
        return ahead;
    }

    public List<String> digits()
    {
        return digits;
    }

    CallStats stats()
    {
        return stats;
    }

    /**
     * The only way the state changes (see {@link CallState} for the figure): logged at DEBUG with the reason,
     * counted per state entered, counted as unexpected when the figure does not allow it (made all the same).
     * Entry action of ANSWERED: the answer time for the record. Returns the previous state.
     */
    CallState transition(final CallState next, final String reason, final long nowNs)
    {
        final CallState previous = state;
        if (!previous.allows(next))
        {
            stats.unexpectedTransition();
            LOG.debug("{}: unexpected {} -> {} ({})", this, previous, next, reason);
        }
        else if (LOG.isDebugEnabled())
        {
            LOG.debug("{}: {} -> {} ({})", this, previous, next, reason);
        }
        if (next == CallState.ANSWERED && answeredAtMs == 0)
        {
            answeredAtMs = System.currentTimeMillis();
        }
        state = next;
        stateChangedNs = nowNs;
        stats.callEntered(next);
        return previous;
    }

    /** Ending or ended. */
    public boolean isOver()
    {
        return state.isOver();
    }

    /**
     * Looks again whether the customer is on hold (either party held, by the API or by its phone) and starts or
     * closes the current hold: called wherever a party's hold may change; cheap, and idempotent.
     */
    void holdMayHaveChanged(final long nowNs)
    {
        holdState(partyHeld(caller) || partyHeld(answered), nowNs);
    }

    /** Starts ({@code held}) or closes the current hold; the call's end closes an open one. */
    void holdState(final boolean held, final long nowNs)
    {
        if (held && holdStartedNs < 0)
        {
            holdStartedNs = nowNs;
        }
        else if (!held && holdStartedNs >= 0)
        {
            holdNanos += Math.max(0, nowNs - holdStartedNs);
            holdStartedNs = -1;
        }
    }

    /** The time on hold so far, in nanoseconds (an open hold counts up to {@code nowNs}). */
    long holdNanos(final long nowNs)
    {
        return holdNanos + (holdStartedNs >= 0 ? Math.max(0, nowNs - holdStartedNs) : 0);
    }

    private static boolean partyHeld(final Leg leg)
    {
        return leg != null && leg.endpoint != null && leg.endpoint.held();
    }

    boolean allForksFailed()
    {
        for (final Leg fork : forks)
        {
            if (fork.state() != LegState.FAILED)
            {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString()
    {
        return "call " + id + " " + from + "->" + to + " " + state;
    }
}

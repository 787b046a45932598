package io.switchboard.core.call;

import io.switchboard.sip.message.SipMessages;
import io.switchboard.core.signalling.Locator;
import io.switchboard.media.engine.Endpoint;
import io.switchboard.sip.util.TimerScheduler;
import io.switchboard.ivr.flow.Flow;

import javax.sip.address.SipURI;
import javax.sip.message.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the HTTP API does to a worker's calls, on the worker's loop: describe them, hold, mute, send DTMF, hang up,
 * answer from the workbench, transfer blindly, an agent's own call (click-to-dial), a self-service flow; and the
 * moves a transfer makes on a call's legs (set aside, reconnect). A command that cannot be carried out throws
 * {@link CallCommandException} with the reason.
 */
public final class CallCommands
{
    private final CallTable table;
    private final LegSignals signals;
    private final Features features;
    private final CallEnd ending;
    private final Forks forks;
    private final DtmfRelay dtmf;
    private final CallMedia media;
    private final CallStats stats;
    private final TimerScheduler scheduler;
    private final Locator locator;
    private final int worker;

    CallCommands(final CallTable table, final LegSignals signals, final Features features, final CallEnd ending,
        final Forks forks, final DtmfRelay dtmf, final CallMedia media, final CallStats stats,
        final TimerScheduler scheduler, final Locator locator, final int worker)
    {
        this.worker = worker;
        this.table = table;
        this.signals = signals;
        this.features = features;
        this.ending = ending;
        this.forks = forks;
        this.dtmf = dtmf;
        this.media = media;
        this.stats = stats;
        this.scheduler = scheduler;
        this.locator = locator;
    }


    /**
     * The calls this worker has and the agents that take part in them (a leg of theirs rings, talks or is set aside
     * but not yet hung up), for the ACD's reconciliation ({@code AgentReconciler}). Runs on this worker's loop.
     */
    public LiveCalls liveCallsAndAgents()
    {
        final java.util.Set<Long> ids = new java.util.HashSet<>();
        final java.util.Set<Integer> agents = new java.util.HashSet<>();
        for (final Call call : table.all())
        {
            ids.add(call.id());
            takingPart(call.caller(), agents);
            takingPart(call.answered(), agents);
            call.forks().forEach(leg -> takingPart(leg, agents));
            call.setAside.forEach(leg -> takingPart(leg, agents));
        }
        return new LiveCalls(ids, agents);
    }

    static void takingPart(final Leg leg, final java.util.Set<Integer> agents)
    {
        if (leg != null && leg.agentId >= 0 && !leg.isOver() && !leg.withdrawn())
        {
            agents.add(leg.agentId);
        }
    }

    /** The worker's calls, for the checks that run over all of them; not to be changed while iterated. */
    java.util.Collection<Call> liveCalls()
    {
        return table.all();
    }

    /** A snapshot of the calls of this worker, for the API. Runs on this worker's loop. */
    public List<Map<String, Object>> describeCalls()
    {
        final List<Map<String, Object>> list = new ArrayList<>(table.size());
        for (final Call call : table.all())
        {
            list.add(CallView.of(call));
        }
        return list;
    }

    /** One call, or null if this worker does not have it. */
    public Map<String, Object> describeCall(final long id)
    {
        final Call call = table.call(id);
        return call == null ? null : CallView.of(call);
    }

    public boolean hasCall(final long id)
    {
        return (table.call(id) != null);
    }

    /**
     * Whether the extension's phone or the ACD agent takes part in the call: as its caller, a phone it rings or the
     * party that answered (a leg set aside by a transfer no longer does). By the legs' extensions, which are ours
     * (an authenticated caller, a phone of the tenant), never by a party's number, which an outside caller chooses.
     * False if this worker does not have the call.
     */
    public boolean involves(final long id, final String extension, final int agentId)
    {
        final Call call = table.call(id);
        if (call == null)
        {
            return false;
        }
        if (takesPart(call.caller(), extension, agentId) || takesPart(call.answered(), extension, agentId))
        {
            return true;
        }
        for (final Leg fork : call.forks())
        {
            if (takesPart(fork, extension, agentId))
            {
                return true;
            }
        }
        return false;
    }

    static boolean takesPart(final Leg leg, final String extension, final int agentId)
    {
        return leg != null && (agentId >= 0 && leg.agentId == agentId
            || extension != null && extension.equals(leg.extension));
    }

    /** Holds ({@code on}) or resumes a party: held, it hears music; the other party still hears it. */
    public void hold(final long id, final String side, final boolean on)
    {
        final Leg leg = activeLeg(id, side);
        if (on == ((leg.endpoint.holdReasons() & Endpoint.HOLD_BY_API) != 0))
        {
            throw new CallCommandException(CallCommandException.Reason.WRONG_STATE,
                "the " + side + " is " + (on ? "already" : "not") + " on hold");
        }
        leg.endpoint.hold(Endpoint.HOLD_BY_API, on);
        leg.call().holdMayHaveChanged(scheduler.nanoTime());
    }

    /** Mutes ({@code on}) or unmutes a party: muted, the other party hears silence from it; it still hears them. */
    public void mute(final long id, final String side, final boolean on)
    {
        final Leg leg = activeLeg(id, side);
        if (leg.endpoint.muted() == on)
        {
            throw new CallCommandException(CallCommandException.Reason.WRONG_STATE,
                "the " + side + " is " + (on ? "already" : "not") + " muted");
        }
        leg.endpoint.mute(on);
    }

    /** Sends DTMF keys to a party's phone (an agent dialling an extension after the far end answered). */
    public void sendDtmf(final long id, final String side, final String digits)
    {
        final Leg leg = activeLeg(id, side);
        if (digits == null || digits.isEmpty() || digits.length() > 32 || !digits.matches("[0-9*#A-Da-d]+"))
        {
            throw new CallCommandException(CallCommandException.Reason.BAD_REQUEST,
                "digits must be 1 to 32 of 0-9 * # A-D");
        }
        dtmf.sendDigits(leg, digits.toUpperCase());
    }

    /** Hangs a call up from the API (an agent's "hang up"): BYE to the answered parties, CANCEL to ringing ones. */
    public void hangUp(final long id)
    {
        final Call call = table.call(id);
        if (call == null)
        {
            throw new CallCommandException(CallCommandException.Reason.UNKNOWN_CALL, "no call " + id);
        }
        ending.end(call, Response.TEMPORARILY_UNAVAILABLE, "hung up from the API");
    }

    /**
     * Answers an offered call from the workbench: the agent's ringing phones are rung again at once with the
     * auto-answer headers phones honour (intercom: Call-Info answer-after=0, Alert-Info), so that the phone picks up
     * by itself; the first ring is cancelled. The ring timeout keeps running.
     */
    public void answerOnPhone(final long id, final int agentId)
    {
        final Call call = table.call(id);
        if (call == null)
        {
            throw new CallCommandException(CallCommandException.Reason.UNKNOWN_CALL, "no call " + id);
        }
        final List<Leg> ringing = new ArrayList<>();
        for (final Leg fork : call.forks())
        {
            if (fork.agentId == agentId && fork != call.answered() && fork.isPending())
            {
                ringing.add(fork);
            }
        }
        if (ringing.isEmpty())
        {
            throw new CallCommandException(CallCommandException.Reason.WRONG_STATE,
                "call " + id + " is not ringing this agent's phone");
        }
        for (final Leg fork : ringing)
        {
            forks.cancelFork(fork);
            final Leg again = forks.fork(call, null, new Locator.Contact(fork.usage().invite().getRequestURI(),
                fork.target()), SipMessages.fromAddress(fork.usage().invite()).getURI() instanceof SipURI sip
                ? sip.getUser() : call.from(),
                fork.party, true);
            if (again != null)
            {
                again.agentId = agentId;
                again.direct = fork.direct;
            }
        }
    }

    /** Blind transfer to a skill group from the API (see {@link #transfer}). */
    public void transferToGroup(final long id, final int groupId)
    {
        transfer(id, null, TransferTarget.group(groupId));
    }

    /**
     * Blind transfer from the API: the agent's leg ({@code legName}, by default the agent's side of the call) is
     * released (BYE; the agent goes to wrap-up), and the other party hears the hold music while the target rings
     * (see {@link Transfers} for what happens when it does not answer).
     */
    public void transfer(final long id, final String legName, final TransferTarget target)
    {
        final Leg caller = activeLeg(id, "caller");
        final Call call = caller.call();
        if (features.transfers == null || call.answered() == null)
        {
            throw new CallCommandException(CallCommandException.Reason.WRONG_STATE,
                features.transfers == null ? "transfers need anchored media"
                    : "call " + id + " has no agent to release");
        }
        final Leg agent = legName != null ? activeLeg(id, legName) : agentSide(call);
        if (call.transfer != null || call.flow != null && !call.flow.run().done())
        {
            throw new CallCommandException(CallCommandException.Reason.WRONG_STATE, call.transfer != null
                ? "a transfer is already in progress" : "the caller is in a flow");
        }
        final io.switchboard.core.trunk.Route route = features.transfers.check(target, agent.extension);
        final int agentId = features.transfers.agentOf(agent);
        final int group = call.queueGroup >= 0 ? call.queueGroup
            : call.lastGroup >= 0 ? call.lastGroup : features.transfers.groupOf(agentId);
        final Transfer transfer = new Transfer(target, agent, false, agent.extension, agentId, group);
        setAside(call, agent);
        signals.bye(agent);
        call.transfers.add(target.label());
        features.transfers.start(call, transfer, route, media.engine().holdMusic());
    }

    /** The leg an agent has in a call: the callee's, unless the agent called out (its phone is the caller). */
    static Leg agentSide(final Call call)
    {
        final Leg caller = call.caller();
        return caller.agentId >= 0 && call.answered().agentId < 0 ? caller : call.answered();
    }

    /**
     * Takes a leg out of the call for a transfer: the ACD releases its agent (wrap-up), its peer becomes the
     * call's caller (the party that stays), the bridge opens, and every callee fork so far is set aside; the leg
     * itself is kept (detached) until it hangs up or is hung up.
     */
    void setAside(final Call call, final Leg leg)
    {
        final Leg remaining = leg.peer();
        if (call.queueGroup >= 0)
        {
            features.queues.ended(call);
            call.queueGroup = -1;
        }
        features.transfers.directEnded(leg);
        if (remaining != call.caller())
        {
            call.forks().remove(remaining);
            call.caller(remaining);
            // The caller's display name leaves with it: a target rung next sees the remaining party's number alone.
            call.callerDisplay = null;
        }
        call.forks().remove(leg);
        call.answered(null);
        if (leg.agentId >= 0)
        {
            features.events.ended(leg.agentId, call);
        }
        leg.transition(LegState.SET_ASIDE, "transfer");
        call.setAside.add(leg);
        forks.setAsideForks(call);
        call.calleeOffer = null;
        call.calleeSdp = null;
        call.selfAnswered = true;
        call.media.unbridge();
    }

    /** A failed REFER transfer: the transferor's phone, still on the line, has the caller back. */
    public void reconnect(final Call call, final Leg transferor)
    {
        call.setAside.remove(transferor);
        // Among the call's legs again, as an answered callee is: the end forgets its dialog and ends its direct call.
        call.forks().add(transferor);
        transferor.transition(LegState.CONFIRMED, "the transfer failed: the call is back");
        call.answered(transferor);
        features.transfers.directAnswered(transferor);
        call.caller().endpoint.stopPlaying();
        call.media.bridge();
        features.answered(call, transferor);
    }

    /**
     * An agent's own call (click-to-dial, internal call): every registered phone of the agent rings first (with
     * the ring timeout; a browser's, and every phone with auto-answer, as an intercom call that answers by itself);
     * when one answers, it is the call's caller and hears ringback while the target is called
     * (an outside number through the trunks, another agent, a phone). The ACD has the agent on call from the answer
     * and in wrap-up after. Returns the call's id.
     */
    public long dial(final String extension, final int agentId, final boolean autoAnswer, final TransferTarget target,
        final long ringTimeoutMillis)
    {
        if (features.transfers == null)
        {
            throw new CallCommandException(CallCommandException.Reason.WRONG_STATE, "calls need anchored media");
        }
        final List<Locator.Contact> contacts = locator.contactsOf(extension);
        if (contacts.isEmpty())
        {
            throw new CallCommandException(CallCommandException.Reason.WRONG_STATE,
                "the phone of extension " + extension + " is not registered");
        }
        final io.switchboard.core.trunk.Route route = features.transfers.check(target, extension);
        final Call call = ringOwnPhones(extension, contacts, target.kind() == TransferTarget.Kind.NUMBER
            ? target.number() : target.extension() != null ? target.extension() : target.label(),
            target.kind() == TransferTarget.Kind.NUMBER ? "outbound" : "internal", "agent", agentId, autoAnswer,
            ringTimeoutMillis, c ->
            {
                c.transfer = Transfer.dial(target);
                c.dialRoute = route;
            });
        if (target.kind() == TransferTarget.Kind.NUMBER)
        {
            features.events.dialled(agentId, call);
        }
        return call.id();
    }

    /**
     * A call that first rings every phone of {@code extension} (a browser's, and with {@code autoAnswer} every one,
     * as an intercom call that answers by itself) and ends if none answers within the ring timeout: an agent's own
     * call, a supervisor's leg. {@code prepare} sets up what happens once a phone answers, before any is rung;
     * {@code who} (agent, supervisor) names the person in the reasons of a failure.
     */
    Call ringOwnPhones(final String extension, final List<Locator.Contact> contacts, final String to,
        final String type, final String who, final int agentId, final boolean autoAnswer,
        final long ringTimeoutMillis, final java.util.function.Consumer<Call> prepare)
    {
        final Call call = new Call(stats.nextCallId(worker), extension, to, scheduler.nanoTime(), stats);
        call.type = type;
        if (media.open(call) != null)
        {
            throw new CallCommandException(CallCommandException.Reason.WRONG_STATE, "no free media port");
        }
        prepare.accept(call);
        table.add(call);
        stats.callStarted();
        call.progress = features.progress;
        call.progress.started(call, agentId);
        for (final Locator.Contact contact : contacts)
        {
            // The phone shows whom it is about to call. A phone on a WebSocket is a browser, most likely the
            // workbench that asked for this call: the click was the pick-up, so it is asked to answer at once.
            final boolean browser = contact.target() != null && contact.target().isWebSocket();
            final Leg leg = forks.fork(call, null, contact, call.to(), extension, autoAnswer || browser);
            if (leg != null)
            {
                leg.agentId = agentId;
            }
        }
        if (call.forks().isEmpty())
        {
            ending.end(call, Response.SERVICE_UNAVAILABLE, who + "'s phone unreachable");
            throw new CallCommandException(CallCommandException.Reason.WRONG_STATE, "the " + who
                + "'s phone is unreachable");
        }
        scheduler.schedule(() ->
        {
            if (call.caller() == null && !call.isOver())
            {
                ending.end(call, Response.REQUEST_TERMINATED, "the " + who + " did not answer");
            }
        }, ringTimeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        return call;
    }

    /** Starts a self-service flow for the caller of an answered call (see {@link FlowCalls#selfService}). */
    public void selfService(final long id, final Flow flow)
    {
        final Leg caller = activeLeg(id, "caller");
        if (features.flows == null || caller.call().answered() == null || !caller.call().media.bridged()
            && caller.call().flow == null)
        {
            throw new CallCommandException(CallCommandException.Reason.WRONG_STATE,
                "call " + id + " is not connected to an agent");
        }
        features.flows.selfService(caller.call(), flow);
    }

    /** The leg on {@code side} of an answered call with anchored media, or the reason there is none. */
    Leg activeLeg(final long id, final String side)
    {
        final Call call = table.call(id);
        if (call == null)
        {
            throw new CallCommandException(CallCommandException.Reason.UNKNOWN_CALL, "no call " + id);
        }
        final Leg leg = "caller".equals(side) ? call.caller() : "callee".equals(side) ? call.answered() : null;
        if (!"caller".equals(side) && !"callee".equals(side))
        {
            throw new CallCommandException(CallCommandException.Reason.BAD_REQUEST,
                "leg must be \"caller\" or \"callee\"");
        }
        if (call.media == null)
        {
            throw new CallCommandException(CallCommandException.Reason.WRONG_STATE, "call " + id + " has no media");
        }
        if (leg == null || leg.endpoint == null
            || call.state() != CallState.ANSWERED && call.state() != CallState.CONFIRMED)
        {
            throw new CallCommandException(CallCommandException.Reason.WRONG_STATE,
                "call " + id + " is " + call.state().name().toLowerCase() + ", not answered");
        }
        return leg;
    }
}

package io.switchboard.core.call;

import io.switchboard.sip.message.Bodies;
import io.switchboard.sip.message.SipMessages;
import javax.sip.message.Request;
import javax.sip.message.Response;
import io.switchboard.core.signalling.Locator;
import io.switchboard.sip.dialog.Identifiers;
import io.switchboard.sip.message.Responses;
import io.switchboard.sip.message.SipFactories;
import io.switchboard.sip.ua.InviteUsage;
import io.switchboard.sip.ua.NewInvite;
import io.switchboard.sip.util.TimerScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.header.Header;
import java.text.ParseException;

/**
 * The callee side of calls (we are the UAC): the INVITE of each fork to a phone, an agent or a carrier (a new dialog
 * with its own Call-ID, tags and CSeq), and what comes back: ringing relayed to the caller, the first 2xx wins and
 * the other forks are cancelled, failures ranked (RFC 3261 §16.7 step 6) until every fork has failed. One per worker.
 */
final class Forks
{
    private final CallTable table;
    private final LegSignals signals;
    private final Features features;
    private final CallEnd ending;
    private final CallMedia media;
    private final TimerScheduler scheduler;
    private final String domain;
    private final int worker;
    private final io.switchboard.core.signalling.Locator locator;

    Forks(final CallTable table, final LegSignals signals, final Features features, final CallEnd ending,
        final CallMedia media, final TimerScheduler scheduler, final String domain,
        final int worker, final io.switchboard.core.signalling.Locator locator)
    {
        this.locator = locator;
        this.table = table;
        this.signals = signals;
        this.features = features;
        this.ending = ending;
        this.media = media;
        this.scheduler = scheduler;
        this.domain = domain;
        this.worker = worker;
    }

    private static final io.switchboard.media.audio.AudioClip RINGBACK = io.switchboard.media.audio.Tones.ringback();
    private static final Logger LOG = LoggerFactory.getLogger(Forks.class);

    /** Calls the far end of a consultation call with an INVITE that replaces our dialog with it (RFC 3891). */
    Leg ringReplacing(final Call call, final ReplacedDialog replaced)
    {
        final Leg leg = fork(call, null, replaced.phone(), call.caller().party, replaced.party(), domain, false,
            replaced.replaces());
        if (leg != null)
        {
            leg.extension = locator.exists(replaced.party()) ? replaced.party() : null;
        }
        return leg;
    }

    /** Rings one phone of an agent for a queued call; the fork's leg is returned, null if none could be sent. */
    Leg ringAgent(final Call call, final Locator.Contact contact, final String extension, final int agentId,
        final boolean autoAnswer)
    {
        final Leg leg = fork(call, null, contact, call.from(), extension, autoAnswer);
        if (leg != null)
        {
            leg.agentId = agentId;
        }
        return leg;
    }

    /** Calls a number at a carrier, presenting {@code callerId}; the leg is returned, null if none was sent. */
    Leg ringTrunk(final Call call, final Locator.Contact carrier, final String number, final String host,
        final String callerId)
    {
        return fork(call, null, carrier, callerId, number, host, false, null);
    }

    /** The INVITE of a new dialog to {@code extension@toHost}: its own Call-ID (owned by this worker), tags, CSeq 1. */
    private Request newInvite(final Call call, final Locator.Contact contact, final String callerUser,
        final String extension, final String toHost)
    {
        return new NewInvite(contact.uri(), callerUser, call.callerDisplay, domain, extension, toHost,
            Identifiers.callId(worker), call.hops).build();
    }

    /**
     * Sends a leg's INVITE again with credentials (a carrier's challenge) or a larger Session-Expires (a 422): next
     * CSeq, same dialog, a new branch; the header replaces the one of its name.
     */
    void resendInvite(final Leg leg, final Header... replacing)
    {
        leg.usage().resendInvite(replacing);
    }

    void cancelFork(final Leg fork)
    {
        if (fork.isPending() && table.call(fork.call().id()) != null)
        {
            fork.transition(LegState.CANCELLING, "withdrawn");
            signals.cancel(fork);
        }
    }

    /** Sends the INVITE of one callee fork: a new dialog with its own Call-ID, tags and CSeq space. */
    Leg fork(final Call call, final Request original, final Locator.Contact contact,
        final String callerUser, final String extension, final boolean autoAnswer)
    {
        return fork(call, original, contact, callerUser, extension, domain, autoAnswer, null);
    }

    /** A fork whose To is {@code extension@toHost} (a trunk's number at the carrier, or ours at our domain). */
    Leg fork(final Call call, final Request original, final Locator.Contact contact,
        final String callerUser, final String extension, final String toHost, final boolean autoAnswer,
        final String replaces)
    {
        final Leg leg = new Leg(call, Leg.Side.CALLEE, signals.usage(contact.target()));
        leg.party = extension;
        if (domain.equals(toHost))
        {
            leg.extension = extension;
        }
        try
        {
            final Request invite = newInvite(call, contact, callerUser, extension, toHost);
            table.traced().bind(call.id(), SipMessages.callId(invite));
            features.timers.offering(invite);
            if (autoAnswer)
            {
                // What phones honour for intercom/auto answer: Call-Info answer-after (Polycom, Yealink, baresip)
                // and Alert-Info (Snom, Grandstream).
                invite.addHeader(SipFactories.HEADERS.createHeader("Call-Info",
                    "<sip:" + domain + ">;answer-after=0"));
                invite.addHeader(SipFactories.HEADERS.createHeader("Alert-Info",
                    "<http://127.0.0.1>;info=alert-autoanswer"));
            }
            if (replaces != null)
            {
                invite.addHeader(ReferTo.header("Replaces", replaces));
                invite.addHeader(ReferTo.header("Require", "replaces"));
            }
            if (media != null)
            {
                Bodies.setSdp(invite, media.calleeOffer(call, leg).body());
            }
            else
            {
                Bodies.copy(original, invite);
            }
            call.forks().add(leg);
            leg.usage().sendInvite(invite, callerUser, leg);
            return leg;
        }
        catch (final ParseException | IllegalArgumentException ex)
        {
            LOG.warn("{}: cannot build INVITE to {}: {}", call, contact.uri(), ex.getMessage());
            return null;
        }
    }

    /** The forks rung so far leave the fork list (a new target's forks start afresh); they are cleaned up at end. */
    void setAsideForks(final Call call)
    {
        call.setAside.addAll(call.forks());
        call.forks().clear();
    }

    /** A callee answered the caller we already answered (a transfer's target, the number an agent dialled). */
    void connect(final Call call, final Leg leg)
    {
        call.answered(leg);
        for (final Leg fork : call.forks())
        {
            if (fork != leg)
            {
                cancelFork(fork);
            }
        }
        if (call.answeredAtMs == 0)
        {
            call.answeredAtMs = System.currentTimeMillis();
        }
        call.caller().endpoint.stopPlaying();
        call.media.bridge();
        features.transfers.directAnswered(leg);
        if (leg.agentId >= 0)
        {
            features.events.connected(leg.agentId, call);
        }
        features.transfers.succeeded(call);
    }

    /** Early media (RFC 3960) from the number an agent dialled: the agent hears the carrier's tones through us. */
    void earlyMediaToCaller(final Call call, final Leg leg, final Response response)
    {
        if (call.transfer != null && call.transfer.isDial() && Bodies.has(response)
            && media.calleeAnswered(call, leg, response))
        {
            call.caller().endpoint.stopPlaying();
            call.media.bridge();
        }
    }

    /** The agent's phone answered its own call: it becomes the caller, hears ringback, and the target is called. */
    void agentPhoneAnswered(final Call call, final Leg leg)
    {
        call.forks().remove(leg);
        for (final Leg fork : call.forks())
        {
            cancelFork(fork);
        }
        setAsideForks(call);
        call.caller(leg);
        call.calleeOffer = null;
        call.calleeSdp = null;
        call.selfAnswered = true;
        call.transition(CallState.CONFIRMED, "the agent's phone answered its own call", scheduler.nanoTime());
        if (call.ownPhoneAnswered != null)
        {
            call.ownPhoneAnswered.accept(leg);
            return;
        }
        features.transfers.directAnswered(leg);
        final Transfer dial = call.transfer;
        call.transfer = null;
        features.transfers.start(call, dial, call.dialRoute, RINGBACK);
    }

    /** Rings one phone for a transfer or an agent's own call, showing the remaining party as the caller. */
    Leg ringPhone(final Call call, final Locator.Contact contact, final String extension, final int agentId)
    {
        final Leg leg = fork(call, null, contact, call.caller().party, extension, false);
        if (leg != null)
        {
            leg.agentId = agentId;
        }
        return leg;
    }

    /** A 2xx that matched no transaction any more: re-send the ACK we sent for it, if we know the dialog. */
    void retransmittedOk(final Response response)
    {
        final Leg leg = table.leg(SipMessages.callId(response), SipMessages.fromTag(response));
        if (leg != null)
        {
            leg.usage().retransmittedOk(response);
        }
    }

    void forkResponse(final Leg leg, final Response response)
    {
        final int status = response.getStatusCode();
        final Call call = leg.call();
        if (status == Response.TRYING)
        {
            return;
        }
        if (leg == call.caller() || leg.isSetAside())
        {
            // The INVITE of a leg that has since changed roles (an agent's own phone, now the call's caller; a
            // transferred party): only a retransmitted 2xx can still come, and it gets its ACK again.
            leg.usage().retransmittedOk(response);
            return;
        }
        if ((status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED)
            && call.route != null && !leg.withdrawn() && features.outbound.challenged(call, leg, response))
        {
            return;
        }
        if (status == SessionTimers.INTERVAL_TOO_SMALL && !leg.withdrawn() && call.answered() == null)
        {
            final Header[] larger = features.timers.largerInterval(leg.usage().invite(), response);
            if (larger != null)
            {
                resendInvite(leg, larger);
                return;
            }
        }
        if (status < 200)
        {
            forkProvisional(leg, response);
        }
        else if (status < 300)
        {
            forkAnswered(leg, response);
        }
        else
        {
            forkFailed(leg, status, response.getReasonPhrase());
        }
    }

    void forkProvisional(final Leg leg, final Response response)
    {
        final Call call = leg.call();
        if (call.state() != CallState.ROUTING && call.state() != CallState.EARLY && call.queueGroup < 0
            && !call.selfAnswered)
        {
            return;
        }
        if (leg.usage().early(response))
        {
            table.addDialog(leg);
        }
        if (leg.isPending() && SipMessages.toTag(response) != null)
        {
            leg.transition(LegState.EARLY, response.getStatusCode() + " with a tag");
        }
        if (call.queueGroup >= 0 || call.caller() == null)
        {
            // The caller of a queue was answered by us and hears the queue music while the agent's phone rings (or
            // it is an agent's own call, whose phone rings first).
            return;
        }
        if (call.selfAnswered)
        {
            earlyMediaToCaller(call, leg, response);
            return;
        }
        final Leg caller = call.caller();
        final Response relayed = Responses.withToTag(caller.inviteServer.request(), response.getStatusCode(),
            response.getReasonPhrase(), caller.dialog().localTag());
        relayed.setHeader(signals.contact(call.to(), caller));
        if (call.media == null)
        {
            Bodies.copy(response, relayed);
        }
        else if (Bodies.has(response) && media.calleeAnswered(call, leg, response) && caller.answer != null)
        {
            // Early media (RFC 3960): the caller hears the callee's ringback or announcement through us.
            call.media.bridge();
            Bodies.setSdp(relayed, caller.answer);
        }
        caller.inviteServer.respond(relayed);
        if (caller.isPending())
        {
            caller.transition(LegState.EARLY, "ringing relayed");
        }
        if (call.state() == CallState.ROUTING)
        {
            call.transition(CallState.EARLY, "ringing", scheduler.nanoTime());
        }
    }

    /**
     * A fork answered 2xx: its dialog is confirmed; then whoever the call is for takes it: nobody (a second fork, a
     * withdrawn one: acknowledged and hung up), an agent's own call, the ACD's queued call, a call we answered
     * ourselves (a transfer's target), or else the caller, who gets its 200 now.
     */
    void forkAnswered(final Leg leg, final Response response)
    {
        final Call call = leg.call();
        if (leg.usage().answered(response) != InviteUsage.Answer.CONFIRMED)
        {
            return;
        }
        table.addDialog(leg);
        if (leg.state() != LegState.CONFIRMED)
        {
            leg.transition(LegState.CONFIRMED, response.getStatusCode() + " to our INVITE");
        }
        final long seq = SipMessages.cseq(response);
        if (call.answered() != null || leg.withdrawn() || call.isOver())
        {
            // A second fork answered, the caller already gave up, or we withdrew this fork (a queued call's offer
            // that rang out: its answer crossed our CANCEL, and the ACD has moved on): acknowledge and hang up.
            leg.usage().ack(seq, null);
            signals.bye(leg);
            return;
        }
        if (call.media != null && !media.calleeAnswered(call, leg, response))
        {
            LOG.debug("{}: {} answered without a usable answer to our offer", call, leg);
            leg.usage().ack(seq, null);
            signals.bye(leg);
            forkFailed(leg, Response.NOT_ACCEPTABLE_HERE, "Not Acceptable Here");
            return;
        }
        features.timers.answered(leg, response);
        handOver(call, leg, seq, response);
    }

    /** The answered fork goes to whoever the call is for. */
    private void handOver(final Call call, final Leg leg, final long seq, final Response response)
    {
        if (call.caller() == null)
        {
            leg.usage().ack(seq, null);
            agentPhoneAnswered(call, leg);
        }
        else if (call.queueGroup >= 0)
        {
            features.queues.agentAnswered(call, leg);
            leg.usage().ack(seq, null);
        }
        else if (call.selfAnswered)
        {
            leg.usage().ack(seq, null);
            connect(call, leg);
        }
        else
        {
            answerTheCaller(call, leg, seq, response);
        }
        if (call.answered() == leg && !call.isOver())
        {
            features.answered(call, leg);
        }
    }

    /** The first 2xx of a plain call: the other forks are cancelled, the caller gets 200 with our session. */
    private void answerTheCaller(final Call call, final Leg leg, final long seq, final Response response)
    {
        call.answered(leg);
        call.transition(CallState.ANSWERED, "a fork answered", scheduler.nanoTime());
        for (final Leg fork : call.forks())
        {
            if (fork != leg)
            {
                cancelFork(fork);
            }
        }
        final Leg caller = call.caller();
        if (call.media != null || Bodies.has(caller.inviteServer.request()))
        {
            // Anchored, the callee's ACK never waits for the caller: each leg has its own offer/answer with us.
            leg.usage().ack(seq, null);
        }
        else
        {
            leg.usage().holdAck(seq);
        }
        final Response ok = Responses.withToTag(caller.inviteServer.request(), Response.OK,
            response.getReasonPhrase(), caller.dialog().localTag());
        ok.setHeader(signals.contact(call.to(), caller));
        if (call.media != null)
        {
            call.media.bridge();
            Bodies.setSdp(ok, media.callerBody(call));
        }
        else
        {
            Bodies.copy(response, ok);
        }
        features.timers.answering(caller, caller.inviteServer.request(), ok);
        caller.inviteServer.respond(ok);
        caller.dialog().confirmed(true);
        caller.transition(LegState.CONFIRMED, "the callee answered");
    }

    void forkFailed(final Leg leg, final int status, final String reason)
    {
        final Call call = leg.call();
        leg.transition(LegState.FAILED, status + " " + reason);
        if (call.queueGroup >= 0)
        {
            // An agent's phone that fails is the ACD's business (next agent); the caller stays in the queue.
            features.queues.agentFailed(call, leg);
            return;
        }
        if (call.route != null && !leg.withdrawn() && features.outbound.failedOver(call, status))
        {
            return;
        }
        if (!leg.withdrawn() && BestFailure.better(status, call.bestFailure))
        {
            call.bestFailure = status;
            call.bestFailureReason = reason;
        }
        if (call.selfAnswered)
        {
            if (call.answered() == null && call.transfer != null && call.allForksFailed() && !leg.withdrawn())
            {
                features.transfers.failed(call, status, reason);
            }
            return;
        }
        if (call.answered() == null && call.allForksFailed()
            && (call.state() == CallState.ROUTING || call.state() == CallState.EARLY))
        {
            final int best = call.bestFailure != 0 ? call.bestFailure : Response.TEMPORARILY_UNAVAILABLE;
            ending.end(call, best, call.bestFailure != 0 ? call.bestFailureReason : null);
        }
    }
}

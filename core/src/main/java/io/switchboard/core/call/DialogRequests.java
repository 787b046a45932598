package io.switchboard.core.call;

import io.switchboard.sip.message.Bodies;
import io.switchboard.sip.message.SipMessages;
import javax.sip.message.Request;
import javax.sip.message.Response;
import io.switchboard.sip.message.Responses;
import io.switchboard.sip.transaction.ServerTransaction;
import io.switchboard.sip.transport.Flow;
import io.switchboard.sip.util.TimerScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * Requests within a call's dialogs (RFC 3261 §12.2.2): BYE ends the call, OPTIONS is answered, REFER goes to the
 * referrals; with anchored media a re-INVITE or UPDATE is answered by us with the leg's own endpoint and DTMF by
 * INFO is read; anything else is relayed to the other leg as a new request of its dialog, and its answer relayed
 * back. One per worker.
 */
final class DialogRequests
{
    private final CallTable table;
    private final LegSignals signals;
    private final Features features;
    private final CallEnd ending;
    private final Referrals referrals;
    private final DtmfRelay dtmf;
    private final CallMedia media;
    private final TimerScheduler scheduler;
    private static final Logger LOG = LoggerFactory.getLogger(DialogRequests.class);

    DialogRequests(final CallTable table, final LegSignals signals, final Features features, final CallEnd ending,
        final Referrals referrals, final DtmfRelay dtmf, final CallMedia media, final TimerScheduler scheduler)
    {
        this.table = table;
        this.signals = signals;
        this.features = features;
        this.ending = ending;
        this.referrals = referrals;
        this.dtmf = dtmf;
        this.media = media;
        this.scheduler = scheduler;
    }


    void inDialog(final ServerTransaction transaction, final Request request, final String toTag)
    {
        final Leg leg = table.leg(SipMessages.callId(request), toTag);
        if (leg == null)
        {
            signals.reply(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            return;
        }
        if (!leg.dialog().acceptRemoteSeq(request))
        {
            signals.reply(transaction, Response.SERVER_INTERNAL_ERROR, "CSeq out of order");
            return;
        }
        final Call call = leg.call();
        if (leg.isSetAside())
        {
            setAsideRequest(transaction, request, leg);
            return;
        }
        switch (request.getMethod())
        {
            case Request.BYE -> {
                signals.reply(transaction, Response.OK, null);
                if (leg != call.caller() && features.flows != null && features.transfers != null
                    && call.media != null && features.flows.postCallSurvey(call, leg))
                {
                    // The agent hung up; the caller stays for the group's survey, the agent's leg is set aside.
                    leg.transition(LegState.ENDED, "BYE received: the caller stays for the survey");
                    table.removeDialog(leg);
                    return;
                }
                leg.transition(LegState.ENDED, "BYE received");
                ending.end(call, Response.REQUEST_TERMINATED,
                    leg == call.caller() ? "caller hung up" : "callee hung up");
            }
            case Request.OPTIONS -> signals.reply(transaction, Response.OK, null);
            case Request.REFER -> referrals.refer(transaction, request, leg);
            case Request.SUBSCRIBE -> signals.reply(transaction, Response.NOT_IMPLEMENTED, null);
            default -> {
                if (call.media == null || !answeredLocally(transaction, request, leg))
                {
                    relayRequest(transaction, request, leg);
                }
            }
        }
    }

    /** Relays an in-dialog request (re-INVITE, UPDATE, INFO, ...) to the peer leg as a new request of its dialog. */
    void relayRequest(final ServerTransaction transaction, final Request request, final Leg leg)
    {
        final Leg peer = leg.peer();
        final boolean invite = Request.INVITE.equals(request.getMethod());
        if (peer == null || peer.dialog() == null || leg.call().isOver())
        {
            signals.reply(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            return;
        }
        if (invite && (leg.call().state() != CallState.CONFIRMED || peer.usage().reinvitePending()
            || leg.usage().reinvitePending()))
        {
            // RFC 3261 §14.2: an INVITE while one is pending in either direction is glare.
            signals.reply(transaction, Response.REQUEST_PENDING, null);
            return;
        }
        final Request copy = peer.usage().request(request.getMethod());
        Bodies.copy(request, copy);
        final Relay relay = new Relay(transaction, leg, peer);
        transaction.userData(relay);
        if (invite)
        {
            leg.usage().reinvitePending(true);
            peer.usage().reinvitePending(true);
        }
        relay.client = peer.usage().send(copy);
        relay.client.userData(relay);
    }

    /**
     * Anchored media answers what a phone asks of its own leg: a re-INVITE or UPDATE (hold, resume, a new address,
     * a delayed offer) gets our answer or offer; DTMF sent as INFO is read here. False for what is still relayed.
     */
    boolean answeredLocally(final ServerTransaction transaction, final Request request, final Leg leg)
    {
        final String method = request.getMethod();
        if (Request.INFO.equals(method))
        {
            return dtmf.dtmfInfo(transaction, request, leg);
        }
        if (!Request.INVITE.equals(method) && !Request.UPDATE.equals(method))
        {
            return false;
        }
        final Call call = leg.call();
        if (Request.INVITE.equals(method) && (call.state() != CallState.CONFIRMED || leg.offered != null))
        {
            // RFC 3261 §14.2: an INVITE while the previous one is not finished is glare.
            signals.reply(transaction, Response.REQUEST_PENDING, null);
            return true;
        }
        final Response tooSmall = features.timers.tooSmall(request);
        if (tooSmall != null)
        {
            transaction.respond(tooSmall);
            return true;
        }
        byte[] body = null;
        if (Bodies.has(request))
        {
            final CallMedia.Refusal refusal = media.answer(leg, request);
            if (refusal != null)
            {
                signals.reply(transaction, refusal.status(), refusal.reason());
                return true;
            }
            body = leg.answer;
            call.holdMayHaveChanged(scheduler.nanoTime());
        }
        else if (Request.INVITE.equals(method))
        {
            leg.offered = media.offer(leg, CallMedia.SUPPORTED);
            body = leg.offered.body();
        }
        final Response ok = Responses.withToTag(request, Response.OK, null, null);
        ok.setHeader(signals.contact("b2bua", leg));
        if (body != null)
        {
            Bodies.setSdp(ok, body);
        }
        features.timers.answering(leg, request, ok);
        transaction.userData(leg);
        transaction.respond(ok);
        return true;
    }

    void onAck(final Request ack, final Flow flow)
    {
        final String toTag = SipMessages.toTag(ack);
        final Leg leg = toTag == null ? null : table.leg(SipMessages.callId(ack), toTag);
        if (leg == null)
        {
            return;
        }
        final Call call = leg.call();
        if (leg.side() == Leg.Side.CALLER && call.state() == CallState.ANSWERED)
        {
            call.transition(CallState.CONFIRMED, "the caller's ACK", scheduler.nanoTime());
        }
        if (call.media != null && leg.offered != null && !media.acknowledged(leg, ack))
        {
            LOG.debug("{}: the ACK of {} brought no usable answer to our offer", call, leg);
            ending.end(call, Response.NOT_ACCEPTABLE_HERE, "no answer to our offer");
            return;
        }
        if (call.media != null)
        {
            // An answer in the ACK may hold or resume (sendonly, inactive).
            call.holdMayHaveChanged(scheduler.nanoTime());
        }
        final Leg peer = leg.peer();
        if (peer != null && peer.usage().hasHeldAck())
        {
            // Delayed offer: the answer came in this ACK and goes on in the peer's ACK.
            peer.usage().releaseAck(ack);
        }
    }

    /**
     * Requests on a leg set aside by a transfer: its phone may still hang up (BYE), hold or resume while the
     * target rings (answered from its own endpoint while it still has one), or ask anything harmless.
     */
    void setAsideRequest(final ServerTransaction transaction, final Request request, final Leg leg)
    {
        switch (request.getMethod())
        {
            case Request.BYE -> {
                signals.reply(transaction, Response.OK, null);
                leg.transition(LegState.ENDED, "BYE received while set aside");
                table.removeDialog(leg);
            }
            case Request.INVITE, Request.UPDATE -> {
                if (leg.endpoint == null || leg.endpoint.attachment() != leg || !answeredLocally(transaction, request,
                    leg))
                {
                    signals.reply(transaction, Response.NOT_ACCEPTABLE_HERE, "Transferred");
                }
            }
            case Request.REFER -> signals.reply(transaction, Response.REQUEST_PENDING, null);
            default -> signals.reply(transaction, Response.OK, null);
        }
    }

    void relayResponse(final Relay relay, final Response response)
    {
        final int status = response.getStatusCode();
        if (status == Response.TRYING || relay.server.isAnswered())
        {
            return;
        }
        final boolean invite = Request.INVITE.equals(SipMessages.cseqMethod(response));
        final Response relayed =
            Responses.withToTag(relay.server.request(), status, response.getReasonPhrase(), null);
        if (invite && status / 100 == 2 || Request.UPDATE.equals(SipMessages.cseqMethod(response)) && status / 100 == 2)
        {
            relayed.setHeader(signals.contact("b2bua", relay.from));
            relay.to.dialog().refreshTarget(response);
        }
        Bodies.copy(response, relayed);
        if (invite && status >= 200)
        {
            relay.from.usage().reinvitePending(false);
            relay.to.usage().reinvitePending(false);
            if (status < 300)
            {
                if (Bodies.has(relay.server.request()))
                {
                    relay.to.usage().ack(SipMessages.cseq(response), null);
                }
                else
                {
                    relay.to.usage().holdAck(SipMessages.cseq(response));
                }
            }
        }
        relay.server.respond(relayed);
    }
}

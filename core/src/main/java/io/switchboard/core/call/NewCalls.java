package io.switchboard.core.call;

import io.switchboard.core.trace.CallLog;
import org.slf4j.MDC;
import io.switchboard.sip.message.Bodies;
import io.switchboard.sip.message.SipMessages;
import javax.sip.message.Request;
import javax.sip.message.Response;
import io.switchboard.core.signalling.Authorizer;
import io.switchboard.core.signalling.Locator;
import io.switchboard.core.signalling.RegistrarPort;
import io.switchboard.sip.dialog.Dialog;
import io.switchboard.sip.dialog.Identifiers;
import io.switchboard.sip.message.Responses;
import io.switchboard.sip.transaction.ServerTransaction;
import io.switchboard.sip.util.TimerScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.address.Address;
import javax.sip.address.SipURI;

/**
 * What arrives outside a dialog and starts something: a REGISTER (authenticated, then the registrar) and a new call
 * (authenticated, then routed: a flow, a queue, a trunk or an extension's phones). One per worker.
 */
final class NewCalls
{
    private final CallTable table;
    private final LegSignals signals;
    private final Features features;
    private final Forks forks;
    private final int worker;
    private final CallRouter router;
    private final CallMedia media;
    private final CallStats stats;
    private final TimerScheduler scheduler;
    private final Authorizer authorizer;
    private final Locator locator;
    private final RegistrarPort registrar;
    private static final Logger LOG = LoggerFactory.getLogger(NewCalls.class);

    NewCalls(final CallTable table, final LegSignals signals, final Features features, final Forks forks,
        final CallMedia media, final CallStats stats, final TimerScheduler scheduler, final Authorizer authorizer,
        final Locator locator, final RegistrarPort registrar, final int worker)
    {
        this.worker = worker;
        this.table = table;
        this.signals = signals;
        this.features = features;
        this.forks = forks;
        this.router = new CallRouter(features, locator);
        this.media = media;
        this.stats = stats;
        this.scheduler = scheduler;
        this.authorizer = authorizer;
        this.locator = locator;
        this.registrar = registrar;
    }


    void register(final ServerTransaction transaction, final Request request)
    {
        final Authorizer.Outcome outcome = authorizer.authorize(request, transaction.flow(), false);
        if (!outcome.accepted())
        {
            transaction.respond(outcome.reply());
            return;
        }
        transaction.respond(registrar.register(request, outcome.user(), transaction.flow()));
    }

    /**
     * A new call: authenticated (or from a trusted address), an interval the session timer accepts, 100, then
     * routed ({@link CallRouter}) and started at its destination.
     */
    void newCall(final ServerTransaction transaction, final Request invite)
    {
        final Authorizer.Outcome outcome = authorizer.authorize(invite, transaction.flow(), true);
        if (!outcome.accepted())
        {
            transaction.respond(outcome.reply());
            return;
        }
        final Response tooSmall = features.timers.tooSmall(invite);
        if (tooSmall != null)
        {
            transaction.respond(tooSmall);
            return;
        }
        transaction.respond(Responses.withToTag(invite, Response.TRYING, null, null));
        final String number = invite.getRequestURI() instanceof SipURI sip ? sip.getUser() : null;
        final Destination destination = router.route(number, outcome.user());
        if (destination instanceof Destination.Refused refused)
        {
            signals.reply(transaction, refused.status(), null);
            return;
        }
        final String callerUser = outcome.user() != null ? outcome.user() : userOf(SipMessages.fromAddress(invite));
        final Call call = startCall(transaction, invite, callerUser, number);
        if (call != null)
        {
            call.caller().extension = outcome.user();
            call.type = destination instanceof Destination.ToTrunk ? "outbound"
                : outcome.user() != null && destination instanceof Destination.ToPhones ? "internal" : "inbound";
            start(call, invite, callerUser, number, destination);
        }
    }

    private void start(final Call call, final Request invite, final String callerUser, final String number,
        final Destination destination)
    {
        if (destination instanceof Destination.ToFlow flow)
        {
            features.flows.start(call, flow.flow());
        }
        else if (destination instanceof Destination.ToTrunk trunk)
        {
            features.outbound.start(call, trunk.route());
        }
        else if (destination instanceof Destination.ToQueue queue)
        {
            features.queues.queue(call, queue.group());
        }
        else if (destination instanceof Destination.ToPhones phones)
        {
            for (final Locator.Contact contact : phones.contacts())
            {
                forks.fork(call, invite, contact, callerUser, number, false);
            }
            LOG.debug("{} forked to {} contacts", call, phones.contacts().size());
        }
    }

    /** The call and its caller leg, with media opened; null (the caller answered) if media refuses it. */
    Call startCall(final ServerTransaction transaction, final Request invite, final String callerUser,
        final String to)
    {
        final Call call = new Call(stats.nextCallId(worker), callerUser, to, scheduler.nanoTime(), stats);
        call.callerDisplay = SipMessages.fromAddress(invite).getDisplayName();
        final int hops = SipMessages.maxForwards(invite);
        call.hops = hops >= 0 ? Math.max(hops - 1, 0) : 69;
        final Leg caller = new Leg(call, Leg.Side.CALLER, signals.usage(transaction.flow().asTarget()));
        table.traced().bind(call.id(), SipMessages.callId(invite));
        // From here on the lines of this message's handling name the call by its id.
        MDC.put(CallLog.KEY, Long.toString(call.id()));
        caller.inviteServer = transaction;
        caller.party = callerUser;
        caller.usage().dialog(Dialog.asUas(invite, Identifiers.tag()));
        call.caller(caller);
        if (media != null)
        {
            final CallMedia.Refusal refusal = media.open(call, caller, invite);
            if (refusal != null)
            {
                transaction.respond(Responses.withToTag(invite, refusal.status(), refusal.reason(),
                    caller.dialog().localTag()));
                return null;
            }
        }
        transaction.userData(caller);
        table.addDialog(caller);
        table.add(call);
        stats.callStarted();
        call.progress = features.progress;
        call.progress.started(call, null);
        return call;
    }

    /** Answers the caller ourselves (a queue answers at once, then plays music until an agent takes the call). */
    void answerCaller(final Call call)
    {
        final Leg caller = call.caller();
        final Response ok = Responses.withToTag(caller.inviteServer.request(), Response.OK, null,
            caller.dialog().localTag());
        ok.setHeader(signals.contact(call.to(), caller));
        Bodies.setSdp(ok, media.callerBody(call));
        features.timers.answering(caller, caller.inviteServer.request(), ok);
        caller.inviteServer.respond(ok);
        caller.dialog().confirmed(true);
        caller.transition(LegState.CONFIRMED, "we answered");
        call.transition(CallState.ANSWERED, "we answered the caller", scheduler.nanoTime());
    }

    static String userOf(final Address address)
    {
        return address.getURI() instanceof SipURI sip && sip.getUser() != null ? sip.getUser() : "anonymous";
    }
}

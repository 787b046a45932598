package io.switchboard.core.call;

import io.switchboard.sip.message.Bodies;
import io.switchboard.sip.message.SipMessages;
import javax.sip.message.Request;
import javax.sip.message.Response;
import io.switchboard.core.signalling.Locator;
import io.switchboard.sip.dialog.Dialog;
import io.switchboard.sip.message.Responses;
import io.switchboard.sip.transaction.ServerTransaction;
import io.switchboard.sip.util.TimerScheduler;


/**
 * Transfers a phone asks for (RFC 3515 REFER, with RFC 3891 Replaces for attended ones): accepted with 202, the
 * phone's leg set aside and told of progress by NOTIFY (message/sipfrag), and the consultation calls other workers
 * look up by their Replaces ids. One per worker.
 */
public final class Referrals
{
    private final CallTable table;
    private final LegSignals signals;
    private final Features features;
    private final CallEnd ending;
    private final Forks forks;
    private final CallCommands commands;
    private final CallMedia media;
    private final TimerScheduler scheduler;
    private final Locator locator;
    private final int worker;
    /** The user data of our NOTIFYs: their answers need nothing. */
    private static final Object NOTIFY_SENT = new Object();

    Referrals(final CallTable table, final LegSignals signals, final Features features, final CallEnd ending,
        final Forks forks, final CallCommands commands, final CallMedia media, final TimerScheduler scheduler,
        final Locator locator, final int worker)
    {
        this.table = table;
        this.signals = signals;
        this.features = features;
        this.ending = ending;
        this.forks = forks;
        this.commands = commands;
        this.media = media;
        this.scheduler = scheduler;
        this.locator = locator;
        this.worker = worker;
    }


    /**
     * The far end of one of this worker's confirmed dialogs, named by Replaces ids as the transferor's phone saw
     * them (its to-tag is normally our tag, but either tag may be ours); null if there is no such call.
     */
    public ReplacedDialog replaced(final String callId, final String toTag, final String fromTag)
    {
        Leg leg = table.leg(callId, toTag);
        if (leg == null)
        {
            leg = table.leg(callId, fromTag);
        }
        if (leg == null || leg.isSetAside() || leg.call().state() != CallState.CONFIRMED)
        {
            return null;
        }
        final Leg far = leg.peer();
        if (far == null || far.isOver() || far.dialog() == null || far.dialog().remoteTarget() == null)
        {
            return null;
        }
        final Dialog dialog = far.dialog();
        return new ReplacedDialog(worker, leg.call().id(), dialog.callId() + ";to-tag=" + dialog.remoteTag()
            + ";from-tag=" + dialog.localTag(), new Locator.Contact(dialog.remoteTarget(), far.target()),
            far.party != null ? far.party : "b2bua");
    }

    /** Ends a consultation call whose far end now talks to the transferred party. */
    public void endReplaced(final long id)
    {
        final Call call = table.call(id);
        if (call != null)
        {
            ending.end(call, Response.REQUEST_TERMINATED, "replaced by an attended transfer");
        }
    }

    /**
     * A phone transfers its call: the Refer-To names an extension, an agent's phone, a queue number or an outside
     * number (routed with the phone's own permissions). The REFER is accepted (202), the phone's leg is set aside
     * and told of progress by NOTIFY (message/sipfrag), the other party hears music while the target rings. An
     * attended transfer (Refer-To with Replaces, RFC 3891) is accepted the same way: the target is the phone at the far
     * end of the consultation call (see {@link #replaced}).
     */
    void refer(final ServerTransaction transaction, final Request refer, final Leg leg)
    {
        final ReferTo referTo = refusal(transaction, refer, leg);
        if (referTo == null)
        {
            return;
        }
        final Call call = leg.call();
        final TransferTarget target = referTo.replaces() != null
            ? TransferTarget.replaces(referTo.user(), referTo.replaces()) : features.transfers.resolve(referTo.user());
        final io.switchboard.core.trunk.Route route;
        try
        {
            route = features.transfers.check(target, leg.extension);
        }
        catch (final CallCommandException ex)
        {
            signals.reply(transaction, ex.reason() == CallCommandException.Reason.FORBIDDEN ? Response.FORBIDDEN
                : ex.reason() == CallCommandException.Reason.NOT_FOUND ? Response.NOT_FOUND
                : Response.SERVICE_UNAVAILABLE, ex.getMessage());
            return;
        }
        final int agentId = features.transfers.agentOf(leg);
        final int group = call.queueGroup >= 0 ? call.queueGroup
            : call.lastGroup >= 0 ? call.lastGroup : features.transfers.groupOf(agentId);
        final Transfer transfer = new Transfer(target, leg, true, null, agentId, group);
        transfer.referSeq = SipMessages.cseq(refer);
        transfer.notify = !referTo.noSubscription();
        final Response accepted = Responses.withToTag(refer, Response.ACCEPTED, null, null);
        accepted.setHeader(signals.contact("b2bua", leg));
        if (!transfer.notify)
        {
            accepted.addHeader(ReferTo.header("Refer-Sub", "false"));
        }
        transaction.respond(accepted);
        leg.agentId = agentId;
        commands.setAside(call, leg);
        call.transfers.add(target.label());
        notifyRefer(leg, transfer, Response.TRYING, "Trying", false);
        features.transfers.start(call, transfer, route, media.engine().holdMusic());
    }

    /**
     * The REFER's Refer-To when the transfer may go ahead; otherwise the REFER is answered (501 without transfers,
     * 491 while the call is not up or busy with a transfer or a flow, 403 from a phone that is none of ours, 400 for
     * a bad Refer-To or Replaces) and null returned.
     */
    private ReferTo refusal(final ServerTransaction transaction, final Request refer, final Leg leg)
    {
        final Call call = leg.call();
        final ReferTo referTo = ReferTo.of(refer);
        final boolean attended = referTo != null && referTo.replaces() != null;
        final int status;
        final String reason;
        if (features.transfers == null)
        {
            status = Response.NOT_IMPLEMENTED;
            reason = "No Transfers Without Media";
        }
        else if (call.state() != CallState.CONFIRMED || call.transfer != null || leg.peer() == null
            || call.flow != null && !call.flow.run().done())
        {
            status = Response.REQUEST_PENDING;
            reason = null;
        }
        else if (leg.extension == null)
        {
            // Only our own phones transfer: a carrier's caller never gets to send anybody anywhere.
            status = Response.FORBIDDEN;
            reason = "Only Extensions Transfer";
        }
        else if (referTo == null)
        {
            status = Response.BAD_REQUEST;
            reason = "Bad Refer-To";
        }
        else if (attended && features.replacedDialogs == null)
        {
            status = Response.NOT_IMPLEMENTED;
            reason = "No Attended Transfer";
        }
        else if (attended && ReplacedDialog.parse(referTo.replaces()) == null)
        {
            status = Response.BAD_REQUEST;
            reason = "Bad Replaces";
        }
        else
        {
            return referTo;
        }
        signals.reply(transaction, status, reason);
        return null;
    }

    /** The REFER's outcome to the transferor (final NOTIFY); after a success its phone should hang up. */
    void referDone(final Call call, final Transfer transfer, final int status, final String reason)
    {
        final Leg transferor = transfer.transferor;
        notifyRefer(transferor, transfer, status, reason, true);
        if (status / 100 == 2)
        {
            // RFC 5589 §6: the transferor hangs up after a successful transfer; a phone that does not is hung up.
            scheduler.schedule(() -> signals.bye(transferor), 32, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** A NOTIFY of the implicit "refer" subscription (RFC 3515 §2.4.5) with the progress as a sipfrag. */
    void notifyRefer(final Leg leg, final Transfer transfer, final int status, final String reason,
        final boolean last)
    {
        if (!transfer.notify || leg.isOver() || leg.dialog() == null)
        {
            return;
        }
        final Request notify = leg.usage().request(Request.NOTIFY);
        notify.addHeader(ReferTo.header("Event", "refer;id=" + transfer.referSeq));
        notify.addHeader(ReferTo.header("Subscription-State", last ? "terminated;reason=noresource"
            : "active;expires=60"));
        Bodies.set(notify, "message", "sipfrag;version=2.0",
            ("SIP/2.0 " + status + " " + reason + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        leg.usage().send(notify).userData(NOTIFY_SENT);
    }
}

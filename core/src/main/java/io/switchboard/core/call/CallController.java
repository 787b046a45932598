package io.switchboard.core.call;

import io.switchboard.sip.message.SipMessages;
import javax.sip.message.Request;
import javax.sip.message.Response;
import io.switchboard.core.signalling.Authorizer;
import io.switchboard.core.signalling.Locator;
import io.switchboard.core.signalling.RegistrarPort;
import io.switchboard.sip.client.TransactionLayerRegistrationSender;
import io.switchboard.sip.message.Responses;
import io.switchboard.sip.transaction.ClientTransaction;
import io.switchboard.sip.transaction.ServerTransaction;
import io.switchboard.sip.transaction.Transaction;
import io.switchboard.sip.transaction.TransactionLayer;
import io.switchboard.sip.transaction.TransactionUser;
import io.switchboard.sip.transport.Flow;
import io.switchboard.sip.transport.MessageSender;
import io.switchboard.core.trace.CallLog;
import io.switchboard.sip.util.TimerScheduler;
import io.switchboard.core.trace.SipTraceRing;
import io.switchboard.core.trace.TraceEntry;
import org.slf4j.Logger;
import java.util.Set;
import java.util.List;
import org.slf4j.LoggerFactory;


/**
 * The B2BUA of one SIP worker (RFC 3261 §6 "back-to-back user agent"): the transaction user of the worker's
 * transaction layer, and the composition of its call layer. It hands each event to the part that owns it:
 * <ul>
 *   <li>{@link NewCalls}: REGISTER, and a new INVITE authenticated, routed ({@link CallRouter}) and started;</li>
 *   <li>{@link Forks}: the INVITEs of the callee side and their answers (first 2xx wins, failures ranked);</li>
 *   <li>{@link DialogRequests}: requests within dialogs, answered by us or relayed; {@link Referrals}: REFER;
 *   {@link DtmfRelay}: keys between the parties;</li>
 *   <li>{@link CallCommands}: what the API does to calls; {@link CallEnd}: how every call ends.</li>
 * </ul>
 * Features (queues, flows, transfers, trunks, timers) hear of calls as {@link CallListener}s and act on them
 * through {@link CallControl}, which this class implements. Owned by one event loop: every call, leg and dialog
 * belongs to the loop that owns their Call-IDs (our own Call-IDs carry the worker index), so nothing is locked.
 */
public final class CallController implements TransactionUser, CallControl
{
    private static final Logger LOG = LoggerFactory.getLogger(CallController.class);

    private final CallTable table = new CallTable();
    private SipTraceRing traceRing;
    private final LegSignals signals;
    private final Features features = new Features();
    private Supervisions supervisions;
    private final CallMedia media;
    private final TimerScheduler scheduler;
    private final Locator locator;
    private final CallEnd ending;
    private final Forks forks;
    private final DtmfRelay dtmf;
    private final CallCommands commands;
    private final Referrals referrals;
    private final NewCalls newCalls;
    private final DialogRequests requests;

    public CallController(final int worker, final MessageSender sender, final TimerScheduler scheduler,
        final Authorizer authorizer, final Locator locator, final RegistrarPort registrar, final CallStats stats,
        final String domain)
    {
        this(worker, sender, scheduler, authorizer, locator, registrar, stats, domain, null);
    }

    public CallController(final int worker, final MessageSender sender, final TimerScheduler timers,
        final Authorizer authorizer, final Locator locator, final RegistrarPort registrar, final CallStats stats,
        final String domain, final CallMedia media)
    {
        // The call layer's timers fire with the call they were set for named in the logs' MDC.
        final TimerScheduler scheduler = CallLog.scheduler(timers);
        this.media = media;
        this.scheduler = scheduler;
        this.locator = locator;
        this.signals = new LegSignals(sender);
        this.ending = new CallEnd(table, signals, features, stats, scheduler);
        this.forks = new Forks(table, signals, features, ending, media, scheduler, domain, worker, locator);
        this.dtmf = new DtmfRelay(signals);
        this.commands = new CallCommands(table, signals, features, ending, forks, dtmf, media, stats, scheduler,
            locator, worker);
        this.referrals = new Referrals(table, signals, features, ending, forks, commands, media, scheduler, locator,
            worker);
        this.newCalls = new NewCalls(table, signals, features, forks, media, stats, scheduler, authorizer, locator,
            registrar, worker);
        this.requests = new DialogRequests(table, signals, features, ending, referrals, dtmf, media, scheduler);
        features.timers = new SessionTimers(new TimerDialogs(), scheduler, 0, SessionTimers.RFC_MIN_SE);
        if (media != null)
        {
            media.sink(new MediaEvents());
            listen(media);
        }
    }

    /** What the media engine reports of a call's legs: keys pressed, prompts played to the end. */
    private final class MediaEvents implements CallMedia.DtmfSink
    {
        @Override
        public void onDtmf(final Leg from, final char digit)
        {
            dtmf.onDtmf(from, digit);
        }

        @Override
        public void onPlayed(final Leg leg)
        {
            if (leg.call().flow != null && leg.side() == Leg.Side.CALLER)
            {
                leg.call().flow.played();
            }
        }
    }

    /** The API's side of this worker's calls: commands, descriptions (run on this worker's loop). */
    public CallCommands commands()
    {
        return commands;
    }

    /** Connects the supervisors' feature (before any message arrives): it hears of every call's end. */
    public void supervisions(final Supervisions feature)
    {
        supervisions = feature;
        listen(feature);
    }

    /** Supervisors on this worker's calls, or null without anchored media. */
    public Supervisions supervisions()
    {
        return supervisions;
    }

    /** Consultation calls of this worker, looked up by other workers' attended transfers. */
    public Referrals referrals()
    {
        return referrals;
    }

    /** The calls this worker has and the agents in them, for the ACD's reconciliation (on this worker's loop). */
    public LiveCalls liveCallsAndAgents()
    {
        return commands.liveCallsAndAgents();
    }

    /** The worker's calls, for the checks that run over all of them; not to be changed while iterated. */
    java.util.Collection<Call> liveCalls()
    {
        return table.all();
    }

    /** Connects a feature that hears of every call's moments (before any message arrives), after those connected. */
    public void listen(final CallListener listener)
    {
        features.listeners.add(listener);
    }

    /**
     * Turns RFC 4028 session timers on (before any message arrives): the interval we ask for and accept at most,
     * and the smallest we accept. They need anchored media (a refreshing re-INVITE carries our own offer).
     */
    public void sessionTimers(final int sessionExpires, final int minSessionExpires)
    {
        features.listeners.remove(features.timers);
        features.timers = new SessionTimers(new TimerDialogs(), scheduler, media == null ? 0 : sessionExpires,
            minSessionExpires);
        listen(features.timers);
    }

    /** Connects the ACD (before any message arrives); queue numbers need anchored media. */
    public void queues(final QueuedCalls queuedCalls)
    {
        if (media == null)
        {
            throw new IllegalStateException("calls to queues need anchored media (media.anchor)");
        }
        features.queues = queuedCalls;
        listen(queuedCalls);
    }

    /** Connects the carriers' trunks (before any message arrives). */
    public void outbound(final OutboundCalls calls)
    {
        features.outbound = calls;
        listen(calls);
    }

    /** Connects the IVR (before any message arrives); flows need anchored media. */
    public void flows(final FlowCalls flowCalls)
    {
        if (media == null)
        {
            throw new IllegalStateException("IVR flows need anchored media (media.anchor)");
        }
        features.flows = flowCalls;
        listen(flowCalls);
    }

    /** Connects transfers and agents' own calls (before any message arrives); they need anchored media. */
    public void transfers(final Transfers transfer)
    {
        if (media == null)
        {
            throw new IllegalStateException("transfers need anchored media (media.anchor)");
        }
        features.transfers = transfer;
        listen(transfer);
    }

    /**
     * Ends calls whose phones send no RTP or RTCP for {@code millis} (0: never); returns what starts the checks,
     * to be run on this worker's loop.
     */
    public Runnable mediaTimeout(final long millis)
    {
        return new MediaTimeout(this, scheduler, millis)::start;
    }

    /** Connects the agents' events (before any message arrives). */
    public void events(final CallEvents callEvents)
    {
        features.events = callEvents;
    }

    @Override
    public CallEvents events()
    {
        return features.events;
    }

    /** Where calls' progress is journalled, for a crash's records at the next start (before any message arrives). */
    public void progress(final CallProgress callProgress)
    {
        features.progress = callProgress;
    }

    /** Where finished calls' records go (before any message arrives). */
    public void records(final CallRecords callRecords)
    {
        features.records = callRecords;
    }

    /** Connects the lookup of other workers' dialogs (attended transfers), before any message arrives. */
    public void replacedDialogs(final ReplacedDialog.Lookup lookup)
    {
        features.replacedDialogs = lookup;
    }

    @Override
    public ReplacedDialog.Lookup replacedDialogs()
    {
        return features.replacedDialogs;
    }

    /** The layer and its user refer to each other; the layer is set once, before any message arrives. */
    public void layer(final TransactionLayer layer)
    {
        signals.layer(layer);
    }

    /** Where this worker's SIP trace is kept (before any message arrives); null when tracing is off. */
    public void trace(final SipTraceRing ring)
    {
        this.traceRing = ring;
    }

    /**
     * The SIP messages of call {@code id} (all its legs) still in this worker's trace, oldest first; null when the
     * call is unknown here (never one of this worker's, or so old that its Call-IDs are forgotten) or tracing is off.
     */
    public List<TraceEntry> trace(final long id)
    {
        final Set<String> callIds = table.traced().callIds(id);
        return traceRing == null || callIds.isEmpty() ? null : traceRing.entries(callIds);
    }

    /** How log lines name the call of a message with this Call-ID: the call's id when known, else the Call-ID. */
    public String logName(final String callId)
    {
        final long call = table.traced().callOf(callId);
        return call < 0 ? callId : Long.toString(call);
    }

    public int activeCalls()
    {
        return table.size();
    }

    public int dialogCount()
    {
        return table.dialogCount();
    }

    @Override
    public void onRequest(final ServerTransaction transaction, final Request request)
    {
        final String toTag = SipMessages.toTag(request);
        if (toTag != null)
        {
            requests.inDialog(transaction, request, toTag);
            return;
        }
        switch (request.getMethod())
        {
            case Request.INVITE -> newCalls.newCall(transaction, request);
            case Request.REGISTER -> newCalls.register(transaction, request);
            case Request.BYE, Request.UPDATE, Request.INFO, Request.PRACK, Request.REFER, Request.NOTIFY ->
                signals.reply(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            case Request.OPTIONS -> signals.reply(transaction, Response.OK, null);
            default -> signals.reply(transaction, Response.METHOD_NOT_ALLOWED, null);
        }
    }

    @Override
    public void onCancel(final ServerTransaction invite, final Request cancel)
    {
        if (invite.userData() instanceof Leg leg && leg.side() == Leg.Side.CALLER)
        {
            ending.end(leg.call(), Response.REQUEST_TERMINATED, "caller cancelled");
        }
        else if (invite.userData() instanceof Relay relay && relay.client != null)
        {
            signals.layer().cancel(relay.client);
        }
    }

    @Override
    public void onResponse(final ClientTransaction transaction, final Response response)
    {
        if (TransactionLayerRegistrationSender.dispatchResponse(transaction, response))
        {
            // Our own registration to a carrier.
            return;
        }
        if (transaction == null || transaction.userData() == null)
        {
            // No transaction (after Timer M, or another fork's 2xx), or an INVITE client transaction in Accepted,
            // which released our userData after passing us the first 2xx: a retransmitted 2xx, ACK it again.
            forks.retransmittedOk(response);
            return;
        }
        final Object data = transaction.userData();
        if (data instanceof Leg leg && leg.side() == Leg.Side.CALLEE
            && Request.INVITE.equals(SipMessages.cseqMethod(response)))
        {
            forks.forkResponse(leg, response);
        }
        else if (data instanceof Relay relay)
        {
            requests.relayResponse(relay, response);
        }
        else if (data instanceof SessionTimers.Refresh refresh)
        {
            features.timers.refreshAnswered(refresh, response);
        }
        else if (data instanceof DtmfRelay.DtmfInfoSent sent && response.getStatusCode() >= 200)
        {
            sent.leg().infoInFlight = false;
            dtmf.nextInfo(sent.leg());
        }
    }

    @Override
    public void onTimeout(final ClientTransaction transaction)
    {
        if (TransactionLayerRegistrationSender.dispatchTimeout(transaction))
        {
            return;
        }
        about(transaction, () -> failed(transaction, Response.REQUEST_TIMEOUT, "Request Timeout"));
    }

    /** Runs a transaction's timer-driven outcome with its call named in the logs' MDC (when it belongs to one). */
    private static void about(final Transaction transaction, final Runnable task)
    {
        final Object data = transaction.userData();
        final Leg leg = data instanceof Leg own ? own : data instanceof SessionTimers.Refresh refresh ? refresh.leg()
            : data instanceof DtmfRelay.DtmfInfoSent sent ? sent.leg() : null;
        if (leg != null)
        {
            CallLog.about(leg.call().id(), task);
        }
        else
        {
            task.run();
        }
    }

    @Override
    public void onTransportError(final Transaction transaction)
    {
        if (TransactionLayerRegistrationSender.dispatchTransportError(transaction))
        {
            return;
        }
        if (transaction instanceof ClientTransaction client)
        {
            about(client, () -> failed(client, Response.SERVICE_UNAVAILABLE, "Transport Error"));
        }
        else if (transaction.userData() instanceof Leg leg)
        {
            CallLog.about(leg.call().id(), () -> ending.end(leg.call(), Response.SERVICE_UNAVAILABLE,
                "transport error towards caller"));
        }
    }

    private void failed(final ClientTransaction transaction, final int status, final String reason)
    {
        final Object data = transaction.userData();
        if (data instanceof SessionTimers.Refresh refresh)
        {
            features.timers.refreshFailed(refresh.leg(), status);
            return;
        }
        if (data instanceof DtmfRelay.DtmfInfoSent sent)
        {
            sent.leg().infoInFlight = false;
            sent.leg().infoDigits.setLength(0);
            return;
        }
        if (data instanceof Leg leg && Request.INVITE.equals(transaction.method())
            && leg.side() == Leg.Side.CALLEE)
        {
            if (leg.call().answered() == leg)
            {
                ending.end(leg.call(), status, reason);
            }
            else
            {
                forks.forkFailed(leg, status, reason);
            }
        }
        else if (data instanceof Relay relay)
        {
            // A relayed request that gets no answer means the peer is gone (RFC 5057 §5.1): end the call.
            if (!relay.server.isAnswered())
            {
                relay.server.respond(Responses.withToTag(relay.server.request(), status, reason, null));
            }
            relay.from.usage().reinvitePending(false);
            relay.to.usage().reinvitePending(false);
            relay.to.transition(LegState.ENDED, "no answer to a relayed request");
            ending.end(relay.from.call(), status, reason);
        }
    }

    @Override
    public void onAckTimeout(final ServerTransaction transaction)
    {
        final Object data = transaction.userData();
        final Leg leg = data instanceof Leg l ? l : data instanceof Relay r ? r.from : null;
        if (leg != null)
        {
            LOG.debug("{}: no ACK for our 2xx, ending the call", leg.call());
            ending.end(leg.call(), Response.REQUEST_TIMEOUT, "no ACK");
        }
    }

    @Override
    public void onAck(final Request ack, final Flow flow)
    {
        requests.onAck(ack, flow);
    }

    // ------------------------------------------------------------------------------------- call control (features)

    @Override
    public Call call(final long id)
    {
        return table.call(id);
    }

    @Override
    public void answerCaller(final Call call)
    {
        newCalls.answerCaller(call);
    }

    @Override
    public Leg ringAgent(final Call call, final Locator.Contact contact, final String extension, final int agentId,
        final boolean autoAnswer)
    {
        return forks.ringAgent(call, contact, extension, agentId, autoAnswer);
    }

    @Override
    public Leg ringTrunk(final Call call, final Locator.Contact carrier, final String number, final String host,
        final String callerId)
    {
        return forks.ringTrunk(call, carrier, number, host, callerId);
    }

    @Override
    public Leg ringPhone(final Call call, final Locator.Contact contact, final String extension, final int agentId)
    {
        return forks.ringPhone(call, contact, extension, agentId);
    }

    @Override
    public Leg ringReplacing(final Call call, final ReplacedDialog replaced)
    {
        return forks.ringReplacing(call, replaced);
    }

    @Override
    public void resendInvite(final Leg leg, final javax.sip.header.Header... replacing)
    {
        forks.resendInvite(leg, replacing);
    }

    @Override
    public void cancelFork(final Leg fork)
    {
        forks.cancelFork(fork);
    }

    @Override
    public void endCall(final Call call, final int status, final String reason)
    {
        ending.end(call, status, reason);
    }

    @Override
    public void setAsideForks(final Call call)
    {
        forks.setAsideForks(call);
    }

    @Override
    public void setAside(final Call call, final Leg leg)
    {
        commands.setAside(call, leg);
    }

    @Override
    public void reconnect(final Call call, final Leg transferor)
    {
        commands.reconnect(call, transferor);
    }

    @Override
    public void referDone(final Call call, final Transfer transfer, final int status, final String reason)
    {
        referrals.referDone(call, transfer, status, reason);
    }

    @Override
    public Locator locator()
    {
        return locator;
    }

    @Override
    public TimerScheduler scheduler()
    {
        return scheduler;
    }

    /** The session timers' view of this controller: sending, acknowledging and ending on this worker's loop. */
    private final class TimerDialogs implements SessionTimers.Dialogs
    {
        @Override
        public void sendInDialog(final Leg leg, final Request request, final SessionTimers.Refresh refresh)
        {
            leg.usage().send(request).userData(refresh);
        }

        @Override
        public void ack(final Leg leg, final long seq)
        {
            leg.usage().ack(seq, null);
        }

        @Override
        public byte[] currentOffer(final Leg leg)
        {
            if (media == null || leg.endpoint == null)
            {
                return null;
            }
            leg.offered = media.offer(leg, CallMedia.SUPPORTED);
            return leg.offered.body();
        }

        @Override
        public boolean takeAnswer(final Leg leg, final Response response)
        {
            return media == null || media.acknowledged(leg, response);
        }

        @Override
        public void end(final Call call, final int status, final String reason)
        {
            ending.end(call, status, reason);
        }
    }
}

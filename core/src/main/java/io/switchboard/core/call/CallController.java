package io.switchboard.core.call;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.core.sip.Authorizer;
import io.switchboard.core.sip.Locator;
import io.switchboard.core.sip.RegistrarPort;
import io.switchboard.media.dtmf.DtmfInfo;
import io.switchboard.media.engine.Endpoint;
import io.switchboard.sip.client.TransactionLayerRegistrationSender;
import io.switchboard.sip.dialog.Dialog;
import io.switchboard.sip.dialog.Identifiers;
import io.switchboard.sip.message.Responses;
import io.switchboard.sip.message.SipFactories;
import io.switchboard.sip.message.Vias;
import io.switchboard.sip.transaction.ClientTransaction;
import io.switchboard.sip.transaction.ServerTransaction;
import io.switchboard.sip.transaction.Transaction;
import io.switchboard.sip.transaction.TransactionLayer;
import io.switchboard.sip.transaction.TransactionUser;
import io.switchboard.sip.transport.Flow;
import io.switchboard.sip.transport.MessageSender;
import io.switchboard.sip.util.TimerScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The B2BUA of one SIP worker (RFC 3261 §6 "back-to-back user agent"): the transaction user that turns an
 * authenticated INVITE to an extension into a call with two independent dialogs, forks it to every registered
 * contact (first 2xx wins, the others are cancelled), relays provisional, final and in-dialog traffic across,
 * and tears both legs down when either ends or fails. Also the entry point for REGISTER.
 * <p>
 * Owned by one event loop: every call, leg and dialog it holds belongs to the loop that owns their Call-IDs
 * (our own Call-IDs carry the worker index, see {@link Identifiers}), so nothing here is locked.
 */
public final class CallController implements TransactionUser, CallControl
{
    private static final Logger LOG = LoggerFactory.getLogger(CallController.class);

    private final int worker;
    private final MessageSender sender;
    private final TimerScheduler scheduler;
    private final Authorizer authorizer;
    private final Locator locator;
    private final RegistrarPort registrar;
    private final CallStats stats;
    private final String domain;
    /** Anchored media, or null when SDP passes through untouched (signalling-only benchmarks, unit tests). */
    private final CallMedia media;
    /** Calls to queue numbers, handed to the ACD; null when the tenant has no call center. */
    private QueuedCalls queues;
    /** Calls to outside numbers through carrier trunks; null without a dial plan. */
    private OutboundCalls outbound;
    /** Calls to numbers bound to IVR flows; null without IVR. */
    private FlowCalls flows;
    /** Transfers and agents' own calls; null without anchored media. */
    private Transfers transfers;
    /** What the agents' workbench hears of calls. */
    private CallEvents events = CallEvents.NONE;
    /** Consultation calls on any worker, for attended transfers. */
    private ReplacedDialog.Lookup replacedDialogs;
    /** RFC 4028 session timers on every answered leg; off until the server sets an interval. */
    private SessionTimers timers;
    /** The features told of every call's moments ({@link CallListener}), in the order they were connected. */
    private final List<CallListener> listeners = new ArrayList<>();
    /** Where finished calls' records go; the log line alone unless the server sets more. */
    private CallRecords records = CallRecords.LOG_ONLY;
    private TransactionLayer layer;
    /** In-dialog lookups: Dialog key (Call-ID + our tag) to leg. */
    private final Map<String, Leg> dialogs = new HashMap<>();
    private final Map<Long, Call> calls = new HashMap<>();
    /** How long each key sent by INFO is said to last. */
    private static final int DTMF_INFO_MILLIS = 160;

    public CallController(final int worker, final MessageSender sender, final TimerScheduler scheduler,
        final Authorizer authorizer, final Locator locator, final RegistrarPort registrar, final CallStats stats,
        final String domain)
    {
        this(worker, sender, scheduler, authorizer, locator, registrar, stats, domain, null);
    }

    public CallController(final int worker, final MessageSender sender, final TimerScheduler scheduler,
        final Authorizer authorizer, final Locator locator, final RegistrarPort registrar, final CallStats stats,
        final String domain, final CallMedia media)
    {
        this.media = media;
        if (media != null)
        {
            media.sink(new CallMedia.DtmfSink()
            {
                @Override
                public void onDtmf(final Leg from, final char digit)
                {
                    CallController.this.onDtmf(from, digit);
                }

                @Override
                public void onPlayed(final Leg leg)
                {
                    if (leg.call().flow != null && leg.side() == Leg.Side.CALLER)
                    {
                        leg.call().flow.played();
                    }
                }
            });
        }
        this.worker = worker;
        this.sender = sender;
        this.scheduler = scheduler;
        this.authorizer = authorizer;
        this.locator = locator;
        this.registrar = registrar;
        this.stats = stats;
        this.domain = domain;
        this.timers = new SessionTimers(new TimerDialogs(), scheduler, 0, SessionTimers.RFC_MIN_SE);
        if (media != null)
        {
            listen(media);
        }
    }

    /** Connects a feature that hears of every call's moments (before any message arrives), after those connected. */
    public void listen(final CallListener listener)
    {
        listeners.add(listener);
    }

    /**
     * Turns RFC 4028 session timers on (before any message arrives): the interval we ask for and accept at most,
     * and the smallest we accept. They need anchored media (a refreshing re-INVITE carries our own offer).
     */
    public void sessionTimers(final int sessionExpires, final int minSessionExpires)
    {
        listeners.remove(timers);
        this.timers = new SessionTimers(new TimerDialogs(), scheduler, media == null ? 0 : sessionExpires,
            minSessionExpires);
        listen(timers);
    }

    /** Connects the ACD (before any message arrives); queue numbers need anchored media. */
    public void queues(final QueuedCalls queuedCalls)
    {
        if (media == null)
        {
            throw new IllegalStateException("calls to queues need anchored media (media.anchor)");
        }
        this.queues = queuedCalls;
        listen(queuedCalls);
    }

    /** Connects the carriers' trunks (before any message arrives). */
    public void outbound(final OutboundCalls calls)
    {
        this.outbound = calls;
        listen(calls);
    }

    /** Connects the IVR (before any message arrives); flows need anchored media. */
    public void flows(final FlowCalls flowCalls)
    {
        if (media == null)
        {
            throw new IllegalStateException("IVR flows need anchored media (media.anchor)");
        }
        this.flows = flowCalls;
        listen(flowCalls);
    }

    /** Connects transfers and agents' own calls (before any message arrives); they need anchored media. */
    public void transfers(final Transfers transfer)
    {
        if (media == null)
        {
            throw new IllegalStateException("transfers need anchored media (media.anchor)");
        }
        this.transfers = transfer;
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
        this.events = callEvents;
    }

    @Override
    public CallEvents events()
    {
        return events;
    }

    /** Where finished calls' records go (before any message arrives). */
    public void records(final CallRecords callRecords)
    {
        this.records = callRecords;
    }

    /** Connects the lookup of other workers' dialogs (attended transfers), before any message arrives. */
    public void replacedDialogs(final ReplacedDialog.Lookup lookup)
    {
        this.replacedDialogs = lookup;
    }

    @Override
    public ReplacedDialog.Lookup replacedDialogs()
    {
        return replacedDialogs;
    }

    /**
     * The far end of one of this worker's confirmed dialogs, named by Replaces ids as the transferor's phone saw
     * them (its to-tag is normally our tag, but either tag may be ours); null if there is no such call.
     */
    public ReplacedDialog replaced(final String callId, final String toTag, final String fromTag)
    {
        Leg leg = dialogs.get(Dialog.key(callId, toTag));
        if (leg == null)
        {
            leg = dialogs.get(Dialog.key(callId, fromTag));
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
        final Call call = calls.get(id);
        if (call != null)
        {
            end(call, Response.REQUEST_TERMINATED, "replaced by an attended transfer");
        }
    }

    /** Calls the far end of a consultation call with an INVITE that replaces our dialog with it (RFC 3891). */
    @Override
    public Leg ringReplacing(final Call call, final ReplacedDialog replaced)
    {
        final Leg leg = fork(call, null, replaced.phone(), call.caller().party, replaced.party(), domain, false,
            replaced.replaces());
        if (leg != null)
        {
            leg.extension = locator.exists(replaced.party()) ? replaced.party() : null;
        }
        return leg;
    }

    /** The layer and its user refer to each other; the layer is set once, before any message arrives. */
    public void layer(final TransactionLayer layer)
    {
        this.layer = layer;
    }

    public int activeCalls()
    {
        return calls.size();
    }

    public int dialogCount()
    {
        return dialogs.size();
    }

    // ------------------------------------------------------------------------------------------------ requests

    @Override
    public void onRequest(final ServerTransaction transaction, final SIPRequest request)
    {
        final String toTag = request.getTo().getTag();
        if (toTag != null)
        {
            inDialog(transaction, request, toTag);
            return;
        }
        switch (request.getMethod())
        {
            case Request.INVITE -> newCall(transaction, request);
            case Request.REGISTER -> register(transaction, request);
            case Request.BYE, Request.UPDATE, Request.INFO, Request.PRACK, Request.REFER, Request.NOTIFY ->
                reply(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            case Request.OPTIONS -> reply(transaction, Response.OK, null);
            default -> reply(transaction, Response.METHOD_NOT_ALLOWED, null);
        }
    }

    private void register(final ServerTransaction transaction, final SIPRequest request)
    {
        final Authorizer.Outcome outcome = authorizer.authorize(request, transaction.flow(), false);
        if (!outcome.accepted())
        {
            transaction.respond(outcome.reply());
            return;
        }
        transaction.respond(registrar.register(request, outcome.user(), transaction.flow()));
    }

    private void newCall(final ServerTransaction transaction, final SIPRequest invite)
    {
        final Authorizer.Outcome outcome = authorizer.authorize(invite, transaction.flow(), true);
        if (!outcome.accepted())
        {
            transaction.respond(outcome.reply());
            return;
        }
        final SIPResponse tooSmall = timers.tooSmall(invite);
        if (tooSmall != null)
        {
            transaction.respond(tooSmall);
            return;
        }
        transaction.respond(Responses.withToTag(invite, Response.TRYING, null, null));
        final URI requestUri = invite.getRequestURI();
        final String extension = requestUri instanceof SipURI sip ? sip.getUser() : null;
        final io.switchboard.ivr.flow.Flow flow = flows != null ? flows.flowFor(extension) : null;
        final int group = flow == null && queues != null ? queues.groupFor(extension) : -1;
        List<Locator.Contact> contacts = List.of();
        io.switchboard.core.trunk.Route route = null;
        if (group < 0 && flow == null && extension != null && !locator.exists(extension) && outbound != null
            && outcome.user() != null)
        {
            // Only an authenticated extension calls out: a trunk's or a stranger's call never reaches a trunk.
            final io.switchboard.core.trunk.RouteResult result = outbound.route(extension, outcome.user());
            if (result instanceof io.switchboard.core.trunk.RouteRefusal refusal)
            {
                reply(transaction, refusal.status(), null);
                return;
            }
            route = result == null ? null : (io.switchboard.core.trunk.Route)result;
        }
        if (group < 0 && flow == null && route == null)
        {
            if (extension == null || !locator.exists(extension))
            {
                reply(transaction, Response.NOT_FOUND, null);
                return;
            }
            contacts = locator.contactsOf(extension);
            if (contacts.isEmpty())
            {
                reply(transaction, Response.TEMPORARILY_UNAVAILABLE, null);
                return;
            }
        }
        final String callerUser = outcome.user() != null ? outcome.user() : userOf(invite.getFrom().getAddress());
        final Call call = startCall(transaction, invite, callerUser, extension);
        if (call == null)
        {
            return;
        }
        call.caller().extension = outcome.user();
        if (route != null)
        {
            call.type = "outbound";
        }
        else if (outcome.user() != null && group < 0 && flow == null)
        {
            call.type = "internal";
        }
        if (flow != null)
        {
            flows.start(call, flow);
            return;
        }
        if (route != null)
        {
            outbound.start(call, route);
            return;
        }
        if (group >= 0)
        {
            queues.queue(call, group);
            return;
        }
        for (final Locator.Contact contact : contacts)
        {
            fork(call, invite, contact, callerUser, extension, false);
        }
        LOG.debug("{} forked to {} contacts", call, contacts.size());
    }

    /** The call and its caller leg, with media opened; null (the caller answered) if media refuses it. */
    private Call startCall(final ServerTransaction transaction, final SIPRequest invite, final String callerUser,
        final String to)
    {
        final Call call = new Call(stats.nextCallId(), callerUser, to, scheduler.nanoTime(), stats);
        call.callerDisplay = invite.getFrom().getAddress().getDisplayName();
        call.hops = invite.getMaxForwards() != null ? Math.max(invite.getMaxForwards().getMaxForwards() - 1, 0) : 69;
        final Leg caller = new Leg(call, Leg.Side.CALLER, transaction.flow().asTarget());
        caller.inviteServer = transaction;
        caller.party = callerUser;
        caller.dialog(Dialog.asUas(invite, Identifiers.tag()));
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
        dialogs.put(caller.dialog().key(), caller);
        calls.put(call.id(), call);
        stats.callStarted();
        return call;
    }

    // ------------------------------------------------------------------------------- for queued calls (ACD)

    /** Answers the caller ourselves (a queue answers at once, then plays music until an agent takes the call). */
    @Override
    public void answerCaller(final Call call)
    {
        final Leg caller = call.caller();
        final SIPResponse ok = Responses.withToTag(caller.inviteServer.request(), Response.OK, null,
            caller.dialog().localTag());
        ok.setHeader(Messages.contact(call.to(), sender.localAddressFor(caller.target()), caller.target().transport()));
        Messages.setSdp(ok, media.callerBody(call));
        timers.answering(caller, caller.inviteServer.request(), ok);
        caller.inviteServer.respond(ok);
        caller.dialog().confirmed(true);
        caller.transition(LegState.CONFIRMED, "we answered");
        call.transition(CallState.ANSWERED, "we answered the caller", scheduler.nanoTime());
    }

    /** Rings one phone of an agent for a queued call; the fork's leg is returned, null if none could be sent. */
    @Override
    public Leg ringAgent(final Call call, final Locator.Contact contact, final String extension, final int agentId,
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
    @Override
    public Leg ringTrunk(final Call call, final Locator.Contact carrier, final String number, final String host,
        final String callerId)
    {
        return fork(call, null, carrier, callerId, number, host, false, null);
    }

    /**
     * Sends a leg's INVITE again with credentials (a carrier's challenge) or a larger Session-Expires (a 422): next
     * CSeq, same dialog, a new branch; the header replaces the one of its name.
     */
    @Override
    public void resendInvite(final Leg leg, final javax.sip.header.Header... replacing)
    {
        final SIPRequest again = (SIPRequest)leg.invite.clone();
        again.removeHeader(javax.sip.header.ViaHeader.NAME);
        again.removeHeader(javax.sip.header.AuthorizationHeader.NAME);
        again.removeHeader(javax.sip.header.ProxyAuthorizationHeader.NAME);
        try
        {
            again.getCSeq().setSeqNumber(leg.invite.getCSeq().getSeqNumber() + 1);
        }
        catch (final javax.sip.InvalidArgumentException ex)
        {
            throw new IllegalStateException(ex);
        }
        for (final javax.sip.header.Header header : replacing)
        {
            again.setHeader(header);
        }
        Vias.push(again, sender.localAddressFor(leg.target()), leg.target().transport(), TransactionLayer.newBranch());
        leg.invite = again;
        leg.inviteClient = layer.sendRequest(again, leg.target());
        leg.inviteClient.userData(leg);
    }

    @Override
    public void cancelFork(final Leg fork)
    {
        if (fork.isPending() && call(fork) != null)
        {
            fork.transition(LegState.CANCELLING, "withdrawn");
            layer.cancel(fork.inviteClient);
        }
    }

    @Override
    public void endCall(final Call call, final int status, final String reason)
    {
        end(call, status, reason);
    }

    @Override
    public Call call(final long id)
    {
        return calls.get(id);
    }

    /**
     * The calls this worker has and the agents that take part in them (a leg of theirs rings, talks or is set aside
     * but not yet hung up), for the ACD's reconciliation ({@code AgentReconciler}). Runs on this worker's loop.
     */
    public LiveCalls liveCallsAndAgents()
    {
        final java.util.Set<Long> ids = new java.util.HashSet<>();
        final java.util.Set<Integer> agents = new java.util.HashSet<>();
        for (final Call call : calls.values())
        {
            ids.add(call.id());
            takingPart(call.caller(), agents);
            takingPart(call.answered(), agents);
            call.forks().forEach(leg -> takingPart(leg, agents));
            call.setAside.forEach(leg -> takingPart(leg, agents));
        }
        return new LiveCalls(ids, agents);
    }

    private static void takingPart(final Leg leg, final java.util.Set<Integer> agents)
    {
        if (leg != null && leg.agentId >= 0 && !leg.isOver() && !leg.withdrawn())
        {
            agents.add(leg.agentId);
        }
    }

    /** The worker's calls, for the checks that run over all of them; not to be changed while iterated. */
    java.util.Collection<Call> liveCalls()
    {
        return calls.values();
    }

    private Call call(final Leg leg)
    {
        return calls.get(leg.call().id());
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

    /** Sends the INVITE of one callee fork: a new dialog with its own Call-ID, tags and CSeq space. */
    private Leg fork(final Call call, final SIPRequest original, final Locator.Contact contact,
        final String callerUser, final String extension, final boolean autoAnswer)
    {
        return fork(call, original, contact, callerUser, extension, domain, autoAnswer, null);
    }

    /** A fork whose To is {@code extension@toHost} (a trunk's number at the carrier, or ours at our domain). */
    private Leg fork(final Call call, final SIPRequest original, final Locator.Contact contact,
        final String callerUser, final String extension, final String toHost, final boolean autoAnswer,
        final String replaces)
    {
        final Leg leg = new Leg(call, Leg.Side.CALLEE, contact.target());
        leg.party = extension;
        if (domain.equals(toHost))
        {
            leg.extension = extension;
        }
        try
        {
            final Address fromAddress = SipFactories.ADDRESSES.createAddress(
                SipFactories.ADDRESSES.createSipURI(callerUser, domain));
            if (call.callerDisplay != null)
            {
                fromAddress.setDisplayName(call.callerDisplay);
            }
            final Address toAddress = SipFactories.ADDRESSES.createAddress(
                SipFactories.ADDRESSES.createSipURI(extension, toHost));
            final CallIdHeader callId = SipFactories.HEADERS.createCallIdHeader(Identifiers.callId(worker));
            final CSeqHeader cseq = SipFactories.HEADERS.createCSeqHeader(1L, Request.INVITE);
            final FromHeader from = SipFactories.HEADERS.createFromHeader(fromAddress, Identifiers.tag());
            final ToHeader to = SipFactories.HEADERS.createToHeader(toAddress, null);
            final MaxForwardsHeader maxForwards = SipFactories.HEADERS.createMaxForwardsHeader(call.hops);
            final SIPRequest invite = (SIPRequest)SipFactories.MESSAGES.createRequest((URI)contact.uri().clone(),
                Request.INVITE, callId, cseq, from, to, new ArrayList<>(), maxForwards);
            send(leg, invite, callerUser);
            timers.offering(invite);
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
                Messages.setSdp(invite, media.calleeOffer(call, leg).body());
            }
            else
            {
                Messages.copyBody(original, invite);
            }
            leg.invite = invite;
            call.forks().add(leg);
            leg.inviteClient = layer.sendRequest(invite, leg.target());
            leg.inviteClient.userData(leg);
            return leg;
        }
        catch (final ParseException | javax.sip.InvalidArgumentException ex)
        {
            LOG.warn("{}: cannot build INVITE to {}: {}", call, contact.uri(), ex.getMessage());
            return null;
        }
    }

    /** Adds our Via and Contact to a request about to go out on a leg. */
    private void send(final Leg leg, final SIPRequest request, final String contactUser)
    {
        final var local = sender.localAddressFor(leg.target());
        Vias.push(request, local, leg.target().transport(), TransactionLayer.newBranch());
        if (!Request.ACK.equals(request.getMethod()) && !Request.BYE.equals(request.getMethod()))
        {
            request.setHeader(Messages.contact(contactUser, local, leg.target().transport()));
        }
    }

    private void inDialog(final ServerTransaction transaction, final SIPRequest request, final String toTag)
    {
        final Leg leg = dialogs.get(Dialog.key(request.getCallId().getCallId(), toTag));
        if (leg == null)
        {
            reply(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            return;
        }
        if (!leg.dialog().acceptRemoteSeq(request))
        {
            reply(transaction, Response.SERVER_INTERNAL_ERROR, "CSeq out of order");
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
                reply(transaction, Response.OK, null);
                leg.transition(LegState.ENDED, "BYE received");
                end(call, Response.REQUEST_TERMINATED, leg == call.caller() ? "caller hung up" : "callee hung up");
            }
            case Request.OPTIONS -> reply(transaction, Response.OK, null);
            case Request.REFER -> refer(transaction, request, leg);
            case Request.SUBSCRIBE -> reply(transaction, Response.NOT_IMPLEMENTED, null);
            default -> {
                if (call.media == null || !answeredLocally(transaction, request, leg))
                {
                    relayRequest(transaction, request, leg);
                }
            }
        }
    }

    /** Relays an in-dialog request (re-INVITE, UPDATE, INFO, ...) to the peer leg as a new request of its dialog. */
    private void relayRequest(final ServerTransaction transaction, final SIPRequest request, final Leg leg)
    {
        final Leg peer = leg.peer();
        final boolean invite = Request.INVITE.equals(request.getMethod());
        if (peer == null || peer.dialog() == null || leg.call().isOver())
        {
            reply(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            return;
        }
        if (invite && (leg.call().state() != CallState.CONFIRMED || peer.reinviteInProgress || leg.reinviteInProgress))
        {
            // RFC 3261 §14.2: an INVITE while one is pending in either direction is glare.
            reply(transaction, Response.REQUEST_PENDING, null);
            return;
        }
        final SIPRequest copy = peer.dialog().createRequest(request.getMethod());
        send(peer, copy, "b2bua");
        Messages.copyBody(request, copy);
        final Relay relay = new Relay(transaction, leg, peer);
        transaction.userData(relay);
        if (invite)
        {
            leg.reinviteInProgress = true;
            peer.reinviteInProgress = true;
        }
        relay.client = layer.sendRequest(copy, peer.target());
        relay.client.userData(relay);
    }

    /**
     * Anchored media answers what a phone asks of its own leg: a re-INVITE or UPDATE (hold, resume, a new address,
     * a delayed offer) gets our answer or offer; DTMF sent as INFO is read here. False for what is still relayed.
     */
    private boolean answeredLocally(final ServerTransaction transaction, final SIPRequest request, final Leg leg)
    {
        final String method = request.getMethod();
        if (Request.INFO.equals(method))
        {
            return dtmfInfo(transaction, request, leg);
        }
        if (!Request.INVITE.equals(method) && !Request.UPDATE.equals(method))
        {
            return false;
        }
        final Call call = leg.call();
        if (Request.INVITE.equals(method) && (call.state() != CallState.CONFIRMED || leg.offered != null))
        {
            // RFC 3261 §14.2: an INVITE while the previous one is not finished is glare.
            reply(transaction, Response.REQUEST_PENDING, null);
            return true;
        }
        final SIPResponse tooSmall = timers.tooSmall(request);
        if (tooSmall != null)
        {
            transaction.respond(tooSmall);
            return true;
        }
        byte[] body = null;
        if (Messages.hasBody(request))
        {
            final CallMedia.Refusal refusal = media.answer(leg, request);
            if (refusal != null)
            {
                reply(transaction, refusal.status(), refusal.reason());
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
        final SIPResponse ok = Responses.withToTag(request, Response.OK, null, null);
        ok.setHeader(Messages.contact("b2bua", sender.localAddressFor(leg.target()), leg.target().transport()));
        if (body != null)
        {
            Messages.setSdp(ok, body);
        }
        timers.answering(leg, request, ok);
        transaction.userData(leg);
        transaction.respond(ok);
        return true;
    }

    /** DTMF by SIP INFO (application/dtmf-relay or application/dtmf); false for any other INFO, which is relayed. */
    private boolean dtmfInfo(final ServerTransaction transaction, final SIPRequest request, final Leg leg)
    {
        final String type = Messages.contentType(request);
        if (!DtmfInfo.DTMF_RELAY.equals(type) && !"application/dtmf".equals(type))
        {
            return false;
        }
        final char digit = DtmfInfo.parse(type, request.getRawContent());
        if (digit == '\0')
        {
            reply(transaction, Response.BAD_REQUEST, "Bad DTMF");
            return true;
        }
        reply(transaction, Response.OK, null);
        digit(leg, digit, false);
        return true;
    }

    /** A key pressed on a leg's phone, read from its RTP (RFC 4733) by the media engine. */
    private void onDtmf(final Leg leg, final char digit)
    {
        digit(leg, digit, true);
    }

    /**
     * Records a key and passes it on to the other party: RFC 4733 events travel in the RTP relay by themselves when
     * both phones agreed on telephone-event; otherwise the key goes the way the other phone understands.
     */
    private void digit(final Leg from, final char digit, final boolean inRtp)
    {
        final Call call = from.call();
        call.digits.add((from.side() == Leg.Side.CALLER ? "caller:" : "callee:") + digit);
        if (call.flow != null && from.side() == Leg.Side.CALLER && call.flow.digit(digit))
        {
            // The caller talks to the IVR: its keys are the flow's, not the agent's.
            return;
        }
        final Leg to = from.peer();
        if (to == null || to.endpoint == null || call.isOver() || from.endpoint.muted())
        {
            return;
        }
        final boolean relayedInRtp = inRtp && to.endpoint.telephoneEvents() && call.media.bridged();
        if (!relayedInRtp)
        {
            sendDigits(to, String.valueOf(digit));
        }
    }

    /** Sends DTMF to a leg's phone: RFC 4733 events if it agreed to them, else one SIP INFO per key, in order. */
    private void sendDigits(final Leg leg, final CharSequence digits)
    {
        if (leg.endpoint.sendDtmf(digits))
        {
            return;
        }
        leg.infoDigits.append(digits);
        nextInfo(leg);
    }

    private void nextInfo(final Leg leg)
    {
        if (leg.infoInFlight || leg.infoDigits.length() == 0 || leg.isOver() || leg.dialog() == null)
        {
            return;
        }
        final char digit = leg.infoDigits.charAt(0);
        leg.infoDigits.deleteCharAt(0);
        final SIPRequest info = leg.dialog().createRequest(Request.INFO);
        send(leg, info, "b2bua");
        Messages.setBody(info, "application", "dtmf-relay", DtmfInfo.relayBody(digit, DTMF_INFO_MILLIS));
        leg.infoInFlight = true;
        layer.sendRequest(info, leg.target()).userData(new DtmfInfoSent(leg));
    }

    @Override
    public void onAck(final SIPRequest ack, final Flow flow)
    {
        final String toTag = ack.getTo().getTag();
        final Leg leg = toTag == null ? null : dialogs.get(Dialog.key(ack.getCallId().getCallId(), toTag));
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
            end(call, Response.NOT_ACCEPTABLE_HERE, "no answer to our offer");
            return;
        }
        if (call.media != null)
        {
            // An answer in the ACK may hold or resume (sendonly, inactive).
            call.holdMayHaveChanged(scheduler.nanoTime());
        }
        final Leg peer = leg.peer();
        if (peer != null && peer.pendingAckSeq >= 0)
        {
            // Delayed offer: the answer came in this ACK and goes on in the peer's ACK.
            final long seq = peer.pendingAckSeq;
            peer.pendingAckSeq = -1;
            sendAck(peer, seq, ack);
        }
    }

    @Override
    public void onCancel(final ServerTransaction invite, final SIPRequest cancel)
    {
        if (invite.userData() instanceof Leg leg && leg.side() == Leg.Side.CALLER)
        {
            end(leg.call(), Response.REQUEST_TERMINATED, "caller cancelled");
        }
        else if (invite.userData() instanceof Relay relay && relay.client != null)
        {
            layer.cancel(relay.client);
        }
    }

    // ------------------------------------------------------------------------------------------------ commands

    /** A snapshot of the calls of this worker, for the API. Runs on this worker's loop. */
    public List<Map<String, Object>> describeCalls()
    {
        final List<Map<String, Object>> list = new ArrayList<>(calls.size());
        for (final Call call : calls.values())
        {
            list.add(CallView.of(call));
        }
        return list;
    }

    /** One call, or null if this worker does not have it. */
    public Map<String, Object> describeCall(final long id)
    {
        final Call call = calls.get(id);
        return call == null ? null : CallView.of(call);
    }

    public boolean hasCall(final long id)
    {
        return calls.containsKey(id);
    }

    /**
     * Whether the extension's phone or the ACD agent takes part in the call: as its caller, a phone it rings or the
     * party that answered (a leg set aside by a transfer no longer does). By the legs' extensions, which are ours
     * (an authenticated caller, a phone of the tenant), never by a party's number, which an outside caller chooses.
     * False if this worker does not have the call.
     */
    public boolean involves(final long id, final String extension, final int agentId)
    {
        final Call call = calls.get(id);
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

    private static boolean takesPart(final Leg leg, final String extension, final int agentId)
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
        sendDigits(leg, digits.toUpperCase());
    }

    /** Hangs a call up from the API (an agent's "hang up"): BYE to the answered parties, CANCEL to ringing ones. */
    public void hangUp(final long id)
    {
        final Call call = calls.get(id);
        if (call == null)
        {
            throw new CallCommandException(CallCommandException.Reason.UNKNOWN_CALL, "no call " + id);
        }
        end(call, Response.TEMPORARILY_UNAVAILABLE, "hung up from the API");
    }

    /**
     * Answers an offered call from the workbench: the agent's ringing phones are rung again at once with the
     * auto-answer headers phones honour (intercom: Call-Info answer-after=0, Alert-Info), so that the phone picks up
     * by itself; the first ring is cancelled. The ring timeout keeps running.
     */
    public void answerOnPhone(final long id, final int agentId)
    {
        final Call call = calls.get(id);
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
            cancelFork(fork);
            final Leg again = fork(call, null, new Locator.Contact(fork.invite.getRequestURI(), fork.target()),
                fork.invite.getFrom().getAddress().getURI() instanceof SipURI sip ? sip.getUser() : call.from(),
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
        if (transfers == null || call.answered() == null)
        {
            throw new CallCommandException(CallCommandException.Reason.WRONG_STATE,
                transfers == null ? "transfers need anchored media" : "call " + id + " has no agent to release");
        }
        final Leg agent = legName != null ? activeLeg(id, legName) : agentSide(call);
        if (call.transfer != null || call.flow != null && !call.flow.run().done())
        {
            throw new CallCommandException(CallCommandException.Reason.WRONG_STATE, call.transfer != null
                ? "a transfer is already in progress" : "the caller is in a flow");
        }
        final io.switchboard.core.trunk.Route route = transfers.check(target, agent.extension);
        final int agentId = transfers.agentOf(agent);
        final int group = call.queueGroup >= 0 ? call.queueGroup
            : call.lastGroup >= 0 ? call.lastGroup : transfers.groupOf(agentId);
        final Transfer transfer = new Transfer(target, agent, false, agent.extension, agentId, group);
        setAside(call, agent);
        hangUp(agent);
        call.transfers.add(target.label());
        transfers.start(call, transfer, route, media.engine().holdMusic());
    }

    /** The leg an agent has in a call: the callee's, unless the agent called out (its phone is the caller). */
    private static Leg agentSide(final Call call)
    {
        final Leg caller = call.caller();
        return caller.agentId >= 0 && call.answered().agentId < 0 ? caller : call.answered();
    }

    /**
     * Takes a leg out of the call for a transfer: the ACD releases its agent (wrap-up), its peer becomes the
     * call's caller (the party that stays), the bridge opens, and every callee fork so far is set aside; the leg
     * itself is kept (detached) until it hangs up or is hung up.
     */
    private void setAside(final Call call, final Leg leg)
    {
        final Leg remaining = leg.peer();
        if (call.queueGroup >= 0)
        {
            queues.ended(call);
            call.queueGroup = -1;
        }
        transfers.directEnded(leg);
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
            events.ended(leg.agentId, call);
        }
        leg.transition(LegState.SET_ASIDE, "transfer");
        call.setAside.add(leg);
        setAsideForks(call);
        call.calleeOffer = null;
        call.calleeSdp = null;
        call.selfAnswered = true;
        call.media.unbridge();
    }

    /** The forks rung so far leave the fork list (a new target's forks start afresh); they are cleaned up at end. */
    @Override
    public void setAsideForks(final Call call)
    {
        call.setAside.addAll(call.forks());
        call.forks().clear();
    }

    /** A failed REFER transfer: the transferor's phone, still on the line, has the caller back. */
    @Override
    public void reconnect(final Call call, final Leg transferor)
    {
        call.setAside.remove(transferor);
        // Among the call's legs again, as an answered callee is: the end forgets its dialog and ends its direct call.
        call.forks().add(transferor);
        transferor.transition(LegState.CONFIRMED, "the transfer failed: the call is back");
        call.answered(transferor);
        transfers.directAnswered(transferor);
        call.caller().endpoint.stopPlaying();
        call.media.bridge();
    }

    /** A callee answered the caller we already answered (a transfer's target, the number an agent dialled). */
    private void connect(final Call call, final Leg leg)
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
        transfers.directAnswered(leg);
        if (leg.agentId >= 0)
        {
            events.connected(leg.agentId, call);
        }
        transfers.succeeded(call);
    }

    /** Early media (RFC 3960) from the number an agent dialled: the agent hears the carrier's tones through us. */
    private void earlyMediaToCaller(final Call call, final Leg leg, final SIPResponse response)
    {
        if (call.transfer != null && call.transfer.isDial() && Messages.hasBody(response)
            && media.calleeAnswered(call, leg, response))
        {
            call.caller().endpoint.stopPlaying();
            call.media.bridge();
        }
    }

    /**
     * Requests on a leg set aside by a transfer: its phone may still hang up (BYE), hold or resume while the
     * target rings (answered from its own endpoint while it still has one), or ask anything harmless.
     */
    private void setAsideRequest(final ServerTransaction transaction, final SIPRequest request, final Leg leg)
    {
        switch (request.getMethod())
        {
            case Request.BYE -> {
                reply(transaction, Response.OK, null);
                leg.transition(LegState.ENDED, "BYE received while set aside");
                dialogs.remove(leg.dialog().key());
            }
            case Request.INVITE, Request.UPDATE -> {
                if (leg.endpoint == null || leg.endpoint.attachment() != leg || !answeredLocally(transaction, request,
                    leg))
                {
                    reply(transaction, Response.NOT_ACCEPTABLE_HERE, "Transferred");
                }
            }
            case Request.REFER -> reply(transaction, Response.REQUEST_PENDING, null);
            default -> reply(transaction, Response.OK, null);
        }
    }

    // ------------------------------------------------------------------------------------ REFER (RFC 3515)

    /**
     * A phone transfers its call: the Refer-To names an extension, an agent's phone, a queue number or an outside
     * number (routed with the phone's own permissions). The REFER is accepted (202), the phone's leg is set aside
     * and told of progress by NOTIFY (message/sipfrag), the other party hears music while the target rings. An
     * attended transfer (Refer-To with Replaces, RFC 3891) is accepted the same way: the target is the phone at the far
     * end of the consultation call (see {@link #replaced}).
     */
    private void refer(final ServerTransaction transaction, final SIPRequest refer, final Leg leg)
    {
        final Call call = leg.call();
        if (transfers == null)
        {
            reply(transaction, Response.NOT_IMPLEMENTED, "No Transfers Without Media");
            return;
        }
        if (call.state() != CallState.CONFIRMED || call.transfer != null || leg.peer() == null
            || call.flow != null && !call.flow.run().done())
        {
            reply(transaction, Response.REQUEST_PENDING, null);
            return;
        }
        if (leg.extension == null)
        {
            // Only our own phones transfer: a carrier's caller never gets to send anybody anywhere.
            reply(transaction, Response.FORBIDDEN, "Only Extensions Transfer");
            return;
        }
        final ReferTo referTo = ReferTo.of(refer);
        if (referTo == null)
        {
            reply(transaction, Response.BAD_REQUEST, "Bad Refer-To");
            return;
        }
        final boolean attended = referTo.replaces() != null;
        if (attended && replacedDialogs == null)
        {
            reply(transaction, Response.NOT_IMPLEMENTED, "No Attended Transfer");
            return;
        }
        if (attended && ReplacedDialog.parse(referTo.replaces()) == null)
        {
            reply(transaction, Response.BAD_REQUEST, "Bad Replaces");
            return;
        }
        final TransferTarget target = attended ? TransferTarget.replaces(referTo.user(), referTo.replaces())
            : transfers.resolve(referTo.user());
        final io.switchboard.core.trunk.Route route;
        try
        {
            route = transfers.check(target, leg.extension);
        }
        catch (final CallCommandException ex)
        {
            reply(transaction, ex.reason() == CallCommandException.Reason.FORBIDDEN ? Response.FORBIDDEN
                : ex.reason() == CallCommandException.Reason.NOT_FOUND ? Response.NOT_FOUND
                : Response.SERVICE_UNAVAILABLE, ex.getMessage());
            return;
        }
        final int agentId = transfers.agentOf(leg);
        final int group = call.queueGroup >= 0 ? call.queueGroup
            : call.lastGroup >= 0 ? call.lastGroup : transfers.groupOf(agentId);
        final Transfer transfer = new Transfer(target, leg, true, null, agentId, group);
        transfer.referSeq = refer.getCSeq().getSeqNumber();
        transfer.notify = !referTo.noSubscription();
        final SIPResponse accepted = Responses.withToTag(refer, Response.ACCEPTED, null, null);
        accepted.setHeader(Messages.contact("b2bua", sender.localAddressFor(leg.target()), leg.target().transport()));
        if (!transfer.notify)
        {
            accepted.addHeader(ReferTo.header("Refer-Sub", "false"));
        }
        transaction.respond(accepted);
        leg.agentId = agentId;
        setAside(call, leg);
        call.transfers.add(target.label());
        notifyRefer(leg, transfer, Response.TRYING, "Trying", false);
        transfers.start(call, transfer, route, media.engine().holdMusic());
    }

    /** The REFER's outcome to the transferor (final NOTIFY); after a success its phone should hang up. */
    @Override
    public void referDone(final Call call, final Transfer transfer, final int status, final String reason)
    {
        final Leg transferor = transfer.transferor;
        notifyRefer(transferor, transfer, status, reason, true);
        if (status / 100 == 2)
        {
            // RFC 5589 §6: the transferor hangs up after a successful transfer; a phone that does not is hung up.
            scheduler.schedule(() -> hangUp(transferor), 32, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** A NOTIFY of the implicit "refer" subscription (RFC 3515 §2.4.5) with the progress as a sipfrag. */
    private void notifyRefer(final Leg leg, final Transfer transfer, final int status, final String reason,
        final boolean last)
    {
        if (!transfer.notify || leg.isOver() || leg.dialog() == null)
        {
            return;
        }
        final SIPRequest notify = leg.dialog().createRequest(Request.NOTIFY);
        send(leg, notify, "b2bua");
        notify.addHeader(ReferTo.header("Event", "refer;id=" + transfer.referSeq));
        notify.addHeader(ReferTo.header("Subscription-State", last ? "terminated;reason=noresource"
            : "active;expires=60"));
        Messages.setBody(notify, "message", "sipfrag;version=2.0",
            ("SIP/2.0 " + status + " " + reason + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        layer.sendRequest(notify, leg.target()).userData(NOTIFY_SENT);
    }

    /** The user data of our NOTIFYs: their answers need nothing. */
    private static final Object NOTIFY_SENT = new Object();

    // ------------------------------------------------------------------------ agents' own calls (click-to-dial)

    /**
     * An agent's own call (click-to-dial, internal call): every registered phone of the agent rings first (with
     * the ring timeout); when one answers, it is the call's caller and hears ringback while the target is called
     * (an outside number through the trunks, another agent, a phone). The ACD has the agent on call from the answer
     * and in wrap-up after. Returns the call's id.
     */
    public long dial(final String extension, final int agentId, final boolean autoAnswer, final TransferTarget target,
        final long ringTimeoutMillis)
    {
        if (transfers == null)
        {
            throw new CallCommandException(CallCommandException.Reason.WRONG_STATE, "calls need anchored media");
        }
        final List<Locator.Contact> contacts = locator.contactsOf(extension);
        if (contacts.isEmpty())
        {
            throw new CallCommandException(CallCommandException.Reason.WRONG_STATE,
                "the phone of extension " + extension + " is not registered");
        }
        final io.switchboard.core.trunk.Route route = transfers.check(target, extension);
        final Call call = new Call(stats.nextCallId(), extension, target.kind() == TransferTarget.Kind.NUMBER
            ? target.number() : target.extension() != null ? target.extension() : target.label(), scheduler.nanoTime(),
            stats);
        call.type = target.kind() == TransferTarget.Kind.NUMBER ? "outbound" : "internal";
        if (media.open(call) != null)
        {
            throw new CallCommandException(CallCommandException.Reason.WRONG_STATE, "no free media port");
        }
        call.transfer = Transfer.dial(target);
        call.dialRoute = route;
        calls.put(call.id(), call);
        stats.callStarted();
        for (final Locator.Contact contact : contacts)
        {
            // The agent's phone shows whom it is about to call.
            final Leg leg = fork(call, null, contact, call.to(), extension, autoAnswer);
            if (leg != null)
            {
                leg.agentId = agentId;
            }
        }
        if (call.forks().isEmpty())
        {
            end(call, Response.SERVICE_UNAVAILABLE, "agent's phone unreachable");
            throw new CallCommandException(CallCommandException.Reason.WRONG_STATE, "the agent's phone is unreachable");
        }
        scheduler.schedule(() ->
        {
            if (call.caller() == null && !call.isOver())
            {
                end(call, Response.REQUEST_TERMINATED, "the agent did not answer");
            }
        }, ringTimeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        return call.id();
    }

    /** The agent's phone answered its own call: it becomes the caller, hears ringback, and the target is called. */
    private void agentPhoneAnswered(final Call call, final Leg leg)
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
        transfers.directAnswered(leg);
        final Transfer dial = call.transfer;
        call.transfer = null;
        transfers.start(call, dial, call.dialRoute, RINGBACK);
    }

    private static final io.switchboard.media.audio.AudioClip RINGBACK = io.switchboard.media.audio.Tones.ringback();

    /** Rings one phone for a transfer or an agent's own call, showing the remaining party as the caller. */
    @Override
    public Leg ringPhone(final Call call, final Locator.Contact contact, final String extension, final int agentId)
    {
        final Leg leg = fork(call, null, contact, call.caller().party, extension, false);
        if (leg != null)
        {
            leg.agentId = agentId;
        }
        return leg;
    }

    /** Starts a self-service flow for the caller of an answered call (see {@link FlowCalls#selfService}). */
    public void selfService(final long id, final io.switchboard.ivr.flow.Flow flow)
    {
        final Leg caller = activeLeg(id, "caller");
        if (flows == null || caller.call().answered() == null || !caller.call().media.bridged()
            && caller.call().flow == null)
        {
            throw new CallCommandException(CallCommandException.Reason.WRONG_STATE,
                "call " + id + " is not connected to an agent");
        }
        flows.selfService(caller.call(), flow);
    }

    /** The leg on {@code side} of an answered call with anchored media, or the reason there is none. */
    private Leg activeLeg(final long id, final String side)
    {
        final Call call = calls.get(id);
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

    // ----------------------------------------------------------------------------------------------- responses

    @Override
    public void onResponse(final ClientTransaction transaction, final SIPResponse response)
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
            retransmittedOk(response);
            return;
        }
        final Object data = transaction.userData();
        if (data instanceof Leg leg && leg.side() == Leg.Side.CALLEE
            && Request.INVITE.equals(response.getCSeq().getMethod()))
        {
            forkResponse(leg, response);
        }
        else if (data instanceof Relay relay)
        {
            relayResponse(relay, response);
        }
        else if (data instanceof SessionTimers.Refresh refresh)
        {
            timers.refreshAnswered(refresh, response);
        }
        else if (data instanceof DtmfInfoSent sent && response.getStatusCode() >= 200)
        {
            sent.leg().infoInFlight = false;
            nextInfo(sent.leg());
        }
    }

    /** An INFO with one DTMF key that we sent; the next key goes when it is answered. */
    private record DtmfInfoSent(Leg leg)
    {
    }

    /** A 2xx that matched no transaction any more: re-send the ACK we sent for it, if we know the dialog. */
    private void retransmittedOk(final SIPResponse response)
    {
        if (response.getStatusCode() / 100 != 2 || !Request.INVITE.equals(response.getCSeq().getMethod()))
        {
            return;
        }
        final Leg leg = dialogs.get(Dialog.key(response.getCallId().getCallId(), response.getFrom().getTag()));
        if (leg == null)
        {
            return;
        }
        final String toTag = response.getTo().getTag();
        if (leg.dialog() != null && toTag != null && !toTag.equals(leg.dialog().remoteTag()))
        {
            endExtraDialog(leg, response);
        }
        else if (leg.lastAck != null)
        {
            layer.sendStateless(leg.lastAck, leg.target());
        }
    }

    /**
     * A 2xx from a second dialog on one callee leg (a proxy behind the phone forked our INVITE): it is acknowledged
     * and hung up at once (RFC 3261 §13.2.2.4), since the call already has its callee.
     */
    private void endExtraDialog(final Leg leg, final SIPResponse response)
    {
        final Dialog extra = Dialog.asUac(leg.invite, response);
        final SIPRequest ack = extra.createAck(response.getCSeq().getSeqNumber());
        send(leg, ack, "b2bua");
        layer.sendStateless(ack, leg.target());
        if (!response.getTo().getTag().equals(leg.lastExtraTag))
        {
            leg.lastExtraTag = response.getTo().getTag();
            final SIPRequest bye = extra.createRequest(Request.BYE);
            send(leg, bye, "b2bua");
            layer.sendRequest(bye, leg.target());
        }
    }

    private void forkResponse(final Leg leg, final SIPResponse response)
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
            retransmittedOk(response);
            return;
        }
        if ((status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED)
            && call.route != null && !leg.withdrawn() && outbound.challenged(call, leg, response))
        {
            return;
        }
        if (status == SessionTimers.INTERVAL_TOO_SMALL && !leg.withdrawn() && call.answered() == null)
        {
            final javax.sip.header.Header[] larger = timers.largerInterval(leg.invite, response);
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

    private void forkProvisional(final Leg leg, final SIPResponse response)
    {
        final Call call = leg.call();
        if (call.state() != CallState.ROUTING && call.state() != CallState.EARLY && call.queueGroup < 0
            && !call.selfAnswered)
        {
            return;
        }
        if (leg.dialog() == null && response.getTo().getTag() != null)
        {
            leg.dialog(Dialog.asUac(leg.invite, response));
            dialogs.put(leg.dialog().key(), leg);
        }
        if (leg.isPending() && response.getTo().getTag() != null)
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
        final SIPResponse relayed = Responses.withToTag(caller.inviteServer.request(), response.getStatusCode(),
            response.getReasonPhrase(), caller.dialog().localTag());
        relayed.setHeader(Messages.contact(call.to(), sender.localAddressFor(caller.target()),
            caller.target().transport()));
        if (call.media == null)
        {
            Messages.copyBody(response, relayed);
        }
        else if (Messages.hasBody(response) && media.calleeAnswered(call, leg, response) && caller.answer != null)
        {
            // Early media (RFC 3960): the caller hears the callee's ringback or announcement through us.
            call.media.bridge();
            Messages.setSdp(relayed, caller.answer);
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

    private void forkAnswered(final Leg leg, final SIPResponse response)
    {
        final Call call = leg.call();
        if (leg.dialog() == null || !response.getTo().getTag().equals(leg.dialog().remoteTag()))
        {
            if (leg.dialog() != null)
            {
                dialogs.remove(leg.dialog().key());
            }
            leg.dialog(Dialog.asUac(leg.invite, response));
            dialogs.put(leg.dialog().key(), leg);
        }
        else
        {
            leg.dialog().confirm(response);
        }
        if (call.answered() == leg)
        {
            retransmittedOk(response);
            return;
        }
        if (leg.state() != LegState.CONFIRMED)
        {
            leg.transition(LegState.CONFIRMED, response.getStatusCode() + " to our INVITE");
        }
        final long seq = response.getCSeq().getSeqNumber();
        if (call.answered() != null || leg.withdrawn() || call.isOver())
        {
            // A second fork answered, the caller already gave up, or we withdrew this fork (a queued call's offer
            // that rang out: its answer crossed our CANCEL, and the ACD has moved on): acknowledge and hang up.
            sendAck(leg, seq, null);
            hangUp(leg);
            return;
        }
        if (call.media != null && !media.calleeAnswered(call, leg, response))
        {
            LOG.debug("{}: {} answered without a usable answer to our offer", call, leg);
            sendAck(leg, seq, null);
            hangUp(leg);
            forkFailed(leg, Response.NOT_ACCEPTABLE_HERE, "Not Acceptable Here");
            return;
        }
        timers.answered(leg, response);
        if (call.caller() == null)
        {
            sendAck(leg, seq, null);
            agentPhoneAnswered(call, leg);
            return;
        }
        if (call.queueGroup >= 0)
        {
            queues.agentAnswered(call, leg);
            sendAck(leg, seq, null);
            return;
        }
        if (call.selfAnswered)
        {
            sendAck(leg, seq, null);
            connect(call, leg);
            return;
        }
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
        if (call.media != null || Messages.hasBody(caller.inviteServer.request()))
        {
            // Anchored, the callee's ACK never waits for the caller: each leg has its own offer/answer with us.
            sendAck(leg, seq, null);
        }
        else
        {
            leg.pendingAckSeq = seq;
        }
        final SIPResponse ok = Responses.withToTag(caller.inviteServer.request(), Response.OK,
            response.getReasonPhrase(), caller.dialog().localTag());
        ok.setHeader(Messages.contact(call.to(), sender.localAddressFor(caller.target()), caller.target().transport()));
        if (call.media != null)
        {
            call.media.bridge();
            Messages.setSdp(ok, media.callerBody(call));
        }
        else
        {
            Messages.copyBody(response, ok);
        }
        timers.answering(caller, caller.inviteServer.request(), ok);
        caller.inviteServer.respond(ok);
        caller.dialog().confirmed(true);
        caller.transition(LegState.CONFIRMED, "the callee answered");
        stats.callAnswered();
    }

    private void forkFailed(final Leg leg, final int status, final String reason)
    {
        final Call call = leg.call();
        leg.transition(LegState.FAILED, status + " " + reason);
        if (call.queueGroup >= 0)
        {
            // An agent's phone that fails is the ACD's business (next agent); the caller stays in the queue.
            queues.agentFailed(call, leg);
            return;
        }
        if (call.route != null && !leg.withdrawn() && outbound.failedOver(call, status))
        {
            return;
        }
        if (!leg.withdrawn() && betterFailure(status, call.bestFailure))
        {
            call.bestFailure = status;
            call.bestFailureReason = reason;
        }
        if (call.selfAnswered)
        {
            if (call.answered() == null && call.transfer != null && call.allForksFailed() && !leg.withdrawn())
            {
                transfers.failed(call, status, reason);
            }
            return;
        }
        if (call.answered() == null && call.allForksFailed()
            && (call.state() == CallState.ROUTING || call.state() == CallState.EARLY))
        {
            final int best = call.bestFailure != 0 ? call.bestFailure : Response.TEMPORARILY_UNAVAILABLE;
            end(call, best, call.bestFailure != 0 ? call.bestFailureReason : null);
        }
    }

    /**
     * RFC 3261 §16.7 step 6: a 6xx beats everything; otherwise the lowest class wins, and within 4xx a definite
     * answer (486 Busy, 404...) beats 408 and 480, which only say nobody answered.
     */
    static boolean betterFailure(final int candidate, final int current)
    {
        if (current == 0)
        {
            return true;
        }
        if (candidate / 100 == 6 || current / 100 == 6)
        {
            return current / 100 != 6 && candidate / 100 == 6;
        }
        if (candidate / 100 != current / 100)
        {
            return candidate / 100 < current / 100;
        }
        return vague(current) && !vague(candidate);
    }

    private static boolean vague(final int status)
    {
        return status == Response.REQUEST_TIMEOUT || status == Response.TEMPORARILY_UNAVAILABLE
            || status == Response.SERVICE_UNAVAILABLE;
    }

    private void relayResponse(final Relay relay, final SIPResponse response)
    {
        final int status = response.getStatusCode();
        if (status == Response.TRYING || relay.server.isAnswered())
        {
            return;
        }
        final boolean invite = Request.INVITE.equals(response.getCSeq().getMethod());
        final SIPResponse relayed =
            Responses.withToTag(relay.server.request(), status, response.getReasonPhrase(), null);
        if (invite && status / 100 == 2 || Request.UPDATE.equals(response.getCSeq().getMethod()) && status / 100 == 2)
        {
            relayed.setHeader(Messages.contact("b2bua", sender.localAddressFor(relay.from.target()),
                relay.from.target().transport()));
            relay.to.dialog().refreshTarget(response);
        }
        Messages.copyBody(response, relayed);
        if (invite && status >= 200)
        {
            relay.from.reinviteInProgress = false;
            relay.to.reinviteInProgress = false;
            if (status < 300)
            {
                if (Messages.hasBody(relay.server.request()))
                {
                    sendAck(relay.to, response.getCSeq().getSeqNumber(), null);
                }
                else
                {
                    relay.to.pendingAckSeq = response.getCSeq().getSeqNumber();
                }
            }
        }
        relay.server.respond(relayed);
    }

    // ------------------------------------------------------------------------------------------ failures, timers

    @Override
    public void onTimeout(final ClientTransaction transaction)
    {
        if (TransactionLayerRegistrationSender.dispatchTimeout(transaction))
        {
            return;
        }
        failed(transaction, Response.REQUEST_TIMEOUT, "Request Timeout");
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
            failed(client, Response.SERVICE_UNAVAILABLE, "Transport Error");
        }
        else if (transaction.userData() instanceof Leg leg)
        {
            end(leg.call(), Response.SERVICE_UNAVAILABLE, "transport error towards caller");
        }
    }

    private void failed(final ClientTransaction transaction, final int status, final String reason)
    {
        final Object data = transaction.userData();
        if (data instanceof SessionTimers.Refresh refresh)
        {
            timers.refreshFailed(refresh.leg(), status);
            return;
        }
        if (data instanceof DtmfInfoSent sent)
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
                end(leg.call(), status, reason);
            }
            else
            {
                forkFailed(leg, status, reason);
            }
        }
        else if (data instanceof Relay relay)
        {
            // A relayed request that gets no answer means the peer is gone (RFC 5057 §5.1): end the call.
            if (!relay.server.isAnswered())
            {
                relay.server.respond(Responses.withToTag(relay.server.request(), status, reason, null));
            }
            relay.from.reinviteInProgress = false;
            relay.to.reinviteInProgress = false;
            relay.to.transition(LegState.ENDED, "no answer to a relayed request");
            end(relay.from.call(), status, reason);
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
            end(leg.call(), Response.REQUEST_TIMEOUT, "no ACK");
        }
    }

    // -------------------------------------------------------------------------------------------------- ending

    /**
     * Ends a call from whatever state it is in: the call enters ENDING, whose entry actions are the steps below
     * (an unanswered caller gets {@code status}, pending forks are cancelled, confirmed legs that did not hang up
     * themselves get a BYE, the call's features are told), then ENDED. Idempotent: a call already ending or ended
     * is left alone, also when a feature told of the end ends it again.
     */
    private void end(final Call call, final int status, final String reason)
    {
        if (call.isOver())
        {
            return;
        }
        final CallState before = call.transition(CallState.ENDING, reason, scheduler.nanoTime());
        refuseCaller(call, status, reason);
        for (final CallListener listener : listeners)
        {
            listener.ending(call);
        }
        releaseLegs(call);
        forgetDialogs(call);
        calls.remove(call.id());
        call.transition(CallState.ENDED, reason, scheduler.nanoTime());
        call.holdState(false, call.stateChangedNs());
        stats.callEnded(before);
        for (final CallListener listener : listeners)
        {
            listener.ended(call, before, status, reason);
        }
        // The record is written last, when every feature has done with the call.
        records.ended(call, before, status, reason);
    }

    /** A caller not answered yet gets the call's final status (no reason phrase of ours for a 487). */
    private void refuseCaller(final Call call, final int status, final String reason)
    {
        final Leg caller = call.caller();
        if (caller != null && caller.inviteServer != null && !caller.inviteServer.isAnswered())
        {
            caller.inviteServer.respond(Responses.withToTag(caller.inviteServer.request(), status,
                status == Response.REQUEST_TERMINATED ? null : reason, caller.dialog().localTag()));
            caller.transition(LegState.FAILED, status + " to the caller");
        }
    }

    /** Pending forks are cancelled, confirmed legs (the answered one, the caller, those set aside) hung up. */
    private void releaseLegs(final Call call)
    {
        for (final Leg fork : call.forks())
        {
            if (fork != call.answered() && fork.isPending())
            {
                fork.transition(LegState.CANCELLING, "the call ends");
                layer.cancel(fork.inviteClient);
                if (fork.agentId >= 0)
                {
                    events.withdrawn(fork.agentId, call);
                }
            }
        }
        final Leg caller = call.caller();
        if (call.answered() != null)
        {
            hangUp(call.answered());
            if (call.answered().agentId >= 0)
            {
                events.ended(call.answered().agentId, call);
            }
        }
        if (caller != null && caller.agentId >= 0)
        {
            events.ended(caller.agentId, call);
        }
        if (caller != null && (caller.inviteServer == null || caller.dialog().isConfirmed()))
        {
            hangUp(caller);
        }
        for (final Leg aside : call.setAside)
        {
            if (aside.isSetAside() && aside.dialog() != null && aside.dialog().isConfirmed())
            {
                hangUp(aside);
            }
        }
    }

    /** In-dialog requests for the call's legs find nothing any more; agents' direct calls on them are over. */
    private void forgetDialogs(final Call call)
    {
        for (final List<Leg> legs : List.of(call.forks(), call.setAside))
        {
            for (final Leg leg : legs)
            {
                if (leg.dialog() != null)
                {
                    dialogs.remove(leg.dialog().key());
                }
                released(leg);
            }
        }
        final Leg caller = call.caller();
        if (caller != null)
        {
            dialogs.remove(caller.dialog().key());
            released(caller);
        }
    }

    private void released(final Leg leg)
    {
        for (final CallListener listener : listeners)
        {
            listener.legReleased(leg);
        }
    }

    /** Sends BYE on a leg unless it already ended; the response needs no handling. */
    private void hangUp(final Leg leg)
    {
        if (leg.isOver() || leg.dialog() == null)
        {
            return;
        }
        leg.transition(LegState.ENDED, "we hang up");
        if (leg.pendingAckSeq >= 0)
        {
            // A 2xx we held the ACK back for must still be acknowledged before the BYE (RFC 3261 §15).
            sendAck(leg, leg.pendingAckSeq, null);
            leg.pendingAckSeq = -1;
        }
        final SIPRequest bye = leg.dialog().createRequest(Request.BYE);
        send(leg, bye, "b2bua");
        layer.sendRequest(bye, leg.target());
    }

    /** ACK for a 2xx on a callee or relayed leg, with the body of {@code bodyFrom} if given (delayed offer). */
    private void sendAck(final Leg leg, final long seq, final SIPRequest bodyFrom)
    {
        final SIPRequest ack = leg.dialog().createAck(seq);
        send(leg, ack, "b2bua");
        if (bodyFrom != null)
        {
            Messages.copyBody(bodyFrom, ack);
        }
        leg.lastAck = ack;
        layer.sendStateless(ack, leg.target());
    }

    private void reply(final ServerTransaction transaction, final int status, final String reason)
    {
        transaction.respond(Responses.withToTag(transaction.request(), status, reason, Identifiers.tag()));
    }

    private static String userOf(final Address address)
    {
        return address.getURI() instanceof SipURI sip && sip.getUser() != null ? sip.getUser() : "anonymous";
    }

    /** The session timers' view of this controller: sending, acknowledging and ending on this worker's loop. */
    private final class TimerDialogs implements SessionTimers.Dialogs
    {
        @Override
        public void sendInDialog(final Leg leg, final SIPRequest request, final SessionTimers.Refresh refresh)
        {
            send(leg, request, "b2bua");
            layer.sendRequest(request, leg.target()).userData(refresh);
        }

        @Override
        public void ack(final Leg leg, final long seq)
        {
            sendAck(leg, seq, null);
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
        public boolean takeAnswer(final Leg leg, final SIPResponse response)
        {
            return media == null || media.acknowledged(leg, response);
        }

        @Override
        public void end(final Call call, final int status, final String reason)
        {
            CallController.this.end(call, status, reason);
        }
    }
}

package io.switchboard.core.call;

import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.signalling.Locator;
import io.switchboard.core.trunk.Route;
import io.switchboard.core.trunk.RouteRefusal;
import io.switchboard.core.trunk.RouteResult;
import io.switchboard.media.audio.AudioClip;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.message.Response;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Blind transfers on one SIP worker, asked from the API or by a phone's REFER, and the second half of an agent's own
 * calls. The remaining party hears the hold music while the target rings; the target gets the ring timeout. A target
 * that fails (no answer in time, busy, unknown, unreachable) never leaves the caller in silence: a REFER's transferor
 * gets the caller back (its phone is still on the line); an API transfer rings the transferring agent again if its
 * phone is registered; failing that the caller waits in the skill group it came from; only a caller with no group
 * at all is hung up.
 */
public final class Transfers implements CallListener
{
    private static final Logger LOG = LoggerFactory.getLogger(Transfers.class);

    private final CallControl calls;
    private final QueuedCalls queues;
    /** Outside numbers through the trunks; null without a dial plan. */
    private final OutboundCalls outbound;
    private final AgentDirectory directory;
    private final AcdPort acd;
    private final Executor loop;
    /** The tenant's ring timeout as it is now (an administrator may change it). */
    private final java.util.function.LongSupplier ringTimeoutMillis;

    public Transfers(final CallControl calls, final QueuedCalls queues, final OutboundCalls outbound,
        final AgentDirectory directory, final AcdPort acd, final Executor loop,
        final java.util.function.LongSupplier ringTimeoutMillis)
    {
        this.calls = calls;
        this.queues = queues;
        this.outbound = outbound;
        this.directory = directory;
        this.acd = acd;
        this.loop = loop;
        this.ringTimeoutMillis = ringTimeoutMillis;
    }

    /** What a number dialled or referred to names: a queue, an agent's phone, a phone, or an outside number. */
    TransferTarget resolve(final String number)
    {
        if (queues != null && queues.groupFor(number) >= 0)
        {
            return TransferTarget.group(queues.groupFor(number));
        }
        final AgentDirectory.Agent agent = directory == null ? null : directory.agentByExtension(number);
        if (agent != null && acd != null)
        {
            return TransferTarget.agent(agent.id(), agent.extension());
        }
        if (calls.locator().exists(number))
        {
            return TransferTarget.extension(number);
        }
        return TransferTarget.number(number);
    }

    /** Refuses a target that cannot be reached before anything is released; an outside number needs a route. */
    Route check(final TransferTarget target, final String fromExtension)
    {
        switch (target.kind())
        {
            case GROUP, AGENT -> {
                if (queues == null || acd == null)
                {
                    throw new CallCommandException(CallCommandException.Reason.WRONG_STATE,
                        "there is no call center to transfer to");
                }
                return null;
            }
            case REPLACES -> {
                return null;
            }
            case EXTENSION -> {
                if (!calls.locator().exists(target.extension()))
                {
                    throw new CallCommandException(CallCommandException.Reason.NOT_FOUND,
                        "no extension " + target.extension());
                }
                return null;
            }
            default -> {
                final RouteResult routed = outbound == null ? null
                    : outbound.route(target.number(), fromExtension);
                final RouteResult result = routed == null ? new RouteRefusal(RouteRefusal.Reason.NO_ROUTE,
                    "no trunk") : routed;
                if (result instanceof RouteRefusal refusal)
                {
                    throw new CallCommandException(refusal.status() == Response.FORBIDDEN
                        ? CallCommandException.Reason.FORBIDDEN : CallCommandException.Reason.NOT_FOUND,
                        "cannot call " + target.number() + ": " + refusal.detail());
                }
                return (Route)result;
            }
        }
    }

    /**
     * Starts a transfer whose transferor is already released (API) or set aside (REFER): the remaining party is the
     * call's caller and hears the hold music. A transfer to a group is over as soon as the caller is queued.
     */
    void start(final Call call, final Transfer transfer, final Route route, final AudioClip meanwhile)
    {
        call.transfer = transfer;
        if (transfer.target.kind() != TransferTarget.Kind.NUMBER)
        {
            // Only an outside number fails over between trunks; an earlier route must not.
            call.route = null;
        }
        call.caller().endpoint.play(meanwhile, true);
        ring(call, transfer, route);
    }

    private void ring(final Call call, final Transfer transfer, final Route route)
    {
        final TransferTarget target = transfer.target;
        switch (target.kind())
        {
            case GROUP -> {
                succeeded(call);
                queues.transfer(call, target.group());
            }
            case AGENT -> acd.directOffer(target.agentId()).whenComplete((ok, refused) -> loop.execute(() ->
            {
                if (call.transfer != transfer || call.isOver())
                {
                    // The caller left (or the transfer was over) while the ACD decided: undo the offer.
                    if (refused == null)
                    {
                        acd.directEnded(target.agentId());
                    }
                    return;
                }
                if (refused != null)
                {
                    LOG.debug("{}: agent {} is not available: {}", call, target.agentId(), refused.getMessage());
                    failed(call, Response.BUSY_HERE, "Agent Busy");
                    return;
                }
                transfer.rungAgent = target.agentId();
                ringPhones(call, transfer, target.extension(), target.agentId());
            }));
            case EXTENSION -> ringPhones(call, transfer, target.extension(), -1);
            case REPLACES -> ringReplaced(call, transfer);
            case NUMBER -> {
                if (!outbound.startFor(call, route))
                {
                    failed(call, Response.SERVICE_UNAVAILABLE, "No Trunk");
                    return;
                }
                armTimer(call, transfer);
            }
        }
    }

    /**
     * An attended transfer: the consultation call is found on whichever worker owns it, and its far end is called
     * with Replaces; when it answers, the consultation call is ended (its phone should hang up the replaced dialog
     * itself, RFC 3891 §3; one that does not is hung up by us).
     */
    private void ringReplaced(final Call call, final Transfer transfer)
    {
        final String[] ids = ReplacedDialog.parse(transfer.target.number());
        calls.replacedDialogs().find(ids[0], ids[1], ids[2]).whenComplete((found, error) -> loop.execute(() ->
        {
            if (call.transfer != transfer || call.isOver())
            {
                return;
            }
            if (found == null || found.callId() == call.id())
            {
                failed(call, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "Call Does Not Exist");
                return;
            }
            transfer.replaced = found;
            if (calls.ringReplacing(call, found) == null)
            {
                failed(call, Response.SERVICE_UNAVAILABLE, "Unreachable");
                return;
            }
            armTimer(call, transfer);
        }));
    }

    /** Rings every registered phone of an extension; none registered fails the target at once (480). */
    private void ringPhones(final Call call, final Transfer transfer, final String extension, final int agentId)
    {
        final List<Locator.Contact> contacts = calls.locator().contactsOf(extension);
        int rung = 0;
        for (final Locator.Contact contact : contacts)
        {
            if (calls.ringPhone(call, contact, extension, agentId) != null)
            {
                rung++;
            }
        }
        if (rung == 0)
        {
            failed(call, Response.TEMPORARILY_UNAVAILABLE, "Not Registered");
            return;
        }
        if (agentId >= 0)
        {
            calls.events().offered(agentId, call, false);
        }
        armTimer(call, transfer);
    }

    private void armTimer(final Call call, final Transfer transfer)
    {
        transfer.cancelTimer();
        transfer.timer = calls.scheduler().schedule(() ->
        {
            if (call.transfer == transfer && !call.isOver() && call.answered() == null)
            {
                transfer.timer = null;
                for (final Leg fork : List.copyOf(call.forks()))
                {
                    calls.cancelFork(fork);
                }
                failed(call, Response.REQUEST_TIMEOUT, "No Answer");
            }
        }, ringTimeoutMillis.getAsLong(), TimeUnit.MILLISECONDS);
    }

    /** The target answered (the controller has bridged it): the transfer is over. */
    void succeeded(final Call call)
    {
        final Transfer transfer = call.transfer;
        if (transfer == null)
        {
            return;
        }
        transfer.cancelTimer();
        transfer.rungAgent = -1;
        call.transfer = null;
        if (transfer.replaced != null)
        {
            calls.replacedDialogs().end(transfer.replaced);
        }
        if (transfer.byRefer)
        {
            calls.referDone(call, transfer, Response.OK, "OK");
        }
    }

    /**
     * Every fork of the target failed, or it rang out: the ACD hears of a missed direct offer, then the caller goes
     * back to the transferor, to the transferring agent's phone, to its group, or (an agent's own call) the call ends.
     */
    void failed(final Call call, final int status, final String reason)
    {
        final Transfer transfer = call.transfer;
        if (transfer == null || call.isOver())
        {
            return;
        }
        transfer.cancelTimer();
        if (transfer.rungAgent >= 0)
        {
            acd.directMissed(transfer.rungAgent);
            transfer.rungAgent = -1;
        }
        for (final Leg fork : call.forks())
        {
            if (fork.agentId >= 0)
            {
                calls.events().withdrawn(fork.agentId, call);
                break;
            }
        }
        calls.setAsideForks(call);
        LOG.debug("{}: transfer to {} failed: {} {}", call, transfer.target.label(), status, reason);
        if (transfer.isDial())
        {
            call.transfer = null;
            calls.endCall(call, status, reason);
            return;
        }
        if (transfer.byRefer)
        {
            calls.referDone(call, transfer, status, reason);
            if (!transfer.transferor.isOver())
            {
                call.transfer = null;
                calls.reconnect(call, transfer.transferor);
                return;
            }
        }
        else if (transfer.stage == Transfer.Stage.TARGET && transfer.returnExtension != null
            && !calls.locator().contactsOf(transfer.returnExtension).isEmpty())
        {
            backToTheTransferor(call, transfer);
            return;
        }
        toGroup(call, transfer);
    }

    /**
     * A blind transfer from the API that failed: the transferring agent's phones ring again, if the agent is still
     * signed in (asked of the ACD, answered on this loop); otherwise the caller goes to the group.
     */
    private void backToTheTransferor(final Call call, final Transfer transfer)
    {
        transfer.stage = Transfer.Stage.RETURN;
        if (transfer.returnAgentId < 0 || acd == null)
        {
            ringPhones(call, transfer, transfer.returnExtension, transfer.returnAgentId);
            return;
        }
        // An agent who signed out since the transfer is no longer "on line": the caller goes to the group.
        acd.online(transfer.returnAgentId).whenComplete((online, error) -> loop.execute(() ->
        {
            if (call.transfer != transfer || call.isOver())
            {
                return;
            }
            if (Boolean.TRUE.equals(online))
            {
                ringPhones(call, transfer, transfer.returnExtension, transfer.returnAgentId);
            }
            else
            {
                toGroup(call, transfer);
            }
        }));
    }

    /** The last resort of a failed transfer: the caller waits in its group, or the call ends if it has none. */
    private void toGroup(final Call call, final Transfer transfer)
    {
        call.transfer = null;
        if (transfer.group >= 0 && queues != null)
        {
            queues.transfer(call, transfer.group);
        }
        else
        {
            calls.endCall(call, Response.TEMPORARILY_UNAVAILABLE, "transfer failed");
        }
    }

    /** The call ended during the transfer: the timer goes, and an agent still being rung is free again. */
    @Override
    public void ending(final Call call)
    {
        final Transfer transfer = call.transfer;
        if (transfer == null)
        {
            return;
        }
        transfer.cancelTimer();
        if (transfer.rungAgent >= 0)
        {
            acd.directEnded(transfer.rungAgent);
            transfer.rungAgent = -1;
        }
        if (transfer.byRefer)
        {
            calls.referDone(call, transfer, Response.REQUEST_TERMINATED, "Request Terminated");
        }
        call.transfer = null;
    }

    /** A leg of an agent's direct call answered: the ACD puts the agent on call. */
    void directAnswered(final Leg leg)
    {
        if (acd != null && leg.agentId >= 0 && !leg.direct)
        {
            leg.direct = true;
            acd.directStart(leg.agentId);
        }
    }

    /** A leg of the ending call is let go: if it was an agent's direct call, the ACD starts the wrap-up. */
    @Override
    public void legReleased(final Leg leg)
    {
        directEnded(leg);
    }

    /** A leg of an agent's direct call is over: the ACD starts the agent's wrap-up. */
    void directEnded(final Leg leg)
    {
        if (leg.direct)
        {
            leg.direct = false;
            acd.directEnded(leg.agentId);
        }
    }

    /** The agent behind a leg (its ACD id), or -1 for a phone that is nobody's or not a phone. */
    int agentOf(final Leg leg)
    {
        if (leg.agentId >= 0)
        {
            return leg.agentId;
        }
        final AgentDirectory.Agent agent = directory == null || leg.extension == null ? null
            : directory.agentByExtension(leg.extension);
        return agent == null ? -1 : agent.id();
    }

    /** The group an agent's failed transfer falls back to when the call came from none: the agent's first. */
    int groupOf(final int agentId)
    {
        final AgentDirectory.Agent agent = directory == null || agentId < 0 ? null : directory.agent(agentId);
        if (agent == null || agent.groups().isEmpty())
        {
            return -1;
        }
        final AgentDirectory.Group group = directory.group(agent.groups().get(0));
        return group == null ? -1 : group.id();
    }
}

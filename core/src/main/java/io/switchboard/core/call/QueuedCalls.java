package io.switchboard.core.call;

import io.switchboard.acd.AcdListener;
import io.switchboard.acd.AgentState;
import io.switchboard.acd.Fallback;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.signalling.Locator;
import io.switchboard.core.trace.CallLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.message.Response;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Calls to queue numbers on one SIP worker: the caller is answered at once and hears the queue music, the call is
 * handed to the ACD, and the ACD's decisions for this worker's calls (ring this agent, stop ringing, position,
 * fallback) are carried out here, on the worker's loop, as the worker drains its decision ring.
 */
public final class QueuedCalls implements AcdListener, CallListener
{
    private static final Logger LOG = LoggerFactory.getLogger(QueuedCalls.class);
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final CallControl calls;
    private final CallMedia media;
    private final AcdPort acd;
    private final AgentDirectory directory;
    private final int worker;
    /** The tenant's auto-answer setting, read live at each offer. */
    private final BooleanSupplier tenantAutoAnswer;

    public QueuedCalls(final CallControl calls, final CallMedia media, final AcdPort acd,
        final AgentDirectory directory, final int worker)
    {
        this(calls, media, acd, directory, worker, () -> false);
    }

    /** @param tenantAutoAnswer whether every offer is sent with the auto-answer headers (any thread may call it) */
    public QueuedCalls(final CallControl calls, final CallMedia media, final AcdPort acd,
        final AgentDirectory directory, final int worker, final BooleanSupplier tenantAutoAnswer)
    {
        this.tenantAutoAnswer = tenantAutoAnswer;
        this.calls = calls;
        this.media = media;
        this.acd = acd;
        this.directory = directory;
        this.worker = worker;
    }

    /** The engine id of the group a dialled number queues in, or -1. */
    int groupFor(final String number)
    {
        final AgentDirectory.Group group = directory.groupForNumber(number);
        return group == null ? -1 : group.id();
    }

    /** A new call to a queue number: answered, music, handed to the ACD. */
    void queue(final Call call, final int group)
    {
        calls.answerCaller(call);
        call.caller().endpoint.play(media.engine().holdMusic(), true);
        enqueue(call, group);
    }

    /** A caller transferred to a group: the queue music, then the group's next agent. */
    void transfer(final Call call, final int group)
    {
        call.caller().endpoint.play(media.engine().holdMusic(), true);
        enqueue(call, group);
    }

    /** Hands an answered call to the ACD (an IVR transfer plays its own music). */
    void enqueue(final Call call, final int group)
    {
        call.queueGroup = group;
        call.lastGroup = group;
        call.progress.queued(call, group);
        if (!acd.queue(call.id(), group, callerKey(call.from()), worker))
        {
            LOG.warn("{}: the ACD is overloaded, call refused", call);
            calls.endCall(call, Response.SERVICE_UNAVAILABLE, "ACD overloaded");
        }
    }

    /** The agent's phone answered: the caller stops hearing music and is bridged to the agent. */
    void agentAnswered(final Call call, final Leg leg)
    {
        call.answered(leg);
        for (final Leg fork : call.forks())
        {
            if (fork != leg)
            {
                calls.cancelFork(fork);
            }
        }
        call.ahead = -1;
        acd.answered(call.id(), leg.agentId);
        calls.events().connected(leg.agentId, call);
        if (call.flow != null && !call.flow.run().done())
        {
            // The flow may announce the agent (${StaffNo}) before the caller is connected.
            final AgentDirectory.Agent agent = directory.agent(leg.agentId);
            call.flow.agentAnswered(agent != null ? agent.staffNo() : "");
            return;
        }
        connect(call);
    }

    /** The caller stops hearing music or prompts and talks to the agent. */
    void connect(final Call call)
    {
        call.caller().endpoint.stopPlaying();
        call.media.bridge();
    }

    /** A fork to an agent failed (busy, declined, no answer from the phone itself, unreachable). */
    void agentFailed(final Call call, final Leg leg)
    {
        if (leg.withdrawn() || leg.agentId < 0)
        {
            // We withdrew it (ring timeout or the call left): the ACD already knows.
            return;
        }
        for (final Leg fork : call.forks())
        {
            if (fork.agentId == leg.agentId && fork.isOffered())
            {
                return;
            }
        }
        acd.declined(call.id(), leg.agentId);
    }

    void ended(final Call call)
    {
        acd.ended(call.id());
    }

    /** A call that still waits in (or was routed from) a queue when it ends: the ACD hears of its end. */
    @Override
    public void ended(final Call call, final CallState before, final int status, final String reason)
    {
        if (call.queueGroup >= 0)
        {
            ended(call);
        }
    }

    // ---------------------------------------------------------------------------------------- ACD decisions

    /**
     * The ACD's decisions below are carried out with their call named in the logs' MDC ({@link CallLog}): no message
     * drives them (a ring timeout, an agent freed, a fallback after the group's wait).
     */
    @Override
    public void offer(final long callId, final int agentId, final boolean autoAnswer)
    {
        CallLog.about(callId, () -> offerNow(callId, agentId, autoAnswer));
    }

    private void offerNow(final long callId, final int agentId, final boolean autoAnswer)
    {
        final Call call = calls.call(callId);
        if (call == null || call.answered() != null)
        {
            return;
        }
        final AgentDirectory.Agent agent = directory.agent(agentId);
        final List<Locator.Contact> contacts = agent == null ? List.of()
            : calls.locator().contactsOf(agent.extension());
        // The agent's own setting (as the ACD has it) or the tenant's, as last saved.
        final boolean answerAtOnce = autoAnswer || tenantAutoAnswer.getAsBoolean();
        int rung = 0;
        for (final Locator.Contact contact : contacts)
        {
            if (calls.ringAgent(call, contact, agent.extension(), agentId, answerAtOnce) != null)
            {
                rung++;
            }
        }
        if (rung == 0)
        {
            LOG.debug("{}: agent {} has no registered phone", call, agent == null ? agentId : agent.staffNo());
            acd.declined(callId, agentId);
            return;
        }
        calls.events().offered(agentId, call, answerAtOnce);
    }

    @Override
    public void withdraw(final long callId, final int agentId)
    {
        CallLog.about(callId, () -> withdrawNow(callId, agentId));
    }

    private void withdrawNow(final long callId, final int agentId)
    {
        final Call call = calls.call(callId);
        if (call == null)
        {
            return;
        }
        for (final Leg fork : call.forks())
        {
            if (fork.agentId == agentId && call.answered() != fork)
            {
                calls.cancelFork(fork);
            }
        }
        calls.events().withdrawn(agentId, call);
    }

    @Override
    public void position(final long callId, final int ahead)
    {
        final Call call = calls.call(callId);
        if (call != null)
        {
            call.ahead = ahead;
            if (call.flow != null)
            {
                call.flow.position(ahead);
            }
        }
    }

    @Override
    public void fallback(final long callId, final Fallback fallback)
    {
        CallLog.about(callId, () -> fallbackNow(callId, fallback));
    }

    private void fallbackNow(final long callId, final Fallback fallback)
    {
        final Call call = calls.call(callId);
        if (call == null)
        {
            return;
        }
        if (fallback.action() == Fallback.Action.GROUP)
        {
            call.queueGroup = fallback.groupId();
            call.ahead = -1;
        }
        else
        {
            calls.endCall(call, Response.TEMPORARILY_UNAVAILABLE, "no agent available");
        }
    }

    @Override
    public void agentState(final int agentId, final AgentState state, final int reason)
    {
        // Agent states go to the API's observer, not to the workers.
    }

    /** FNV-1a of the caller's number: the key the ACD remembers the caller's last agent by. */
    public static long callerKey(final String caller)
    {
        long hash = FNV_OFFSET;
        for (int i = 0; i < caller.length(); i++)
        {
            hash = (hash ^ caller.charAt(i)) * FNV_PRIME;
        }
        return hash;
    }
}

package io.switchboard.core.agent;

import io.switchboard.acd.AcdService;
import io.switchboard.acd.AgentState;
import io.switchboard.core.call.AcdPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The call layer's proxy to the ACD engine: each method writes one encoded command to the engine's ring and returns
 * at once, from the worker's loop. A direct call's refusal by the engine (the agent was not in the state the call
 * layer thought) is logged, not thrown: the call goes on, and the engine's state is the truth.
 */
public final class AcdCallPort implements AcdPort
{
    private static final Logger LOG = LoggerFactory.getLogger(AcdCallPort.class);

    private final AcdService acd;

    public AcdCallPort(final AcdService acd)
    {
        this.acd = acd;
    }

    @Override
    public boolean queue(final long callId, final int groupId, final long callerKey, final int worker)
    {
        return acd.queue(callId, groupId, callerKey, worker);
    }

    @Override
    public void answered(final long callId, final int agentId)
    {
        acd.answered(callId, agentId);
    }

    @Override
    public void declined(final long callId, final int agentId)
    {
        acd.declined(callId, agentId);
    }

    @Override
    public void ended(final long callId)
    {
        acd.ended(callId);
    }

    @Override
    public CompletionStage<Void> directOffer(final int agentId)
    {
        return acd.directOffer(agentId);
    }

    @Override
    public CompletionStage<Boolean> online(final int agentId)
    {
        return acd.state(agentId).thenApply(state -> state != AgentState.OFFLINE);
    }

    @Override
    public void directStart(final int agentId)
    {
        logRefusal(acd.directStart(agentId), "directStart", agentId);
    }

    @Override
    public void directMissed(final int agentId)
    {
        logRefusal(acd.directMissed(agentId), "directMissed", agentId);
    }

    @Override
    public void directEnded(final int agentId)
    {
        logRefusal(acd.directEnded(agentId), "directEnded", agentId);
    }

    private static void logRefusal(final CompletableFuture<Void> done, final String what, final int agentId)
    {
        done.whenComplete((ok, refused) ->
        {
            if (refused != null)
            {
                LOG.debug("ACD refused {} for agent {}: {}", what, agentId, refused.getMessage());
            }
        });
    }
}

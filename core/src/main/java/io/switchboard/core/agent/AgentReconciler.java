package io.switchboard.core.agent;

import io.switchboard.acd.AcdService;
import io.switchboard.acd.AgentState;
import io.switchboard.acd.AgentView;
import io.switchboard.core.call.LiveCalls;
import io.switchboard.core.call.CallController;
import io.switchboard.core.signalling.SipWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The safety net under "no agent may stay stuck": every few seconds the ACD's view of agents ringing or on a call
 * is compared with the calls that really exist on the workers, and an agent the ACD holds on a call that is gone is
 * released (the call's end is told to the ACD again: the agent goes to wrap-up, or idle, as after any call).
 * <p>
 * A difference is acted on only when the same one is seen at two sweeps in a row, so that a call just starting or
 * just ending (the ACD and the worker hear of it a moment apart) is never taken for a stuck one. Each fix is logged
 * and counted ({@link #fixes()}, {@code GET /api/counters}: {@code acd.reconciled}); it should stay at 0, since the
 * calls tell the ACD of their end themselves, also when a dead phone's call is ended by the media or session timer.
 * <p>
 * Threads: {@link #run} reads the engine (on its thread, through {@link AcdService#read}), then each worker's calls
 * (on its loop), then writes its commands to the engine's ring; the sweep's state is touched only by the read
 * completions, one sweep at a time (the next starts after this one's period), so it needs no lock.
 */
public final class AgentReconciler implements Runnable
{
    private static final Logger LOG = LoggerFactory.getLogger(AgentReconciler.class);

    private final AcdService acd;
    private final Supplier<SipWorker[]> workers;
    private final AtomicLong fixes = new AtomicLong();
    /** The differences seen at the last sweep: "call:agent:call" and "direct:agent". */
    private volatile Set<String> lastSeen = Set.of();

    public AgentReconciler(final AcdService acd, final Supplier<SipWorker[]> workers)
    {
        this.acd = acd;
        this.workers = workers;
    }

    /** Agents released because the ACD had them on a call that no longer existed. */
    public long fixes()
    {
        return fixes.get();
    }

    @Override
    public void run()
    {
        final SipWorker[] all = workers.get();
        if (all == null || java.util.Arrays.asList(all).contains(null))
        {
            return; // the server is still starting
        }
        acd.agents().thenApply(AgentReconciler::busyAgents).thenCompose(agents -> liveCalls(all).thenAccept(live ->
            reconcile(agents, live)));
    }

    /** The agents the engine has ringing or on a call (the only ones that can be stuck on one). */
    private static List<AgentView> busyAgents(final List<AgentView> agents)
    {
        final List<AgentView> busy = new ArrayList<>();
        for (final AgentView view : agents)
        {
            if (view.state() == AgentState.RINGING || view.state() == AgentState.ON_CALL)
            {
                busy.add(view);
            }
        }
        return busy;
    }

    /** Every worker's calls and agents, each read on its own loop, put together. */
    private static CompletableFuture<LiveCalls> liveCalls(final SipWorker[] all)
    {
        final List<CompletableFuture<LiveCalls>> reads = new ArrayList<>(all.length);
        for (final SipWorker worker : all)
        {
            reads.add(worker.proxy().call(CallController::liveCallsAndAgents));
        }
        return CompletableFuture.allOf(reads.toArray(new CompletableFuture<?>[0])).thenApply(done ->
        {
            final Set<Long> ids = new HashSet<>();
            final Set<Integer> agents = new HashSet<>();
            for (final CompletableFuture<LiveCalls> read : reads)
            {
                ids.addAll(read.join().ids());
                agents.addAll(read.join().agents());
            }
            return new LiveCalls(ids, agents);
        });
    }

    private void reconcile(final List<AgentView> agents, final LiveCalls live)
    {
        final Set<String> seen = new HashSet<>();
        for (final AgentView agent : agents)
        {
            if (agent.callId().isPresent() && !live.ids().contains(agent.callId().getAsLong()))
            {
                if (confirmed("call:" + agent.agentId() + ":" + agent.callId().getAsLong(), seen))
                {
                    fix(agent, "its call " + agent.callId().getAsLong() + " no longer exists");
                    acd.ended(agent.callId().getAsLong());
                }
            }
            else if (agent.callId().isEmpty() && !live.agents().contains(agent.agentId()))
            {
                if (confirmed("direct:" + agent.agentId(), seen))
                {
                    fix(agent, "no call has a leg of it");
                    for (int i = 0; i < Math.max(1, agent.directCalls()); i++)
                    {
                        acd.directEnded(agent.agentId());
                    }
                }
            }
        }
        lastSeen = Set.copyOf(seen);
    }

    /** True when the difference was seen at the last sweep too; otherwise it is remembered for the next one. */
    private boolean confirmed(final String difference, final Set<String> seen)
    {
        if (lastSeen.contains(difference))
        {
            return true;
        }
        seen.add(difference);
        return false;
    }

    private void fix(final AgentView agent, final String why)
    {
        fixes.incrementAndGet();
        LOG.warn("agent {} was {} but {}: released (ACD reconciliation)", agent.staffNo(),
            agent.state().name().toLowerCase(java.util.Locale.ROOT), why);
    }
}

package io.switchboard.core.agent;

import io.switchboard.acd.AcdService;
import io.switchboard.acd.AgentState;
import io.switchboard.acd.AgentView;
import io.switchboard.core.journal.Journal;
import io.switchboard.sip.registrar.LocationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Signs agents out whose phone and workbench are gone: the manuals' "offline when the agent's last registration and
 * session are gone". An agent counts as present while its phone is registered or its workbench is open (the events
 * WebSocket of {@link Workbenches}): an online-service agent serves chats with no phone at all. Absence is checked
 * at two sweeps in a row (5 to 10 s after the registration lapsed), so that an agent who has just
 * signed in is not signed out before its phone registers. Run every few seconds off the call path: it reads which
 * agents are signed in from the engine, then asks the location service, then tells the engine; an agent who
 * started ringing meanwhile is refused by the engine's state table, which is what should happen.
 * <p>
 * A sign-out is journalled like an agent's own choice, so that a restart does not sign the agent in again. Agents
 * signed in again from the journal at start get a grace period: the location service starts empty while their phones
 * still hold registrations they will refresh only when these expire ({@code registrar.maxExpires} at most).
 * The engine's answer continues on the sweep's own executor ({@code owner}), never on the engine's thread.
 */
public final class AgentPresence implements Runnable
{
    private static final Logger LOG = LoggerFactory.getLogger(AgentPresence.class);

    private final AcdService acd;
    private final AgentDirectory directory;
    private final LocationService locations;
    /**
     * Agents found signed in without a registered phone at the last sweep: they are signed out at the next one if
     * still so, so that an agent who just signed in (its phone about to register) is not signed out at once.
     */
    private final java.util.Set<Integer> missing = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Journal journal;
    private final java.util.concurrent.Executor owner;
    /** Agent id to the time (epoch ms) until which an absent registration is forgiven. */
    private final Map<Integer, Long> graceUntil = new ConcurrentHashMap<>();
    private final Workbenches workbenches;
    private final LongSupplier clock;

    /** Which agents have their workbench open now (read from the sweep's thread). */
    @FunctionalInterface
    public interface Workbenches
    {
        boolean open(String staffNo);
    }

    /**
     * @param owner       the executor the sweeps run on: the engine's answer continues there, not on the engine's
     *                    thread
     * @param workbenches whose workbench is open
     * @param clock       epoch milliseconds (registrations' expiry and the grace period)
     */
    public AgentPresence(final AcdService acd, final AgentDirectory directory, final LocationService locations,
        final Journal journal, final java.util.concurrent.Executor owner, final Workbenches workbenches,
        final LongSupplier clock)
    {
        this.workbenches = workbenches;
        this.clock = clock;
        this.owner = owner;
        this.acd = acd;
        this.directory = directory;
        this.locations = locations;
        this.journal = journal;
    }

    /** Agents signed in again from the journal: not signed out for a missing registration before {@code untilMs}. */
    public AgentPresence restored(final Collection<Integer> agentIds, final long untilMs)
    {
        agentIds.forEach(id -> graceUntil.put(id, untilMs));
        return this;
    }

    @Override
    public void run()
    {
        sweep();
    }

    /** One sweep; completes when its sign-outs have been asked of the engine. */
    CompletableFuture<Void> sweep()
    {
        return acd.agents().thenApply(AgentPresence::signedIn).thenAcceptAsync(agents ->
        {
            final long now = clock.getAsLong();
            missing.retainAll(agents);
            for (final int agentId : agents)
            {
                final AgentDirectory.Agent agent = directory.agent(agentId);
                if (agent == null || workbenches.open(agent.staffNo())
                    || !locations.lookup(agent.extension(), now).isEmpty())
                {
                    missing.remove(agentId);
                    graceUntil.remove(agentId);
                }
                else if (graceUntil.getOrDefault(agentId, 0L) > now)
                {
                    missing.remove(agentId);
                }
                else if (!missing.add(agentId))
                {
                    missing.remove(agentId);
                    graceUntil.remove(agentId);
                    signOut(agent);
                }
            }
        }, owner);
    }

    private void signOut(final AgentDirectory.Agent agent)
    {
        acd.setAgentState(agent.id(), AgentState.OFFLINE, 0).thenCompose(accepted -> journal.append(
            AgentStates.JOURNAL_TYPE, AgentStates.entry(agent.staffNo(), AgentState.OFFLINE, null)))
            .whenComplete((position, failure) ->
            {
                if (failure != null)
                {
                    LOG.debug("agent {} not signed out: {}", agent.staffNo(), failure.toString());
                }
            });
    }

    private static List<Integer> signedIn(final List<AgentView> agents)
    {
        final List<Integer> ids = new ArrayList<>();
        for (final AgentView view : agents)
        {
            final AgentState state = view.state();
            if (state == AgentState.IDLE || state == AgentState.BUSY || state == AgentState.BREAK
                || state == AgentState.WRAP_UP)
            {
                ids.add(view.agentId());
            }
        }
        return ids;
    }
}

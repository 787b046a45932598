package io.switchboard.core.acd;

import io.switchboard.acd.AcdEngine;
import io.switchboard.acd.AcdService;
import io.switchboard.acd.AgentState;
import io.switchboard.acd.AgentView;
import io.switchboard.sip.registrar.LocationService;

import java.util.ArrayList;
import java.util.List;

/**
 * Signs agents out whose phone is gone: the manuals' "offline when the agent's last registration and session are
 * gone", checked at two sweeps in a row (5 to 10 s after the registration lapsed), so that an agent who has just
 * signed in is not signed out before its phone registers. Run every few seconds off the call path: it reads which
 * agents are signed in from the engine, then asks the location service, then tells the engine; an agent who
 * started ringing meanwhile is refused by the engine's state table, which is what should happen.
 */
public final class AgentPresence implements Runnable
{
    private final AcdService acd;
    private final AgentDirectory directory;
    private final LocationService locations;
    /**
     * Agents found signed in without a registered phone at the last sweep: they are signed out at the next one if
     * still so, so that an agent who just signed in (its phone about to register) is not signed out at once.
     */
    private final java.util.Set<Integer> missing = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public AgentPresence(final AcdService acd, final AgentDirectory directory, final LocationService locations)
    {
        this.acd = acd;
        this.directory = directory;
        this.locations = locations;
    }

    @Override
    public void run()
    {
        acd.read(engine -> signedIn((AcdEngine)engine)).thenAccept(agents ->
        {
            final long now = System.currentTimeMillis();
            missing.retainAll(agents);
            for (final int agentId : agents)
            {
                final AgentDirectory.Agent agent = directory.agent(agentId);
                if (agent == null || !locations.lookup(agent.extension(), now).isEmpty())
                {
                    missing.remove(agentId);
                }
                else if (!missing.add(agentId))
                {
                    missing.remove(agentId);
                    acd.setAgentState(agentId, AgentState.OFFLINE, 0);
                }
            }
        });
    }

    private static List<Integer> signedIn(final AcdEngine engine)
    {
        final List<Integer> ids = new ArrayList<>();
        for (final AgentView view : engine.agents())
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

package io.switchboard.acd;

/**
 * The baseline the idle heaps are measured against: picks the agent for a group's next call by scanning every
 * agent of the engine, with the same rules (idle, and with no open chat session if the tenant refuses calls during
 * chats; policy, then longest idle, then lower id). Reads the engine's own
 * arrays, so it sees exactly what the engine sees; use it on the engine's thread. Last-agent priority is left out:
 * it is a single lookup either way.
 */
public final class NaiveSelector
{
    private final AcdEngine engine;

    public NaiveSelector(final AcdEngine engine)
    {
        this.engine = engine;
    }

    /** The idle member of the group the policy picks, or -1. */
    public int pick(final int groupId)
    {
        final boolean fewestCalls = engine.policy(groupId) == SelectionPolicy.FEWEST_CALLS;
        final boolean duringChats = engine.settings().callsDuringChats();
        final Agents agents = engine.agentTable();
        int best = -1;
        for (int agentId = 0, n = agents.limit; agentId < n; agentId++)
        {
            if (agents.exists[agentId] && agents.state[agentId] == AgentState.IDLE
                && (duringChats || agents.openChats[agentId] == 0) && agents.membership(agentId, groupId) >= 0
                && (best < 0 || IdleAgentHeap.comesBefore(agents, fewestCalls, agentId, best)))
            {
                best = agentId;
            }
        }
        return best;
    }
}

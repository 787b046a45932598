package io.switchboard.acd;

/**
 * Which agent a chat session goes to (see {@link ChatRouting} for when). An agent is <em>receivable</em> in group
 * G when its state receives chats ({@link AgentState#receivesChats}), its reception switch is on
 * ({@link Agents#chatReception}), it has not missed an offer on a call since it was last idle
 * ({@link Agents#chatHeld}), and its open sessions (offered + served, all groups) are fewer than G's concurrency.
 * Among the receivable members: the session's owner, else the fewest open sessions, then the group's policy
 * (longest idle: the later of its last chat offer and its idle-since, oldest first; fewest calls: fewest chats taken
 * today), then the lower id. A linear scan of the members' array: no allocation. Engine thread only.
 */
final class ChatSelection
{
    private final Agents agents;
    private AcdSettings settings;
    /** The available members (online, reception on) the last {@link #choose} that found nobody counted. */
    private int available;

    ChatSelection(final Agents agents, final AcdSettings settings)
    {
        this.agents = agents;
        this.settings = settings;
    }

    void settings(final AcdSettings newSettings)
    {
        settings = newSettings;
    }

    /** Whether an agent in {@code state} may be offered chats under the tenant's rules (its state alone). */
    boolean receiving(final AgentState state)
    {
        return state.receivesChats(settings.chatsDuringCalls());
    }

    /** Whether the agent may be given one more session under a concurrency of {@code limit}. */
    boolean receivable(final int agentId, final int limit)
    {
        return receiving(agents.state[agentId]) && agents.chatReception[agentId] && !agents.chatHeld[agentId]
            && !agents.backToBusy[agentId] && agents.openChats[agentId] < limit;
    }

    /** Online with its reception on: someone who will take sessions once it has room (or is idle again). */
    boolean available(final int agentId)
    {
        return agents.state[agentId] != AgentState.OFFLINE && agents.chatReception[agentId];
    }

    /**
     * The member of the group to give a session to, or -1: the owner if receivable, else the best receivable one
     * other than {@code excluded} (-1: none). Counts the available members on the way (see {@link #available()}).
     */
    int choose(final Group group, final int ownerAgentId, final int excluded)
    {
        final int limit = group.settings.concurrency();
        final boolean fewestCalls = group.policy == SelectionPolicy.FEWEST_CALLS;
        final int[] members = group.memberIds;
        int best = -1;
        int count = 0;
        for (int i = 0, n = group.members; i < n; i++)
        {
            final int agentId = members[i];
            if (available(agentId))
            {
                count++;
            }
            if (agentId != excluded && receivable(agentId, limit))
            {
                if (agentId == ownerAgentId)
                {
                    return agentId;
                }
                if (best < 0 || before(agentId, best, fewestCalls))
                {
                    best = agentId;
                }
            }
        }
        available = count;
        return best;
    }

    /** Members online with reception on, as the last {@link #choose} that returned -1 counted them. */
    int available()
    {
        return available;
    }

    /** Whether some member of the group is online with its reception on. */
    boolean anyAvailable(final Group group)
    {
        for (int i = 0; i < group.members; i++)
        {
            if (available(group.memberIds[i]))
            {
                return true;
            }
        }
        return false;
    }

    /** Whether agent a goes before agent b for a session: fewer open sessions, then the policy, then lower id. */
    private boolean before(final int a, final int b, final boolean fewestCalls)
    {
        if (agents.openChats[a] != agents.openChats[b])
        {
            return agents.openChats[a] < agents.openChats[b];
        }
        if (fewestCalls)
        {
            if (agents.chatsToday[a] != agents.chatsToday[b])
            {
                return agents.chatsToday[a] < agents.chatsToday[b];
            }
        }
        else
        {
            final long sinceA = Math.max(agents.chatAt[a], agents.idleSince[a]);
            final long sinceB = Math.max(agents.chatAt[b], agents.idleSince[b]);
            if (sinceA != sinceB)
            {
                return sinceA < sinceB;
            }
        }
        return a < b;
    }
}

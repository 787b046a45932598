package io.switchboard.acd;

/**
 * Chat sessions changing hands outside the offers: a served session transferred to a colleague or a group, a
 * waiting session picked out of its group's queue (the unassigned pool), and a session an agent opens itself (an
 * app user contacted first). Part of the engine's chat side ({@link ChatRouting}), on the engine's thread; the
 * routing's rule (a session waits only while nobody of its group is receivable) holds after each, since capacity
 * freed by a transfer goes back to the routing.
 */
final class ChatHandovers
{
    private final ChatRouting routing;
    private final AcdEngine host;
    private final Agents agents;
    private final SkillGroups groups;
    private final ChatTable sessions;
    private final ChatSelection selection;
    private final AcdListener listener;

    ChatHandovers(final ChatRouting routing, final AcdEngine host, final ChatSelection selection,
        final AcdListener listener)
    {
        this.routing = routing;
        this.host = host;
        this.agents = host.agents;
        this.groups = host.groups;
        this.sessions = host.sessions;
        this.selection = selection;
        this.listener = listener;
    }

    /**
     * Moves a session {@code fromAgentId} serves to a colleague ({@code toAgentId}, receivable under the largest
     * concurrency of its groups) or to the best receivable member of {@code toGroupId} other than the transferring
     * agent. It arrives served (no accept step), counts as a chat taken today by the new agent, and is of the
     * target group from then on; the listener hears {@link AcdListener#chatTransferred}. Nobody receivable:
     * {@link AcdError#AGENT_UNAVAILABLE} and nothing changes (the session stays with the transferring agent).
     */
    void transfer(final long sessionId, final int fromAgentId, final int toAgentId, final int toGroupId,
        final long now)
    {
        final int slot = routing.requireSlot(sessionId);
        if (sessions.state[slot] != ChatTable.SERVED || sessions.agent[slot] != fromAgentId)
        {
            throw new AcdException(AcdError.FORBIDDEN_TRANSITION, "chat session " + sessionId
                + " is not served by agent " + fromAgentId + " (it is " + routing.describe(slot) + ")");
        }
        final int target;
        int groupId = sessions.group[slot];
        if (toAgentId >= 0)
        {
            routing.requireAgent(toAgentId);
            target = toAgentId != fromAgentId && selection.receivable(toAgentId, host.chatLimit(toAgentId))
                ? toAgentId : -1;
        }
        else
        {
            final Group group = groups.get(toGroupId);
            target = selection.choose(group, -1, fromAgentId);
            groupId = toGroupId;
        }
        if (target < 0)
        {
            throw new AcdException(AcdError.AGENT_UNAVAILABLE, "nobody can take chat session " + sessionId);
        }
        sessions.unlinkAgent(slot);
        agents.openChats[fromAgentId]--;
        agents.servedChats[fromAgentId]--;
        sessions.group[slot] = groupId;
        sessions.linkAgent(target, slot);
        agents.openChats[target]++;
        agents.servedChats[target]++;
        agents.chatsToday[target]++;
        agents.chatAt[target] = now;
        routing.leaveCallsIfFirst(target);
        listener.chatTransferred(sessionId, target);
        routing.capacityFreed(fromAgentId, now);
    }

    /**
     * The agent takes a waiting session of one of its groups out of the queue (the unassigned pool): it must be
     * online (any state but offline: a deliberate pick, even on break) and below the group's concurrency. Served at
     * once; those behind move up. A session already offered or served: {@link AcdError#FORBIDDEN_TRANSITION} (the
     * race of two agents picking the same visitor: the first wins).
     */
    void pick(final long sessionId, final int agentId, final long now)
    {
        routing.requireAgent(agentId);
        final int slot = routing.requireSlot(sessionId);
        if (sessions.state[slot] != ChatTable.WAITING)
        {
            throw new AcdException(AcdError.FORBIDDEN_TRANSITION, "chat session " + sessionId + " is already "
                + routing.describe(slot));
        }
        final Group group = groups.at(sessions.group[slot]);
        requireCanTake(agentId, group);
        sessions.linkAgent(agentId, slot);
        agents.openChats[agentId]++;
        agents.chatAt[agentId] = now;
        routing.leaveCallsIfFirst(agentId);
        routing.serve(slot, agentId, group);
    }

    /**
     * The agent opens a session itself (spec §9: an app user contacted first): it must be online (any state but
     * offline, as for a pick) and below the group's concurrency, and a member of the group. Served at once, never in
     * the group's queue; it counts as a chat taken today.
     */
    void open(final long sessionId, final int agentId, final int groupId, final long now)
    {
        routing.requireAgent(agentId);
        final Group group = groups.get(groupId);
        if (sessions.slot(sessionId) != ChatTable.NIL)
        {
            throw new AcdException(AcdError.DUPLICATE, "chat session " + sessionId + " is already known");
        }
        requireCanTake(agentId, group);
        final int slot = sessions.add(sessionId, groupId, agentId, now);
        sessions.linkAgent(agentId, slot);
        sessions.state(slot, ChatTable.SERVED);
        agents.openChats[agentId]++;
        agents.servedChats[agentId]++;
        agents.chatsToday[agentId]++;
        agents.chatAt[agentId] = now;
        routing.leaveCallsIfFirst(agentId);
    }

    /**
     * A pick or an opened session: the agent must be a member of the group, online (any state but offline: a
     * deliberate act, even on break) and below the group's concurrency.
     */
    private void requireCanTake(final int agentId, final Group group)
    {
        if (!group.hasMember(agentId))
        {
            throw new AcdException(AcdError.FORBIDDEN_TRANSITION, "agent " + agentId + " is not in the group");
        }
        if (agents.state[agentId] == AgentState.OFFLINE || agents.openChats[agentId] >= group.settings.concurrency())
        {
            throw new AcdException(AcdError.AGENT_UNAVAILABLE, "agent " + agentId + " is offline or full");
        }
    }
}

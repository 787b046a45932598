package io.switchboard.acd;

import java.util.Arrays;

/**
 * A skill group on the engine's thread: its settings, its members, its idle agents and its two queues. The call
 * queue is an intrusive doubly linked list of {@link CallTable} slots in arrival order; a call being rung stays in
 * it (it still counts as ahead of the callers behind, so their {@code ahead} never goes up if it rings out and
 * waits again). The chat queue is the same over {@link ChatTable} slots, a session offered and not yet accepted
 * staying in it. The members are kept in an array (order unspecified) for the chat selection's scan.
 */
final class Group
{
    final int id;
    final IdleAgentHeap idle;
    GroupSettings settings;
    SelectionPolicy policy;
    int members;
    int[] memberIds = new int[8];
    int head = CallTable.NIL;
    int tail = CallTable.NIL;
    int size;
    int chatHead = ChatTable.NIL;
    int chatTail = ChatTable.NIL;
    int chatSize;

    Group(final int id, final GroupSettings settings, final SelectionPolicy policy, final Agents agents)
    {
        this.id = id;
        this.settings = settings;
        this.policy = policy;
        this.idle = new IdleAgentHeap(agents, policy);
    }

    boolean full()
    {
        return settings.maxQueueLength() > 0 && size >= settings.maxQueueLength();
    }

    void addMember(final int agentId)
    {
        if (members == memberIds.length)
        {
            memberIds = Arrays.copyOf(memberIds, members * 2);
        }
        memberIds[members++] = agentId;
    }

    /** Whether the agent is a member (a scan, as {@link #removeMember}). */
    boolean hasMember(final int agentId)
    {
        for (int i = 0; i < members; i++)
        {
            if (memberIds[i] == agentId)
            {
                return true;
            }
        }
        return false;
    }

    /** Takes the agent out of the members (a scan: joining and leaving are administrative, and groups small). */
    void removeMember(final int agentId)
    {
        for (int i = 0; i < members; i++)
        {
            if (memberIds[i] == agentId)
            {
                memberIds[i] = memberIds[--members];
                return;
            }
        }
    }
}

package io.switchboard.acd;

import java.util.Arrays;

/**
 * One group's idle agents in an indexed binary min-heap, best first under the group's policy: the top is the agent
 * to offer a call to, found in O(1); an agent enters or leaves in O(log n). Each entry remembers which of the
 * agent's memberships it is, so the agent's position in this heap lives in {@link Agents#heapPos} (plain arrays,
 * no map). An agent's keys (idle since, calls today) do not change while it is idle, except at the daily reset,
 * which rebuilds the heap.
 */
final class IdleAgentHeap
{
    private final Agents agents;
    private int[] agentAt = new int[8];
    private int[] memberAt = new int[8];
    private int size;
    private boolean fewestCalls;

    IdleAgentHeap(final Agents agents, final SelectionPolicy policy)
    {
        this.agents = agents;
        this.fewestCalls = policy == SelectionPolicy.FEWEST_CALLS;
    }

    int size()
    {
        return size;
    }

    /** The best idle agent, or -1. */
    int top()
    {
        return size == 0 ? -1 : agentAt[0];
    }

    int agentAt(final int position)
    {
        return agentAt[position];
    }

    void policy(final SelectionPolicy policy)
    {
        fewestCalls = policy == SelectionPolicy.FEWEST_CALLS;
        rebuild();
    }

    void rebuild()
    {
        for (int i = (size >>> 1) - 1; i >= 0; i--)
        {
            siftDown(i);
        }
    }

    /** Adds the agent, as its membership {@code member}. */
    void add(final int agentId, final int member)
    {
        if (size == agentAt.length)
        {
            agentAt = Arrays.copyOf(agentAt, size * 2);
            memberAt = Arrays.copyOf(memberAt, size * 2);
        }
        place(size, agentId, member);
        size++;
        siftUp(size - 1);
    }

    /** Removes the agent, known here as its membership {@code member}. */
    void remove(final int agentId, final int member)
    {
        final int position = agents.heapPos[agentId][member];
        agents.heapPos[agentId][member] = -1;
        final int last = --size;
        if (position != last)
        {
            place(position, agentAt[last], memberAt[last]);
            siftDown(position);
            siftUp(position);
        }
    }

    /** The agent's membership at heap {@code position} moved to index {@code member} of its arrays. */
    void memberMoved(final int position, final int member)
    {
        memberAt[position] = member;
    }

    /** Whether agent a goes before agent b: fewer calls (if that is the policy), idle longer, then lower id. */
    boolean before(final int a, final int b)
    {
        return comesBefore(agents, fewestCalls, a, b);
    }

    static boolean comesBefore(final Agents agents, final boolean fewestCalls, final int a, final int b)
    {
        if (fewestCalls && agents.callsToday[a] != agents.callsToday[b])
        {
            return agents.callsToday[a] < agents.callsToday[b];
        }
        if (agents.idleSince[a] != agents.idleSince[b])
        {
            return agents.idleSince[a] < agents.idleSince[b];
        }
        return a < b;
    }

    private void place(final int position, final int agentId, final int member)
    {
        agentAt[position] = agentId;
        memberAt[position] = member;
        agents.heapPos[agentId][member] = position;
    }

    private void siftUp(final int from)
    {
        int position = from;
        final int agentId = agentAt[position];
        final int member = memberAt[position];
        while (position > 0)
        {
            final int parent = (position - 1) >>> 1;
            if (!before(agentId, agentAt[parent]))
            {
                break;
            }
            place(position, agentAt[parent], memberAt[parent]);
            position = parent;
        }
        place(position, agentId, member);
    }

    private void siftDown(final int from)
    {
        int position = from;
        final int agentId = agentAt[position];
        final int member = memberAt[position];
        final int half = size >>> 1;
        while (position < half)
        {
            int child = 2 * position + 1;
            final int right = child + 1;
            if (right < size && before(agentAt[right], agentAt[child]))
            {
                child = right;
            }
            if (!before(agentAt[child], agentId))
            {
                break;
            }
            place(position, agentAt[child], memberAt[child]);
            position = child;
        }
        place(position, agentId, member);
    }
}

package io.switchboard.acd;

import java.util.Arrays;

import org.agrona.collections.Long2LongHashMap;

/**
 * The chat sessions the engine knows (waiting, offered or served) in pooled slots of parallel arrays, found by
 * session id through a primitive map, and the two intrusive lists a session is on: its group's chat queue (arrival
 * order; waiting and offered sessions, as {@link CallQueues} keeps calls: an offered session still counts as ahead of
 * those behind) and its agent's open sessions (offered and served). Slots are reused through a free list, so a
 * session costs no allocation in steady state. Engine thread only.
 */
final class ChatTable
{
    static final int NIL = -1;
    static final byte WAITING = 1;
    static final byte OFFERED = 2;
    static final byte SERVED = 3;

    private final Long2LongHashMap slotOf;
    private final Agents agents;
    long[] sessionId;
    int[] group;
    int[] owner;
    long[] arrival;
    /** Arrival order across groups, to break ties between sessions queued at the same nanosecond. */
    long[] seq;
    byte[] state;
    int[] agent;
    /** The group's chat queue (waiting and offered sessions). */
    int[] prev;
    int[] next;
    /** The agent's open sessions (offered and served). */
    int[] agentPrev;
    int[] agentNext;
    int[] ahead;
    /** The last {@code ahead} told to the listener, or -1. */
    int[] reported;
    /** The accept timeout, or {@link Timers#NONE}. */
    long[] timer;
    private int[] free;
    private int freeCount;
    private long nextSeq;
    /** Sessions waiting (not offered): when none, an agent freed or made idle has nothing to look for. */
    private int waiting;

    ChatTable(final int capacity, final Agents agents)
    {
        final int n = Math.max(16, capacity);
        this.agents = agents;
        slotOf = new Long2LongHashMap(n * 2, 0.65f, NIL);
        allocate(n);
        free = new int[n];
        for (int i = 0; i < n; i++)
        {
            free[i] = n - 1 - i;
        }
        freeCount = n;
    }

    int slot(final long id)
    {
        return (int)slotOf.get(id);
    }

    int size()
    {
        return slotOf.size();
    }

    int waiting()
    {
        return waiting;
    }

    /** Sets a session's state; the only way, with {@link #add} and {@link #release}, so that the count is right. */
    void state(final int slot, final byte newState)
    {
        waiting += (newState == WAITING ? 1 : 0) - (state[slot] == WAITING ? 1 : 0);
        state[slot] = newState;
    }

    int add(final long id, final int groupId, final int ownerAgentId, final long now)
    {
        if (freeCount == 0)
        {
            grow();
        }
        final int slot = free[--freeCount];
        slotOf.put(id, slot);
        sessionId[slot] = id;
        group[slot] = groupId;
        owner[slot] = ownerAgentId;
        arrival[slot] = now;
        seq[slot] = nextSeq++;
        state[slot] = WAITING;
        waiting++;
        agent[slot] = NIL;
        prev[slot] = NIL;
        next[slot] = NIL;
        agentPrev[slot] = NIL;
        agentNext[slot] = NIL;
        ahead[slot] = 0;
        reported[slot] = -1;
        timer[slot] = Timers.NONE;
        return slot;
    }

    void release(final int slot)
    {
        slotOf.remove(sessionId[slot]);
        waiting -= state[slot] == WAITING ? 1 : 0;
        state[slot] = 0;
        free[freeCount++] = slot;
    }

    /** Whether the session in slot a has waited longer than the one in slot b. */
    boolean older(final int a, final int b)
    {
        return arrival[a] != arrival[b] ? arrival[a] < arrival[b] : seq[a] < seq[b];
    }

    // ---------------------------------------------------------------- the group's chat queue

    void append(final Group g, final int slot)
    {
        prev[slot] = g.chatTail;
        next[slot] = NIL;
        if (g.chatTail == NIL)
        {
            g.chatHead = slot;
        }
        else
        {
            next[g.chatTail] = slot;
        }
        g.chatTail = slot;
        ahead[slot] = g.chatSize;
        g.chatSize++;
    }

    /** Takes the session out of its group's queue; those behind move up and, if waiting, are told. */
    void unlink(final Group g, final int slot, final AcdListener listener)
    {
        final int before = prev[slot];
        final int after = next[slot];
        if (before == NIL)
        {
            g.chatHead = after;
        }
        else
        {
            next[before] = after;
        }
        if (after == NIL)
        {
            g.chatTail = before;
        }
        else
        {
            prev[after] = before;
        }
        prev[slot] = NIL;
        next[slot] = NIL;
        g.chatSize--;
        for (int s = after; s != NIL; s = next[s])
        {
            ahead[s]--;
            if (state[s] == WAITING)
            {
                report(s, listener);
            }
        }
    }

    /** Tells the listener the session's {@code ahead} if it changed since last told. */
    void report(final int slot, final AcdListener listener)
    {
        final int value = ahead[slot];
        if (reported[slot] != value)
        {
            reported[slot] = value;
            listener.chatPosition(sessionId[slot], value);
        }
    }

    /** The longest-waiting session of the group not offered, or NIL; those ahead of it are offered. */
    int firstWaiting(final Group g)
    {
        return waitingFrom(g.chatHead);
    }

    /** The first waiting session from {@code slot} on (itself included), or NIL. */
    int waitingFrom(final int slot)
    {
        int s = slot;
        while (s != NIL && state[s] != WAITING)
        {
            s = next[s];
        }
        return s;
    }

    /**
     * Drops every waiting session of the group, telling the listener {@link AcdListener#chatNoAgent} for each, in
     * queue order; the offered ones stay, in order, their {@code ahead} recounted (they are not told: they are not
     * waiting). One pass, where unlinking each would tell every session behind each time.
     */
    void dropWaiting(final Group g, final AcdListener listener)
    {
        int s = g.chatHead;
        int last = NIL;
        int kept = 0;
        g.chatHead = NIL;
        while (s != NIL)
        {
            final int after = next[s];
            if (state[s] == WAITING)
            {
                final long id = sessionId[s];
                release(s);
                listener.chatNoAgent(id);
            }
            else
            {
                prev[s] = last;
                next[s] = NIL;
                if (last == NIL)
                {
                    g.chatHead = s;
                }
                else
                {
                    next[last] = s;
                }
                last = s;
                ahead[s] = kept++;
            }
            s = after;
        }
        g.chatTail = last;
        g.chatSize = kept;
    }

    // ---------------------------------------------------------------- the agent's open sessions

    void linkAgent(final int agentId, final int slot)
    {
        final int first = agents.chatHead[agentId];
        agent[slot] = agentId;
        agentPrev[slot] = NIL;
        agentNext[slot] = first;
        if (first != NIL)
        {
            agentPrev[first] = slot;
        }
        agents.chatHead[agentId] = slot;
    }

    void unlinkAgent(final int slot)
    {
        final int before = agentPrev[slot];
        final int after = agentNext[slot];
        if (before == NIL)
        {
            agents.chatHead[agent[slot]] = after;
        }
        else
        {
            agentNext[before] = after;
        }
        if (after != NIL)
        {
            agentPrev[after] = before;
        }
        agentPrev[slot] = NIL;
        agentNext[slot] = NIL;
        agent[slot] = NIL;
    }

    private void grow()
    {
        final int n = sessionId.length;
        final int capacity = n * 2;
        sessionId = Arrays.copyOf(sessionId, capacity);
        group = Arrays.copyOf(group, capacity);
        owner = Arrays.copyOf(owner, capacity);
        arrival = Arrays.copyOf(arrival, capacity);
        seq = Arrays.copyOf(seq, capacity);
        state = Arrays.copyOf(state, capacity);
        agent = Arrays.copyOf(agent, capacity);
        prev = Arrays.copyOf(prev, capacity);
        next = Arrays.copyOf(next, capacity);
        agentPrev = Arrays.copyOf(agentPrev, capacity);
        agentNext = Arrays.copyOf(agentNext, capacity);
        ahead = Arrays.copyOf(ahead, capacity);
        reported = Arrays.copyOf(reported, capacity);
        timer = Arrays.copyOf(timer, capacity);
        free = new int[capacity];
        for (int i = 0; i < n; i++)
        {
            free[i] = capacity - 1 - i;
        }
        freeCount = n;
    }

    private void allocate(final int n)
    {
        sessionId = new long[n];
        group = new int[n];
        owner = new int[n];
        arrival = new long[n];
        seq = new long[n];
        state = new byte[n];
        agent = new int[n];
        prev = new int[n];
        next = new int[n];
        agentPrev = new int[n];
        agentNext = new int[n];
        ahead = new int[n];
        reported = new int[n];
        timer = new long[n];
    }
}

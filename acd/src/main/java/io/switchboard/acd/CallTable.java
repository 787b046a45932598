package io.switchboard.acd;

import java.util.Arrays;

import org.agrona.collections.Long2LongHashMap;

/**
 * The calls the engine knows (waiting, ringing or on a call) in pooled slots of parallel arrays, found by call id
 * through a primitive map. Slots are reused through a free list, so a call costs no allocation in steady state.
 */
final class CallTable
{
    static final int NIL = -1;
    static final byte WAITING = 1;
    static final byte RINGING = 2;
    static final byte ON_CALL = 3;

    private final Long2LongHashMap slotOf;
    long[] callId;
    long[] callerKey;
    int[] group;
    long[] arrival;
    /** Arrival order across groups, to break ties between calls queued at the same nanosecond. */
    long[] seq;
    byte[] state;
    int[] agent;
    int[] prev;
    int[] next;
    int[] ahead;
    /** The last {@code ahead} told to the listener, or -1. */
    int[] reported;
    long[] waitTimer;
    /** The maximum wait passed while the call rang: it goes to the fallback if this agent does not answer. */
    boolean[] waitExpired;
    private int[] free;
    private int freeCount;
    private long nextSeq;

    CallTable(final int capacity)
    {
        final int n = Math.max(16, capacity);
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

    int add(final long id, final int groupId, final long key, final long now)
    {
        if (freeCount == 0)
        {
            grow();
        }
        final int slot = free[--freeCount];
        slotOf.put(id, slot);
        callId[slot] = id;
        callerKey[slot] = key;
        group[slot] = groupId;
        arrival[slot] = now;
        seq[slot] = nextSeq++;
        state[slot] = WAITING;
        agent[slot] = Agents.NO_SLOT;
        prev[slot] = NIL;
        next[slot] = NIL;
        ahead[slot] = 0;
        reported[slot] = -1;
        waitTimer[slot] = Timers.NONE;
        waitExpired[slot] = false;
        return slot;
    }

    void release(final int slot)
    {
        slotOf.remove(callId[slot]);
        state[slot] = 0;
        free[freeCount++] = slot;
    }

    /** Whether the call in slot a has waited longer than the one in slot b. */
    boolean older(final int a, final int b)
    {
        return arrival[a] != arrival[b] ? arrival[a] < arrival[b] : seq[a] < seq[b];
    }

    private void grow()
    {
        final int n = callId.length;
        final int capacity = n * 2;
        callId = Arrays.copyOf(callId, capacity);
        callerKey = Arrays.copyOf(callerKey, capacity);
        group = Arrays.copyOf(group, capacity);
        arrival = Arrays.copyOf(arrival, capacity);
        seq = Arrays.copyOf(seq, capacity);
        state = Arrays.copyOf(state, capacity);
        agent = Arrays.copyOf(agent, capacity);
        prev = Arrays.copyOf(prev, capacity);
        next = Arrays.copyOf(next, capacity);
        ahead = Arrays.copyOf(ahead, capacity);
        reported = Arrays.copyOf(reported, capacity);
        waitTimer = Arrays.copyOf(waitTimer, capacity);
        waitExpired = Arrays.copyOf(waitExpired, capacity);
        free = new int[capacity];
        for (int i = 0; i < n; i++)
        {
            free[i] = capacity - 1 - i;
        }
        freeCount = n;
    }

    private void allocate(final int n)
    {
        callId = new long[n];
        callerKey = new long[n];
        group = new int[n];
        arrival = new long[n];
        seq = new long[n];
        state = new byte[n];
        agent = new int[n];
        prev = new int[n];
        next = new int[n];
        ahead = new int[n];
        reported = new int[n];
        waitTimer = new long[n];
        waitExpired = new boolean[n];
    }
}

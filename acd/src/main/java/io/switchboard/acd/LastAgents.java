package io.switchboard.acd;

import org.agrona.BitUtil;

import java.util.Arrays;

/**
 * The last agent who answered each caller, for at most {@code capacity} callers: the caller answered longest ago is
 * forgotten first (least recently answered). Without a bound the memory grew with every distinct caller a call
 * center ever had. Everything is allocated once, at construction: a caller answered again is moved to the newest
 * end of an intrusive doubly linked list over arrays, and the index is an open-addressing hash table (linear probing,
 * deletion by backward shift, so no tombstones build up). Engine thread only.
 */
final class LastAgents
{
    /** What {@link #get} answers for a caller it does not remember. */
    static final int NONE = -1;

    private static final int EMPTY = -1;
    private static final int NIL = -1;

    private final int capacity;
    private final long[] keys;
    private final int[] agentIds;
    private final int[] older;
    private final int[] newer;
    /** Entry index per hash slot, or {@link #EMPTY}. */
    private final int[] index;
    private final int mask;
    private int size;
    private int oldest = NIL;
    private int newest = NIL;

    /** Remembers at most {@code capacity} callers (at least 1). */
    LastAgents(final int capacity)
    {
        if (capacity < 1)
        {
            throw new AcdException(AcdError.INVALID, "the last-agent memory needs room for at least one caller");
        }
        this.capacity = capacity;
        keys = new long[capacity];
        agentIds = new int[capacity];
        older = new int[capacity];
        newer = new int[capacity];
        index = new int[BitUtil.findNextPositivePowerOfTwo(capacity * 2)];
        Arrays.fill(index, EMPTY);
        mask = index.length - 1;
    }

    int capacity()
    {
        return capacity;
    }

    int size()
    {
        return size;
    }

    /** The last agent who answered {@code callerKey}, or {@link #NONE}. */
    int get(final long callerKey)
    {
        final int slot = find(callerKey);
        return slot < 0 ? NONE : agentIds[index[slot]];
    }

    /** {@code agentId} answered {@code callerKey} now: remembered as the newest, the oldest forgotten when full. */
    void put(final long callerKey, final int agentId)
    {
        final int slot = find(callerKey);
        if (slot >= 0)
        {
            final int entry = index[slot];
            agentIds[entry] = agentId;
            unlink(entry);
            linkNewest(entry);
            return;
        }
        final int entry;
        if (size == capacity)
        {
            entry = oldest;
            unlink(entry);
            removeFromIndex(keys[entry]);
        }
        else
        {
            entry = size++;
        }
        keys[entry] = callerKey;
        agentIds[entry] = agentId;
        linkNewest(entry);
        int free = home(callerKey);
        while (index[free] != EMPTY)
        {
            free = (free + 1) & mask;
        }
        index[free] = entry;
    }

    /** The hash slot holding {@code callerKey}, or -1. */
    private int find(final long callerKey)
    {
        for (int slot = home(callerKey); index[slot] != EMPTY; slot = (slot + 1) & mask)
        {
            if (keys[index[slot]] == callerKey)
            {
                return slot;
            }
        }
        return -1;
    }

    /** Empties the key's slot, then moves later entries of its run back so that every probe still finds them. */
    private void removeFromIndex(final long callerKey)
    {
        int hole = find(callerKey);
        for (int slot = (hole + 1) & mask; index[slot] != EMPTY; slot = (slot + 1) & mask)
        {
            final int wanted = home(keys[index[slot]]);
            // The entry may fill the hole unless its home lies cyclically in (hole, slot].
            if (((slot - wanted) & mask) >= ((slot - hole) & mask))
            {
                index[hole] = index[slot];
                hole = slot;
            }
        }
        index[hole] = EMPTY;
    }

    private int home(final long callerKey)
    {
        long h = callerKey * 0x9E3779B97F4A7C15L;
        h ^= h >>> 32;
        return (int)h & mask;
    }

    private void unlink(final int entry)
    {
        final int before = older[entry];
        final int after = newer[entry];
        if (before == NIL)
        {
            oldest = after;
        }
        else
        {
            newer[before] = after;
        }
        if (after == NIL)
        {
            newest = before;
        }
        else
        {
            older[after] = before;
        }
    }

    private void linkNewest(final int entry)
    {
        older[entry] = newest;
        newer[entry] = NIL;
        if (newest == NIL)
        {
            oldest = entry;
        }
        else
        {
            newer[newest] = entry;
        }
        newest = entry;
    }
}

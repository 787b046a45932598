package io.switchboard.acd;

/**
 * The groups' FIFO queues over {@link CallTable} slots: append at the tail, unlink anywhere, and keep every
 * caller's {@code ahead} (the calls before it, waiting or ringing) and tell the listener when a waiting caller's
 * changes. Telling every caller behind is inherent to the position announcements, so an unlink costs O(behind).
 */
final class CallQueues
{
    private final CallTable calls;
    private final AcdListener listener;

    CallQueues(final CallTable calls, final AcdListener listener)
    {
        this.calls = calls;
        this.listener = listener;
    }

    void append(final Group group, final int slot)
    {
        calls.prev[slot] = group.tail;
        calls.next[slot] = CallTable.NIL;
        if (group.tail == CallTable.NIL)
        {
            group.head = slot;
        }
        else
        {
            calls.next[group.tail] = slot;
        }
        group.tail = slot;
        calls.ahead[slot] = group.size;
        group.size++;
    }

    /** Takes the call out of its group's queue; the callers behind move up and, if waiting, are told. */
    void unlink(final Group group, final int slot)
    {
        final int before = calls.prev[slot];
        final int after = calls.next[slot];
        if (before == CallTable.NIL)
        {
            group.head = after;
        }
        else
        {
            calls.next[before] = after;
        }
        if (after == CallTable.NIL)
        {
            group.tail = before;
        }
        else
        {
            calls.prev[after] = before;
        }
        calls.prev[slot] = CallTable.NIL;
        calls.next[slot] = CallTable.NIL;
        group.size--;
        for (int s = after; s != CallTable.NIL; s = calls.next[s])
        {
            calls.ahead[s]--;
            if (calls.state[s] == CallTable.WAITING)
            {
                report(s);
            }
        }
    }

    /** Tells the listener the caller's {@code ahead} if it changed since last told. */
    void report(final int slot)
    {
        final int ahead = calls.ahead[slot];
        if (calls.reported[slot] != ahead)
        {
            calls.reported[slot] = ahead;
            listener.position(calls.callId[slot], ahead);
        }
    }

    /**
     * The longest-waiting call of the group not being rung, or NIL. Calls ahead of it are ringing, and there are
     * at most as many of those as the group has members.
     */
    int firstWaiting(final Group group)
    {
        int s = group.head;
        while (s != CallTable.NIL && calls.state[s] != CallTable.WAITING)
        {
            s = calls.next[s];
        }
        return s;
    }
}

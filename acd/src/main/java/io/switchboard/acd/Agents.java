package io.switchboard.acd;

import java.util.Arrays;

/**
 * The agents' data in parallel arrays indexed by agent id (ids are dense), so the engine reads and changes an agent
 * without a lookup or an allocation. Fields are package-private: the engine, the idle heaps and the naive selector
 * read them on the engine's thread.
 */
final class Agents
{
    /** Ids above this are refused: the arrays are indexed by id. */
    static final int MAX_ID = (1 << 22) - 1;
    static final int NO_SLOT = -1;

    boolean[] exists;
    String[] staffNo;
    boolean[] autoAnswer;
    AgentState[] state;
    int[] reason;
    long[] idleSince;
    /** When the agent entered its present state (engine nanos; 0 until its first change): time in state. */
    long[] stateSince;
    long[] callsToday;
    /** The call slot the agent rings for or is on, or {@link #NO_SLOT}. */
    int[] callSlot;
    /** Direct calls (not routed by the ACD) the agent is on; above 0 only while on call. */
    int[] directCalls;
    /** The ring timeout or wrap-up countdown, or {@link Timers#NONE}. */
    long[] timer;
    long[] wrapUpStart;
    long[] wrapUpEnd;
    /** Chat sessions open at the agent (offered and served, all groups), and those of them served. */
    int[] openChats;
    int[] servedChats;
    long[] chatsToday;
    /** When the agent was last offered a chat session (for the longest-idle order among chat agents). */
    long[] chatAt;
    /** The agent missed a chat offer while on a call: no chat is offered until it is idle or picks a state. */
    boolean[] chatHeld;
    /**
     * The agent was busy when a direct call rang it (or it dialled): once that call and its wrap-up are over it is
     * busy again, not idle. Cleared when it becomes idle or picks a state.
     */
    boolean[] backToBusy;
    /** The agent's wrap-up is kept open (no countdown) until it ends it. */
    boolean[] wrapUpKept;
    /**
     * The agent's reception switch (接待开关): off, it is offered no new session (ongoing ones continue, transfers
     * to it are refused); its state is unchanged. On when added.
     */
    boolean[] chatReception;
    /** The first of the agent's open sessions in {@link ChatTable}'s per-agent list, or {@link ChatTable#NIL}. */
    int[] chatHead;
    /** The agent's groups; {@code heapPos} is the agent's index in each group's idle heap, or -1. */
    int[][] groups;
    int[][] heapPos;
    int[] groupCount;
    /** One past the highest id ever added. */
    int limit;

    Agents(final int capacity)
    {
        allocate(Math.max(16, capacity));
    }

    boolean exists(final int agentId)
    {
        return agentId >= 0 && agentId < limit && exists[agentId];
    }

    void add(final int agentId, final String staff, final boolean answersAtOnce)
    {
        if (agentId >= exists.length)
        {
            grow(agentId + 1);
        }
        exists[agentId] = true;
        staffNo[agentId] = staff;
        autoAnswer[agentId] = answersAtOnce;
        state[agentId] = AgentState.OFFLINE;
        reason[agentId] = AcdCommands.REASON_NONE;
        idleSince[agentId] = 0;
        stateSince[agentId] = 0;
        callsToday[agentId] = 0;
        callSlot[agentId] = NO_SLOT;
        directCalls[agentId] = 0;
        timer[agentId] = Timers.NONE;
        openChats[agentId] = 0;
        servedChats[agentId] = 0;
        chatsToday[agentId] = 0;
        chatAt[agentId] = 0;
        chatHeld[agentId] = false;
        backToBusy[agentId] = false;
        wrapUpKept[agentId] = false;
        chatReception[agentId] = true;
        chatHead[agentId] = ChatTable.NIL;
        groupCount[agentId] = 0;
        if (groups[agentId] == null)
        {
            groups[agentId] = new int[4];
            heapPos[agentId] = new int[4];
        }
        limit = Math.max(limit, agentId + 1);
    }

    void remove(final int agentId)
    {
        exists[agentId] = false;
        staffNo[agentId] = null;
        groupCount[agentId] = 0;
    }

    /** The index of {@code groupId} among the agent's groups, or -1. Agents have a handful of groups: a scan. */
    int membership(final int agentId, final int groupId)
    {
        final int[] mine = groups[agentId];
        for (int k = 0, n = groupCount[agentId]; k < n; k++)
        {
            if (mine[k] == groupId)
            {
                return k;
            }
        }
        return -1;
    }

    int addMembership(final int agentId, final int groupId)
    {
        final int k = groupCount[agentId];
        if (k == groups[agentId].length)
        {
            groups[agentId] = Arrays.copyOf(groups[agentId], k * 2);
            heapPos[agentId] = Arrays.copyOf(heapPos[agentId], k * 2);
        }
        groups[agentId][k] = groupId;
        heapPos[agentId][k] = -1;
        groupCount[agentId] = k + 1;
        return k;
    }

    /**
     * Removes membership {@code k} by moving the last one into its place; returns the index it moved from (the
     * caller fixes the idle heap that points at it) or -1 if nothing moved. The agent must be out of k's heap.
     */
    int removeMembership(final int agentId, final int k)
    {
        final int last = groupCount[agentId] - 1;
        groupCount[agentId] = last;
        if (k == last)
        {
            return -1;
        }
        groups[agentId][k] = groups[agentId][last];
        heapPos[agentId][k] = heapPos[agentId][last];
        return last;
    }

    private void grow(final int needed)
    {
        int capacity = exists.length;
        while (capacity < needed)
        {
            capacity *= 2;
        }
        final boolean[] oldExists = exists;
        final String[] oldStaffNo = staffNo;
        final boolean[] oldAutoAnswer = autoAnswer;
        final AgentState[] oldState = state;
        final int[] oldReason = reason;
        final long[] oldIdleSince = idleSince;
        final long[] oldStateSince = stateSince;
        final long[] oldCallsToday = callsToday;
        final int[] oldCallSlot = callSlot;
        final int[] oldDirectCalls = directCalls;
        final long[] oldTimer = timer;
        final long[] oldWrapUpStart = wrapUpStart;
        final long[] oldWrapUpEnd = wrapUpEnd;
        final int[] oldOpenChats = openChats;
        final int[] oldServedChats = servedChats;
        final long[] oldChatsToday = chatsToday;
        final long[] oldChatAt = chatAt;
        final boolean[] oldChatHeld = chatHeld;
        final boolean[] oldBackToBusy = backToBusy;
        final boolean[] oldWrapUpKept = wrapUpKept;
        final boolean[] oldChatReception = chatReception;
        final int[] oldChatHead = chatHead;
        final int[][] oldGroups = groups;
        final int[][] oldHeapPos = heapPos;
        final int[] oldGroupCount = groupCount;
        final int n = oldExists.length;
        allocate(capacity);
        System.arraycopy(oldExists, 0, exists, 0, n);
        System.arraycopy(oldStaffNo, 0, staffNo, 0, n);
        System.arraycopy(oldAutoAnswer, 0, autoAnswer, 0, n);
        System.arraycopy(oldState, 0, state, 0, n);
        System.arraycopy(oldReason, 0, reason, 0, n);
        System.arraycopy(oldIdleSince, 0, idleSince, 0, n);
        System.arraycopy(oldStateSince, 0, stateSince, 0, n);
        System.arraycopy(oldCallsToday, 0, callsToday, 0, n);
        System.arraycopy(oldCallSlot, 0, callSlot, 0, n);
        System.arraycopy(oldDirectCalls, 0, directCalls, 0, n);
        System.arraycopy(oldTimer, 0, timer, 0, n);
        System.arraycopy(oldWrapUpStart, 0, wrapUpStart, 0, n);
        System.arraycopy(oldWrapUpEnd, 0, wrapUpEnd, 0, n);
        System.arraycopy(oldOpenChats, 0, openChats, 0, n);
        System.arraycopy(oldServedChats, 0, servedChats, 0, n);
        System.arraycopy(oldChatsToday, 0, chatsToday, 0, n);
        System.arraycopy(oldChatAt, 0, chatAt, 0, n);
        System.arraycopy(oldChatHeld, 0, chatHeld, 0, n);
        System.arraycopy(oldBackToBusy, 0, backToBusy, 0, n);
        System.arraycopy(oldWrapUpKept, 0, wrapUpKept, 0, n);
        System.arraycopy(oldChatReception, 0, chatReception, 0, n);
        System.arraycopy(oldChatHead, 0, chatHead, 0, n);
        System.arraycopy(oldGroups, 0, groups, 0, n);
        System.arraycopy(oldHeapPos, 0, heapPos, 0, n);
        System.arraycopy(oldGroupCount, 0, groupCount, 0, n);
    }

    private void allocate(final int capacity)
    {
        exists = new boolean[capacity];
        staffNo = new String[capacity];
        autoAnswer = new boolean[capacity];
        state = new AgentState[capacity];
        reason = new int[capacity];
        idleSince = new long[capacity];
        stateSince = new long[capacity];
        callsToday = new long[capacity];
        callSlot = new int[capacity];
        directCalls = new int[capacity];
        timer = new long[capacity];
        wrapUpStart = new long[capacity];
        wrapUpEnd = new long[capacity];
        openChats = new int[capacity];
        servedChats = new int[capacity];
        chatsToday = new long[capacity];
        chatAt = new long[capacity];
        chatHeld = new boolean[capacity];
        backToBusy = new boolean[capacity];
        wrapUpKept = new boolean[capacity];
        chatReception = new boolean[capacity];
        chatHead = new int[capacity];
        groups = new int[capacity][];
        heapPos = new int[capacity][];
        groupCount = new int[capacity];
    }
}

package io.switchboard.acd;

import java.util.Arrays;

/**
 * The engine's chat side: chat sessions routed to the same agents as calls, several at a time. Owned by the
 * {@link AcdEngine} and called only by it, on its thread; it calls the engine back for two things only: to put an
 * agent that missed an offer on break ({@link AcdEngine#missedChat}) and to let an agent take calls again
 * ({@link AcdEngine#takesCallsAgain}).
 *
 * <p>Who is receivable and who is chosen is {@link ChatSelection}'s. The rule kept after every command: a session
 * waits in G only while no member of G is receivable in G, and only while some member of G is available (online
 * with its reception switch on). So a session queued while a member is receivable is first in line, and capacity
 * that frees (a session ends, an agent becomes idle, joins a group, turns reception on, an offer is taken back, a
 * group's concurrency or the tenant's rules change) is offered at once. A session decision costs O(members); an
 * agent whose capacity frees takes the longest-waiting session among the heads of its groups' queues, O(groups).
 * Calls keep their heaps: a chat decision never walks them.
 *
 * <p>Beyond routing: an agent's reception switch; sessions changing hands outside offers (transfers, picks from
 * the unassigned pool, sessions an agent opens) are {@link ChatHandovers}'.
 */
final class ChatRouting
{
    private final Agents agents;
    private final SkillGroups groups;
    private final ChatTable sessions;
    private final Timers timers;
    private final AcdListener listener;
    private final AcdEngine host;
    private final ChatSelection selection;
    /** Sessions changing hands outside offers: transfers, picks from the pool, sessions an agent opens. */
    final ChatHandovers handovers;
    private AcdSettings settings;
    /** Sessions whose offer was just taken back, to be offered again oldest first. Engine-thread scratch. */
    private int[] retry = new int[16];
    private int retryCount;

    ChatRouting(final AcdEngine host, final Timers timers, final AcdListener listener)
    {
        this.agents = host.agents;
        this.groups = host.groups;
        this.sessions = host.sessions;
        this.settings = host.settings;
        this.timers = timers;
        this.listener = listener;
        this.host = host;
        this.selection = new ChatSelection(agents, settings);
        this.handovers = new ChatHandovers(this, host, selection, listener);
    }

    // ---------------------------------------------------------------- commands

    void queue(final long sessionId, final int groupId, final int ownerAgentId, final long now)
    {
        final Group group = groups.get(groupId);
        if (sessions.slot(sessionId) != ChatTable.NIL)
        {
            throw new AcdException(AcdError.DUPLICATE, "chat session " + sessionId + " is already known");
        }
        final int agentId = selection.choose(group, ownerAgentId, -1);
        if (agentId < 0 && (selection.available() == 0 && !group.settings.chatPool()
            || group.chatSize >= GroupSettings.MAX_POOL))
        {
            listener.chatNoAgent(sessionId);
            return;
        }
        final int slot = sessions.add(sessionId, groupId, ownerAgentId, now);
        sessions.append(group, slot);
        if (agentId >= 0)
        {
            offer(slot, agentId, group, now);
        }
        else
        {
            sessions.report(slot, listener);
        }
    }

    void accepted(final long sessionId, final int agentId, final long now)
    {
        requireAgent(agentId);
        final int slot = requireSlot(sessionId);
        if (sessions.state[slot] != ChatTable.OFFERED || sessions.agent[slot] != agentId)
        {
            throw new AcdException(AcdError.FORBIDDEN_TRANSITION, "chat session " + sessionId
                + " is not offered to agent " + agentId + " (it is " + describe(slot) + ")");
        }
        sessions.timer[slot] = timers.cancel(sessions.timer[slot]);
        serve(slot, agentId, groups.at(sessions.group[slot]));
    }

    void ended(final long sessionId, final long now)
    {
        final int slot = sessions.slot(sessionId);
        if (slot == ChatTable.NIL)
        {
            return;
        }
        final byte state = sessions.state[slot];
        final int agentId = sessions.agent[slot];
        if (state != ChatTable.SERVED)
        {
            sessions.timer[slot] = timers.cancel(sessions.timer[slot]);
            sessions.unlink(groups.at(sessions.group[slot]), slot, listener);
        }
        if (state != ChatTable.WAITING)
        {
            sessions.unlinkAgent(slot);
            agents.openChats[agentId]--;
            if (state == ChatTable.SERVED)
            {
                agents.servedChats[agentId]--;
            }
            else
            {
                listener.chatWithdraw(sessionId, agentId);
            }
        }
        sessions.release(slot);
        if (state != ChatTable.WAITING)
        {
            capacityFreed(agentId, now);
        }
    }

    /** The accept timeout of the session in {@code slot} passed. */
    void acceptTimedOut(final int slot, final long now)
    {
        sessions.timer[slot] = Timers.NONE;
        final int agentId = sessions.agent[slot];
        withdraw(slot);
        if (agents.state[agentId] == AgentState.IDLE)
        {
            // The break takes back the agent's other offers (stateChanged) and offers them all again.
            host.missedChat(agentId, now);
            return;
        }
        // On a call: it cannot go on break; it gets no chat until it is idle again (or picks a state).
        agents.chatHeld[agentId] = true;
        withdrawOffers(agentId);
        offerAgain(now);
    }

    /**
     * The agent's reception switch. Off: its pending offers are taken back and offered again, and the sessions
     * waiting in a group of its where nobody is available any more are dropped; the sessions it serves continue.
     * On: it takes what waits, as when it becomes idle.
     */
    void reception(final int agentId, final boolean on, final long now)
    {
        requireAgent(agentId);
        if (agents.chatReception[agentId] == on)
        {
            return;
        }
        agents.chatReception[agentId] = on;
        if (on)
        {
            lookForWork(agentId, now);
            return;
        }
        withdrawOffers(agentId);
        offerAgain(now);
        final int[] mine = agents.groups[agentId];
        for (int k = 0, n = agents.groupCount[agentId]; k < n; k++)
        {
            dropIfNobodyOnline(groups.at(mine[k]));
        }
    }

    // ---------------------------------------------------------------- what the engine tells the chat side

    /**
     * The agent's state changed (not to idle: see {@link #lookForWork}). Busy, break or offline: its pending offers
     * are taken back and offered again (the sessions it serves stay), and if it went offline, the sessions waiting in
     * a group of its where nobody is online any more are dropped. Another state that receives chats when the one it
     * left did not (a call from busy with chats during calls): it takes what waits.
     */
    void stateChanged(final int agentId, final AgentState from, final long now)
    {
        final AgentState state = agents.state[agentId];
        if (state == AgentState.BUSY || state == AgentState.BREAK || state == AgentState.OFFLINE)
        {
            if (agents.chatHead[agentId] != ChatTable.NIL)
            {
                withdrawOffers(agentId);
            }
            // Also what an accept timeout took back just before this break (the agent's list may be empty now).
            offerAgain(now);
            if (state == AgentState.OFFLINE && from != AgentState.OFFLINE && sessions.waiting() > 0)
            {
                final int[] mine = agents.groups[agentId];
                for (int k = 0, n = agents.groupCount[agentId]; k < n; k++)
                {
                    dropIfNobodyOnline(groups.at(mine[k]));
                }
            }
        }
        else if (sessions.waiting() > 0 && selection.receiving(state) && !selection.receiving(from))
        {
            lookForWork(agentId, now);
        }
    }

    /**
     * The agent's capacity or state may let it take sessions: while it is receivable in one of its groups, it takes
     * the longest-waiting session among the heads of those groups' queues. Called when it becomes idle, joins a
     * group, or a session of its ends.
     */
    void lookForWork(final int agentId, final long now)
    {
        if (sessions.waiting() == 0 || !selection.receivable(agentId, Integer.MAX_VALUE))
        {
            return;
        }
        final int[] mine = agents.groups[agentId];
        while (true)
        {
            int best = ChatTable.NIL;
            Group from = null;
            for (int k = 0, n = agents.groupCount[agentId]; k < n; k++)
            {
                final Group group = groups.at(mine[k]);
                if (group.chatSize > 0 && agents.openChats[agentId] < group.settings.concurrency())
                {
                    final int head = sessions.firstWaiting(group);
                    if (head != ChatTable.NIL && (best == ChatTable.NIL || sessions.older(head, best)))
                    {
                        best = head;
                        from = group;
                    }
                }
            }
            if (best == ChatTable.NIL)
            {
                return;
            }
            offer(best, agentId, from, now);
            if (sessions.waiting() == 0)
            {
                return;
            }
        }
    }

    /** The agent left the group (its offers and sessions of the group stay with it). */
    void left(final Group group)
    {
        dropIfNobodyOnline(group);
    }

    /**
     * The group's settings changed (a higher concurrency lets members take more): its waiting sessions, oldest
     * first, go to the receivable members until none is left.
     */
    void sweep(final Group group, final long now)
    {
        int slot = sessions.firstWaiting(group);
        while (slot != ChatTable.NIL)
        {
            final int agentId = selection.choose(group, sessions.owner[slot], -1);
            if (agentId < 0)
            {
                return;
            }
            // Before the offer: an automatic accept takes the session out of the queue.
            final int after = sessions.waitingFrom(sessions.next[slot]);
            offer(slot, agentId, group, now);
            slot = after;
        }
    }

    /**
     * The group was deleted (its members already left it): each of its sessions not yet accepted is dropped (an
     * offered one taken back first, its agent then looking for work in its other groups). The sessions it served
     * stay with their agents until they end.
     */
    void groupRemoved(final Group group, final long now)
    {
        int slot = group.chatHead;
        group.chatHead = ChatTable.NIL;
        group.chatTail = ChatTable.NIL;
        group.chatSize = 0;
        while (slot != ChatTable.NIL)
        {
            final int after = sessions.next[slot];
            final long sessionId = sessions.sessionId[slot];
            if (sessions.state[slot] == ChatTable.OFFERED)
            {
                final int agentId = sessions.agent[slot];
                sessions.timer[slot] = timers.cancel(sessions.timer[slot]);
                sessions.unlinkAgent(slot);
                agents.openChats[agentId]--;
                listener.chatWithdraw(sessionId, agentId);
                sessions.release(slot);
                listener.chatNoAgent(sessionId);
                // One offer at a time: an agent freed of its last one takes calls again once, not once per offer.
                capacityFreed(agentId, now);
            }
            else
            {
                sessions.release(slot);
                listener.chatNoAgent(sessionId);
            }
            slot = after;
        }
    }

    /**
     * New tenant settings (the engine has dealt with the idle heaps): if chats during calls were just turned on,
     * agents on calls take what waits, each group's sessions offered oldest first to the best, at {@code now}.
     */
    void settings(final AcdSettings newSettings, final long now)
    {
        final AcdSettings old = settings;
        settings = newSettings;
        selection.settings(newSettings);
        if (!old.chatsDuringCalls() && newSettings.chatsDuringCalls())
        {
            for (int groupId = 0, n = groups.idLimit(); groupId < n; groupId++)
            {
                final Group group = groups.orNull(groupId);
                if (group != null && group.chatSize > 0)
                {
                    sweep(group, now);
                }
            }
        }
    }

    void resetDailyCounts()
    {
        Arrays.fill(agents.chatsToday, 0L);
    }

    // ---------------------------------------------------------------- internals

    private void offer(final int slot, final int agentId, final Group group, final long now)
    {
        sessions.state(slot, ChatTable.OFFERED);
        sessions.linkAgent(agentId, slot);
        agents.openChats[agentId]++;
        leaveCallsIfFirst(agentId);
        agents.chatAt[agentId] = now;
        final long sessionId = sessions.sessionId[slot];
        if (settings.chatAutoAccept())
        {
            listener.chatOffer(sessionId, agentId, true);
            serve(slot, agentId, group);
            return;
        }
        final long timeout = group.settings.chatAcceptTimeoutMillis();
        if (timeout > 0)
        {
            sessions.timer[slot] = timers.schedule(Timers.ACCEPT, slot, now + timeout * EngineState.NANOS_PER_MILLI,
                now);
        }
        listener.chatOffer(sessionId, agentId, false);
    }

    void serve(final int slot, final int agentId, final Group group)
    {
        sessions.state(slot, ChatTable.SERVED);
        agents.servedChats[agentId]++;
        agents.chatsToday[agentId]++;
        sessions.unlink(group, slot, listener);
    }

    /** Takes an offer back: the session waits again in its place, to be offered again by {@link #offerAgain}. */
    private void withdraw(final int slot)
    {
        final int agentId = sessions.agent[slot];
        sessions.timer[slot] = timers.cancel(sessions.timer[slot]);
        sessions.unlinkAgent(slot);
        sessions.state(slot, ChatTable.WAITING);
        agents.openChats[agentId]--;
        if (retryCount == retry.length)
        {
            retry = Arrays.copyOf(retry, retryCount * 2);
        }
        retry[retryCount++] = slot;
        listener.chatWithdraw(sessions.sessionId[slot], agentId);
    }

    /** Takes back every offer the agent has not accepted. */
    private void withdrawOffers(final int agentId)
    {
        int slot = agents.chatHead[agentId];
        while (slot != ChatTable.NIL)
        {
            final int after = sessions.agentNext[slot];
            if (sessions.state[slot] == ChatTable.OFFERED)
            {
                withdraw(slot);
            }
            slot = after;
        }
    }

    /**
     * Offers the sessions just taken back again, oldest first (a handful: a scan for the oldest each time). Each
     * goes to the best receivable member of its group, or waits in its place, or, nobody of the group being online,
     * is dropped. No session of those groups waits ahead of them with a receivable member, so the order holds.
     */
    private void offerAgain(final long now)
    {
        while (retryCount > 0)
        {
            int oldest = 0;
            for (int i = 1; i < retryCount; i++)
            {
                if (sessions.older(retry[i], retry[oldest]))
                {
                    oldest = i;
                }
            }
            final int slot = retry[oldest];
            retry[oldest] = retry[--retryCount];
            final Group group = groups.at(sessions.group[slot]);
            final int agentId = selection.choose(group, sessions.owner[slot], -1);
            if (agentId >= 0)
            {
                offer(slot, agentId, group, now);
            }
            else if (selection.available() == 0 && !group.settings.chatPool())
            {
                final long sessionId = sessions.sessionId[slot];
                sessions.unlink(group, slot, listener);
                sessions.release(slot);
                listener.chatNoAgent(sessionId);
            }
            else
            {
                sessions.report(slot, listener);
            }
        }
    }

    /** The agent's first open session (just counted): an idle agent leaves the calls' heaps if chats block calls. */
    void leaveCallsIfFirst(final int agentId)
    {
        if (agents.openChats[agentId] == 1 && agents.state[agentId] == AgentState.IDLE
            && !settings.callsDuringChats())
        {
            groups.leaveHeaps(agentId);
        }
    }

    int requireSlot(final long sessionId)
    {
        final int slot = sessions.slot(sessionId);
        if (slot == ChatTable.NIL)
        {
            throw new AcdException(AcdError.UNKNOWN_CALL, "chat session " + sessionId + " is not known (any more)");
        }
        return slot;
    }

    void requireAgent(final int agentId)
    {
        if (!agents.exists(agentId))
        {
            throw new AcdException(AcdError.UNKNOWN_AGENT, "agent " + agentId + " does not exist");
        }
    }

    /** An offer ended or was taken back, or a session ended: the agent may take calls again, then sessions. */
    void capacityFreed(final int agentId, final long now)
    {
        if (agents.openChats[agentId] == 0 && agents.state[agentId] == AgentState.IDLE
            && !settings.callsDuringChats())
        {
            host.takesCallsAgain(agentId, now);
        }
        lookForWork(agentId, now);
    }

    private void dropIfNobodyOnline(final Group group)
    {
        if (group.chatSize > 0 && !group.settings.chatPool() && !selection.anyAvailable(group))
        {
            sessions.dropWaiting(group, listener);
        }
    }

    String describe(final int slot)
    {
        return switch (sessions.state[slot])
        {
            case ChatTable.WAITING -> "waiting";
            case ChatTable.OFFERED -> "offered to agent " + sessions.agent[slot];
            default -> "served by agent " + sessions.agent[slot];
        };
    }
}

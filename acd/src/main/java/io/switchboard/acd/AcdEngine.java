package io.switchboard.acd;

import java.util.Arrays;

/**
 * The single-writer heart of the ACD: agents, skill groups, call and chat queues and timers, owned by one thread and
 * not thread-safe. It has no clock: every command brings {@code now} (nanoseconds), and {@link #poll(long)} runs the
 * timers due. Decisions go synchronously to the {@link AcdListener}, which must not call the engine back.
 *
 * <p>Calls are chosen from each group's idle heap ({@link IdleAgentHeap}, O(log n)); chat sessions by a linear scan
 * of the group's members that allocates nothing ({@link ChatRouting}, which holds the chat rules). The agent side
 * (the states an agent picks, wrap-ups, direct calls) is in {@link AgentEngine}. The rules where the issue left a
 * choice (which states an agent may pick, what a ringing call does when its caller or its group goes away, direct
 * calls, chat capacity and offers) are in the {@linkplain io.switchboard.acd package description}.
 */
public final class AcdEngine extends AgentEngine
{
    /** A wrap-up, extensions included, lasts at most this long. */
    public static final long MAX_WRAP_UP_MILLIS = 90_000;
    /** Group ids are array indexes: 0 to this. */
    public static final int MAX_GROUP_ID = SkillGroups.MAX_ID;
    /** Agent ids are array indexes: 0 to this. */
    public static final int MAX_AGENT_ID = Agents.MAX_ID;

    /** Callers whose last agent is remembered unless the engine is built with another number. */
    public static final int DEFAULT_LAST_AGENT_CAPACITY = 100_000;

    private static final int MAX_FALLBACK_HOPS = 8;

    private final CallQueues queues;
    private final ChatRouting chats;
    /** Caller key to the last agent who answered that caller, bounded. */
    private final LastAgents lastAgent;

    public AcdEngine(final AcdSettings settings, final AcdListener listener, final long nowNanos)
    {
        this(settings, listener, nowNanos, 1024, 1024);
    }

    /** With room for {@code agentCapacity} agent ids and {@code callCapacity} calls before anything grows. */
    public AcdEngine(final AcdSettings settings, final AcdListener listener, final long nowNanos,
        final int agentCapacity, final int callCapacity)
    {
        this(settings, listener, nowNanos, agentCapacity, callCapacity, DEFAULT_LAST_AGENT_CAPACITY);
    }

    /**
     * The same, remembering the last agent of at most {@code lastAgentCapacity} callers (the one answered longest
     * ago forgotten first), all allocated now.
     */
    public AcdEngine(final AcdSettings settings, final AcdListener listener, final long nowNanos,
        final int agentCapacity, final int callCapacity, final int lastAgentCapacity)
    {
        super(settings, listener, nowNanos, agentCapacity, callCapacity);
        this.queues = new CallQueues(calls, listener);
        this.chats = new ChatRouting(this, timers, listener);
        this.lastAgent = new LastAgents(lastAgentCapacity);
    }

    /**
     * New tenant settings: the policy applies at once, the timeouts to offers and wrap-ups started afterwards; the
     * chat rules at once (agents they let take calls or chats take what waits, at {@code now}).
     */
    @Override
    public void settings(final AcdSettings newSettings, final long now)
    {
        if (newSettings == null)
        {
            throw new AcdException(AcdError.INVALID, "settings required");
        }
        final boolean callsDuringChats = settings.callsDuringChats();
        settings = newSettings;
        groups.applyPolicies(newSettings.policy());
        if (callsDuringChats != newSettings.callsDuringChats())
        {
            callsDuringChatsChanged(now);
        }
        chats.settings(newSettings, now);
    }

    /**
     * Idle agents with open chat sessions enter the idle heaps (calls during chats turned on) or leave them (off).
     * Entering, every agent is in first, then each group's waiting calls are offered oldest first to the best: the
     * policy decides, not the order of agent ids.
     */
    private void callsDuringChatsChanged(final long now)
    {
        final boolean allowed = settings.callsDuringChats();
        for (int agentId = 0; agentId < agents.limit; agentId++)
        {
            if (agents.exists[agentId] && agents.state[agentId] == AgentState.IDLE && agents.openChats[agentId] > 0)
            {
                if (allowed)
                {
                    groups.enterHeaps(agentId);
                }
                else
                {
                    groups.leaveHeaps(agentId);
                }
            }
        }
        for (int groupId = 0, n = allowed ? groups.idLimit() : 0; groupId < n; groupId++)
        {
            final Group group = groups.orNull(groupId);
            if (group != null)
            {
                for (int slot = queues.firstWaiting(group); slot != CallTable.NIL && group.idle.size() > 0;
                    slot = queues.firstWaiting(group))
                {
                    offer(slot, chooseAgent(group, calls.callerKey[slot]), now);
                }
            }
        }
    }

    // ---------------------------------------------------------------- groups

    @Override
    public void addGroup(final int groupId, final GroupSettings groupSettings)
    {
        groups.add(groupId, groupSettings, settings.policy());
    }

    /**
     * New settings for a group: its policy applies at once, its queue limits to calls queued afterwards, its accept
     * timeout to chat offers made afterwards; a higher concurrency lets members take waiting sessions at once.
     */
    @Override
    public void updateGroup(final int groupId, final GroupSettings groupSettings, final long now)
    {
        groups.update(groupId, groupSettings, settings.policy());
        chats.sweep(groups.at(groupId), now);
        // The pool turned off with nobody available: what waits is not kept.
        chats.left(groups.at(groupId));
    }

    @Override
    public void removeGroup(final int groupId, final long now)
    {
        final Group group = groups.get(groupId);
        final int[] slots = new int[group.size];
        int n = 0;
        for (int s = group.head; s != CallTable.NIL; s = calls.next[s])
        {
            slots[n++] = s;
        }
        group.head = CallTable.NIL;
        group.tail = CallTable.NIL;
        group.size = 0;
        groups.remove(group);
        chats.groupRemoved(group, now);
        for (final int slot : slots)
        {
            final long callId = calls.callId[slot];
            final long callerKey = calls.callerKey[slot];
            final int agentId = calls.state[slot] == CallTable.RINGING ? calls.agent[slot] : -1;
            calls.waitTimer[slot] = timers.cancel(calls.waitTimer[slot]);
            calls.release(slot);
            if (agentId >= 0)
            {
                agents.timer[agentId] = timers.cancel(agents.timer[agentId]);
                agents.callSlot[agentId] = Agents.NO_SLOT;
                listener.withdraw(callId, agentId);
                becomeIdle(agentId, agents.idleSince[agentId], now);
            }
            sendToFallback(callId, callerKey, group.settings.fallback(), now, 0);
        }
    }

    // ---------------------------------------------------------------- agents

    @Override
    public void addAgent(final int agentId, final String staffNo, final boolean autoAnswer)
    {
        if (agentId < 0 || agentId > MAX_AGENT_ID || staffNo == null)
        {
            throw new AcdException(AcdError.INVALID,
                "agent " + agentId + ": an id within 0.." + MAX_AGENT_ID + " and a staff number are required");
        }
        if (agents.exists(agentId))
        {
            throw new AcdException(AcdError.DUPLICATE, "agent " + agentId + " already exists");
        }
        agents.add(agentId, staffNo, autoAnswer);
    }

    /**
     * Removes an agent who is not ringing, on a call or serving a chat session; the listener hears it go offline
     * first (if it was not), which takes back its chat offers as going offline does.
     */
    @Override
    public void removeAgent(final int agentId, final long now)
    {
        requireAgent(agentId);
        final AgentState state = agents.state[agentId];
        if (state == AgentState.RINGING || state == AgentState.ON_CALL || agents.directCalls[agentId] > 0
            || agents.servedChats[agentId] > 0)
        {
            throw new AcdException(AcdError.FORBIDDEN_TRANSITION, "agent " + agentId + " is " + state + " serving "
                + agents.servedChats[agentId] + " chat(s): it cannot be removed until the call or chats are over");
        }
        agents.timer[agentId] = timers.cancel(agents.timer[agentId]);
        groups.leaveHeaps(agentId);
        if (state != AgentState.OFFLINE)
        {
            changeState(agentId, AgentState.OFFLINE, REASON_NONE, now);
        }
        groups.forget(agentId);
        agents.remove(agentId);
    }

    @Override
    public void joinGroup(final int agentId, final int groupId, final long now)
    {
        requireAgent(agentId);
        final Group group = groups.get(groupId);
        if (agents.membership(agentId, groupId) >= 0)
        {
            throw new AcdException(AcdError.DUPLICATE, "agent " + agentId + " is already in group " + groupId);
        }
        groups.join(agentId, group, takesCalls(agentId));
        lookForWork(agentId, now);
        chats.lookForWork(agentId, now);
    }

    /**
     * The agent leaves the group; a call of that group already ringing at the agent keeps ringing, its chat sessions
     * of the group (offered or served) stay with it. If nobody of the group is online any more, its waiting chat
     * sessions are dropped ({@link AcdListener#chatNoAgent}).
     */
    @Override
    public void leaveGroup(final int agentId, final int groupId, final long now)
    {
        requireAgent(agentId);
        final Group group = groups.get(groupId);
        final int k = agents.membership(agentId, groupId);
        if (k < 0)
        {
            throw new AcdException(AcdError.UNKNOWN_GROUP, "agent " + agentId + " is not in group " + groupId);
        }
        groups.leaveAt(agentId, k, group);
        chats.left(group);
    }

    /** Calls and chats answered today start again from zero (the caller triggers it at midnight). */
    @Override
    public void resetDailyCounts(final long now)
    {
        Arrays.fill(agents.callsToday, 0L);
        groups.reorderFewestCalls();
        chats.resetDailyCounts();
    }

    /**
     * A caller's last answer from before the start: remembered as the newest (so they come oldest first). An agent
     * the engine does not know (deleted since) is skipped, so that one stale entry does not stop a batch.
     */
    @Override
    public void restoreLastAgent(final long callerKey, final int agentId, final long now)
    {
        if (agents.exists(agentId))
        {
            lastAgent.put(callerKey, agentId);
        }
    }

    /**
     * The calls an agent answered today before the start (negative counts as 0); an idle agent takes its new place
     * in its groups' heaps. An agent the engine does not know is skipped, like {@link #restoreLastAgent}.
     */
    @Override
    public void restoreCallsToday(final int agentId, final long callsToday, final long now)
    {
        if (!agents.exists(agentId))
        {
            return;
        }
        groups.leaveHeaps(agentId);
        agents.callsToday[agentId] = Math.max(0, callsToday);
        if (takesCalls(agentId))
        {
            groups.enterHeaps(agentId);
        }
    }

    // ---------------------------------------------------------------- calls

    @Override
    public void queue(final long callId, final int groupId, final long callerKey, final long now)
    {
        final Group group = groups.get(groupId);
        if (calls.slot(callId) != CallTable.NIL)
        {
            throw new AcdException(AcdError.DUPLICATE, "call " + callId + " is already known");
        }
        enqueue(callId, group, callerKey, now, 0);
    }

    @Override
    public void answered(final long callId, final int agentId, final long now)
    {
        final int slot = ringingSlot(callId, agentId);
        agents.timer[agentId] = timers.cancel(agents.timer[agentId]);
        calls.waitTimer[slot] = timers.cancel(calls.waitTimer[slot]);
        queues.unlink(groups.at(calls.group[slot]), slot);
        calls.state[slot] = CallTable.ON_CALL;
        agents.callsToday[agentId]++;
        lastAgent.put(calls.callerKey[slot], agentId);
        changeState(agentId, AgentState.ON_CALL, REASON_NONE, now);
    }

    @Override
    public void declined(final long callId, final int agentId, final long now)
    {
        final int slot = ringingSlot(callId, agentId);
        agents.timer[agentId] = timers.cancel(agents.timer[agentId]);
        missed(agentId, slot, now);
    }

    /** Idempotent: a call the engine does not know (any more) is ignored. */
    @Override
    public void ended(final long callId, final long now)
    {
        final int slot = calls.slot(callId);
        if (slot == CallTable.NIL)
        {
            return;
        }
        final int agentId = calls.agent[slot];
        final byte state = calls.state[slot];
        if (state == CallTable.ON_CALL)
        {
            calls.release(slot);
            agents.callSlot[agentId] = Agents.NO_SLOT;
            if (agents.directCalls[agentId] == 0)
            {
                startWrapUp(agentId, now);
            }
            return;
        }
        calls.waitTimer[slot] = timers.cancel(calls.waitTimer[slot]);
        queues.unlink(groups.at(calls.group[slot]), slot);
        calls.release(slot);
        if (state == CallTable.RINGING)
        {
            agents.timer[agentId] = timers.cancel(agents.timer[agentId]);
            agents.callSlot[agentId] = Agents.NO_SLOT;
            listener.withdraw(callId, agentId);
            becomeIdle(agentId, agents.idleSince[agentId], now);
        }
    }

    // ---------------------------------------------------------------- chat sessions (see ChatRouting)

    @Override
    public void chatQueue(final long sessionId, final int groupId, final int ownerAgentId, final long now)
    {
        chats.queue(sessionId, groupId, ownerAgentId, now);
    }

    @Override
    public void chatAccepted(final long sessionId, final int agentId, final long now)
    {
        chats.accepted(sessionId, agentId, now);
    }

    @Override
    public void chatEnded(final long sessionId, final long now)
    {
        chats.ended(sessionId, now);
    }

    @Override
    public void chatReception(final int agentId, final boolean on, final long now)
    {
        chats.reception(agentId, on, now);
    }

    @Override
    public void chatTransfer(final long sessionId, final int fromAgentId, final int toAgentId, final int toGroupId,
        final long now)
    {
        chats.handovers.transfer(sessionId, fromAgentId, toAgentId, toGroupId, now);
    }

    @Override
    public void chatPick(final long sessionId, final int agentId, final long now)
    {
        chats.handovers.pick(sessionId, agentId, now);
    }

    @Override
    public void chatOpen(final long sessionId, final int agentId, final int groupId, final long now)
    {
        chats.handovers.open(sessionId, agentId, groupId, now);
    }

    /** An idle agent did not accept a chat offer in time: a break, which takes back its other offers. */
    void missedChat(final int agentId, final long now)
    {
        groups.leaveHeaps(agentId);
        changeState(agentId, AgentState.BREAK, REASON_MISSED_CHAT, now);
    }

    /** An idle agent's last chat session ended while calls are refused during chats: it takes calls again. */
    void takesCallsAgain(final int agentId, final long now)
    {
        groups.enterHeaps(agentId);
        lookForWork(agentId, now);
    }

    // ---------------------------------------------------------------- internals

    private void enqueue(final long callId, final Group group, final long callerKey, final long now, final int hops)
    {
        if (group.full())
        {
            sendToFallback(callId, callerKey, group.settings.fallback(), now, hops);
            return;
        }
        final int slot = calls.add(callId, group.id, callerKey, now);
        queues.append(group, slot);
        final long maxWait = group.settings.maxWaitMillis();
        if (maxWait > 0)
        {
            calls.waitTimer[slot] = timers.schedule(Timers.MAX_WAIT, slot, now + maxWait * NANOS_PER_MILLI, now);
        }
        offerOrWait(group, slot, now);
    }

    /**
     * Offers a call that is first in line among the group's waiting calls to the best idle agent, or lets it
     * wait. If the group has an idle agent, no call of it waits (an agent becoming idle takes a call at once), so
     * a call queued or ringing out while an agent is idle is indeed first in line.
     */
    private void offerOrWait(final Group group, final int slot, final long now)
    {
        final int agentId = chooseAgent(group, calls.callerKey[slot]);
        if (agentId >= 0)
        {
            offer(slot, agentId, now);
        }
        else
        {
            queues.report(slot);
        }
    }

    private int chooseAgent(final Group group, final long callerKey)
    {
        if (settings.lastAgentPriority() && group.idle.size() > 0)
        {
            final int last = lastAgent.get(callerKey);
            if (last != LastAgents.NONE && agents.exists(last) && takesCalls(last)
                && agents.membership(last, group.id) >= 0)
            {
                return last;
            }
        }
        return group.idle.top();
    }

    private void offer(final int slot, final int agentId, final long now)
    {
        groups.leaveHeaps(agentId);
        calls.state[slot] = CallTable.RINGING;
        calls.agent[slot] = agentId;
        agents.callSlot[agentId] = slot;
        agents.state[agentId] = AgentState.RINGING;
        agents.stateSince[agentId] = now;
        agents.reason[agentId] = REASON_NONE;
        agents.timer[agentId] = settings.ringTimeout() ? timers.schedule(Timers.RING, agentId,
            now + settings.ringTimeoutMillis() * NANOS_PER_MILLI, now) : Timers.NONE;
        listener.offer(calls.callId[slot], agentId, agents.autoAnswer[agentId]);
        listener.agentState(agentId, AgentState.RINGING, REASON_NONE);
    }

    /** The offer rang out or was declined: the agent goes on break, the call to the next agent or back in line. */
    private void missed(final int agentId, final int slot, final long now)
    {
        agents.callSlot[agentId] = Agents.NO_SLOT;
        calls.state[slot] = CallTable.WAITING;
        calls.agent[slot] = Agents.NO_SLOT;
        listener.withdraw(calls.callId[slot], agentId);
        changeState(agentId, AgentState.BREAK, REASON_MISSED_CALL, now);
        if (calls.waitExpired[slot])
        {
            fallbackFromQueue(slot, now);
        }
        else
        {
            offerOrWait(groups.at(calls.group[slot]), slot, now);
        }
    }

    private void fallbackFromQueue(final int slot, final long now)
    {
        final Group group = groups.at(calls.group[slot]);
        final long callId = calls.callId[slot];
        final long callerKey = calls.callerKey[slot];
        calls.waitTimer[slot] = timers.cancel(calls.waitTimer[slot]);
        queues.unlink(group, slot);
        calls.release(slot);
        sendToFallback(callId, callerKey, group.settings.fallback(), now, 0);
    }

    private void sendToFallback(final long callId, final long callerKey, final Fallback fallback, final long now,
        final int hops)
    {
        final Group target = fallback.action() == Fallback.Action.GROUP ? groups.orNull(fallback.groupId()) : null;
        if (fallback.action() == Fallback.Action.GROUP && (target == null || hops >= MAX_FALLBACK_HOPS))
        {
            listener.fallback(callId, Fallback.HANG_UP);
            return;
        }
        listener.fallback(callId, fallback);
        if (target != null)
        {
            enqueue(callId, target, callerKey, now, hops + 1);
        }
    }

    /** Just idle: a call first (if the agent takes calls), then chat sessions (if it still receives them). */
    @Override
    void idleAgain(final int agentId, final long now)
    {
        lookForWork(agentId, now);
        chats.lookForWork(agentId, now);
    }

    @Override
    void stateChanged(final int agentId, final AgentState from, final long now)
    {
        chats.stateChanged(agentId, from, now);
    }

    /**
     * Fairest choice for an agent that takes calls (in its idle heaps): the call that has waited longest among the
     * heads of all its queues.
     */
    private void lookForWork(final int agentId, final long now)
    {
        if (!takesCalls(agentId))
        {
            return;
        }
        int best = CallTable.NIL;
        final int[] mine = agents.groups[agentId];
        for (int k = 0, n = agents.groupCount[agentId]; k < n; k++)
        {
            final int head = queues.firstWaiting(groups.at(mine[k]));
            if (head != CallTable.NIL && (best == CallTable.NIL || calls.older(head, best)))
            {
                best = head;
            }
        }
        if (best != CallTable.NIL)
        {
            offer(best, agentId, now);
        }
    }

    @Override
    void expired(final int kind, final int index, final long now)
    {
        if (kind == Timers.RING)
        {
            agents.timer[index] = Timers.NONE;
            missed(index, agents.callSlot[index], now);
        }
        else if (kind == Timers.WRAP_UP)
        {
            wrapUpExpired(index, now);
        }
        else if (kind == Timers.ACCEPT)
        {
            chats.acceptTimedOut(index, now);
        }
        else
        {
            calls.waitTimer[index] = Timers.NONE;
            if (calls.state[index] == CallTable.WAITING)
            {
                fallbackFromQueue(index, now);
            }
            else
            {
                calls.waitExpired[index] = true;
            }
        }
    }
}

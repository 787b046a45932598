package io.switchboard.acd;

import java.util.Arrays;

import org.agrona.collections.Long2LongHashMap;

/**
 * The single-writer heart of the ACD: agents, skill groups, queues and timers, owned by one thread and not
 * thread-safe. It has no clock: every command brings {@code now} (nanoseconds), and {@link #poll(long)} runs the
 * timers due. Decisions go synchronously to the {@link AcdListener}, which must not call the engine back.
 *
 * <p>The rules where the issue left a choice (which states an agent may pick, what a ringing call does when
 * its caller or its group goes away, direct calls) are in the {@linkplain io.switchboard.acd package description}.
 */
public final class AcdEngine extends EngineState implements AcdCommands
{
    /** A wrap-up, extensions included, lasts at most this long. */
    public static final long MAX_WRAP_UP_MILLIS = 90_000;
    /** Group ids are array indexes: 0 to this. */
    public static final int MAX_GROUP_ID = SkillGroups.MAX_ID;
    /** Agent ids are array indexes: 0 to this. */
    public static final int MAX_AGENT_ID = Agents.MAX_ID;

    private static final int MAX_FALLBACK_HOPS = 8;
    private static final long NO_AGENT = -1;

    private final AcdListener listener;
    private final CallQueues queues;
    private final Timers timers;
    /** Caller key to the last agent who answered that caller. */
    private final Long2LongHashMap lastAgent;

    public AcdEngine(final AcdSettings settings, final AcdListener listener, final long nowNanos)
    {
        this(settings, listener, nowNanos, 1024, 1024);
    }

    /** With room for {@code agentCapacity} agent ids and {@code callCapacity} calls before anything grows. */
    public AcdEngine(final AcdSettings settings, final AcdListener listener, final long nowNanos,
        final int agentCapacity, final int callCapacity)
    {
        super(settings, agentCapacity, callCapacity);
        if (listener == null)
        {
            throw new AcdException(AcdError.INVALID, "the engine needs settings and a listener");
        }
        this.listener = listener;
        this.queues = new CallQueues(calls, listener);
        this.lastAgent = new Long2LongHashMap(Math.max(64, callCapacity), 0.65f, NO_AGENT);
        this.timers = new Timers(this::expired, nowNanos);
    }

    /** New tenant settings: the policy applies at once, the timeouts to offers and wrap-ups started afterwards. */
    public void settings(final AcdSettings newSettings)
    {
        if (newSettings == null)
        {
            throw new AcdException(AcdError.INVALID, "settings required");
        }
        settings = newSettings;
        groups.applyPolicies(newSettings.policy());
    }

    // ---------------------------------------------------------------- groups

    @Override
    public void addGroup(final int groupId, final GroupSettings groupSettings)
    {
        groups.add(groupId, groupSettings, settings.policy());
    }

    /** New settings for a group: its policy applies at once, its queue limits to calls queued afterwards. */
    @Override
    public void updateGroup(final int groupId, final GroupSettings groupSettings)
    {
        groups.update(groupId, groupSettings, settings.policy());
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

    /** Removes an agent who is not ringing or on a call; the listener hears it go offline (if it was not). */
    @Override
    public void removeAgent(final int agentId, final long now)
    {
        requireAgent(agentId);
        final AgentState state = agents.state[agentId];
        if (state == AgentState.RINGING || state == AgentState.ON_CALL || agents.directCalls[agentId] > 0)
        {
            throw new AcdException(AcdError.FORBIDDEN_TRANSITION,
                "agent " + agentId + " is " + state + ": it cannot be removed until the call is over");
        }
        agents.timer[agentId] = timers.cancel(agents.timer[agentId]);
        if (state == AgentState.IDLE)
        {
            groups.leaveHeaps(agentId);
        }
        groups.forget(agentId);
        agents.remove(agentId);
        if (state != AgentState.OFFLINE)
        {
            listener.agentState(agentId, AgentState.OFFLINE, REASON_NONE);
        }
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
        groups.join(agentId, group);
        if (agents.state[agentId] == AgentState.IDLE)
        {
            lookForWork(agentId, now);
        }
    }

    /** The agent leaves the group; a call of that group already ringing at the agent keeps ringing. */
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
    }

    /**
     * An agent picks a state (see the class comment for the table). Picking the state the agent is in (and, for
     * a break, the same reason) changes nothing and tells the listener nothing. Leaving wrap-up this way ends it.
     */
    @Override
    public void setAgentState(final int agentId, final AgentState target, final int reason, final long now)
    {
        requireAgent(agentId);
        final AgentState from = agents.state[agentId];
        if (target == null || !target.agentMayPick())
        {
            throw new AcdException(AcdError.FORBIDDEN_TRANSITION,
                "agent " + agentId + " is " + from + " and cannot pick " + target + ": only the system sets it");
        }
        if (!from.agentMayLeave() && from != AgentState.WRAP_UP)
        {
            throw new AcdException(AcdError.FORBIDDEN_TRANSITION,
                "agent " + agentId + " is " + from + " and cannot change to " + target + " until the call is over");
        }
        final int newReason = target == AgentState.BREAK ? reason : REASON_NONE;
        if (from == target && agents.reason[agentId] == newReason)
        {
            return;
        }
        if (from == AgentState.WRAP_UP)
        {
            agents.timer[agentId] = timers.cancel(agents.timer[agentId]);
        }
        if (target == AgentState.IDLE)
        {
            becomeIdle(agentId, now, now);
            return;
        }
        if (from == AgentState.IDLE)
        {
            groups.leaveHeaps(agentId);
        }
        changeState(agentId, target, newReason);
    }

    @Override
    public void endWrapUp(final int agentId, final long now)
    {
        requireWrapUp(agentId);
        agents.timer[agentId] = timers.cancel(agents.timer[agentId]);
        becomeIdle(agentId, now, now);
    }

    @Override
    public void extendWrapUp(final int agentId, final long extraMillis, final long now)
    {
        requireWrapUp(agentId);
        final long total = (agents.wrapUpEnd[agentId] - agents.wrapUpStart[agentId]) / NANOS_PER_MILLI + extraMillis;
        if (extraMillis <= 0 || extraMillis > MAX_WRAP_UP_MILLIS || total > MAX_WRAP_UP_MILLIS)
        {
            throw new AcdException(AcdError.INVALID, "agent " + agentId + ": adding " + extraMillis
                + " ms would make the wrap-up " + total + " ms; it must stay within " + MAX_WRAP_UP_MILLIS + " ms");
        }
        final long end = agents.wrapUpEnd[agentId] + extraMillis * NANOS_PER_MILLI;
        agents.timer[agentId] = timers.cancel(agents.timer[agentId]);
        agents.wrapUpEnd[agentId] = end;
        agents.timer[agentId] = timers.schedule(Timers.WRAP_UP, agentId, end, now);
    }

    /** Calls answered today start again from zero (the caller triggers it at midnight). */
    public void resetDailyCounts(final long now)
    {
        Arrays.fill(agents.callsToday, 0L);
        groups.reorderFewestCalls();
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
        changeState(agentId, AgentState.ON_CALL, REASON_NONE);
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

    // ---------------------------------------------------------------- direct calls

    /** A direct call rings an idle agent: no ACD call, no ring timer (the call layer times it). */
    @Override
    public void directOffer(final int agentId, final long now)
    {
        requireAgent(agentId);
        final AgentState state = agents.state[agentId];
        if (state != AgentState.IDLE)
        {
            throw unavailable(agentId, state);
        }
        groups.leaveHeaps(agentId);
        changeState(agentId, AgentState.RINGING, REASON_NONE);
    }

    /**
     * The agent is on a direct call, one more if it was on a call already. An answered direct offer counts as a call
     * taken today; a call the agent makes does not.
     */
    @Override
    public void directStart(final int agentId, final long now)
    {
        requireAgent(agentId);
        final AgentState state = agents.state[agentId];
        switch (state)
        {
            case ON_CALL ->
            {
                agents.directCalls[agentId]++;
                return;
            }
            case OFFLINE -> throw unavailable(agentId, state);
            case RINGING ->
            {
                if (agents.callSlot[agentId] != Agents.NO_SLOT)
                {
                    throw unavailable(agentId, state);
                }
                agents.callsToday[agentId]++;
            }
            case IDLE -> groups.leaveHeaps(agentId);
            default ->
            {
                // Busy, break or wrap-up: a wrap-up's countdown is dropped, that call's wrap-up is over.
            }
        }
        agents.timer[agentId] = timers.cancel(agents.timer[agentId]);
        agents.directCalls[agentId]++;
        changeState(agentId, AgentState.ON_CALL, REASON_NONE);
    }

    /** A direct offer rang out or was refused: a break for a missed call. Ignored unless in a direct ringing. */
    @Override
    public void directMissed(final int agentId, final long now)
    {
        requireAgent(agentId);
        if (directRinging(agentId))
        {
            changeState(agentId, AgentState.BREAK, REASON_MISSED_CALL);
        }
    }

    /**
     * A direct call is over: a direct ringing goes back to idle at no cost (keeping its idle-since, like an ACD
     * ringing whose caller hangs up); on call, the last call to end starts the wrap-up. Ignored otherwise.
     */
    @Override
    public void directEnded(final int agentId, final long now)
    {
        requireAgent(agentId);
        if (directRinging(agentId))
        {
            becomeIdle(agentId, agents.idleSince[agentId], now);
            return;
        }
        if (agents.state[agentId] != AgentState.ON_CALL || agents.directCalls[agentId] == 0)
        {
            return;
        }
        if (--agents.directCalls[agentId] == 0 && agents.callSlot[agentId] == Agents.NO_SLOT)
        {
            startWrapUp(agentId, now);
        }
    }

    @Override
    public int poll(final long now)
    {
        return timers.poll(now);
    }

    @Override
    public int armedTimers()
    {
        return timers.armed();
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
            final long last = lastAgent.get(callerKey);
            if (last != NO_AGENT && agents.exists((int)last) && agents.state[(int)last] == AgentState.IDLE
                && agents.membership((int)last, group.id) >= 0)
            {
                return (int)last;
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
        agents.reason[agentId] = REASON_NONE;
        agents.timer[agentId] = timers.schedule(Timers.RING, agentId,
            now + settings.ringTimeoutMillis() * NANOS_PER_MILLI, now);
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
        changeState(agentId, AgentState.BREAK, REASON_MISSED_CALL);
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

    private void startWrapUp(final int agentId, final long now)
    {
        agents.wrapUpStart[agentId] = now;
        agents.wrapUpEnd[agentId] = now + settings.wrapUpMillis() * NANOS_PER_MILLI;
        agents.timer[agentId] = timers.schedule(Timers.WRAP_UP, agentId, agents.wrapUpEnd[agentId], now);
        changeState(agentId, AgentState.WRAP_UP, REASON_NONE);
    }

    /** The agent becomes idle (idle since {@code since}) and takes the longest-waiting call of its groups, if any. */
    private void becomeIdle(final int agentId, final long since, final long now)
    {
        agents.idleSince[agentId] = since;
        agents.state[agentId] = AgentState.IDLE;
        agents.reason[agentId] = REASON_NONE;
        groups.enterHeaps(agentId);
        listener.agentState(agentId, AgentState.IDLE, REASON_NONE);
        lookForWork(agentId, now);
    }

    /** Fairest choice for an idle agent: the call that has waited longest among the heads of all its queues. */
    private void lookForWork(final int agentId, final long now)
    {
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

    private void changeState(final int agentId, final AgentState state, final int reason)
    {
        agents.state[agentId] = state;
        agents.reason[agentId] = reason;
        listener.agentState(agentId, state, reason);
    }

    private void expired(final int kind, final int index, final long now)
    {
        if (kind == Timers.RING)
        {
            agents.timer[index] = Timers.NONE;
            missed(index, agents.callSlot[index], now);
        }
        else if (kind == Timers.WRAP_UP)
        {
            agents.timer[index] = Timers.NONE;
            becomeIdle(index, now, now);
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

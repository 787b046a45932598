package io.switchboard.acd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

import org.agrona.collections.Long2LongHashMap;

/**
 * The single-writer heart of the ACD: agents, skill groups, queues and timers, owned by one thread and not
 * thread-safe. It has no clock: every command brings {@code now} (nanoseconds), and {@link #poll(long)} runs the
 * timers due. Decisions go synchronously to the {@link AcdListener}, which must not call the engine back.
 *
 * <p>Rules where the issue left a choice:
 * <ul>
 * <li>An agent may pick idle, busy, break or offline from offline, idle, busy, break and also wrap-up (ending it
 * early: the agent may go on break straight after a call); never from ringing or on call.</li>
 * <li>A call being rung stays in its queue and counts as ahead of the callers behind; if it rings out it waits
 * again where it was, before every younger caller. {@link #queueLength(int)} counts it too, as does the
 * group's maximum queue length.</li>
 * <li>A caller who hangs up while ringing costs the agent nothing: it goes back to idle with the idle-since it
 * had, keeping its place in line.</li>
 * <li>A maximum wait that passes while the call rings lets it ring; if that agent does not answer, the call goes
 * to the fallback instead of the next agent. A change of a group's limits applies to calls queued afterwards.</li>
 * <li>A fallback to a group that does not exist, or an eighth fallback in a row at queue time (queues full in a
 * loop), becomes {@link Fallback#HANG_UP}, which is what the listener is told.</li>
 * <li>Deleting a group withdraws its calls being rung (those agents go back to idle) and sends them, with its
 * waiting calls, to its fallback. Removing an agent who rings or is on a call (direct or not) is refused.</li>
 * <li>Voice only: a group with a concurrency above 1 (chat) is refused for now.</li>
 * <li>Direct calls (outbound, internal, transferred to one agent: not routed by the ACD) are counted per agent.
 * A direct offer rings only an idle agent ({@link AcdError#AGENT_UNAVAILABLE} otherwise); it is a ringing with no
 * ACD call ({@code callSlot} is {@link Agents#NO_SLOT}) and no ring timer, the call layer times it. A direct call
 * starts from idle, busy, break, wrap-up (its countdown is dropped), a direct ringing or on call (a second call),
 * never from offline or an ACD ringing. A direct ringing that rings out goes on break (missed call) like a queued
 * one; one whose caller gives up costs nothing (idle with the old idle-since). The agent's last call to end,
 * direct or ACD, starts the wrap-up, so whatever state the agent had before an outbound call, it goes through
 * wrap-up to idle afterwards. Only answered direct offers count in the calls taken today (for the fewest-calls
 * policy), not the calls the agent makes. Missed and ended are ignored when they no longer apply (races with the
 * agent's own changes).</li>
 * <li>Ties are broken deterministically: same idle-since (and calls) by lower agent id, same arrival by
 * queueing order.</li>
 * </ul>
 */
public final class AcdEngine implements AcdCommands, AcdQueries
{
    /** A wrap-up, extensions included, lasts at most this long. */
    public static final long MAX_WRAP_UP_MILLIS = 90_000;
    /** Group ids are array indexes: 0 to this. */
    public static final int MAX_GROUP_ID = (1 << 20) - 1;
    /** Agent ids are array indexes: 0 to this. */
    public static final int MAX_AGENT_ID = Agents.MAX_ID;

    private static final int MAX_FALLBACK_HOPS = 8;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long NO_AGENT = -1;

    private final AcdListener listener;
    private final Agents agents;
    private final CallTable calls;
    private final CallQueues queues;
    private final Timers timers;
    /** Caller key to the last agent who answered that caller. */
    private final Long2LongHashMap lastAgent;
    private Group[] groups = new Group[64];
    private AcdSettings settings;

    public AcdEngine(final AcdSettings settings, final AcdListener listener, final long nowNanos)
    {
        this(settings, listener, nowNanos, 1024, 1024);
    }

    /** With room for {@code agentCapacity} agent ids and {@code callCapacity} calls before anything grows. */
    public AcdEngine(final AcdSettings settings, final AcdListener listener, final long nowNanos,
        final int agentCapacity, final int callCapacity)
    {
        if (settings == null || listener == null)
        {
            throw new AcdException(AcdError.INVALID, "the engine needs settings and a listener");
        }
        this.settings = settings;
        this.listener = listener;
        this.agents = new Agents(agentCapacity);
        this.calls = new CallTable(callCapacity);
        this.queues = new CallQueues(calls, listener);
        this.lastAgent = new Long2LongHashMap(Math.max(64, callCapacity), 0.65f, NO_AGENT);
        this.timers = new Timers(this::expired, nowNanos);
    }

    public AcdSettings settings()
    {
        return settings;
    }

    /** New tenant settings: the policy applies at once, the timeouts to offers and wrap-ups started afterwards. */
    public void settings(final AcdSettings newSettings)
    {
        if (newSettings == null)
        {
            throw new AcdException(AcdError.INVALID, "settings required");
        }
        settings = newSettings;
        for (final Group group : groups)
        {
            if (group != null)
            {
                applyPolicy(group);
            }
        }
    }

    // ---------------------------------------------------------------- groups

    @Override
    public void addGroup(final int groupId, final GroupSettings groupSettings)
    {
        if (groupId < 0 || groupId > MAX_GROUP_ID)
        {
            throw new AcdException(AcdError.INVALID, "group id " + groupId + " is not within 0.." + MAX_GROUP_ID);
        }
        requireVoice(groupId, groupSettings);
        if (groupId < groups.length && groups[groupId] != null)
        {
            throw new AcdException(AcdError.DUPLICATE, "group " + groupId + " already exists");
        }
        if (groupId >= groups.length)
        {
            int capacity = groups.length;
            while (capacity <= groupId)
            {
                capacity *= 2;
            }
            groups = Arrays.copyOf(groups, capacity);
        }
        final SelectionPolicy policy = groupSettings.policy() != null ? groupSettings.policy() : settings.policy();
        groups[groupId] = new Group(groupId, groupSettings, policy, agents);
    }

    /** New settings for a group: its policy applies at once, its queue limits to calls queued afterwards. */
    @Override
    public void updateGroup(final int groupId, final GroupSettings groupSettings)
    {
        final Group group = group(groupId);
        requireVoice(groupId, groupSettings);
        group.settings = groupSettings;
        applyPolicy(group);
    }

    @Override
    public void removeGroup(final int groupId, final long now)
    {
        final Group group = group(groupId);
        final int[] slots = new int[group.size];
        int n = 0;
        for (int s = group.head; s != CallTable.NIL; s = calls.next[s])
        {
            slots[n++] = s;
        }
        group.head = CallTable.NIL;
        group.tail = CallTable.NIL;
        group.size = 0;
        for (int agentId = 0; agentId < agents.limit; agentId++)
        {
            final int k = agents.exists[agentId] ? agents.membership(agentId, groupId) : -1;
            if (k >= 0)
            {
                leaveGroupAt(agentId, k, group);
            }
        }
        groups[groupId] = null;
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
            leaveHeaps(agentId);
        }
        for (int k = 0; k < agents.groupCount[agentId]; k++)
        {
            groups[agents.groups[agentId][k]].members--;
        }
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
        final Group group = group(groupId);
        if (agents.membership(agentId, groupId) >= 0)
        {
            throw new AcdException(AcdError.DUPLICATE, "agent " + agentId + " is already in group " + groupId);
        }
        final int k = agents.addMembership(agentId, groupId);
        group.members++;
        if (agents.state[agentId] == AgentState.IDLE)
        {
            group.idle.add(agentId, k);
            lookForWork(agentId, now);
        }
    }

    /** The agent leaves the group; a call of that group already ringing at the agent keeps ringing. */
    @Override
    public void leaveGroup(final int agentId, final int groupId, final long now)
    {
        requireAgent(agentId);
        final Group group = group(groupId);
        final int k = agents.membership(agentId, groupId);
        if (k < 0)
        {
            throw new AcdException(AcdError.UNKNOWN_GROUP, "agent " + agentId + " is not in group " + groupId);
        }
        leaveGroupAt(agentId, k, group);
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
            leaveHeaps(agentId);
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
        for (final Group group : groups)
        {
            if (group != null && group.policy == SelectionPolicy.FEWEST_CALLS)
            {
                group.idle.rebuild();
            }
        }
    }

    // ---------------------------------------------------------------- calls

    @Override
    public void queue(final long callId, final int groupId, final long callerKey, final long now)
    {
        final Group group = group(groupId);
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
        queues.unlink(groups[calls.group[slot]], slot);
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
        queues.unlink(groups[calls.group[slot]], slot);
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
        leaveHeaps(agentId);
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
            case IDLE -> leaveHeaps(agentId);
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

    // ---------------------------------------------------------------- queries (engine thread)

    public boolean hasAgent(final int agentId)
    {
        return agents.exists(agentId);
    }

    /** One past the highest agent id ever added: agent ids to scan are below it. */
    public int agentIdLimit()
    {
        return agents.limit;
    }

    public AgentState state(final int agentId)
    {
        requireAgent(agentId);
        return agents.state[agentId];
    }

    public int reason(final int agentId)
    {
        requireAgent(agentId);
        return agents.reason[agentId];
    }

    public long idleSince(final int agentId)
    {
        requireAgent(agentId);
        return agents.idleSince[agentId];
    }

    public long callsToday(final int agentId)
    {
        requireAgent(agentId);
        return agents.callsToday[agentId];
    }

    /** Direct calls the agent is on (0 unless on call). */
    public int directCalls(final int agentId)
    {
        requireAgent(agentId);
        return agents.directCalls[agentId];
    }

    public boolean autoAnswer(final int agentId)
    {
        requireAgent(agentId);
        return agents.autoAnswer[agentId];
    }

    /** What is left of the agent's wrap-up, or 0 if it is not in wrap-up. */
    public long wrapUpRemainingMillis(final int agentId, final long now)
    {
        requireAgent(agentId);
        if (agents.state[agentId] != AgentState.WRAP_UP)
        {
            return 0;
        }
        return Math.max(0, (agents.wrapUpEnd[agentId] - now) / NANOS_PER_MILLI);
    }

    public boolean hasGroup(final int groupId)
    {
        return groupOrNull(groupId) != null;
    }

    public boolean isMember(final int agentId, final int groupId)
    {
        return agents.exists(agentId) && agents.membership(agentId, groupId) >= 0;
    }

    /** The policy in force in the group: its own, else the tenant's. */
    public SelectionPolicy policy(final int groupId)
    {
        return group(groupId).policy;
    }

    public int members(final int groupId)
    {
        return group(groupId).members;
    }

    public int idleAgents(final int groupId)
    {
        return group(groupId).idle.size();
    }

    /** Calls in the group's queue not yet answered: waiting, or being rung. */
    public int queueLength(final int groupId)
    {
        return group(groupId).size;
    }

    /** Callers ahead of a waiting call, or -1 if the call is not waiting (unknown, ringing or answered). */
    public int ahead(final long callId)
    {
        final int slot = calls.slot(callId);
        return slot == CallTable.NIL || calls.state[slot] != CallTable.WAITING ? -1 : calls.ahead[slot];
    }

    /** The agent the call rings at, or -1. */
    public int ringingAgentOf(final long callId)
    {
        final int slot = calls.slot(callId);
        return slot == CallTable.NIL || calls.state[slot] != CallTable.RINGING ? -1 : calls.agent[slot];
    }

    /** Calls the engine knows: waiting, ringing or on a call. */
    public int calls()
    {
        return calls.size();
    }

    /** Timers armed (ring timeouts, wrap-ups, queue waits). */
    public int armedTimers()
    {
        return timers.armed();
    }

    public List<AgentView> agents()
    {
        final List<AgentView> views = new ArrayList<>();
        for (int agentId = 0; agentId < agents.limit; agentId++)
        {
            if (agents.exists[agentId])
            {
                final List<Integer> mine = new ArrayList<>();
                for (int k = 0; k < agents.groupCount[agentId]; k++)
                {
                    mine.add(agents.groups[agentId][k]);
                }
                final int slot = agents.callSlot[agentId];
                views.add(new AgentView(agentId, agents.staffNo[agentId], agents.autoAnswer[agentId],
                    agents.state[agentId], agents.reason[agentId], agents.idleSince[agentId],
                    agents.callsToday[agentId], List.copyOf(mine),
                    slot == Agents.NO_SLOT ? OptionalLong.empty() : OptionalLong.of(calls.callId[slot]),
                    agents.directCalls[agentId]));
            }
        }
        return views;
    }

    public List<GroupView> groups()
    {
        final List<GroupView> views = new ArrayList<>();
        for (final Group group : groups)
        {
            if (group != null)
            {
                views.add(new GroupView(group.id, group.settings, group.policy, group.members, group.idle.size(),
                    group.size));
            }
        }
        return views;
    }

    /** The group's queue in order, calls being rung included. */
    public List<WaitingCall> queue(final int groupId)
    {
        final Group group = group(groupId);
        final List<WaitingCall> views = new ArrayList<>(group.size);
        for (int s = group.head; s != CallTable.NIL; s = calls.next[s])
        {
            views.add(new WaitingCall(calls.callId[s], calls.callerKey[s], calls.arrival[s], calls.ahead[s],
                calls.state[s] == CallTable.RINGING ? calls.agent[s] : -1));
        }
        return views;
    }

    /** Read-only access to the agents' arrays for {@link NaiveSelector}. */
    Agents agentTable()
    {
        return agents;
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
        leaveHeaps(agentId);
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
            offerOrWait(groups[calls.group[slot]], slot, now);
        }
    }

    private void fallbackFromQueue(final int slot, final long now)
    {
        final Group group = groups[calls.group[slot]];
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
        final Group target = fallback.action() == Fallback.Action.GROUP ? groupOrNull(fallback.groupId()) : null;
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
        final int[] mine = agents.groups[agentId];
        for (int k = 0, n = agents.groupCount[agentId]; k < n; k++)
        {
            groups[mine[k]].idle.add(agentId, k);
        }
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
            final int head = queues.firstWaiting(groups[mine[k]]);
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

    private void leaveHeaps(final int agentId)
    {
        final int[] mine = agents.groups[agentId];
        final int[] positions = agents.heapPos[agentId];
        for (int k = 0, n = agents.groupCount[agentId]; k < n; k++)
        {
            if (positions[k] >= 0)
            {
                groups[mine[k]].idle.remove(agentId, k);
            }
        }
    }

    private void leaveGroupAt(final int agentId, final int k, final Group group)
    {
        if (agents.heapPos[agentId][k] >= 0)
        {
            group.idle.remove(agentId, k);
        }
        final int movedFrom = agents.removeMembership(agentId, k);
        final int position = agents.heapPos[agentId][k];
        if (movedFrom >= 0 && position >= 0)
        {
            groups[agents.groups[agentId][k]].idle.memberMoved(position, k);
        }
        group.members--;
    }

    private void changeState(final int agentId, final AgentState state, final int reason)
    {
        agents.state[agentId] = state;
        agents.reason[agentId] = reason;
        listener.agentState(agentId, state, reason);
    }

    private void applyPolicy(final Group group)
    {
        final SelectionPolicy policy = group.settings.policy() != null ? group.settings.policy() : settings.policy();
        if (policy != group.policy)
        {
            group.policy = policy;
            group.idle.policy(policy);
        }
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

    private int ringingSlot(final long callId, final int agentId)
    {
        requireAgent(agentId);
        final int slot = calls.slot(callId);
        if (slot == CallTable.NIL)
        {
            throw new AcdException(AcdError.UNKNOWN_CALL, "call " + callId + " is not known (any more)");
        }
        if (calls.state[slot] != CallTable.RINGING || calls.agent[slot] != agentId)
        {
            throw new AcdException(AcdError.FORBIDDEN_TRANSITION,
                "call " + callId + " is not ringing at agent " + agentId + " (agent is " + agents.state[agentId] + ")");
        }
        return slot;
    }

    /** Ringing for a direct call: ringing with no ACD call. */
    private boolean directRinging(final int agentId)
    {
        return agents.state[agentId] == AgentState.RINGING && agents.callSlot[agentId] == Agents.NO_SLOT;
    }

    private static AcdException unavailable(final int agentId, final AgentState state)
    {
        return new AcdException(AcdError.AGENT_UNAVAILABLE, "agent " + agentId + " is " + state + ", not available");
    }

    private void requireAgent(final int agentId)
    {
        if (!agents.exists(agentId))
        {
            throw new AcdException(AcdError.UNKNOWN_AGENT, "agent " + agentId + " does not exist");
        }
    }

    private void requireWrapUp(final int agentId)
    {
        requireAgent(agentId);
        if (agents.state[agentId] != AgentState.WRAP_UP)
        {
            throw new AcdException(AcdError.FORBIDDEN_TRANSITION,
                "agent " + agentId + " is " + agents.state[agentId] + ", not in wrap-up");
        }
    }

    private static void requireVoice(final int groupId, final GroupSettings groupSettings)
    {
        if (groupSettings == null)
        {
            throw new AcdException(AcdError.INVALID, "group " + groupId + ": settings required");
        }
        if (groupSettings.concurrency() != 1)
        {
            throw new AcdException(AcdError.INVALID, "group " + groupId + " (" + groupSettings.name()
                + "): concurrency " + groupSettings.concurrency() + " (chat) is not supported yet, voice only");
        }
    }

    private Group group(final int groupId)
    {
        final Group group = groupOrNull(groupId);
        if (group == null)
        {
            throw new AcdException(AcdError.UNKNOWN_GROUP, "group " + groupId + " does not exist");
        }
        return group;
    }

    private Group groupOrNull(final int groupId)
    {
        return groupId >= 0 && groupId < groups.length ? groups[groupId] : null;
    }
}

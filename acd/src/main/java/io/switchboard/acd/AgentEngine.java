package io.switchboard.acd;

/**
 * The agent side of the engine: the states an agent picks, wrap-ups, direct calls, the timer wheel, and the two
 * state changes every decision goes through ({@link #changeState}, {@link #becomeIdle}), which tell
 * {@link AcdEngine} (the routing side: groups, queued calls, chat sessions) through {@link #stateChanged} and
 * {@link #idleAgain}. Engine thread only; see {@link AcdEngine} for the whole.
 */
abstract class AgentEngine extends EngineState implements AcdCommands
{
    final AcdListener listener;
    final Timers timers;

    AgentEngine(final AcdSettings settings, final AcdListener listener, final long nowNanos,
        final int agentCapacity, final int callCapacity)
    {
        super(settings, agentCapacity, callCapacity);
        if (listener == null)
        {
            throw new AcdException(AcdError.INVALID, "the engine needs settings and a listener");
        }
        this.listener = listener;
        this.timers = new Timers(this::expired, nowNanos);
    }

    /** A timer is due: a ring timeout, a wrap-up's end, a queue wait or a chat accept timeout. */
    abstract void expired(int kind, int index, long now);

    /** The agent just became idle (and was told so): it takes waiting work. */
    abstract void idleAgain(int agentId, long now);

    /** The agent's state changed from {@code from} to another than idle (and the listener was told). */
    abstract void stateChanged(int agentId, AgentState from, long now);

    /**
     * An agent picks a state (see the class comment for the table). Picking the state the agent is in (and, for
     * a break, the same reason) changes nothing and tells the listener nothing. Leaving wrap-up this way ends it.
     * Any other pick lets an agent that missed a chat offer on a call receive chats again.
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
        agents.chatHeld[agentId] = false;
        agents.backToBusy[agentId] = false;
        agents.wrapUpKept[agentId] = false;
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
        changeState(agentId, target, newReason, now);
    }

    @Override
    public void endWrapUp(final int agentId, final long now)
    {
        requireWrapUp(agentId);
        agents.timer[agentId] = timers.cancel(agents.timer[agentId]);
        becomeIdle(agentId, now, now);
    }

    @Override
    public void keepWrapUp(final int agentId, final long now)
    {
        requireWrapUp(agentId);
        agents.timer[agentId] = timers.cancel(agents.timer[agentId]);
        agents.wrapUpKept[agentId] = true;
    }

    @Override
    public void extendWrapUp(final int agentId, final long extraMillis, final long now)
    {
        requireWrapUp(agentId);
        if (agents.wrapUpKept[agentId])
        {
            throw new AcdException(AcdError.FORBIDDEN_TRANSITION,
                "agent " + agentId + " keeps its wrap-up open: there is no countdown to extend");
        }
        final long total = (agents.wrapUpEnd[agentId] - agents.wrapUpStart[agentId]) / NANOS_PER_MILLI + extraMillis;
        if (extraMillis <= 0 || extraMillis > AcdEngine.MAX_WRAP_UP_MILLIS || total > AcdEngine.MAX_WRAP_UP_MILLIS)
        {
            throw new AcdException(AcdError.INVALID, "agent " + agentId + ": adding " + extraMillis
                + " ms would make the wrap-up " + total + " ms; it must stay within " + AcdEngine.MAX_WRAP_UP_MILLIS
                + " ms");
        }
        final long end = agents.wrapUpEnd[agentId] + extraMillis * NANOS_PER_MILLI;
        agents.timer[agentId] = timers.cancel(agents.timer[agentId]);
        agents.wrapUpEnd[agentId] = end;
        agents.timer[agentId] = timers.schedule(Timers.WRAP_UP, agentId, end, now);
    }

    // ---------------------------------------------------------------- direct calls

    /**
     * A direct call (internal call, transfer) rings an idle or busy agent: no ACD call, no ring timer (the call layer
     * times it). A busy agent is busy again once the call (and its wrap-up) is over; it is offered no chat meanwhile.
     * Offline, break, wrap-up, ringing and on call are refused.
     */
    @Override
    public void directOffer(final int agentId, final long now)
    {
        requireAgent(agentId);
        final AgentState state = agents.state[agentId];
        if (state != AgentState.IDLE && state != AgentState.BUSY)
        {
            throw unavailable(agentId, state);
        }
        groups.leaveHeaps(agentId);
        agents.backToBusy[agentId] = state == AgentState.BUSY;
        changeState(agentId, AgentState.RINGING, REASON_NONE, now);
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
            case BUSY -> agents.backToBusy[agentId] = true;
            default ->
            {
                // Busy, break or wrap-up: a wrap-up's countdown is dropped, that call's wrap-up is over.
            }
        }
        agents.timer[agentId] = timers.cancel(agents.timer[agentId]);
        agents.wrapUpKept[agentId] = false;
        agents.directCalls[agentId]++;
        changeState(agentId, AgentState.ON_CALL, REASON_NONE, now);
    }

    /**
     * A direct offer rang out or was refused: a break for a missed call, or busy again for an agent that was busy.
     * Ignored unless in a direct ringing.
     */
    @Override
    public void directMissed(final int agentId, final long now)
    {
        requireAgent(agentId);
        if (directRinging(agentId))
        {
            if (!busyAgain(agentId, now))
            {
                changeState(agentId, AgentState.BREAK, REASON_MISSED_CALL, now);
            }
        }
    }

    /** If the agent was busy before its direct call, it is busy again (and true). */
    private boolean busyAgain(final int agentId, final long now)
    {
        if (!agents.backToBusy[agentId])
        {
            return false;
        }
        agents.backToBusy[agentId] = false;
        changeState(agentId, AgentState.BUSY, REASON_NONE, now);
        return true;
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
            if (!busyAgain(agentId, now))
            {
                becomeIdle(agentId, agents.idleSince[agentId], now);
            }
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

    // ---------------------------------------------------------------- state changes

    /** The wrap-up after a call: a countdown, or kept open until the agent ends it with state recovery off. */
    final void startWrapUp(final int agentId, final long now)
    {
        agents.wrapUpStart[agentId] = now;
        agents.wrapUpEnd[agentId] = now + settings.wrapUpMillis() * NANOS_PER_MILLI;
        agents.wrapUpKept[agentId] = !settings.stateRecovery();
        if (settings.stateRecovery())
        {
            agents.timer[agentId] = timers.schedule(Timers.WRAP_UP, agentId, agents.wrapUpEnd[agentId], now);
        }
        changeState(agentId, AgentState.WRAP_UP, REASON_NONE, now);
    }

    /** The wrap-up's countdown ran out: idle, or busy again for an agent that was busy before a direct call. */
    final void wrapUpExpired(final int agentId, final long now)
    {
        agents.timer[agentId] = Timers.NONE;
        if (!busyAgain(agentId, now))
        {
            becomeIdle(agentId, now, now);
        }
    }

    /**
     * The agent becomes idle (idle since {@code since}): into its groups' idle heaps if it takes calls, a missed chat
     * forgotten, then it takes the longest-waiting call of its groups, if any, and chat sessions.
     */
    final void becomeIdle(final int agentId, final long since, final long now)
    {
        agents.idleSince[agentId] = since;
        agents.stateSince[agentId] = now;
        agents.state[agentId] = AgentState.IDLE;
        agents.reason[agentId] = REASON_NONE;
        agents.chatHeld[agentId] = false;
        agents.backToBusy[agentId] = false;
        agents.wrapUpKept[agentId] = false;
        if (takesCalls(agentId))
        {
            groups.enterHeaps(agentId);
        }
        listener.agentState(agentId, AgentState.IDLE, REASON_NONE);
        idleAgain(agentId, now);
    }

    /** Any state but idle ({@link #becomeIdle}); the agent is out of the idle heaps already. */
    final void changeState(final int agentId, final AgentState state, final int reason, final long now)
    {
        final AgentState from = agents.state[agentId];
        agents.state[agentId] = state;
        agents.stateSince[agentId] = now;
        agents.reason[agentId] = reason;
        listener.agentState(agentId, state, reason);
        stateChanged(agentId, from, now);
    }
}

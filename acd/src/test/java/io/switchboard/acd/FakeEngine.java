package io.switchboard.acd;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link AcdCommands} that writes down what it is told (as {@code name(args)@now}) and on which thread, and
 * reacts as a test scripts it: emitting decisions to its listener or throwing. Stands in for {@code AcdEngine},
 * which {@link AcdService} only knows through its interface.
 */
final class FakeEngine implements AcdCommands
{
    /** What the fake does after writing a command down; {@code id} is the call or agent, {@code other} the next. */
    @FunctionalInterface
    interface Reaction
    {
        void react(String command, long id, long other, AcdListener listener);
    }

    final AcdListener listener;
    final long createdAt;
    final List<String> calls = new CopyOnWriteArrayList<>();
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    final AtomicInteger polls = new AtomicInteger();
    /** Off for the allocation check: writing a command down allocates. */
    volatile boolean recording = true;
    volatile Reaction reaction = (command, id, other, l) ->
    {
    };
    volatile RuntimeException pollFailure;

    FakeEngine(final AcdListener listener, final long createdAt)
    {
        this.listener = listener;
        this.createdAt = createdAt;
    }

    @Override
    public void addGroup(final int groupId, final GroupSettings settings)
    {
        record("addGroup", "addGroup(" + groupId + "," + settings + ")", groupId, 0);
    }

    @Override
    public void updateGroup(final int groupId, final GroupSettings settings, final long now)
    {
        record("updateGroup", "updateGroup(" + groupId + "," + settings + ")", groupId, 0);
    }

    @Override
    public void removeGroup(final int groupId, final long now)
    {
        record("removeGroup", "removeGroup(" + groupId + ")@" + now, groupId, 0);
    }

    @Override
    public void addAgent(final int agentId, final String staffNo, final boolean autoAnswer)
    {
        record("addAgent", "addAgent(" + agentId + "," + staffNo + "," + autoAnswer + ")", agentId, 0);
    }

    @Override
    public void removeAgent(final int agentId, final long now)
    {
        record("removeAgent", "removeAgent(" + agentId + ")@" + now, agentId, 0);
    }

    @Override
    public void joinGroup(final int agentId, final int groupId, final long now)
    {
        record("joinGroup", "joinGroup(" + agentId + "," + groupId + ")@" + now, agentId, groupId);
    }

    @Override
    public void leaveGroup(final int agentId, final int groupId, final long now)
    {
        record("leaveGroup", "leaveGroup(" + agentId + "," + groupId + ")@" + now, agentId, groupId);
    }

    @Override
    public void setAgentState(final int agentId, final AgentState target, final int reason, final long now)
    {
        record("setAgentState",
            "setAgentState(" + agentId + "," + target + "," + reason + ")@" + now, agentId, target.ordinal());
    }

    @Override
    public void endWrapUp(final int agentId, final long now)
    {
        record("endWrapUp", "endWrapUp(" + agentId + ")@" + now, agentId, 0);
    }

    @Override
    public void keepWrapUp(final int agentId, final long now)
    {
        record("keepWrapUp", "keepWrapUp(" + agentId + ")@" + now, agentId, 0);
    }

    @Override
    public void extendWrapUp(final int agentId, final long extraMillis, final long now)
    {
        record("extendWrapUp", "extendWrapUp(" + agentId + "," + extraMillis + ")@" + now, agentId, extraMillis);
    }

    @Override
    public void queue(final long callId, final int groupId, final long callerKey, final long now)
    {
        record("queue",
            recording ? "queue(" + callId + "," + groupId + "," + callerKey + ")@" + now : null, callId, groupId);
    }

    @Override
    public void answered(final long callId, final int agentId, final long now)
    {
        record("answered", recording ? "answered(" + callId + "," + agentId + ")@" + now : null, callId, agentId);
    }

    @Override
    public void declined(final long callId, final int agentId, final long now)
    {
        record("declined", recording ? "declined(" + callId + "," + agentId + ")@" + now : null, callId, agentId);
    }

    @Override
    public void ended(final long callId, final long now)
    {
        record("ended", recording ? "ended(" + callId + ")@" + now : null, callId, 0);
    }

    @Override
    public void chatQueue(final long sessionId, final int groupId, final int ownerAgentId, final long now)
    {
        record("chatQueue", recording ? "chatQueue(" + sessionId + "," + groupId + "," + ownerAgentId + ")@" + now
            : null, sessionId, groupId);
    }

    @Override
    public void chatAccepted(final long sessionId, final int agentId, final long now)
    {
        record("chatAccepted", recording ? "chatAccepted(" + sessionId + "," + agentId + ")@" + now : null, sessionId,
            agentId);
    }

    @Override
    public void chatEnded(final long sessionId, final long now)
    {
        record("chatEnded", recording ? "chatEnded(" + sessionId + ")@" + now : null, sessionId, 0);
    }

    @Override
    public void chatReception(final int agentId, final boolean on, final long now)
    {
        record("chatReception", "chatReception(" + agentId + "," + on + ")@" + now, agentId, on ? 1 : 0);
    }

    @Override
    public void chatTransfer(final long sessionId, final int fromAgentId, final int toAgentId, final int toGroupId,
        final long now)
    {
        record("chatTransfer", "chatTransfer(" + sessionId + "," + fromAgentId + "," + toAgentId + "," + toGroupId
            + ")@" + now, sessionId, toAgentId);
    }

    @Override
    public void chatPick(final long sessionId, final int agentId, final long now)
    {
        record("chatPick", "chatPick(" + sessionId + "," + agentId + ")@" + now, sessionId, agentId);
    }

    @Override
    public void chatOpen(final long sessionId, final int agentId, final int groupId, final long now)
    {
        record("chatOpen", "chatOpen(" + sessionId + "," + agentId + "," + groupId + ")@" + now, sessionId, agentId);
    }

    @Override
    public void directOffer(final int agentId, final long now)
    {
        record("directOffer", "directOffer(" + agentId + ")@" + now, agentId, 0);
    }

    @Override
    public void directStart(final int agentId, final long now)
    {
        record("directStart", "directStart(" + agentId + ")@" + now, agentId, 0);
    }

    @Override
    public void directMissed(final int agentId, final long now)
    {
        record("directMissed", "directMissed(" + agentId + ")@" + now, agentId, 0);
    }

    @Override
    public void directEnded(final int agentId, final long now)
    {
        record("directEnded", "directEnded(" + agentId + ")@" + now, agentId, 0);
    }

    @Override
    public int poll(final long now)
    {
        polls.incrementAndGet();
        final RuntimeException failure = pollFailure;
        if (failure != null)
        {
            pollFailure = null;
            throw failure;
        }
        return 0;
    }

    private void record(final String name, final String call, final long id, final long other)
    {
        if (recording)
        {
            calls.add(call);
            threads.add(Thread.currentThread().getName());
        }
        reaction.react(name, id, other, listener);
    }

    @Override
    public void settings(final AcdSettings settings, final long now)
    {
        calls.add("settings(" + settings + ")@" + now);
    }

    @Override
    public void resetDailyCounts(final long now)
    {
        calls.add("resetDailyCounts");
    }

    @Override
    public void restoreLastAgent(final long callerKey, final int agentId, final long now)
    {
        calls.add("restoreLastAgent " + callerKey + " " + agentId);
    }

    @Override
    public void restoreCallsToday(final int agentId, final long callsToday, final long now)
    {
        calls.add("restoreCallsToday " + agentId + " " + callsToday);
    }
}

package io.switchboard.acd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random commands and time steps against an independent model kept from the listener's reports; after every
 * event the engine's answers must match the model and the ACD's promises must hold (see {@link ModelListener}).
 */
class RandomisedInvariantTest
{
    private static final int AGENTS = 40;
    private static final int GROUPS = 8;
    private static final int EVENTS = 20_000;

    private final Model model = new Model();
    private Random random;
    private AcdEngine engine;
    private GroupSettings[] groupSettings;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void theEngineKeepsItsPromises(final long seed)
    {
        random = new Random(seed);
        final SelectionPolicy tenantPolicy = SelectionPolicy.values()[random.nextInt(2)];
        model.lastAgentPriority = random.nextBoolean();
        final ModelListener listener = new ModelListener(model);
        engine = new AcdEngine(new AcdSettings(tenantPolicy, model.lastAgentPriority, 10_000, 5_000), listener,
            model.now, 8, 8);
        model.tenantPolicy = tenantPolicy;
        groupSettings = new GroupSettings[GROUPS];
        for (int g = 0; g < GROUPS; g++)
        {
            groupSettings[g] = randomGroup(g);
            addGroup(g);
        }
        for (int a = 0; a < AGENTS; a++)
        {
            engine.addAgent(a, "S" + a, random.nextInt(4) == 0);
            for (int k = random.nextInt(4); k > 0; k--)
            {
                join(a, random.nextInt(GROUPS));
            }
        }
        for (int i = 0; i < EVENTS; i++)
        {
            model.events = 0;
            step(i);
            verify(seed, i);
        }
        for (final Call call : model.calls.values())
        {
            assertTrue(call.outcome != null || call.status != Status.DONE, "call " + call.id + " ended no way");
        }
    }

    private GroupSettings randomGroup(final int g)
    {
        final SelectionPolicy policy = random.nextInt(3) == 0 ? SelectionPolicy.values()[random.nextInt(2)] : null;
        final int maxLength = random.nextBoolean() ? 0 : 2 + random.nextInt(6);
        final long maxWait = random.nextBoolean() ? 0 : 20_000 + random.nextInt(40_000);
        final Fallback fallback = random.nextBoolean() ? Fallback.HANG_UP : Fallback.toGroup((g + 1) % GROUPS);
        return new GroupSettings("g" + g, policy, 1, maxLength, maxWait, fallback);
    }

    private void addGroup(final int g)
    {
        engine.addGroup(g, groupSettings[g]);
        model.policy[g] = groupSettings[g].policy() != null ? groupSettings[g].policy() : model.tenantPolicy;
        model.maxLength[g] = groupSettings[g].maxQueueLength();
    }

    private void join(final int a, final int g)
    {
        if (model.member[a][g])
        {
            return;
        }
        model.member[a][g] = true;
        engine.joinGroup(a, g, model.now);
    }

    private void step(final int i)
    {
        final int r = random.nextInt(1000);
        if (r < 200)
        {
            pickState(random.nextInt(AGENTS));
        }
        else if (r < 350)
        {
            queueCall();
        }
        else if (r < 500)
        {
            answerOrDecline(random.nextInt(5) != 0);
        }
        else if (r < 640)
        {
            endCall();
        }
        else if (r < 700)
        {
            wrapUpCommand(random.nextInt(AGENTS));
        }
        else if (r < 740)
        {
            membership(random.nextInt(AGENTS), random.nextInt(GROUPS));
        }
        else if (r < 990)
        {
            model.now += random.nextInt(4000) * 1_000_000L;
            engine.poll(model.now);
        }
        else
        {
            adminCommand(random.nextInt(3));
        }
    }

    private void pickState(final int a)
    {
        final AgentState target = random.nextBoolean() ? AgentState.IDLE : AgentState.values()[random.nextInt(4)];
        final AgentState before = model.state[a];
        final boolean refused = before == AgentState.RINGING || before == AgentState.ON_CALL;
        try
        {
            engine.setAgentState(a, target, 1 + random.nextInt(3), model.now);
            assertTrue(!refused, "agent " + a + " left " + before);
        }
        catch (final AcdException e)
        {
            assertTrue(refused, e.getMessage());
            assertEquals(AcdError.FORBIDDEN_TRANSITION, e.error());
            assertEquals(0, model.events, "a refused change tells nothing");
        }
    }

    private void queueCall()
    {
        final int g = random.nextInt(GROUPS);
        final Call call = new Call(model.nextCallId++, random.nextInt(20), g);
        model.calls.put(call.id, call);
        model.live.add(call.id);
        if (model.maxLength[g] == 0 || model.queues[g].size() < model.maxLength[g])
        {
            model.queues[g].add(call.id);
        }
        engine.queue(call.id, g, call.callerKey, model.now);
    }

    private Call randomLive()
    {
        while (!model.live.isEmpty())
        {
            final int index = random.nextInt(model.live.size());
            final Call call = model.calls.get(model.live.get(index));
            if (call.status != Status.DONE)
            {
                return call;
            }
            model.live.set(index, model.live.get(model.live.size() - 1));
            model.live.remove(model.live.size() - 1);
        }
        return null;
    }

    private void answerOrDecline(final boolean answer)
    {
        final Call call = randomLive();
        if (call == null || call.status != Status.RINGING)
        {
            return;
        }
        final int agent = call.agent;
        if (random.nextInt(10) == 0)
        {
            final int other = (agent + 1) % AGENTS;
            final AcdException refused =
                assertThrows(AcdException.class, () -> engine.answered(call.id, other, model.now));
            assertEquals(AcdError.FORBIDDEN_TRANSITION, refused.error());
            assertEquals(0, model.events);
            return;
        }
        if (answer)
        {
            engine.answered(call.id, agent, model.now);
            call.status = Status.ON_CALL;
            setOutcome(call, "answered");
            model.queues[call.group].remove(call.id);
            model.lastAgent.put(call.callerKey, agent);
        }
        else
        {
            engine.declined(call.id, agent, model.now);
        }
    }

    private void endCall()
    {
        final Call call = random.nextInt(10) == 0 ? null : randomLive();
        if (call == null)
        {
            engine.ended(random.nextInt(10) == 0 ? 1 : -5, model.now);
            assertEquals(0, model.events, "an unknown call's end is ignored");
            return;
        }
        final Status before = call.status;
        if (before == Status.WAITING || before == Status.RINGING)
        {
            // out of the model's queue first: the agent it rang at may take the next call within this command
            setOutcome(call, "abandoned");
            model.queues[call.group].remove(call.id);
        }
        engine.ended(call.id, model.now);
        call.status = Status.DONE;
        model.done++;
        engine.ended(call.id, model.now);
    }

    private void wrapUpCommand(final int a)
    {
        final AgentState before = model.state[a];
        try
        {
            if (random.nextBoolean())
            {
                engine.endWrapUp(a, model.now);
            }
            else
            {
                engine.extendWrapUp(a, 1 + random.nextInt(60_000), model.now);
            }
            assertEquals(AgentState.WRAP_UP, before);
        }
        catch (final AcdException e)
        {
            assertTrue(before != AgentState.WRAP_UP || e.error() == AcdError.INVALID, e.getMessage());
            assertEquals(0, model.events);
        }
    }

    private void membership(final int a, final int g)
    {
        if (model.member[a][g])
        {
            engine.leaveGroup(a, g, model.now);
            model.member[a][g] = false;
        }
        else
        {
            join(a, g);
        }
    }

    private void adminCommand(final int which)
    {
        if (which == 0)
        {
            engine.resetDailyCounts(model.now);
            Arrays.fill(model.callsToday, 0L);
        }
        else if (which == 1)
        {
            final int g = random.nextInt(GROUPS);
            groupSettings[g] = randomGroup(g);
            engine.updateGroup(g, groupSettings[g]);
            model.policy[g] = groupSettings[g].policy() != null ? groupSettings[g].policy() : model.tenantPolicy;
            model.maxLength[g] = groupSettings[g].maxQueueLength();
        }
        else if (random.nextInt(5) == 0)
        {
            final int g = random.nextInt(GROUPS);
            model.removing = g;
            engine.removeGroup(g, model.now);
            model.removing = -1;
            assertTrue(model.queues[g].isEmpty(), "every call of a deleted group went to its fallback");
            for (int a = 0; a < AGENTS; a++)
            {
                model.member[a][g] = false;
            }
            addGroup(g);
        }
    }

    private void setOutcome(final Call call, final String outcome)
    {
        assertNull(call.outcome, "call " + call.id + " " + outcome + " after it was " + call.outcome);
        call.outcome = outcome;
    }

    private void verify(final long seed, final int event)
    {
        final String where = "seed " + seed + " event " + event + ": ";
        final NaiveSelector naive = new NaiveSelector(engine);
        for (int a = 0; a < AGENTS; a++)
        {
            assertEquals(model.state[a], engine.state(a), where + "agent " + a);
            assertEquals(model.callsToday[a], engine.callsToday(a), where + "calls of " + a);
            if (model.state[a] == AgentState.IDLE)
            {
                assertEquals(model.idleSince[a], engine.idleSince(a), where + "idle since of " + a);
            }
        }
        assertEquals(model.calls.size() - model.done, engine.calls(), where + "calls known");
        for (int g = 0; g < GROUPS; g++)
        {
            int idle = 0;
            for (int a = 0; a < AGENTS; a++)
            {
                idle += model.member[a][g] && model.state[a] == AgentState.IDLE ? 1 : 0;
            }
            assertEquals(idle, engine.idleAgents(g), where + "idle agents of " + g);
            final List<Long> queue = model.queues[g];
            assertEquals(queue.size(), engine.queueLength(g), where + "queue of " + g);
            boolean waiting = false;
            for (int i = 0; i < queue.size(); i++)
            {
                final Call call = model.calls.get(queue.get(i));
                if (call.status == Status.WAITING)
                {
                    waiting = true;
                    assertEquals(i, engine.ahead(call.id), where + "ahead of " + call.id);
                    assertEquals(i, call.lastPosition, where + "position told to " + call.id);
                }
                else
                {
                    assertEquals(Status.RINGING, call.status, where + call.id);
                    assertEquals(call.agent, engine.ringingAgentOf(call.id), where + call.id);
                }
            }
            assertTrue(!waiting || idle == 0, where + "group " + g + " has a waiting call and an idle agent");
            assertEquals(model.best(g), naive.pick(g), where + "naive pick in " + g);
        }
    }

    enum Status
    {
        WAITING, RINGING, ON_CALL, DONE
    }

    static final class Call
    {
        final long id;
        final long callerKey;
        int group;
        Status status = Status.WAITING;
        int agent = -1;
        int lastPosition = Integer.MAX_VALUE;
        String outcome;

        Call(final long id, final long callerKey, final int group)
        {
            this.id = id;
            this.callerKey = callerKey;
            this.group = group;
        }
    }

    /** What the engine should know, kept by the test from its commands and the listener's reports. */
    static final class Model
    {
        long now = 5_000_000_000L;
        int events;
        int done;
        int removing = -1;
        long nextCallId = 100;
        boolean lastAgentPriority;
        SelectionPolicy tenantPolicy;
        final AgentState[] state = new AgentState[AGENTS];
        final long[] idleSince = new long[AGENTS];
        final long[] callsToday = new long[AGENTS];
        final boolean[][] member = new boolean[AGENTS][GROUPS];
        final SelectionPolicy[] policy = new SelectionPolicy[GROUPS];
        final int[] maxLength = new int[GROUPS];
        final Map<Long, Call> calls = new HashMap<>();
        final List<Long> live = new ArrayList<>();
        final Map<Long, Integer> lastAgent = new HashMap<>();
        @SuppressWarnings("unchecked")
        final List<Long>[] queues = new List[GROUPS];

        Model()
        {
            Arrays.fill(state, AgentState.OFFLINE);
            for (int g = 0; g < GROUPS; g++)
            {
                queues[g] = new ArrayList<>();
            }
        }

        /** The idle member of g the policy picks (brute force), or -1. */
        int best(final int g)
        {
            int best = -1;
            for (int a = 0; a < AGENTS; a++)
            {
                if (member[a][g] && state[a] == AgentState.IDLE && (best < 0 || before(g, a, best)))
                {
                    best = a;
                }
            }
            return best;
        }

        private boolean before(final int g, final int a, final int b)
        {
            if (policy[g] == SelectionPolicy.FEWEST_CALLS && callsToday[a] != callsToday[b])
            {
                return callsToday[a] < callsToday[b];
            }
            return idleSince[a] != idleSince[b] ? idleSince[a] < idleSince[b] : a < b;
        }
    }

    /** Checks each report against the model as it comes, then updates the model. */
    static final class ModelListener implements AcdListener
    {
        private final Model model;

        ModelListener(final Model model)
        {
            this.model = model;
        }

        @Override
        public void offer(final long callId, final int agentId, final boolean autoAnswer)
        {
            model.events++;
            final Call call = model.calls.get(callId);
            if (model.state[agentId] != AgentState.IDLE)
            {
                fail("call " + callId + " offered to agent " + agentId + " who is " + model.state[agentId]);
            }
            assertEquals(Status.WAITING, call.status, "call " + callId + " offered twice");
            assertTrue(model.member[agentId][call.group], "agent " + agentId + " is not in group " + call.group);
            final int best = model.best(call.group);
            final Integer last = model.lastAgent.get(call.callerKey);
            assertTrue(best == agentId || model.lastAgentPriority && last != null && last == agentId,
                "call " + callId + " offered to " + agentId + " but the " + model.policy[call.group] + " pick is "
                    + best);
            for (final Long earlier : model.queues[call.group])
            {
                if (earlier == callId)
                {
                    break;
                }
                assertEquals(Status.RINGING, model.calls.get(earlier).status,
                    "call " + callId + " offered before call " + earlier + ", which waited longer in the group");
            }
            call.status = Status.RINGING;
            call.agent = agentId;
        }

        @Override
        public void withdraw(final long callId, final int agentId)
        {
            model.events++;
            final Call call = model.calls.get(callId);
            assertEquals(Status.RINGING, call.status);
            assertEquals(agentId, call.agent);
            call.status = Status.WAITING;
            call.agent = -1;
        }

        @Override
        public void position(final long callId, final int ahead)
        {
            model.events++;
            final Call call = model.calls.get(callId);
            assertEquals(Status.WAITING, call.status, "position told to a call not waiting: " + callId);
            assertTrue(ahead <= call.lastPosition, "call " + callId + ": ahead went up from " + call.lastPosition
                + " to " + ahead);
            call.lastPosition = ahead;
        }

        @Override
        public void fallback(final long callId, final Fallback fallback)
        {
            model.events++;
            final Call call = model.calls.get(callId);
            assertEquals(Status.WAITING, call.status, "fallback of a call not waiting: " + callId);
            model.queues[call.group].remove(callId);
            if (fallback.action() == Fallback.Action.GROUP)
            {
                call.group = fallback.groupId();
                call.lastPosition = Integer.MAX_VALUE;
                if (model.maxLength[call.group] == 0 || model.queues[call.group].size() < model.maxLength[call.group])
                {
                    model.queues[call.group].add(callId);
                }
            }
            else
            {
                assertNull(call.outcome, "call " + callId + " fell back after it was " + call.outcome);
                call.outcome = "fallback";
                call.status = Status.DONE;
                model.done++;
            }
        }

        @Override
        public void agentState(final int agentId, final AgentState state, final int reason)
        {
            model.events++;
            final AgentState before = model.state[agentId];
            assertTrue(before != state || state == AgentState.BREAK, "agent " + agentId + " told " + state + " again");
            if (state == AgentState.IDLE && before != AgentState.RINGING)
            {
                model.idleSince[agentId] = model.now;
            }
            if (state == AgentState.ON_CALL)
            {
                model.callsToday[agentId]++;
            }
            model.state[agentId] = state;
        }
    }
}

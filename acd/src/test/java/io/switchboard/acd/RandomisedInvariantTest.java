package io.switchboard.acd;

import static io.switchboard.acd.InvariantModel.AGENTS;
import static io.switchboard.acd.InvariantModel.GROUPS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import io.switchboard.acd.InvariantModel.Call;
import io.switchboard.acd.InvariantModel.Chat;
import io.switchboard.acd.InvariantModel.ChatStatus;
import io.switchboard.acd.InvariantModel.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random commands and time steps, calls and chat sessions mixed, against an independent model kept from the
 * listener's reports ({@link InvariantModel}, {@link InvariantListener}); after every event the engine's answers
 * must match the model and the ACD's promises must hold: every offer to the agent the rules pick and first in line,
 * no agent over its chat limit, positions only going down, no call or session waiting while someone could take it,
 * every call and session ending one way only.
 */
class RandomisedInvariantTest
{
    private static final int EVENTS = 20_000;

    private final InvariantModel model = new InvariantModel();
    private Random random;
    private AcdEngine engine;
    private GroupSettings[] groupSettings;
    private AcdSettings settings;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void theEngineKeepsItsPromises(final long seed)
    {
        random = new Random(seed);
        final SelectionPolicy tenantPolicy = SelectionPolicy.values()[random.nextInt(2)];
        model.lastAgentPriority = random.nextBoolean();
        settings = new AcdSettings(tenantPolicy, model.lastAgentPriority, 10_000, 5_000);
        chatRules();
        engine = new AcdEngine(settings, new InvariantListener(model), model.now, 8, 8);
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
            step();
            verify(seed, i);
        }
        for (final Call call : model.calls.values())
        {
            assertTrue(call.outcome != null || call.status != Status.DONE, "call " + call.id + " ended no way");
        }
        for (final Chat chat : model.chats.values())
        {
            assertTrue(chat.outcome != null || chat.status != ChatStatus.DONE, "chat " + chat.id + " ended no way");
        }
        assertTrue(model.chatsDone > 100, "seed " + seed + ": only " + model.chatsDone + " sessions ended");
    }

    /** New random chat rules for the tenant, in the model first. */
    private void chatRules()
    {
        model.chatAutoAccept = random.nextInt(3) == 0;
        model.chatsDuringCalls = random.nextBoolean();
        model.callsDuringChats = random.nextBoolean();
        settings = settings.withChat(model.chatAutoAccept, model.chatsDuringCalls, model.callsDuringChats);
    }

    private GroupSettings randomGroup(final int g)
    {
        final SelectionPolicy policy = random.nextInt(3) == 0 ? SelectionPolicy.values()[random.nextInt(2)] : null;
        final int maxLength = random.nextBoolean() ? 0 : 2 + random.nextInt(6);
        final long maxWait = random.nextBoolean() ? 0 : 20_000 + random.nextInt(40_000);
        final Fallback fallback = random.nextBoolean() ? Fallback.HANG_UP : Fallback.toGroup((g + 1) % GROUPS);
        final int concurrency = 1 + random.nextInt(4);
        final long acceptTimeout = random.nextBoolean() ? 0 : 5_000 + random.nextInt(15_000);
        return new GroupSettings("g" + g, policy, concurrency, maxLength, maxWait, fallback, acceptTimeout);
    }

    /** The group's settings into the model, before the engine hears them (it may offer sessions at once). */
    private void modelGroup(final int g)
    {
        model.policy[g] = groupSettings[g].policy() != null ? groupSettings[g].policy() : model.tenantPolicy;
        model.maxLength[g] = groupSettings[g].maxQueueLength();
        model.concurrency[g] = groupSettings[g].concurrency();
    }

    private void addGroup(final int g)
    {
        modelGroup(g);
        engine.addGroup(g, groupSettings[g]);
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

    private void step()
    {
        final int r = random.nextInt(1000);
        if (r < 140)
        {
            pickState(random.nextInt(AGENTS));
        }
        else if (r < 240)
        {
            queueCall();
        }
        else if (r < 340)
        {
            answerOrDecline(random.nextInt(5) != 0);
        }
        else if (r < 430)
        {
            endCall();
        }
        else if (r < 470)
        {
            wrapUpCommand(random.nextInt(AGENTS));
        }
        else if (r < 500)
        {
            membership(random.nextInt(AGENTS), random.nextInt(GROUPS));
        }
        else if (r < 590)
        {
            queueChat();
        }
        else if (r < 660)
        {
            acceptChat();
        }
        else if (r < 740)
        {
            endChat();
        }
        else if (r < 990)
        {
            model.now += random.nextInt(4000) * 1_000_000L;
            engine.poll(model.now);
        }
        else
        {
            adminCommand(random.nextInt(4));
        }
    }

    // ---------------------------------------------------------------- agents

    private void pickState(final int a)
    {
        final AgentState target = random.nextBoolean() ? AgentState.IDLE : AgentState.values()[random.nextInt(4)];
        final AgentState before = model.state[a];
        final boolean refused = before == AgentState.RINGING || before == AgentState.ON_CALL;
        try
        {
            model.picking = true;
            engine.setAgentState(a, target, 1 + random.nextInt(3), model.now);
            assertTrue(!refused, "agent " + a + " left " + before);
            model.held[a] = false;
        }
        catch (final AcdException e)
        {
            assertTrue(refused, e.getMessage());
            assertEquals(AcdError.FORBIDDEN_TRANSITION, e.error());
            assertEquals(0, model.events, "a refused change tells nothing");
        }
        finally
        {
            model.picking = false;
        }
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
            model.member[a][g] = false;
            engine.leaveGroup(a, g, model.now);
        }
        else
        {
            join(a, g);
        }
    }

    // ---------------------------------------------------------------- calls

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
            InvariantModel.setOutcome(call, "answered");
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
            InvariantModel.setOutcome(call, "abandoned");
            model.queues[call.group].remove(call.id);
        }
        engine.ended(call.id, model.now);
        call.status = Status.DONE;
        model.done++;
        engine.ended(call.id, model.now);
    }

    // ---------------------------------------------------------------- chat sessions

    private void queueChat()
    {
        final int g = random.nextInt(GROUPS);
        final int owner = random.nextInt(3) == 0 ? random.nextInt(AGENTS) : -1;
        final Chat chat = new Chat(model.nextChatId++, g, owner);
        model.chats.put(chat.id, chat);
        model.liveChats.add(chat.id);
        final boolean online = model.online(g);
        if (online)
        {
            model.chatQueues[g].add(chat.id);
        }
        engine.chatQueue(chat.id, g, owner, model.now);
        assertEquals(online, !"no-agent".equals(chat.outcome), "chat " + chat.id + ": no agent iff nobody online");
        if (chat.status != ChatStatus.DONE && random.nextInt(20) == 0)
        {
            final int events = model.events;
            assertEquals(AcdError.DUPLICATE,
                assertThrows(AcdException.class, () -> engine.chatQueue(chat.id, g, -1, model.now)).error());
            assertEquals(events, model.events);
        }
    }

    private Chat randomLiveChat()
    {
        while (!model.liveChats.isEmpty())
        {
            final int index = random.nextInt(model.liveChats.size());
            final Chat chat = model.chats.get(model.liveChats.get(index));
            if (chat.status != ChatStatus.DONE)
            {
                return chat;
            }
            model.liveChats.set(index, model.liveChats.get(model.liveChats.size() - 1));
            model.liveChats.remove(model.liveChats.size() - 1);
        }
        return null;
    }

    private void acceptChat()
    {
        final Chat chat = randomLiveChat();
        if (chat == null || chat.status != ChatStatus.OFFERED)
        {
            return;
        }
        final int agent = chat.agent;
        if (random.nextInt(10) == 0)
        {
            final int other = (agent + 1) % AGENTS;
            assertEquals(AcdError.FORBIDDEN_TRANSITION,
                assertThrows(AcdException.class, () -> engine.chatAccepted(chat.id, other, model.now)).error());
            assertEquals(0, model.events);
            return;
        }
        // out of the model's queue first: those behind are told their new positions within the command
        chat.status = ChatStatus.SERVED;
        InvariantModel.setOutcome(chat, "served");
        model.chatQueues[chat.group].remove(chat.id);
        model.chatsToday[agent]++;
        engine.chatAccepted(chat.id, agent, model.now);
    }

    private void endChat()
    {
        final Chat chat = random.nextInt(10) == 0 ? null : randomLiveChat();
        if (chat == null)
        {
            engine.chatEnded(random.nextInt(10) == 0 ? 1 : -5, model.now);
            assertEquals(0, model.events, "an unknown session's end is ignored");
            return;
        }
        switch (chat.status)
        {
            case WAITING -> InvariantModel.setOutcome(chat, "left-queue");
            case OFFERED -> InvariantModel.setOutcome(chat, "left-offer");
            default ->
            {
                // served: its outcome is "served", and now it has ended
            }
        }
        if (chat.status != ChatStatus.WAITING)
        {
            // the agent's place is free before the engine offers it again within the command
            model.open[chat.agent]--;
        }
        model.endingChat = chat.id;
        model.chatDone(chat);
        engine.chatEnded(chat.id, model.now);
        model.endingChat = -1;
        final int events = model.events;
        engine.chatEnded(chat.id, model.now);
        assertEquals(events, model.events, "ending twice is ignored");
    }

    // ---------------------------------------------------------------- administration

    private void adminCommand(final int which)
    {
        if (which == 0)
        {
            Arrays.fill(model.callsToday, 0L);
            Arrays.fill(model.chatsToday, 0L);
            engine.resetDailyCounts(model.now);
        }
        else if (which == 1)
        {
            final int g = random.nextInt(GROUPS);
            groupSettings[g] = randomGroup(g);
            modelGroup(g);
            engine.updateGroup(g, groupSettings[g], model.now);
        }
        else if (which == 2)
        {
            chatRules();
            engine.settings(settings, model.now);
        }
        else if (random.nextInt(5) == 0)
        {
            final int g = random.nextInt(GROUPS);
            model.removing = g;
            engine.removeGroup(g, model.now);
            model.removing = -1;
            assertTrue(model.queues[g].isEmpty(), "every call of a deleted group went to its fallback");
            assertTrue(model.chatQueues[g].isEmpty(), "every session of a deleted group not yet accepted dropped");
            for (int a = 0; a < AGENTS; a++)
            {
                model.member[a][g] = false;
            }
            addGroup(g);
        }
    }

    // ---------------------------------------------------------------- checks

    private void verify(final long seed, final int event)
    {
        final String where = "seed " + seed + " event " + event + ": ";
        final NaiveSelector naive = new NaiveSelector(engine);
        for (int a = 0; a < AGENTS; a++)
        {
            assertEquals(model.state[a], engine.state(a), where + "agent " + a);
            assertEquals(model.callsToday[a], engine.callsToday(a), where + "calls of " + a);
            assertEquals(model.open[a], engine.openChats(a), where + "open chats of " + a);
            assertEquals(model.chatsToday[a], engine.chatsToday(a), where + "chats of " + a);
            if (model.state[a] == AgentState.IDLE)
            {
                assertEquals(model.idleSince[a], engine.idleSince(a), where + "idle since of " + a);
            }
        }
        assertEquals(model.calls.size() - model.done, engine.calls(), where + "calls known");
        assertEquals(model.chats.size() - model.chatsDone, engine.chats(), where + "sessions known");
        assertEquals(model.chats.values().stream().filter(c -> c.status == ChatStatus.WAITING).count(),
            engine.sessions.waiting(), where + "sessions waiting");
        for (int g = 0; g < GROUPS; g++)
        {
            final int idle = model.callTakers(g);
            assertEquals(idle, engine.idleAgents(g), where + "idle agents of " + g);
            verifyCalls(where, g, idle);
            assertEquals(model.best(g), naive.pick(g), where + "naive pick in " + g);
            verifyChats(where, g);
        }
    }

    private void verifyCalls(final String where, final int g, final int idle)
    {
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
    }

    private void verifyChats(final String where, final int g)
    {
        final List<Long> queue = model.chatQueues[g];
        assertEquals(queue.size(), engine.chatQueueLength(g), where + "chat queue of " + g);
        boolean waiting = false;
        for (int i = 0; i < queue.size(); i++)
        {
            final Chat chat = model.chats.get(queue.get(i));
            if (chat.status == ChatStatus.WAITING)
            {
                waiting = true;
                assertEquals(i, engine.chatAhead(chat.id), where + "ahead of chat " + chat.id);
                assertEquals(i, chat.lastPosition, where + "position told to chat " + chat.id);
            }
            else
            {
                assertEquals(ChatStatus.OFFERED, chat.status, where + "chat " + chat.id);
                assertEquals(chat.agent, engine.chatOfferedTo(chat.id), where + "chat " + chat.id);
            }
        }
        if (waiting)
        {
            assertTrue(model.online(g), where + "group " + g + " keeps a waiting session with nobody online");
            for (int a = 0; a < AGENTS; a++)
            {
                assertFalse(model.receivable(a, g),
                    where + "group " + g + " has a waiting session and agent " + a + " could take it");
            }
        }
    }
}

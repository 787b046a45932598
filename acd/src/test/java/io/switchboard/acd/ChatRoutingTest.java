package io.switchboard.acd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Chat sessions in the engine: capacity, selection (owner, fewest open sessions, the policies), manual and automatic
 * accept, the accept timeout, no agent online, the tenant's rules on chats during calls and calls during chats,
 * positions, and what agents' and groups' changes do to sessions.
 */
class ChatRoutingTest
{
    private static final int C = 10;
    private static final int D = 20;
    private static final int V = 30;
    private static final long TIMEOUT_MS = 15_000;

    private EngineFixture f = new EngineFixture();

    private List<String> take()
    {
        return f.listener.take();
    }

    private AgentView view(final int agentId)
    {
        return f.engine.agents().stream().filter(v -> v.agentId() == agentId).findFirst().orElseThrow();
    }

    private void accept(final long sessionId, final int agentId)
    {
        f.engine.chatAccepted(sessionId, agentId, f.now);
    }

    private void end(final long sessionId)
    {
        f.engine.chatEnded(sessionId, f.now);
    }

    @Test
    void anAgentTakesSessionsUpToItsConcurrencyThenIsFullUntilOneEnds()
    {
        f.chatGroup(C, 3, 0);
        f.agent(1, C);
        f.idle(1);
        take();
        f.chat(70, C);
        f.chat(71, C);
        f.chat(72, C);
        assertEquals(List.of("chat 70 to 1", "chat 71 to 1", "chat 72 to 1"), take(), "no state change: still idle");
        assertEquals(AgentState.IDLE, f.engine.state(1));
        assertEquals(3, f.engine.openChats(1));
        assertTrue(view(1).chatsFull());
        assertEquals(3, view(1).chatLimit());

        f.chat(73, C);
        assertEquals(List.of("chat-position 73 3"), take(), "full: the offered sessions are ahead of it");
        accept(70, 1);
        accept(71, 1);
        assertEquals(List.of("chat-position 73 2", "chat-position 73 1"), take());
        assertEquals(3, f.engine.openChats(1), "served sessions count as open");
        assertEquals(2, f.engine.chatsToday(1));
        assertEquals(1, f.engine.chatServedBy(70));
        assertEquals(2, f.engine.chatQueueLength(C), "72 offered and 73 waiting");

        end(70);
        assertEquals(List.of("chat 73 to 1"), take(), "the freed place goes to the waiting session at once");
        assertEquals(-1, f.engine.chatServedBy(70));
        end(70);
        assertEquals(List.of(), take(), "ending twice is ignored");
        assertEquals(3, f.engine.openChats(1));
        assertEquals(3, f.engine.chats());
    }

    @Test
    void theOwnerComesFirstWhenReceivableAndAMember()
    {
        f.chatGroup(C, 3, 0);
        f.agent(1, C);
        f.agent(2, C);
        f.idle(1);
        f.now += EngineFixture.ms(1);
        f.idle(2);
        take();
        f.engine.chatQueue(70, C, 2, f.now);
        assertEquals(List.of("chat 70 to 2"), take(), "the owner, though 1 has been idle longer");
        f.engine.chatQueue(71, C, -1, f.now);
        f.engine.chatQueue(72, C, 2, f.now);
        f.engine.chatQueue(73, C, 99, f.now);
        assertEquals(List.of("chat 71 to 1", "chat 72 to 2", "chat 73 to 1"), take(),
            "no owner: fewest open; the owner even with more open; an unknown owner counts as none");
        f.engine.chatQueue(74, C, 2, f.now);
        f.engine.chatQueue(75, C, 2, f.now);
        assertEquals(List.of("chat 74 to 2", "chat 75 to 1"), take(), "an owner at its limit is passed over");
    }

    @Test
    void fewestOpenSessionsThenLongestSinceTheLastChatThenLowerId()
    {
        f.chatGroup(C, 3, 0);
        f.agent(1, C);
        f.agent(2, C);
        f.agent(3, C);
        f.idle(3);
        f.idle(2);
        f.idle(1);
        take();
        f.chat(70, C);
        assertEquals(List.of("chat 70 to 1"), take(), "same idle-since, no chat yet: the lower id");
        f.now += EngineFixture.ms(1);
        f.chat(71, C);
        f.now += EngineFixture.ms(1);
        f.chat(72, C);
        f.now += EngineFixture.ms(1);
        assertEquals(List.of("chat 71 to 2", "chat 72 to 3"), take(), "fewest open sessions");
        f.chat(73, C);
        assertEquals(List.of("chat 73 to 1"), take(), "all at one: the longest since its last chat");
        f.now += EngineFixture.ms(1);
        f.chat(74, C);
        assertEquals(List.of("chat 74 to 2"), take(), "2 and 3 at one, 2 chatted earlier than 3");
    }

    @Test
    void fewestCallsTakesFewestOpenThenFewestChatsTodayThenLowerId()
    {
        f = new EngineFixture(SelectionPolicy.FEWEST_CALLS, false);
        f.chatGroup(C, 2, 0);
        f.agent(1, C);
        f.agent(2, C);
        f.idle(2);
        f.idle(1);
        take();
        f.chat(70, C);
        accept(70, 1);
        end(70);
        f.chat(71, C);
        accept(71, 2);
        f.chat(72, C);
        assertEquals(List.of("chat 70 to 1", "chat 71 to 2", "chat 72 to 1"), take(),
            "70: the lower id; 71: 2 took none today; 72: 1 has no open session, 2 has one");
        end(71);
        end(72);
        take();
        f.engine.resetDailyCounts(f.now);
        assertEquals(0, f.engine.chatsToday(1));
        f.chat(73, C);
        accept(73, 1);
        f.chat(74, C);
        assertEquals(List.of("chat 73 to 1", "chat 74 to 2"), take());
    }

    @Test
    void anOfferNotAcceptedInTimeGoesToTheNextAgentAndPutsTheIdleAgentOnBreak()
    {
        f.chatGroup(C, 3, TIMEOUT_MS);
        f.agent(1, C);
        f.agent(2, C);
        f.idle(1);
        f.now += EngineFixture.ms(1);
        f.idle(2);
        take();
        f.chat(70, C);
        f.advance(5_000);
        f.chat(71, C);
        assertEquals(List.of("chat 70 to 1", "chat 71 to 2"), take());
        f.advance(10_000);
        assertEquals(List.of("chat-withdraw 70 from 1", "state 1 BREAK 2", "chat 70 to 2"), take());
        assertEquals(AcdCommands.REASON_MISSED_CHAT, f.engine.reason(1));
        assertEquals(0, f.engine.openChats(1));

        f.advance(5_000);
        assertEquals(List.of("chat-withdraw 71 from 2", "state 2 BREAK 2", "chat-withdraw 70 from 2",
            "chat-position 70 0", "chat-position 71 1"), take(),
            "the break takes back its other offer; both wait, oldest first, in their places");
        f.idle(1);
        assertEquals(List.of("state 1 IDLE", "chat 70 to 1", "chat 71 to 1"), take());
        assertEquals(AcdError.FORBIDDEN_TRANSITION,
            assertThrows(AcdException.class, () -> accept(70, 2)).error());
        accept(70, 1);
        f.advance(20_000);
        assertEquals(List.of("chat-withdraw 71 from 1", "state 1 BREAK 2", "chat-position 71 0"), take(),
            "the accepted one stays served");
        assertEquals(1, f.engine.chatServedBy(70));
        assertEquals(0, f.engine.armedTimers());
    }

    @Test
    void anAgentOnACallWhoMissesAChatKeepsItsCallAndGetsNoChatUntilIdle()
    {
        f.group(V);
        f.chatGroup(C, 2, TIMEOUT_MS);
        f.agent(1, V, C);
        f.idle(1);
        f.queue(7, V);
        f.engine.answered(7, 1, f.now);
        take();
        f.chat(70, C);
        assertEquals(List.of("chat 70 to 1"), take(), "chats during calls, by default");
        f.advance(TIMEOUT_MS);
        assertEquals(List.of("chat-withdraw 70 from 1", "chat-position 70 0"), take(), "no break: it is on a call");
        assertEquals(AgentState.ON_CALL, f.engine.state(1));
        f.chat(71, C);
        f.engine.ended(7, f.now);
        assertEquals(List.of("chat-position 71 1", "state 1 WRAP_UP"), take(), "held through the wrap-up");
        f.engine.endWrapUp(1, f.now);
        assertEquals(List.of("state 1 IDLE", "chat 70 to 1", "chat 71 to 1"), take());
    }

    @Test
    void autoAcceptAssignsAtOnceWithNoTimer()
    {
        f = new EngineFixture(true, true, true);
        f.chatGroup(C, 2, TIMEOUT_MS);
        f.agent(1, C);
        f.idle(1);
        take();
        f.chat(70, C);
        f.chat(71, C);
        f.chat(72, C);
        assertEquals(List.of("chat 70 to 1 auto", "chat 71 to 1 auto", "chat-position 72 0"), take());
        assertEquals(1, f.engine.chatServedBy(70));
        assertEquals(2, f.engine.chatsToday(1));
        assertEquals(0, f.engine.armedTimers());
        assertEquals(1, f.engine.chatQueueLength(C), "served sessions leave the queue");
        f.advance(TIMEOUT_MS * 2);
        assertEquals(List.of(), take());
        end(70);
        assertEquals(List.of("chat 72 to 1 auto"), take());
    }

    @Test
    void nobodyOnlineMeansNoAgentAtQueueTimeAndForWaitingSessionsWhenTheLastOneLeaves()
    {
        f.chatGroup(C, 1, 0);
        f.chatGroup(D, 1, 0);
        f.agent(1, C);
        f.agent(2, C);
        f.chat(70, C);
        f.chat(71, D);
        assertEquals(List.of("chat-no-agent 70", "chat-no-agent 71"), take(), "members offline; no members");
        assertEquals(0, f.engine.chats());

        f.idle(1);
        f.engine.setAgentState(2, AgentState.BUSY, 0, f.now);
        take();
        f.chat(72, C);
        f.chat(73, C);
        assertEquals(List.of("chat 72 to 1", "chat-position 73 1"), take(), "busy is online: 73 waits");
        f.engine.setAgentState(1, AgentState.OFFLINE, 0, f.now);
        assertEquals(List.of("state 1 OFFLINE", "chat-withdraw 72 from 1", "chat-position 72 0"), take());
        f.engine.setAgentState(2, AgentState.OFFLINE, 0, f.now);
        assertEquals(List.of("state 2 OFFLINE", "chat-no-agent 72", "chat-no-agent 73"), take());
        assertEquals(0, f.engine.chatQueueLength(C));

        f.agent(3, D);
        f.idle(3);
        f.chat(80, D);
        f.chat(81, D);
        take();
        f.engine.leaveGroup(3, D, f.now);
        assertEquals(List.of("chat-no-agent 81"), take(), "the last online member left");
        assertEquals(3, f.engine.chatOfferedTo(80), "its offer stays with it, as a ringing call does");
        accept(80, 3);
        assertEquals(3, f.engine.chatServedBy(80));
        assertEquals(0, f.engine.chatQueueLength(D));
    }

    @Test
    void chatsDuringCallsOnOffersToAnAgentOnACallAndOffWaitsForIdle()
    {
        for (final boolean duringCalls : new boolean[] {true, false})
        {
            f = new EngineFixture(false, duringCalls, true);
            f.group(V);
            f.chatGroup(C, 2, 0);
            f.agent(1, V, C);
            f.idle(1);
            f.queue(7, V);
            take();
            f.chat(70, C);
            f.engine.answered(7, 1, f.now);
            f.engine.ended(7, f.now);
            f.engine.endWrapUp(1, f.now);
            if (duringCalls)
            {
                assertEquals(List.of("chat 70 to 1", "state 1 ON_CALL", "state 1 WRAP_UP", "state 1 IDLE"), take());
            }
            else
            {
                assertEquals(List.of("chat-position 70 0", "state 1 ON_CALL", "state 1 WRAP_UP", "state 1 IDLE",
                    "chat 70 to 1"), take());
            }
        }
    }

    @Test
    void callsDuringChatsOnOffersACallToAnAgentWithChatsAndOffWaitsForTheLastToEnd()
    {
        for (final boolean callsDuring : new boolean[] {true, false})
        {
            f = new EngineFixture(false, true, callsDuring);
            f.group(V);
            f.chatGroup(C, 2, 0);
            f.agent(1, V, C);
            f.idle(1);
            f.chat(70, C);
            take();
            assertEquals(callsDuring ? 1 : 0, f.engine.idleAgents(V));
            assertEquals(callsDuring ? 1 : -1, new NaiveSelector(f.engine).pick(V));
            f.queue(7, V);
            if (callsDuring)
            {
                assertEquals(List.of("offer 7 to 1", "state 1 RINGING"), take());
                continue;
            }
            assertEquals(List.of("position 7 0"), take());
            accept(70, 1);
            assertEquals(List.of(), take(), "a served session counts too");
            end(70);
            assertEquals(List.of("offer 7 to 1", "state 1 RINGING"), take());
        }
    }

    @Test
    void anOfferTakenBackKeepsItsPlaceAndPositionsOnlyGoDown()
    {
        f.chatGroup(C, 1, 10_000);
        f.agent(1, C);
        f.agent(2, C);
        f.idle(1);
        f.idle(2);
        f.chat(70, C);
        f.advance(1_000);
        f.chat(71, C);
        f.chat(72, C);
        f.chat(73, C);
        assertEquals(List.of("state 1 IDLE", "state 2 IDLE", "chat 70 to 1", "chat 71 to 2", "chat-position 72 2",
            "chat-position 73 3"), take());
        f.advance(9_000);
        assertEquals(List.of("chat-withdraw 70 from 1", "state 1 BREAK 2", "chat-position 70 0"), take());
        assertEquals(0, f.engine.chatAhead(70));
        accept(71, 2);
        assertEquals(List.of("chat-position 72 1", "chat-position 73 2"), take());
        end(71);
        assertEquals(List.of("chat 70 to 2"), take(), "the oldest, though it was taken back once");
        assertEquals(1, f.engine.chatAhead(72));
    }

    @Test
    void busyAndBreakTakeBackPendingOffersButNotServedSessions()
    {
        f.chatGroup(C, 3, 0);
        f.group(V);
        f.agent(1, C, V);
        f.idle(1);
        f.chat(70, C);
        f.chat(71, C);
        accept(70, 1);
        take();
        f.engine.setAgentState(1, AgentState.BUSY, 0, f.now);
        assertEquals(List.of("state 1 BUSY", "chat-withdraw 71 from 1", "chat-position 71 0"), take());
        assertEquals(1, f.engine.openChats(1));
        f.idle(1);
        assertEquals(List.of("state 1 IDLE", "chat 71 to 1"), take());

        f.queue(7, V);
        f.advance(EngineFixture.RING_MS);
        assertEquals(List.of("offer 7 to 1", "state 1 RINGING", "withdraw 7 from 1", "state 1 BREAK 1",
            "chat-withdraw 71 from 1", "position 7 0"), take(), "a missed call too (71's position 0 was told)");
    }

    @Test
    void anAgentServingASessionCannotBeRemovedAndRemovingOneTakesBackItsOffers()
    {
        f.chatGroup(C, 2, 0);
        f.agent(1, C);
        f.idle(1);
        f.chat(70, C);
        accept(70, 1);
        f.chat(71, C);
        take();
        assertEquals(AcdError.FORBIDDEN_TRANSITION,
            assertThrows(AcdException.class, () -> f.engine.removeAgent(1, f.now)).error());
        end(70);
        f.engine.removeAgent(1, f.now);
        assertEquals(List.of("state 1 OFFLINE", "chat-withdraw 71 from 1", "chat-no-agent 71"), take());
        assertFalse(f.engine.hasAgent(1));
        assertEquals(0, f.engine.chats());
    }

    @Test
    void deletingAGroupDropsItsSessionsNotYetAcceptedAndFreesItsOffers()
    {
        f.chatGroup(C, 1, 0);
        f.chatGroup(D, 1, 0);
        f.agent(1, C, D);
        f.agent(2, C);
        f.idle(1);
        f.idle(2);
        f.chat(70, C);
        f.chat(71, C);
        accept(71, 2);
        f.chat(72, C);
        f.chat(80, D);
        assertEquals(List.of("state 1 IDLE", "state 2 IDLE", "chat 70 to 1", "chat 71 to 2", "chat-position 72 1",
            "chat-position 80 0"), take());
        f.engine.removeGroup(C, f.now);
        assertEquals(List.of("chat-withdraw 70 from 1", "chat-no-agent 70", "chat 80 to 1", "chat-no-agent 72"),
            take(), "the freed agent takes work at once");
        assertEquals(2, f.engine.chatServedBy(71), "a served session stays with its agent");
        end(71);
        assertEquals(0, f.engine.openChats(2));
    }

    @Test
    void anAgentFreedOfSeveralOffersAtOnceTakesCallsAgainOnce()
    {
        f = new EngineFixture(false, true, false);
        f.group(V);
        f.chatGroup(C, 3, 0);
        f.agent(1, V, C);
        f.agent(2, V);
        f.idle(1);
        f.chat(70, C);
        f.chat(71, C);
        assertEquals(0, f.engine.idleAgents(V));
        f.engine.removeGroup(C, f.now);
        assertEquals(1, f.engine.idleAgents(V), "in its heap once");
        f.idle(2);
        f.queue(7, V);
        f.queue(8, V);
        f.queue(9, V);
        assertEquals(List.of("offer 7 to 1", "offer 8 to 2", "position 9 2"),
            take().stream().filter(e -> e.startsWith("offer") || e.startsWith("position")).toList());
        assertEquals(0, f.engine.idleAgents(V));
    }

    @Test
    void raisingTheConcurrencyOffersWaitingSessionsAtOnce()
    {
        f.chatGroup(C, 1, 0);
        f.agent(1, C);
        f.agent(2, C);
        f.idle(1);
        f.idle(2);
        f.chat(70, C);
        f.chat(71, C);
        f.chat(72, C);
        f.chat(73, C);
        take();
        f.engine.updateGroup(C, GroupSettings.chat("chat", 2, 0), f.now);
        assertEquals(List.of("chat 72 to 1", "chat 73 to 2"), take());
        f.engine.updateGroup(C, GroupSettings.chat("chat", 1, 0), f.now);
        assertEquals(2, f.engine.openChats(1), "a lower limit takes nothing away");
        f.chat(74, C);
        assertEquals(List.of("chat-position 74 4"), take());
    }

    @Test
    void turningTheTenantsRulesOnOffersWhatAgentsMayNowTake()
    {
        f = new EngineFixture(false, false, false);
        f.group(V);
        f.chatGroup(C, 2, 0);
        f.agent(1, V, C);
        f.agent(2, V, C);
        f.idle(1);
        f.idle(2);
        f.queue(7, V);
        f.engine.answered(7, 1, f.now);
        f.chat(70, C);
        f.chat(71, C);
        f.queue(8, V);
        assertEquals(List.of("state 1 IDLE", "state 2 IDLE", "offer 7 to 1", "state 1 RINGING", "state 1 ON_CALL",
            "chat 70 to 2", "chat 71 to 2", "position 8 0"), take());
        final AcdSettings settings = f.engine.settings();
        f.engine.settings(settings.withChat(false, false, true), f.now);
        assertEquals(List.of("offer 8 to 2", "state 2 RINGING"), take());
        f.chat(72, C);
        assertEquals(List.of("chat-position 72 2"), take());
        f.engine.settings(settings.withChat(false, true, true), f.now);
        assertEquals(List.of("chat 72 to 1"), take());
    }

    @Test
    void anAgentWhoseCapacityFreesTakesTheOldestSessionAmongItsGroups()
    {
        f.chatGroup(C, 1, 0);
        f.chatGroup(D, 2, 0);
        f.agent(1, C, D);
        f.idle(1);
        f.chat(70, D);
        f.chat(71, D);
        f.now += EngineFixture.ms(1);
        f.chat(72, C);
        f.now += EngineFixture.ms(1);
        f.chat(73, D);
        assertEquals(List.of("state 1 IDLE", "chat 70 to 1", "chat 71 to 1", "chat-position 72 0",
            "chat-position 73 2"), take());
        assertEquals(2, view(1).chatLimit());
        end(70);
        assertEquals(List.of("chat-position 73 1", "chat-withdraw 70 from 1", "chat 73 to 1"), take(),
            "1 open < D's 2, but not < C's 1");
        end(71);
        end(73);
        assertEquals(List.of("chat-withdraw 71 from 1", "chat-withdraw 73 from 1", "chat 72 to 1"), take(),
            "72 waited longer than anything in D");
    }

    @Test
    void aDirectCallFromBusyBringsNoChatUntilTheAgentIsIdle()
    {
        f.chatGroup(C, 2, 0);
        f.agent(1, C);
        f.engine.setAgentState(1, AgentState.BUSY, 0, f.now);
        f.chat(70, C);
        assertEquals(List.of("state 1 BUSY", "chat-position 70 0"), take(), "busy is online: the session waits");
        f.engine.directStart(1, f.now);
        assertEquals(List.of("state 1 ON_CALL"), take(), "busy withholds new chats during its own calls too");
        f.engine.directEnded(1, f.now);
        f.engine.directMissed(1, f.now);
        assertEquals(List.of("state 1 WRAP_UP"), take(), "a direct miss that no longer applies is ignored");
        f.engine.endWrapUp(1, f.now);
        assertEquals(List.of("state 1 IDLE", "chat 70 to 1"), take(), "ending the wrap-up is idle: chats come");
        f.engine.directOffer(1, f.now);
        f.engine.directMissed(1, f.now);
        assertEquals(List.of("state 1 RINGING", "state 1 BREAK 1", "chat-withdraw 70 from 1"), take(),
            "a missed direct call of an idle agent is a break: the offer is taken back");
    }

    @Test
    void refusalsChangeNothing()
    {
        f.chatGroup(C, 1, 0);
        f.agent(1, C);
        f.agent(2, C);
        f.idle(1);
        f.chat(70, C);
        take();
        assertEquals(AcdError.UNKNOWN_CALL, assertThrows(AcdException.class, () -> accept(99, 1)).error());
        assertEquals(AcdError.UNKNOWN_AGENT, assertThrows(AcdException.class, () -> accept(70, 42)).error());
        assertEquals(AcdError.FORBIDDEN_TRANSITION, assertThrows(AcdException.class, () -> accept(70, 2)).error());
        assertEquals(AcdError.DUPLICATE, assertThrows(AcdException.class, () -> f.chat(70, C)).error());
        assertEquals(AcdError.UNKNOWN_GROUP, assertThrows(AcdException.class, () -> f.chat(71, 77)).error());
        accept(70, 1);
        assertEquals(AcdError.FORBIDDEN_TRANSITION, assertThrows(AcdException.class, () -> accept(70, 1)).error());
        end(99);
        assertEquals(List.of(), take());
        assertEquals(1, f.engine.chats());
    }
}

package io.switchboard.acd;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The agent's reception switch, the transfer of a served session (to a colleague, to a group, refused when nobody
 * can take it), and picking a waiting session from the group's queue (the unassigned pool), race included.
 */
class ChatReceptionTransferTest
{
    private static final int C = 10;
    private static final int D = 20;

    private final EngineFixture f = new EngineFixture();

    private List<String> take()
    {
        return f.listener.take();
    }

    private void serve(final long sessionId, final int agentId)
    {
        f.chat(sessionId, C);
        f.engine.chatAccepted(sessionId, agentId, f.now);
    }

    @Test
    void receptionOffStopsNewSessionsKeepsOngoingOnesAndOnLetsTheAgentTakeWhatWaits()
    {
        f.chatGroup(C, 3, 0);
        f.agent(1, C);
        f.agent(2, C);
        f.idle(1);
        f.idle(2);
        serve(70, 1);
        f.chat(71, C);
        take();
        f.engine.chatReception(2, false, f.now);
        assertEquals(List.of("chat-withdraw 71 from 2", "chat 71 to 1"), take(), "2's pending offer goes to 1");
        assertFalse(f.engine.agents().stream().filter(v -> v.agentId() == 2).findFirst().orElseThrow()
            .chatReception());
        assertEquals(AgentState.IDLE, f.engine.state(2), "the switch does not change the state");

        f.engine.chatReception(1, false, f.now);
        assertEquals(List.of("chat-withdraw 71 from 1", "chat-no-agent 71"), take(),
            "nobody of the group available: the waiting session is dropped");
        assertEquals(1, f.engine.chatServedBy(70), "the ongoing session continues");

        f.engine.chatReception(2, true, f.now);
        f.chat(72, C);
        assertEquals(List.of("chat 72 to 2"), take());
        assertThrows(AcdException.class, () -> f.engine.chatReception(99, true, f.now));
    }

    @Test
    void aTransferToAColleagueArrivesServedAndFreesThePlaceOfTheTransferringAgent()
    {
        f.chatGroup(C, 1, 0);
        f.agent(1, C);
        f.agent(2, C);
        f.idle(1);
        serve(70, 1);
        f.chat(71, C);
        take();
        final AcdException offline = assertThrows(AcdException.class,
            () -> f.engine.chatTransfer(70, 1, 2, -1, f.now));
        assertEquals(AcdError.AGENT_UNAVAILABLE, offline.error());
        assertEquals(1, f.engine.chatServedBy(70), "refused: it stays with the transferring agent");

        f.idle(2);
        assertEquals(List.of("state 2 IDLE", "chat 71 to 2"), take());
        f.engine.chatAccepted(71, 2, f.now);
        assertThrows(AcdException.class, () -> f.engine.chatTransfer(70, 1, 2, -1, f.now), "2 is full");
        f.engine.chatEnded(71, f.now);
        take();

        f.engine.chatTransfer(70, 1, 2, -1, f.now);
        assertEquals(List.of("chat-transferred 70 2"), take());
        assertEquals(2, f.engine.chatServedBy(70));
        assertEquals(0, f.engine.openChats(1));
        assertEquals(1, f.engine.openChats(2));
        final AcdException notHis = assertThrows(AcdException.class,
            () -> f.engine.chatTransfer(70, 1, 2, -1, f.now));
        assertEquals(AcdError.FORBIDDEN_TRANSITION, notHis.error(), "1 no longer serves it");
    }

    @Test
    void aTransferToAGroupGoesToItsBestReceivableMemberOtherThanTheTransferringAgent()
    {
        f.chatGroup(C, 3, 0);
        f.chatGroup(D, 3, 0);
        f.agent(1, C, D);
        f.agent(2, D);
        f.agent(3, D);
        f.idle(1);
        serve(70, 1);
        take();
        assertEquals(AcdError.AGENT_UNAVAILABLE, assertThrows(AcdException.class,
            () -> f.engine.chatTransfer(70, 1, -1, D, f.now)).error(), "only the transferring agent is online in D");
        f.idle(3);
        f.advance(10);
        f.idle(2);
        take();
        f.engine.chatTransfer(70, 1, -1, D, f.now);
        assertEquals(List.of("chat-transferred 70 3"), take(), "longest idle of D");
        f.engine.chatEnded(70, f.now);
        assertEquals(0, f.engine.openChats(3), "ended at its new agent");
    }

    @Test
    void withThePoolOnASessionWaitsWhileNobodyIsOnlineUpToTheCapAndGoesToTheFirstAgentOnline()
    {
        f.engine.addGroup(C, new GroupSettings("pooled", null, 1, 0, 0, Fallback.HANG_UP, 0, true));
        f.agent(1, C);
        take();
        for (int s = 0; s < GroupSettings.MAX_POOL; s++)
        {
            f.chat(1000 + s, C);
        }
        assertEquals(GroupSettings.MAX_POOL, f.engine.chatQueueLength(C), "nobody online: all wait in the pool");
        take();
        f.chat(5000, C);
        assertEquals(List.of("chat-no-agent 5000"), take(), "beyond the cap: not kept");

        f.idle(1);
        assertEquals(List.of("state 1 IDLE", "chat 1000 to 1"), take(), "the first agent online takes the oldest");
        f.engine.setAgentState(1, AgentState.OFFLINE, 0, f.now);
        assertEquals(GroupSettings.MAX_POOL, f.engine.chatQueueLength(C), "going offline drops nothing");

        f.engine.updateGroup(C, new GroupSettings("pooled", null, 1, 0, 0, Fallback.HANG_UP, 0, false), f.now);
        assertEquals(0, f.engine.chatQueueLength(C), "the pool turned off with nobody available");
    }

    @Test
    void anAgentPicksAWaitingSessionOnceAndASecondPickIsTold()
    {
        f.chatGroup(C, 1, 0);
        f.agent(1, C);
        f.agent(2, C);
        f.idle(1);
        serve(70, 1);
        f.chat(71, C);
        f.chat(72, C);
        f.engine.setAgentState(2, AgentState.BREAK, 0, f.now);
        take();
        assertEquals(AcdError.AGENT_UNAVAILABLE, assertThrows(AcdException.class,
            () -> f.engine.chatPick(72, 1, f.now)).error(), "1 is at the group's concurrency");

        f.engine.chatPick(71, 2, f.now);
        assertEquals(List.of("chat-position 72 0"), take(), "picked on break, deliberately; 72 moves up");
        assertEquals(2, f.engine.chatServedBy(71));
        assertEquals(AcdError.FORBIDDEN_TRANSITION, assertThrows(AcdException.class,
            () -> f.engine.chatPick(71, 1, f.now)).error(), "the second pick of the same visitor");
        f.engine.setAgentState(2, AgentState.OFFLINE, 0, f.now);
        assertEquals(AcdError.UNKNOWN_CALL, assertThrows(AcdException.class,
            () -> f.engine.chatPick(999, 2, f.now)).error());
    }

    @Test
    void anAgentOpensASessionServedAtOnceThatCountsAgainstItsConcurrencyUntilItEnds()
    {
        f.chatGroup(C, 2, 0);
        f.chatGroup(D, 2, 0);
        f.agent(1, C);
        assertEquals(AcdError.AGENT_UNAVAILABLE, assertThrows(AcdException.class,
            () -> f.engine.chatOpen(80, 1, C, f.now)).error(), "offline");
        f.engine.setAgentState(1, AgentState.BREAK, 0, f.now);
        take();
        f.engine.chatOpen(80, 1, C, f.now);
        assertEquals(List.of(), take(), "no offer: served at once, even on break (a deliberate act)");
        assertEquals(1, f.engine.chatServedBy(80));
        assertEquals(1, f.engine.openChats(1));
        assertEquals(0, f.engine.chatQueueLength(C), "never in the group's queue");
        assertEquals(AcdError.DUPLICATE, assertThrows(AcdException.class,
            () -> f.engine.chatOpen(80, 1, C, f.now)).error());
        assertEquals(AcdError.FORBIDDEN_TRANSITION, assertThrows(AcdException.class,
            () -> f.engine.chatOpen(81, 1, D, f.now)).error(), "not a member of D");
        f.engine.chatOpen(81, 1, C, f.now);
        assertEquals(AcdError.AGENT_UNAVAILABLE, assertThrows(AcdException.class,
            () -> f.engine.chatOpen(82, 1, C, f.now)).error(), "at the group's concurrency");

        f.engine.setAgentState(1, AgentState.IDLE, 0, f.now);
        take();
        f.chat(83, C);
        assertEquals(List.of("chat-position 83 0"), take(), "full: a visitor waits");
        f.engine.chatEnded(80, f.now);
        assertEquals(List.of("chat 83 to 1"), take(), "the opened session's end frees its place");
        assertEquals(2, f.engine.openChats(1));
    }
}

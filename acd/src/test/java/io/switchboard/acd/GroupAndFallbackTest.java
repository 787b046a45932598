package io.switchboard.acd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Groups (settings, names, deletion) and where a call goes when it waits too long or finds the queue full. */
class GroupAndFallbackTest extends EngineFixture
{
    private static final int G = 10;
    private static final int H = 20;

    private void limitedGroup(final int groupId, final int maxLength, final long maxWaitMillis, final Fallback fallback)
    {
        engine.addGroup(groupId, new GroupSettings("limited" + groupId, null, 1, maxLength, maxWaitMillis, fallback));
    }

    @Test
    void aCallWaitingTooLongIsHungUpAndLeavesTheEngine()
    {
        limitedGroup(G, 0, 30_000, Fallback.HANG_UP);
        queue(7, G);
        now += ms(1000);
        queue(8, G);
        listener.take();
        advance(28_999);
        assertEquals(List.of(), listener.take());
        advance(2);
        assertEquals(List.of("position 8 0", "fallback 7 HANGUP"), listener.take());
        assertEquals(0, engine.queueLength(G) - 1);
        engine.ended(7, now);
        assertEquals(List.of(), listener.take(), "the call layer's end after a hang-up fallback is harmless");
        assertEquals(1, engine.calls());
    }

    @Test
    void aCallWaitingTooLongIsQueuedAfreshInTheFallbackGroup()
    {
        group(H);
        limitedGroup(G, 0, 30_000, Fallback.toGroup(H));
        agent(1, H);
        agent(2, H);
        queue(7, G);
        engine.setAgentState(1, AgentState.BUSY, 0, now);
        idle(2);
        engine.queue(5, H, 1, now);
        engine.answered(5, 2, now);
        listener.take();
        advance(30_001);
        assertEquals(List.of("fallback 7 GROUP 20", "position 7 0"), listener.take());
        assertEquals(0, engine.queueLength(G));
        assertEquals(List.of(7L), engine.queue(H).stream().filter(c -> c.ringingAgent() < 0)
            .map(WaitingCall::callId).toList());
        idle(1);
        assertEquals(List.of("state 1 IDLE", "offer 7 to 1", "state 1 RINGING"), listener.take());
    }

    @Test
    void aFullQueueSendsTheCallToTheFallbackAtOnce()
    {
        group(H);
        agent(1, H);
        idle(1);
        limitedGroup(G, 2, 0, Fallback.toGroup(H));
        queue(7, G);
        queue(8, G);
        listener.take();
        queue(9, G);
        assertEquals(List.of("fallback 9 GROUP 20", "offer 9 to 1", "state 1 RINGING"), listener.take());
        assertEquals(2, engine.queueLength(G));
    }

    @Test
    void aFallbackToAMissingGroupOrALoopOfFullQueuesHangsUp()
    {
        limitedGroup(G, 1, 0, Fallback.toGroup(99));
        queue(7, G);
        listener.take();
        queue(8, G);
        assertEquals(List.of("fallback 8 HANGUP"), listener.take());
        limitedGroup(30, 1, 0, Fallback.toGroup(31));
        limitedGroup(31, 1, 0, Fallback.toGroup(30));
        queue(1, 30);
        queue(2, 31);
        listener.take();
        queue(3, 30);
        final List<String> events = listener.take();
        assertEquals("fallback 3 HANGUP", events.get(events.size() - 1));
        assertEquals(9, events.size(), "eight hops, then a hang-up");
    }

    @Test
    void aMaximumWaitPassingWhileRingingLetsItRingThenFallsBack()
    {
        limitedGroup(G, 0, 5_000, Fallback.HANG_UP);
        agent(1, G);
        agent(2, G);
        idle(1);
        queue(7, G);
        listener.take();
        advance(5_001);
        assertEquals(List.of(), listener.take(), "still ringing");
        idle(2);
        listener.take();
        advance(RING_MS);
        assertEquals(List.of("withdraw 7 from 1", "state 1 BREAK 1", "fallback 7 HANGUP"), listener.take());
        assertEquals(0, engine.calls());
        assertEquals(0, engine.armedTimers());
    }

    @Test
    void deletingAGroupKeepsItsAgentsAndSendsItsCallsToTheFallback()
    {
        group(H);
        limitedGroup(G, 0, 60_000, Fallback.toGroup(H));
        agent(1, G, H);
        agent(2, G);
        idle(1);
        queue(7, G);
        queue(8, G);
        listener.take();
        engine.removeGroup(G, now);
        assertEquals(List.of("withdraw 7 from 1", "state 1 IDLE", "fallback 7 GROUP 20", "offer 7 to 1",
            "state 1 RINGING", "fallback 8 GROUP 20", "position 8 1"), listener.take());
        assertTrue(engine.hasAgent(1) && engine.hasAgent(2));
        assertEquals(false, engine.isMember(1, G));
        assertEquals(false, engine.isMember(2, G));
        assertEquals(true, engine.isMember(1, H));
        assertEquals(AcdError.UNKNOWN_GROUP, assertThrows(AcdException.class, () -> queue(9, G)).error());
        assertEquals(1, engine.armedTimers(), "the waits in G are cancelled; agent 1 rings");
        assertEquals(1, engine.groups().size());
    }

    @Test
    void aGroupNameHasUpTo20CharactersFullWidthIncluded()
    {
        final String twenty = "受付".repeat(10);
        engine.addGroup(G, GroupSettings.voice(twenty));
        assertEquals(twenty, engine.groups().get(0).settings().name());
        final AcdException refused = assertThrows(AcdException.class, () -> GroupSettings.voice(twenty + "窓"));
        assertEquals(AcdError.INVALID, refused.error());
        engine.addGroup(H, GroupSettings.voice("😀".repeat(20)));
    }

    @Test
    void groupSettingsAndIdsAreChecked()
    {
        engine.addGroup(100, new GroupSettings("chat", null, 3, 0, 0, Fallback.HANG_UP));
        assertEquals(0, engine.groups().get(0).settings().chatAcceptTimeoutMillis(), "the old constructor: no timeout");
        assertEquals(AcdError.INVALID, assertThrows(AcdException.class,
            () -> new GroupSettings("chat", null, 101, 0, 0, Fallback.HANG_UP)).error());
        assertEquals(AcdError.INVALID, assertThrows(AcdException.class,
            () -> new GroupSettings("chat", null, 0, 0, 0, Fallback.HANG_UP)).error());
        assertEquals(AcdError.INVALID, assertThrows(AcdException.class, () -> GroupSettings.chat("c", 3, 999)).error());
        assertEquals(AcdError.INVALID,
            assertThrows(AcdException.class, () -> GroupSettings.chat("c", 3, 90_001)).error());
        assertEquals(90_000, GroupSettings.chat("c", 100, 90_000).chatAcceptTimeoutMillis());
        assertEquals(1_000, GroupSettings.chat("c", 1, 1_000).chatAcceptTimeoutMillis());
        group(G);
        assertEquals(AcdError.DUPLICATE, assertThrows(AcdException.class, () -> group(G)).error());
        assertEquals(AcdError.INVALID, assertThrows(AcdException.class, () -> group(-1)).error());
        assertEquals(AcdError.UNKNOWN_GROUP,
            assertThrows(AcdException.class, () -> engine.updateGroup(H, GroupSettings.voice("x"), now)).error());
        agent(1, G);
        assertEquals(AcdError.DUPLICATE, assertThrows(AcdException.class, () -> engine.joinGroup(1, G, now)).error());
        assertEquals(AcdError.UNKNOWN_GROUP,
            assertThrows(AcdException.class, () -> engine.leaveGroup(1, H, now)).error());
        assertEquals(AcdError.DUPLICATE, assertThrows(AcdException.class, () -> agent(1)).error());
        queue(7, G);
        assertEquals(AcdError.DUPLICATE, assertThrows(AcdException.class, () -> queue(7, G)).error());
        engine.addGroup(100_000, GroupSettings.voice("far"));
        assertEquals(0, engine.queueLength(100_000));
        assertEquals(0, engine.chatQueueLength(100_000));
    }

    @Test
    void theTimerWheelSurvivesLongQuietPeriods()
    {
        group(G);
        agent(1, G);
        idle(1);
        advance(24L * 3600 * 1000);
        queue(7, G);
        listener.take();
        final long started = System.nanoTime();
        advance(RING_MS + 10);
        assertEquals(List.of("withdraw 7 from 1", "state 1 BREAK 1", "position 7 0"), listener.take());
        now += ms(3L * 3600 * 1000);
        assertEquals(0, engine.poll(now), "nothing else is due");
        assertTrue(System.nanoTime() - started < 2_000_000_000L);
    }

    @Test
    void aLateTimerFiresEvenAfterALongGapWithTimersArmed()
    {
        limitedGroup(G, 0, 60_000, Fallback.HANG_UP);
        queue(7, G);
        listener.take();
        now += ms(48L * 3600 * 1000);
        assertEquals(1, engine.poll(now));
        assertEquals(List.of("fallback 7 HANGUP"), listener.take());
    }
}

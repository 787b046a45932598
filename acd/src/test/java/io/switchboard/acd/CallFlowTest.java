package io.switchboard.acd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A call's life: ringing out, declined, answered, ended, wrap-up, abandoned while waiting or ringing. */
class CallFlowTest extends EngineFixture
{
    private static final int G = 10;

    CallFlowTest()
    {
        group(G);
        agent(1, G);
        agent(2, G);
    }

    @Test
    void aRingTimeoutWithdrawsPutsTheAgentOnBreakAndOffersTheNextAgent()
    {
        idle(1);
        now += ms(1);
        idle(2);
        queue(7, G);
        listener.take();
        assertEquals(0, advance(RING_MS - 1));
        assertEquals(List.of(), listener.take());
        assertEquals(1, advance(5));
        assertEquals(List.of("withdraw 7 from 1", "state 1 BREAK " + AcdCommands.REASON_MISSED_CALL,
            "offer 7 to 2", "state 2 RINGING"), listener.take());
        assertEquals(AcdCommands.REASON_MISSED_CALL, engine.reason(1));
        assertEquals(1, engine.armedTimers(), "only agent 2's ring timeout");
    }

    @Test
    void aCallThatRangOutWaitsAtTheHeadOfTheQueue()
    {
        idle(1);
        queue(7, G);
        now += ms(1);
        queue(8, G);
        now += ms(1);
        queue(9, G);
        listener.take();
        advance(RING_MS);
        assertEquals(List.of("withdraw 7 from 1", "state 1 BREAK 1", "position 7 0"), listener.take());
        assertEquals(0, engine.ahead(7));
        assertEquals(1, engine.ahead(8));
        assertEquals(2, engine.ahead(9));
        idle(2);
        assertEquals(List.of("state 2 IDLE", "offer 7 to 2", "state 2 RINGING"), listener.take());
    }

    @Test
    void aDeclinedCallMovesOnAtOnce()
    {
        idle(1);
        now += ms(1);
        idle(2);
        queue(7, G);
        listener.take();
        engine.declined(7, 1, now);
        assertEquals(List.of("withdraw 7 from 1", "state 1 BREAK 1", "offer 7 to 2", "state 2 RINGING"),
            listener.take());
        assertEquals(1, engine.armedTimers());
        assertEquals(AcdError.FORBIDDEN_TRANSITION,
            assertThrows(AcdException.class, () -> engine.declined(7, 1, now)).error());
    }

    @Test
    void answeredPutsTheAgentOnCallAndTheCallLeavesTheQueue()
    {
        idle(1);
        queue(7, G);
        queue(8, G);
        listener.take();
        engine.answered(7, 1, now);
        assertEquals(List.of("position 8 0", "state 1 ON_CALL"), listener.take());
        assertEquals(1, engine.callsToday(1));
        assertEquals(1, engine.queueLength(G));
        assertEquals(-1, engine.ringingAgentOf(7));
        assertEquals(0, engine.armedTimers(), "the ring timeout is cancelled");
        assertEquals(0, advance(RING_MS * 2));
        assertEquals(AcdError.UNKNOWN_CALL, assertThrows(AcdException.class, () -> engine.answered(99, 1, now))
            .error());
        assertEquals(AcdError.FORBIDDEN_TRANSITION,
            assertThrows(AcdException.class, () -> engine.answered(8, 2, now)).error());
    }

    @Test
    void endedStartsAWrapUpThatCountsDownToIdle()
    {
        idle(1);
        queue(7, G);
        engine.answered(7, 1, now);
        listener.take();
        engine.ended(7, now);
        assertEquals(List.of("state 1 WRAP_UP"), listener.take());
        assertEquals(WRAP_MS, engine.wrapUpRemainingMillis(1, now));
        advance(2000);
        assertEquals(WRAP_MS - 2000, engine.wrapUpRemainingMillis(1, now));
        advance(WRAP_MS - 2000 - 1);
        assertEquals(AgentState.WRAP_UP, engine.state(1));
        advance(5);
        assertEquals(List.of("state 1 IDLE"), listener.take());
        assertEquals(now, engine.idleSince(1));
        assertEquals(0, engine.wrapUpRemainingMillis(1, now));
        engine.ended(7, now);
        assertEquals(List.of(), listener.take(), "a second end is harmless");
    }

    @Test
    void aWrapUpEndsEarlyOrIsExtendedUpTo90Seconds()
    {
        idle(1);
        queue(7, G);
        engine.answered(7, 1, now);
        engine.ended(7, now);
        engine.extendWrapUp(1, 10_000, now);
        assertEquals(WRAP_MS + 10_000, engine.wrapUpRemainingMillis(1, now));
        final long left = 90_000 - WRAP_MS - 10_000;
        final AcdException tooLong = assertThrows(AcdException.class, () -> engine.extendWrapUp(1, left + 1, now));
        assertEquals(AcdError.INVALID, tooLong.error());
        assertEquals(WRAP_MS + 10_000, engine.wrapUpRemainingMillis(1, now), "a refused extension changes nothing");
        assertEquals(AcdError.INVALID, assertThrows(AcdException.class, () -> engine.extendWrapUp(1, 0, now)).error());
        advance(10_000);
        engine.extendWrapUp(1, left, now);
        assertEquals(90_000 - 10_000, engine.wrapUpRemainingMillis(1, now));
        assertEquals(1, engine.armedTimers());
        advance(90_000 - 10_000 - 1);
        assertEquals(AgentState.WRAP_UP, engine.state(1));
        advance(5);
        assertEquals(AgentState.IDLE, engine.state(1));

        queue(8, G);
        engine.answered(8, 1, now);
        engine.ended(8, now);
        listener.take();
        engine.endWrapUp(1, now + ms(1));
        assertEquals(List.of("state 1 IDLE"), listener.take());
        assertEquals(0, engine.armedTimers());
    }

    @Test
    void aCallerHangingUpWhileWaitingLeavesAndThoseBehindMoveUp()
    {
        queue(7, G);
        queue(8, G);
        queue(9, G);
        assertEquals(List.of("position 7 0", "position 8 1", "position 9 2"), listener.take());
        engine.ended(8, now);
        assertEquals(List.of("position 9 1"), listener.take());
        engine.ended(7, now);
        assertEquals(List.of("position 9 0"), listener.take());
        assertEquals(1, engine.queueLength(G));
        assertEquals(-1, engine.ahead(7));
        engine.ended(12345, now);
        assertEquals(List.of(), listener.take(), "an unknown call is ignored");
    }

    @Test
    void aCallerHangingUpWhileRingingFreesTheAgentWithoutPenalty()
    {
        idle(1);
        final long since = engine.idleSince(1);
        now += ms(1);
        idle(2);
        queue(7, G);
        listener.take();
        now += ms(3000);
        engine.ended(7, now);
        assertEquals(List.of("withdraw 7 from 1", "state 1 IDLE"), listener.take());
        assertEquals(since, engine.idleSince(1), "the agent keeps its place in line");
        assertEquals(0, engine.armedTimers());
        queue(8, G);
        assertEquals("offer 8 to 1", listener.take().get(0));
    }

    @Test
    void aRingingAgentReturningIdleTakesTheNextWaitingCall()
    {
        idle(1);
        queue(7, G);
        queue(8, G);
        listener.take();
        engine.ended(7, now);
        assertEquals(List.of("position 8 0", "withdraw 7 from 1", "state 1 IDLE", "offer 8 to 1", "state 1 RINGING"),
            listener.take());
    }
}

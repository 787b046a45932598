package io.switchboard.core.call;

import io.switchboard.sip.ua.InviteUsage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The call's and the leg's state tables, and what a transition does besides changing the state. */
class CallStatesTest
{
    @Test
    void finalStatesGoNowhere()
    {
        for (final LegState to : LegState.values())
        {
            assertFalse(LegState.FAILED.allows(to), "FAILED -> " + to);
            assertFalse(LegState.ENDED.allows(to), "ENDED -> " + to);
        }
        for (final CallState to : CallState.values())
        {
            assertFalse(CallState.ENDED.allows(to), "ENDED -> " + to);
        }
        assertEquals(java.util.List.of(CallState.ENDED), java.util.Arrays.stream(CallState.values())
            .filter(CallState.ENDING::allows).toList(), "ENDING leads to ENDED only");
    }

    @Test
    void everyLiveStateCanEndAndOnlyEndingEnds()
    {
        for (final CallState from : CallState.values())
        {
            assertEquals(!from.isOver(), from.allows(CallState.ENDING), from + " -> ENDING");
            assertEquals(from == CallState.ENDING, from.allows(CallState.ENDED), from + " -> ENDED");
        }
    }

    @Test
    void aTransitionTheTableDoesNotAllowIsMadeButCounted()
    {
        final CallStats stats = new CallStats();
        final Call call = new Call(1, "1001", "1002", 0, stats);
        final Leg leg = new Leg(call, Leg.Side.CALLEE, new InviteUsage(null, null));
        assertEquals(LegState.TRYING, leg.transition(LegState.CANCELLING, "withdrawn"));
        assertTrue(leg.withdrawn() && !leg.isPending());
        assertEquals(LegState.CANCELLING, leg.transition(LegState.FAILED, "487"));
        assertTrue(leg.withdrawn() && leg.isOver() && !leg.isOffered(), "a withdrawn fork that failed");
        assertEquals(0, stats.unexpectedTransitions());
        leg.transition(LegState.CONFIRMED, "a 2xx after the 487");
        assertEquals(1, stats.unexpectedTransitions());
        assertEquals(LegState.CONFIRMED, leg.state(), "made all the same");
        assertEquals(1L, stats.legStatesEntered().get("cancelling"));
    }

    @Test
    void endingIsEnteredBeforeEnded()
    {
        final CallStats stats = new CallStats();
        final Call call = new Call(2, "1001", "1002", 0, stats);
        call.transition(CallState.EARLY, "ringing", 1);
        call.transition(CallState.ENDING, "caller cancelled", 2);
        assertTrue(call.isOver());
        call.transition(CallState.ENDED, "caller cancelled", 3);
        assertEquals(0, stats.unexpectedTransitions());
        assertEquals(1L, stats.callStatesEntered().get("ending"));
    }
}

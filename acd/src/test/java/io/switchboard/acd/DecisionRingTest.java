package io.switchboard.acd;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every decision survives its ring, each field intact; a full ring drops and counts; a bad handler is contained. */
class DecisionRingTest
{
    private final DecisionRing ring = new DecisionRing("test", 4096);
    private final DecisionRecorder listener = new DecisionRecorder();

    @Test
    void everyDecisionKeepsEveryField()
    {
        ring.offer(Long.MAX_VALUE, 17, true);
        ring.offer(-3L, Integer.MIN_VALUE, false);
        ring.withdraw(1L << 50, 18);
        ring.position(9L, 41);
        ring.fallback(10L, Fallback.toGroup(77));
        ring.fallback(11L, Fallback.HANG_UP);
        ring.fallback(12L, new Fallback(Fallback.Action.HANGUP, 3));
        for (final AgentState state : AgentState.values())
        {
            ring.agentState(5, state, state.ordinal() * 10);
        }
        ring.chatOffer(Long.MIN_VALUE, 19, true);
        ring.chatOffer(21L, Integer.MAX_VALUE, false);
        ring.chatWithdraw(-22L, 20);
        ring.chatPosition(1L << 40, 99);
        ring.chatNoAgent(Long.MAX_VALUE);

        assertEquals(12 + AgentState.values().length, ring.drain(listener, 100));
        final List<String> expected = new ArrayList<>(List.of(
            "offer(9223372036854775807,17,true)",
            "offer(-3,-2147483648,false)",
            "withdraw(1125899906842624,18)",
            "position(9,41)",
            "fallback(10," + Fallback.toGroup(77) + ")",
            "fallback(11," + Fallback.HANG_UP + ")",
            "fallback(12," + new Fallback(Fallback.Action.HANGUP, 3) + ")"));
        for (final AgentState state : AgentState.values())
        {
            expected.add("agentState(5," + state + "," + state.ordinal() * 10 + ")");
        }
        expected.addAll(List.of(
            "chatOffer(-9223372036854775808,19,true)",
            "chatOffer(21,2147483647,false)",
            "chatWithdraw(-22,20)",
            "chatPosition(1099511627776,99)",
            "chatNoAgent(9223372036854775807)"));
        assertEquals(expected, listener.events);
        assertEquals(expected.size(), ring.emitted());
        assertEquals(0, ring.occupancy());
    }

    @Test
    void drainStopsAtTheLimit()
    {
        for (int i = 0; i < 10; i++)
        {
            ring.position(i, i);
        }
        assertEquals(4, ring.drain(listener, 4));
        assertEquals(6, ring.drain(listener, 100));
        assertEquals(0, ring.drain(listener, 100));
        assertEquals("position(9,9)", listener.events.get(9));
    }

    @Test
    void aFullRingDropsAndCountsInsteadOfBlockingTheEngine()
    {
        final DecisionRing small = new DecisionRing("small", 1024);
        int written = 0;
        while (small.dropped() == 0)
        {
            small.offer(written, 1, false);
            written++;
        }
        assertEquals(written - 1, small.emitted());
        assertEquals(written - 1, small.drain(listener, Integer.MAX_VALUE));
        small.offer(-1, 1, false);
        assertEquals(1, small.drain(listener, 10), "drained, the ring takes decisions again");
    }

    @Test
    void aHandlerThatThrowsDoesNotLoseTheNextDecisions()
    {
        ring.position(1, 1);
        ring.position(2, 2);
        ring.position(3, 3);
        final DecisionRecorder failing = new DecisionRecorder()
        {
            @Override
            public void position(final long callId, final int ahead)
            {
                super.position(callId, ahead);
                if (callId == 2)
                {
                    throw new IllegalStateException("expected by the test");
                }
            }
        };
        assertEquals(3, ring.drain(failing, 10));
        assertEquals(List.of("position(1,1)", "position(2,2)", "position(3,3)"), failing.events);
        assertEquals(1, ring.handlerErrors());
    }

    @Test
    void aGroupFallbackIsDeliveredAsTheSameValueEachTime()
    {
        ring.fallback(1, Fallback.toGroup(4));
        ring.fallback(2, Fallback.toGroup(4));
        ring.fallback(3, Fallback.HANG_UP);
        ring.drain(listener, 10);
        assertSame(listener.fallbacks.get(0), listener.fallbacks.get(1));
        assertSame(Fallback.HANG_UP, listener.fallbacks.get(2));
        assertTrue(listener.fallbacks.get(0).action() == Fallback.Action.GROUP);
    }
}

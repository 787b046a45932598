package io.switchboard.acd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The manuals' rules on busy and wrap-up (issue 17 items 1-3), on the manual clock: a busy agent is offered no
 * queued call and no chat but direct calls (internal calls, transfers) ring it, and it is busy again after them; a
 * wrap-up may be kept open until the agent ends it; the ring timeout and the state recovery can be switched off.
 */
class BusyAndWrapUpTest extends EngineFixture
{
    private static final int G = 10;
    private static final int CHATS = 20;
    private static final int AGENT = 1;

    BusyAndWrapUpTest()
    {
        group(G);
        chatGroup(CHATS, 2, 0);
        agent(AGENT, G, CHATS);
    }

    private void busy()
    {
        engine.setAgentState(AGENT, AgentState.BUSY, 0, now);
        listener.take();
    }

    private void settings(final boolean ringTimeout, final boolean stateRecovery)
    {
        engine.settings(new AcdSettings(SelectionPolicy.LONGEST_IDLE, true, RING_MS, WRAP_MS)
            .withSwitches(ringTimeout, stateRecovery), now);
    }

    // ---------------------------------------------------------------- busy

    @Test
    void aBusyAgentIsOfferedNoQueuedCallNorChatButADirectCallRingsAndItIsBusyAgainAfterTheWrapUp()
    {
        busy();
        queue(7, G);
        chat(70, CHATS);
        assertEquals(List.of("position 7 0"), withoutChatPositions(listener.take()));
        assertEquals(-1, engine.ringingAgentOf(7));

        engine.directOffer(AGENT, now);
        assertEquals(List.of("state 1 RINGING"), listener.take(), "no chat offer while ringing for it either");
        engine.directStart(AGENT, now);
        assertEquals(List.of("state 1 ON_CALL"), listener.take());
        assertEquals(1, engine.callsToday(AGENT), "an answered internal call or transfer counts");
        engine.directEnded(AGENT, now);
        assertEquals(List.of("state 1 WRAP_UP"), listener.take());
        assertEquals(0, advance(WRAP_MS - 1));
        assertEquals(1, advance(2));
        assertEquals(List.of("state 1 BUSY"), listener.take(), "busy again: the queued call and the chat still wait");
        assertEquals(-1, engine.ringingAgentOf(7));
        assertEquals(0, engine.armedTimers());

        engine.directOffer(AGENT, now);
        engine.directStart(AGENT, now);
        engine.directEnded(AGENT, now);
        listener.take();
        engine.endWrapUp(AGENT, now);
        final List<String> back = listener.take();
        assertEquals(List.of("state 1 IDLE", "offer 7 to 1", "state 1 RINGING"), back.subList(0, 3),
            "ending the wrap-up (返回接待) is idle: the agent takes the waiting call");
    }

    @Test
    void aBusyAgentWhoDeclinesOrWhoseCallerGivesUpIsBusyAgainNotOnBreak()
    {
        busy();
        engine.directOffer(AGENT, now);
        listener.take();
        engine.directMissed(AGENT, now);
        assertEquals(List.of("state 1 BUSY"), listener.take());
        assertEquals(AcdCommands.REASON_NONE, engine.reason(AGENT));

        engine.directOffer(AGENT, now);
        listener.take();
        engine.directEnded(AGENT, now);
        assertEquals(List.of("state 1 BUSY"), listener.take());
        queue(7, G);
        assertEquals(-1, engine.ringingAgentOf(7));
    }

    @Test
    void aBusyAgentWhoDialsOutIsBusyAgainAfterItsWrapUp()
    {
        busy();
        engine.directStart(AGENT, now);
        engine.directEnded(AGENT, now);
        listener.take();
        advance(WRAP_MS + 1);
        assertEquals(List.of("state 1 BUSY"), listener.take());
    }

    @Test
    void anIdleAgentsDirectCallStillEndsIdleAndPickingAStateForgetsTheBusyOrigin()
    {
        idle(AGENT);
        listener.take();
        engine.directOffer(AGENT, now);
        engine.directEnded(AGENT, now);
        assertEquals(List.of("state 1 RINGING", "state 1 IDLE"), listener.take());

        busy();
        engine.directStart(AGENT, now);
        engine.directEnded(AGENT, now);
        engine.setAgentState(AGENT, AgentState.BREAK, 3, now);
        idle(AGENT);
        engine.directStart(AGENT, now);
        engine.directEnded(AGENT, now);
        listener.take();
        advance(WRAP_MS + 1);
        assertEquals(List.of("state 1 IDLE"), listener.take().subList(0, 1));
    }

    @Test
    void aBreakStillRefusesDirectCalls()
    {
        engine.setAgentState(AGENT, AgentState.BREAK, 3, now);
        assertEquals(AcdError.AGENT_UNAVAILABLE,
            assertThrows(AcdException.class, () -> engine.directOffer(AGENT, now)).error());
    }

    // ---------------------------------------------------------------- keep wrapping up

    @Test
    void aKeptWrapUpHasNoCountdownAndLastsUntilTheAgentEndsIt()
    {
        idle(AGENT);
        engine.directStart(AGENT, now);
        engine.directEnded(AGENT, now);
        listener.take();
        assertFalse(engine.wrapUpKept(AGENT));
        advance(1000);
        engine.keepWrapUp(AGENT, now);
        engine.keepWrapUp(AGENT, now);
        assertTrue(engine.wrapUpKept(AGENT));
        assertEquals(0, engine.armedTimers());
        assertEquals(List.of(), listener.take(), "the state stays wrap-up");
        assertEquals(0, advance(10 * 90_000));
        assertEquals(AgentState.WRAP_UP, engine.state(AGENT));
        assertEquals(1000 + 10 * 90_000, engine.wrapUpElapsedMillis(AGENT, now), "the count-up");
        assertEquals(0, engine.wrapUpRemainingMillis(AGENT, now));
        assertEquals(AcdError.FORBIDDEN_TRANSITION,
            assertThrows(AcdException.class, () -> engine.extendWrapUp(AGENT, 1000, now)).error());

        engine.endWrapUp(AGENT, now);
        assertEquals(AgentState.IDLE, engine.state(AGENT));
        assertFalse(engine.wrapUpKept(AGENT));
        assertEquals(AcdError.FORBIDDEN_TRANSITION,
            assertThrows(AcdException.class, () -> engine.keepWrapUp(AGENT, now)).error(), "only in wrap-up");
    }

    @Test
    void aKeptWrapUpEndsByPickingAStateAndTheNextWrapUpCountsDownAgain()
    {
        idle(AGENT);
        engine.directStart(AGENT, now);
        engine.directEnded(AGENT, now);
        engine.keepWrapUp(AGENT, now);
        engine.setAgentState(AGENT, AgentState.BUSY, 0, now);
        assertFalse(engine.wrapUpKept(AGENT));
        idle(AGENT);
        engine.directStart(AGENT, now);
        engine.directEnded(AGENT, now);
        assertFalse(engine.wrapUpKept(AGENT));
        assertEquals(1, engine.armedTimers());
        listener.take();
        advance(WRAP_MS + 1);
        assertEquals(AgentState.IDLE, engine.state(AGENT));
    }

    // ---------------------------------------------------------------- settings

    @Test
    void withTheRingTimeoutOffAnOfferRingsUntilAnsweredOrTheCallerLeaves()
    {
        settings(false, true);
        idle(AGENT);
        queue(7, G);
        assertEquals(AGENT, engine.ringingAgentOf(7));
        assertEquals(0, engine.armedTimers());
        assertEquals(0, advance(100 * RING_MS));
        assertEquals(AGENT, engine.ringingAgentOf(7), "still ringing");
        engine.answered(7, AGENT, now);
        assertEquals(AgentState.ON_CALL, engine.state(AGENT));
        engine.ended(7, now);
        assertEquals(1, engine.armedTimers(), "the wrap-up still counts down");

        settings(true, true);
        advance(WRAP_MS + 1);
        queue(8, G);
        assertEquals(1, engine.armedTimers(), "on again: the ring timeout applies to new offers");
        listener.take();
        advance(RING_MS + 1);
        assertEquals(AgentState.BREAK, engine.state(AGENT));
    }

    @Test
    void withStateRecoveryOffTheAgentStaysInWrapUpUntilItEndsIt()
    {
        settings(true, false);
        idle(AGENT);
        queue(7, G);
        engine.answered(7, AGENT, now);
        engine.ended(7, now);
        assertTrue(engine.wrapUpKept(AGENT));
        assertEquals(0, engine.armedTimers());
        advance(1000 * WRAP_MS);
        assertEquals(AgentState.WRAP_UP, engine.state(AGENT));
        engine.endWrapUp(AGENT, now);
        assertEquals(AgentState.IDLE, engine.state(AGENT));
    }

    @Test
    void theSwitchesGoThroughTheCommandCodec()
    {
        final org.agrona.concurrent.UnsafeBuffer buffer = new org.agrona.concurrent.UnsafeBuffer(new byte[256]);
        final AcdSettings off = new AcdSettings(SelectionPolicy.FEWEST_CALLS, false, RING_MS, WRAP_MS)
            .withSwitches(false, false);
        final FakeEngine fake = new FakeEngine(listener, now);
        for (final AcdSettings settings : List.of(off, off.withSwitches(true, false), off.withSwitches(false, true)))
        {
            CommandCodec.encodeSettings(buffer, 1, settings);
            CommandCodec.apply(CommandCodec.SETTINGS, buffer, 0, fake, now);
            assertEquals("settings(" + settings + ")@" + now, fake.calls.get(fake.calls.size() - 1));
        }
        CommandCodec.encodeId(buffer, 2, AGENT);
        CommandCodec.apply(CommandCodec.KEEP_WRAP_UP, buffer, 0, fake, now);
        assertEquals("keepWrapUp(1)@" + now, fake.calls.get(fake.calls.size() - 1));
    }

    private static List<String> withoutChatPositions(final List<String> events)
    {
        return events.stream().filter(e -> !e.startsWith("chat-position") && !e.startsWith("chat-no-agent")).toList();
    }
}

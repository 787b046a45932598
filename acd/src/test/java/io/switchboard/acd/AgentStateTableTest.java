package io.switchboard.acd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every change an agent may or may not pick, from every state; a refusal changes nothing. */
class AgentStateTableTest extends EngineFixture
{
    private static final int AGENT = 1;
    private static final int GROUP = 10;
    private static final long CALL = 77;
    private static final List<AgentState> PICKABLE =
        List.of(AgentState.IDLE, AgentState.BUSY, AgentState.BREAK, AgentState.OFFLINE);
    private static final List<AgentState> LEAVABLE =
        List.of(AgentState.OFFLINE, AgentState.IDLE, AgentState.BUSY, AgentState.BREAK, AgentState.WRAP_UP);

    /** Puts the agent (in GROUP) in the given state; a call is involved for ringing, on call and wrap-up. */
    private void putIn(final AgentState state)
    {
        group(GROUP);
        agent(AGENT, GROUP);
        switch (state)
        {
            case OFFLINE -> { }
            case IDLE, BUSY -> engine.setAgentState(AGENT, state, 0, now);
            case BREAK -> engine.setAgentState(AGENT, state, 5, now);
            default ->
            {
                idle(AGENT);
                queue(CALL, GROUP);
                if (state != AgentState.RINGING)
                {
                    engine.answered(CALL, AGENT, now);
                }
                if (state == AgentState.WRAP_UP)
                {
                    engine.ended(CALL, now);
                }
            }
        }
        assertEquals(state, engine.state(AGENT));
        listener.take();
    }

    static Stream<Arguments> allowed()
    {
        final List<Arguments> cases = new ArrayList<>();
        for (final AgentState from : LEAVABLE)
        {
            for (final AgentState to : PICKABLE)
            {
                if (from != to)
                {
                    cases.add(Arguments.of(from, to));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("allowed")
    void agentMayPick(final AgentState from, final AgentState to)
    {
        putIn(from);
        now += ms(100);
        engine.setAgentState(AGENT, to, 3, now);
        assertEquals(to, engine.state(AGENT));
        assertEquals(to == AgentState.BREAK ? 3 : 0, engine.reason(AGENT));
        assertEquals(List.of("state 1 " + to + (to == AgentState.BREAK ? " 3" : "")), listener.take());
        assertEquals(to == AgentState.IDLE ? 1 : 0, engine.idleAgents(GROUP));
        if (to == AgentState.IDLE)
        {
            assertEquals(now, engine.idleSince(AGENT));
        }
        assertEquals(0, engine.armedTimers(), "a wrap-up left by picking a state is no longer counted down");
    }

    static Stream<Arguments> forbidden()
    {
        final List<Arguments> cases = new ArrayList<>();
        for (final AgentState from : AgentState.values())
        {
            for (final AgentState to : AgentState.values())
            {
                final boolean systemOnlyTarget = !to.agentMayPick();
                final boolean systemOnlySource = from == AgentState.RINGING || from == AgentState.ON_CALL;
                if (systemOnlyTarget || systemOnlySource)
                {
                    cases.add(Arguments.of(from, to));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("forbidden")
    void refusedChangesNothing(final AgentState from, final AgentState to)
    {
        putIn(from);
        final int reason = engine.reason(AGENT);
        final int idle = engine.idleAgents(GROUP);
        final int timers = engine.armedTimers();
        final AcdException refused =
            assertThrows(AcdException.class, () -> engine.setAgentState(AGENT, to, 2, now + ms(1)));
        assertEquals(AcdError.FORBIDDEN_TRANSITION, refused.error());
        assertTrue(refused.getMessage().contains("agent 1") && refused.getMessage().contains(from.name())
            && refused.getMessage().contains(to.name()), refused.getMessage());
        assertEquals(from, engine.state(AGENT));
        assertEquals(reason, engine.reason(AGENT));
        assertEquals(idle, engine.idleAgents(GROUP));
        assertEquals(timers, engine.armedTimers());
        assertEquals(List.of(), listener.take());
    }

    @Test
    void unknownAgentIsRefused()
    {
        final AcdException refused =
            assertThrows(AcdException.class, () -> engine.setAgentState(42, AgentState.IDLE, 0, now));
        assertEquals(AcdError.UNKNOWN_AGENT, refused.error());
        assertTrue(refused.getMessage().contains("42"));
    }

    @Test
    void pickingTheSameStateTellsNothingButANewBreakReasonIsAChange()
    {
        putIn(AgentState.BREAK);
        engine.setAgentState(AGENT, AgentState.BREAK, 5, now);
        assertEquals(List.of(), listener.take());
        engine.setAgentState(AGENT, AgentState.BREAK, 6, now);
        assertEquals(List.of("state 1 BREAK 6"), listener.take());
        engine.setAgentState(AGENT, AgentState.IDLE, 0, now);
        final long since = engine.idleSince(AGENT);
        engine.setAgentState(AGENT, AgentState.IDLE, 0, now + ms(5));
        assertEquals(since, engine.idleSince(AGENT), "idle again does not lose the agent's place");
        assertEquals(List.of("state 1 IDLE"), listener.take());
    }

    @Test
    void wrapUpCommandsNeedAWrapUp()
    {
        putIn(AgentState.IDLE);
        assertEquals(AcdError.FORBIDDEN_TRANSITION,
            assertThrows(AcdException.class, () -> engine.endWrapUp(AGENT, now)).error());
        assertEquals(AcdError.FORBIDDEN_TRANSITION,
            assertThrows(AcdException.class, () -> engine.extendWrapUp(AGENT, 1000, now)).error());
        assertEquals(AgentState.IDLE, engine.state(AGENT));
    }

    @Test
    void removingAnAgentOnACallIsRefusedOtherwiseItGoesOffline()
    {
        putIn(AgentState.ON_CALL);
        assertEquals(AcdError.FORBIDDEN_TRANSITION,
            assertThrows(AcdException.class, () -> engine.removeAgent(AGENT, now)).error());
        engine.ended(CALL, now);
        listener.take();
        engine.removeAgent(AGENT, now);
        assertEquals(List.of("state 1 OFFLINE"), listener.take());
        assertEquals(0, engine.members(GROUP));
        assertEquals(0, engine.armedTimers());
        assertEquals(AcdError.UNKNOWN_AGENT, assertThrows(AcdException.class, () -> engine.state(AGENT)).error());
    }
}

package io.switchboard.acd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Direct calls, which the ACD did not route (outbound, internal, transferred to one agent): the agent rings or is on
 * call for them, is offered no queued call meanwhile, and goes through wrap-up when its last call ends.
 */
class DirectCallTest extends EngineFixture
{
    private static final int G = 10;
    private static final int AGENT = 1;
    private static final int OTHER = 2;
    private static final long CALL = 77;

    private AcdService service;

    /** Where agent 1 can be; the ACD ones involve {@link #CALL}. */
    enum Situation
    {
        OFFLINE, IDLE, BUSY, BREAK, WRAP_UP, ACD_RINGING, DIRECT_RINGING, ACD_ON_CALL, DIRECT_ON_CALL
    }

    DirectCallTest()
    {
        group(G);
        agent(AGENT, G);
        agent(OTHER, G);
    }

    @AfterEach
    void closeService()
    {
        if (service != null)
        {
            service.close();
        }
    }

    private void putIn(final Situation situation)
    {
        switch (situation)
        {
            case OFFLINE -> { }
            case IDLE -> idle(AGENT);
            case BUSY -> engine.setAgentState(AGENT, AgentState.BUSY, 0, now);
            case BREAK -> engine.setAgentState(AGENT, AgentState.BREAK, 5, now);
            case DIRECT_RINGING ->
            {
                idle(AGENT);
                engine.directOffer(AGENT, now);
            }
            case DIRECT_ON_CALL ->
            {
                idle(AGENT);
                engine.directStart(AGENT, now);
            }
            default ->
            {
                idle(AGENT);
                queue(CALL, G);
                if (situation != Situation.ACD_RINGING)
                {
                    engine.answered(CALL, AGENT, now);
                }
                if (situation == Situation.WRAP_UP)
                {
                    engine.ended(CALL, now);
                }
            }
        }
        listener.take();
    }

    /** What must not change when a command is refused or ignored. */
    private String snapshot()
    {
        return engine.state(AGENT) + " reason " + engine.reason(AGENT) + " idle " + engine.idleAgents(G)
            + " timers " + engine.armedTimers() + " direct " + engine.directCalls(AGENT) + " calls "
            + engine.callsToday(AGENT) + " since " + engine.idleSince(AGENT) + " ringing " + engine.ringingAgentOf(CALL)
            + " wrap " + engine.wrapUpRemainingMillis(AGENT, now);
    }

    private AgentView view(final int agentId)
    {
        return engine.agents().stream().filter(v -> v.agentId() == agentId).findFirst().orElseThrow();
    }

    // ---------------------------------------------------------------- directOffer

    @Test
    void aDirectOfferRingsAnIdleAgentWhoIsOfferedNoQueuedCall()
    {
        idle(AGENT);
        now += ms(1);
        idle(OTHER);
        listener.take();
        now += ms(1);
        engine.directOffer(AGENT, now);
        assertEquals(List.of("state 1 RINGING"), listener.take(), "no offer: there is no ACD call");
        assertEquals(AgentState.RINGING, engine.state(AGENT));
        assertEquals(1, engine.idleAgents(G), "agent 1 left the idle list");
        assertEquals(0, engine.armedTimers(), "the call layer times a direct ringing");
        assertEquals(OptionalLong.empty(), view(AGENT).callId());
        assertEquals(0, view(AGENT).directCalls());

        queue(7, G);
        assertEquals(List.of("offer 7 to 2", "state 2 RINGING"), listener.take(),
            "the longest idle agent rings for a direct call: the call goes to the other one");
        queue(8, G);
        assertEquals(List.of("position 8 1"), listener.take(), "no one left: the call waits");
        assertEquals(-1, engine.ringingAgentOf(8));
        assertEquals(0, advance(RING_MS - 1));
        assertEquals(1, advance(5));
        assertEquals(List.of("withdraw 7 from 2", "state 2 BREAK 1", "position 7 0"), listener.take(),
            "a call that rang out does not go to the agent ringing for a direct call either");
        assertEquals(AgentState.RINGING, engine.state(AGENT));
    }

    @Test
    void aQueuedCallWaitsWhileTheOnlyAgentRingsForADirectCall()
    {
        idle(AGENT);
        engine.directOffer(AGENT, now);
        listener.take();
        queue(7, G);
        assertEquals(List.of("position 7 0"), listener.take());
        engine.directStart(AGENT, now);
        assertEquals(List.of("state 1 ON_CALL"), listener.take());
        assertEquals(0, engine.ahead(7));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Situation.class, names = {"IDLE", "BUSY"}, mode = EnumSource.Mode.EXCLUDE)
    void aDirectOfferToAnAgentNeitherIdleNorBusyIsRefusedAndChangesNothing(final Situation situation)
    {
        putIn(situation);
        final String before = snapshot();
        final AgentState state = engine.state(AGENT);
        final AcdException refused = assertThrows(AcdException.class, () -> engine.directOffer(AGENT, now));
        assertEquals(AcdError.AGENT_UNAVAILABLE, refused.error());
        assertEquals("agent 1 is " + state + ", not available", refused.getMessage());
        assertEquals(before, snapshot());
        assertEquals(List.of(), listener.take());
    }

    @Test
    void anUnknownAgentIsRefusedByEveryDirectCommand()
    {
        for (final AcdCommandsCall command : List.<AcdCommandsCall>of(engine::directOffer, engine::directStart,
            engine::directMissed, engine::directEnded))
        {
            assertEquals(AcdError.UNKNOWN_AGENT,
                assertThrows(AcdException.class, () -> command.call(42, now)).error());
        }
        assertEquals(List.of(), listener.take());
    }

    /** One of the direct commands, for a loop over them. */
    @FunctionalInterface
    private interface AcdCommandsCall
    {
        void call(int agentId, long now);
    }

    // ---------------------------------------------------------------- directStart

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Situation.class, names = {"IDLE", "BUSY", "BREAK", "WRAP_UP", "DIRECT_RINGING",
        "ACD_ON_CALL", "DIRECT_ON_CALL"})
    void aDirectCallStartsFrom(final Situation situation)
    {
        putIn(situation);
        final boolean wasOnCall = engine.state(AGENT) == AgentState.ON_CALL;
        final int direct = engine.directCalls(AGENT);
        final long callsToday = engine.callsToday(AGENT);
        now += ms(100);
        engine.directStart(AGENT, now);
        assertEquals(wasOnCall ? List.of() : List.of("state 1 ON_CALL"), listener.take());
        assertEquals(AgentState.ON_CALL, engine.state(AGENT));
        assertEquals(direct + 1, engine.directCalls(AGENT));
        assertEquals(direct + 1, view(AGENT).directCalls());
        assertEquals(0, engine.idleAgents(G));
        assertEquals(0, engine.armedTimers(), "a wrap-up's countdown is dropped, a direct call has no timer");
        assertEquals(callsToday + (situation == Situation.DIRECT_RINGING ? 1 : 0), engine.callsToday(AGENT),
            "only an answered direct offer counts as a call taken");
        queue(8, G);
        assertEquals(-1, engine.ringingAgentOf(8), "no queued call for an agent on a direct call");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Situation.class, names = {"OFFLINE", "ACD_RINGING"})
    void aDirectCallCannotStartFrom(final Situation situation)
    {
        putIn(situation);
        final String before = snapshot();
        final AcdException refused = assertThrows(AcdException.class, () -> engine.directStart(AGENT, now));
        assertEquals(AcdError.AGENT_UNAVAILABLE, refused.error());
        assertTrue(refused.getMessage().contains("agent 1 is " + engine.state(AGENT)), refused.getMessage());
        assertEquals(before, snapshot());
        assertEquals(List.of(), listener.take());
    }

    @Test
    void nestedDirectCallsWrapUpWhenTheLastEndsThenTheAgentTakesAWaitingCall()
    {
        idle(AGENT);
        listener.take();
        engine.directStart(AGENT, now);
        engine.directStart(AGENT, now);
        assertEquals(List.of("state 1 ON_CALL"), listener.take(), "the second call is only counted");
        assertEquals(2, engine.directCalls(AGENT));
        queue(7, G);
        assertEquals(List.of("position 7 0"), listener.take());

        now += ms(1000);
        engine.directEnded(AGENT, now);
        assertEquals(List.of(), listener.take());
        assertEquals(AgentState.ON_CALL, engine.state(AGENT));
        assertEquals(1, engine.directCalls(AGENT));

        now += ms(1000);
        engine.directEnded(AGENT, now);
        assertEquals(List.of("state 1 WRAP_UP"), listener.take());
        assertEquals(0, engine.directCalls(AGENT));
        assertEquals(WRAP_MS, engine.wrapUpRemainingMillis(AGENT, now));
        engine.directEnded(AGENT, now);
        assertEquals(List.of(), listener.take(), "one end too many is ignored");
        assertEquals(AgentState.WRAP_UP, engine.state(AGENT));

        advance(WRAP_MS - 1);
        assertEquals(AgentState.WRAP_UP, engine.state(AGENT));
        assertEquals(1, advance(5));
        assertEquals(List.of("state 1 IDLE", "offer 7 to 1", "state 1 RINGING"), listener.take());
        engine.directEnded(AGENT, now);
        engine.directMissed(AGENT, now);
        assertEquals(List.of(), listener.take(), "direct commands leave an ACD ringing alone");
        assertEquals(AGENT, engine.ringingAgentOf(7));
        assertEquals(1, engine.armedTimers(), "the ring timeout");
    }

    @Test
    void theFewestCallsPolicyCountsAnsweredDirectOffersNotTheCallsTheAgentMakes()
    {
        engine.updateGroup(G, new GroupSettings("fewest", SelectionPolicy.FEWEST_CALLS, 1, 0, 0, Fallback.HANG_UP),
            now);
        idle(AGENT);
        idle(OTHER);
        engine.directOffer(OTHER, now);
        engine.directStart(OTHER, now);
        engine.directStart(AGENT, now);
        engine.directEnded(OTHER, now);
        engine.directEnded(AGENT, now);
        engine.endWrapUp(OTHER, now);
        now += ms(1);
        engine.endWrapUp(AGENT, now);
        assertEquals(1, engine.callsToday(OTHER));
        assertEquals(0, engine.callsToday(AGENT));
        listener.take();
        queue(7, G);
        assertEquals(List.of("offer 7 to 1", "state 1 RINGING"), listener.take(),
            "agent 2 idled longer but answered a call");
    }

    // ---------------------------------------------------------------- directMissed

    @Test
    void aMissedDirectOfferIsABreakForAMissedCall()
    {
        idle(AGENT);
        engine.directOffer(AGENT, now);
        listener.take();
        engine.directMissed(AGENT, now);
        assertEquals(List.of("state 1 BREAK " + AcdCommands.REASON_MISSED_CALL), listener.take());
        assertEquals(AcdCommands.REASON_MISSED_CALL, engine.reason(AGENT));
        assertEquals(0, engine.idleAgents(G));
        final String before = snapshot();
        engine.directMissed(AGENT, now);
        engine.directEnded(AGENT, now);
        assertEquals(List.of(), listener.take(), "a late missed or end is ignored");
        assertEquals(before, snapshot());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Situation.class, names = "DIRECT_RINGING", mode = EnumSource.Mode.EXCLUDE)
    void missedIsIgnoredOutsideADirectRinging(final Situation situation)
    {
        putIn(situation);
        final String before = snapshot();
        engine.directMissed(AGENT, now);
        assertEquals(before, snapshot());
        assertEquals(List.of(), listener.take());
    }

    // ---------------------------------------------------------------- directEnded

    @Test
    void aDirectCallerGivingUpWhileRingingCostsTheAgentNothing()
    {
        idle(AGENT);
        final long since = engine.idleSince(AGENT);
        now += ms(1);
        idle(OTHER);
        now += ms(3000);
        engine.directOffer(AGENT, now);
        now += ms(3000);
        listener.take();
        engine.directEnded(AGENT, now);
        assertEquals(List.of("state 1 IDLE"), listener.take());
        assertEquals(since, engine.idleSince(AGENT), "the agent keeps its place in line");
        assertEquals(2, engine.idleAgents(G));
        assertEquals(0, engine.callsToday(AGENT));
        queue(7, G);
        assertEquals(List.of("offer 7 to 1", "state 1 RINGING"), listener.take(), "still the longest idle");
    }

    @Test
    void anAgentBackFromADirectRingingTakesTheCallThatWaited()
    {
        idle(AGENT);
        engine.directOffer(AGENT, now);
        queue(7, G);
        listener.take();
        engine.directEnded(AGENT, now);
        assertEquals(List.of("state 1 IDLE", "offer 7 to 1", "state 1 RINGING"), listener.take());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Situation.class, names = {"OFFLINE", "IDLE", "BUSY", "BREAK", "WRAP_UP", "ACD_RINGING",
        "ACD_ON_CALL"})
    void endedIsIgnoredWithoutADirectCall(final Situation situation)
    {
        putIn(situation);
        final String before = snapshot();
        engine.directEnded(AGENT, now);
        assertEquals(before, snapshot());
        assertEquals(List.of(), listener.take());
    }

    // ---------------------------------------------------------------- with ACD calls

    @Test
    void anAcdCallEndingDuringADirectCallLeavesTheAgentOnCallUntilTheDirectCallEnds()
    {
        putIn(Situation.ACD_ON_CALL);
        engine.directStart(AGENT, now);
        assertEquals(List.of(), listener.take(), "a consultation call during the queued call");
        engine.ended(CALL, now);
        assertEquals(List.of(), listener.take());
        assertEquals(AgentState.ON_CALL, engine.state(AGENT));
        assertEquals(OptionalLong.empty(), view(AGENT).callId());
        assertEquals(1, view(AGENT).directCalls());
        assertEquals(0, engine.armedTimers(), "no wrap-up yet");
        assertEquals(0, engine.calls());
        engine.ended(CALL, now);
        assertEquals(AgentState.ON_CALL, engine.state(AGENT), "a second end of the queued call changes nothing");

        now += ms(2000);
        engine.directEnded(AGENT, now);
        assertEquals(List.of("state 1 WRAP_UP"), listener.take());
        assertEquals(WRAP_MS, engine.wrapUpRemainingMillis(AGENT, now));
        assertEquals(1, engine.callsToday(AGENT), "the queued call only: the consultation was made by the agent");
    }

    @Test
    void aDirectCallEndingDuringAnAcdCallLeavesTheAgentOnCallUntilTheAcdCallEnds()
    {
        putIn(Situation.ACD_ON_CALL);
        engine.directStart(AGENT, now);
        engine.directEnded(AGENT, now);
        assertEquals(List.of(), listener.take());
        assertEquals(AgentState.ON_CALL, engine.state(AGENT));
        assertEquals(OptionalLong.of(CALL), view(AGENT).callId());
        assertEquals(0, engine.directCalls(AGENT));
        engine.directEnded(AGENT, now);
        assertEquals(List.of(), listener.take(), "no direct call left: ignored, the queued call goes on");
        assertEquals(AgentState.ON_CALL, engine.state(AGENT));

        engine.ended(CALL, now);
        assertEquals(List.of("state 1 WRAP_UP"), listener.take());
    }

    @Test
    void aDirectCallCancelsTheWrapUpOfTheCallBefore()
    {
        putIn(Situation.WRAP_UP);
        advance(1000);
        engine.directStart(AGENT, now);
        assertEquals(List.of("state 1 ON_CALL"), listener.take());
        assertEquals(0, engine.armedTimers());
        assertEquals(0, advance(WRAP_MS * 2), "the old wrap-up's end passes unnoticed");
        assertEquals(AgentState.ON_CALL, engine.state(AGENT));
        queue(8, G);
        assertEquals(List.of("position 8 0"), listener.take());

        engine.directEnded(AGENT, now);
        assertEquals(List.of("state 1 WRAP_UP"), listener.take());
        assertEquals(WRAP_MS, engine.wrapUpRemainingMillis(AGENT, now), "a wrap-up of its own");
        advance(WRAP_MS + 5);
        assertEquals(List.of("state 1 IDLE", "offer 8 to 1", "state 1 RINGING"), listener.take());
    }

    @Test
    void anAgentRingingOrOnADirectCallCannotBeRemovedNorPickAState()
    {
        putIn(Situation.DIRECT_RINGING);
        for (int step = 0; step < 2; step++)
        {
            final String before = snapshot();
            assertEquals(AcdError.FORBIDDEN_TRANSITION,
                assertThrows(AcdException.class, () -> engine.removeAgent(AGENT, now)).error());
            for (final AgentState target : List.of(AgentState.IDLE, AgentState.BUSY, AgentState.BREAK,
                AgentState.OFFLINE))
            {
                assertEquals(AcdError.FORBIDDEN_TRANSITION,
                    assertThrows(AcdException.class, () -> engine.setAgentState(AGENT, target, 3, now)).error());
            }
            assertEquals(before, snapshot());
            assertEquals(List.of(), listener.take());
            engine.directStart(AGENT, now);
            listener.take();
        }
        assertEquals(2, engine.directCalls(AGENT));
        engine.directEnded(AGENT, now);
        engine.directEnded(AGENT, now);
        listener.take();
        engine.removeAgent(AGENT, now);
        assertEquals(List.of("state 1 OFFLINE"), listener.take());
        assertEquals(0, engine.armedTimers(), "the wrap-up went with the agent");
        engine.addAgent(AGENT, "S1", false);
        assertEquals(0, engine.directCalls(AGENT), "an agent added again starts with no direct call");
    }

    // ---------------------------------------------------------------- through the service

    @Test
    void theServiceCarriesDirectCallsToTheEngineAndReturnsItsRefusal() throws Exception
    {
        final AtomicLong time = new AtomicLong(START);
        service = new AcdService(new AcdSettings(SelectionPolicy.LONGEST_IDLE, true, RING_MS, WRAP_MS),
            AcdEngine::new, AcdService.Config.defaults(1).withClock(time::get)).start();
        AcdServiceTest.get(service.addGroup(G, GroupSettings.voice("Sales")));
        AcdServiceTest.get(service.addAgent(AGENT, "S1", false));
        AcdServiceTest.get(service.joinGroup(AGENT, G));
        AcdServiceTest.get(service.setAgentState(AGENT, AgentState.IDLE, 0));

        AcdServiceTest.get(service.directOffer(AGENT));
        assertEquals(AgentState.RINGING, AcdServiceTest.get(service.read(e -> ((AcdEngine)e).state(AGENT))));
        final ExecutionException busy = assertThrows(ExecutionException.class,
            () -> service.directOffer(AGENT).get(5, TimeUnit.SECONDS));
        assertEquals(AcdError.AGENT_UNAVAILABLE, ((AcdException)busy.getCause()).error());
        final ExecutionException unknown = assertThrows(ExecutionException.class,
            () -> service.directStart(42).get(5, TimeUnit.SECONDS));
        assertEquals(AcdError.UNKNOWN_AGENT, ((AcdException)unknown.getCause()).error());

        AcdServiceTest.get(service.directStart(AGENT));
        AcdServiceTest.get(service.directMissed(AGENT));
        assertEquals("ON_CALL 1 1", AcdServiceTest.get(service.read(e ->
        {
            final AcdEngine acd = (AcdEngine)e;
            return acd.state(AGENT) + " " + acd.directCalls(AGENT) + " " + acd.callsToday(AGENT);
        })));
        time.addAndGet(ms(1000));
        AcdServiceTest.get(service.directEnded(AGENT));
        final long wrapUp =
            AcdServiceTest.get(service.read(e -> ((AcdEngine)e).wrapUpRemainingMillis(AGENT, time.get())));
        assertEquals(WRAP_MS, wrapUp, "stamped with the service's clock");
        assertEquals(2, service.commandErrors());

        final DecisionRecorder observer = new DecisionRecorder();
        service.drainAgentStates(observer, 100);
        assertEquals(List.of("agentState(1,IDLE,0)", "agentState(1,RINGING,0)", "agentState(1,ON_CALL,0)",
            "agentState(1,WRAP_UP,0)"), observer.events);
    }
}

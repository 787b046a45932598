package io.switchboard.acd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Which agent a call is offered to: at once, longest idle, fewest calls, last agent, multi-group fairness. */
class SelectionTest extends EngineFixture
{
    private static final int G = 10;
    private static final int H = 20;

    @Test
    void aCallIsOfferedAtOnceToTheLongestIdleAgent()
    {
        group(G);
        agent(1, G);
        agent(2, G);
        agent(3, G);
        idle(2);
        now += ms(10);
        idle(3);
        now += ms(10);
        idle(1);
        listener.take();
        queue(7, G);
        assertEquals(List.of("offer 7 to 2", "state 2 RINGING"), listener.take());
        assertEquals(2, engine.ringingAgentOf(7));
        assertEquals(-1, engine.ahead(7));
        assertEquals(2, engine.idleAgents(G));
        queue(8, G);
        assertEquals(List.of("offer 8 to 3", "state 3 RINGING"), listener.take());
    }

    @Test
    void autoAnswerIsPassedWithTheOffer()
    {
        group(G);
        engine.addAgent(5, "S5", true);
        engine.joinGroup(5, G, now);
        idle(5);
        listener.take();
        queue(7, G);
        assertEquals(List.of("offer 7 to 5 auto", "state 5 RINGING"), listener.take());
    }

    @Test
    void fewestCallsWinsAndTiesGoToTheLongestIdle()
    {
        group(G);
        engine.updateGroup(G, new GroupSettings("fewest", SelectionPolicy.FEWEST_CALLS, 1, 0, 0, Fallback.HANG_UP),
            now);
        agent(1, G);
        agent(2, G);
        agent(3, G);
        answerOne(1, 100);
        answerOne(1, 101);
        answerOne(2, 102);
        answerOne(3, 103);
        // calls today: 1 -> 2, 2 -> 1, 3 -> 1; agent 3 idle first, then 2, then 1
        idle(3);
        now += ms(1);
        idle(2);
        now += ms(1);
        idle(1);
        listener.take();
        queue(7, G);
        assertEquals("offer 7 to 3", listener.take().get(0));
        queue(8, G);
        assertEquals("offer 8 to 2", listener.take().get(0));
        queue(9, G);
        assertEquals("offer 9 to 1", listener.take().get(0));
        assertEquals(2, engine.callsToday(1));
    }

    @Test
    void theTenantPolicyAppliesUnlessTheGroupOverridesIt()
    {
        group(G);
        agent(1, G);
        agent(2, G);
        answerOne(2, 100);
        answerOne(2, 101);
        answerOne(1, 102);
        idle(2);
        now += ms(1);
        idle(1);
        assertEquals(SelectionPolicy.LONGEST_IDLE, engine.policy(G));
        assertEquals(2, new NaiveSelector(engine).pick(G));
        engine.settings(new AcdSettings(SelectionPolicy.FEWEST_CALLS, true, RING_MS, WRAP_MS), now);
        assertEquals(SelectionPolicy.FEWEST_CALLS, engine.policy(G));
        assertEquals(1, new NaiveSelector(engine).pick(G));
        listener.take();
        queue(7, G);
        assertEquals("offer 7 to 1", listener.take().get(0));
    }

    @Test
    void dailyResetZeroesCallsAndReordersFewestCalls()
    {
        engine.settings(new AcdSettings(SelectionPolicy.FEWEST_CALLS, false, RING_MS, WRAP_MS), now);
        group(G);
        agent(1, G);
        agent(2, G);
        answerOne(1, 100);
        idle(1);
        now += ms(1);
        idle(2);
        engine.resetDailyCounts(now);
        assertEquals(0, engine.callsToday(1));
        listener.take();
        queue(7, G);
        assertEquals("offer 7 to 1", listener.take().get(0));
    }

    @Test
    void lastAgentPriorityGoesToTheAgentWhoAnsweredThatCallerBefore()
    {
        group(G);
        agent(1, G);
        agent(2, G);
        idle(1);
        now += ms(1);
        idle(2);
        engine.queue(7, G, 555, now);
        assertEquals(1, engine.ringingAgentOf(7));
        engine.answered(7, 1, now);
        engine.ended(7, now);
        engine.endWrapUp(1, now);
        // agent 2 has been idle longer, but agent 1 answered caller 555 last time
        listener.take();
        engine.queue(8, G, 555, now);
        assertEquals(List.of("offer 8 to 1", "state 1 RINGING"), listener.take());
    }

    @Test
    void lastAgentPriorityFallsBackToThePolicyWhenThatAgentIsBusyOrNotInTheGroup()
    {
        group(G);
        group(H);
        agent(1, G);
        agent(2, G, H);
        agent(3, G, H);
        idle(1);
        engine.queue(7, G, 555, now);
        engine.answered(7, 1, now);
        engine.ended(7, now);
        engine.endWrapUp(1, now);
        now += ms(1);
        idle(2);
        now += ms(1);
        idle(3);
        engine.setAgentState(1, AgentState.BUSY, 0, now);
        listener.take();
        engine.queue(8, G, 555, now);
        assertEquals("offer 8 to 2", listener.take().get(0), "agent 1 is busy: the longest idle");
        engine.setAgentState(1, AgentState.IDLE, 0, now);
        listener.take();
        engine.queue(9, H, 555, now);
        assertEquals("offer 9 to 3", listener.take().get(0), "agent 1 is not in H");
    }

    @Test
    void withoutLastAgentPriorityThePolicyDecides()
    {
        engine.settings(new AcdSettings(SelectionPolicy.LONGEST_IDLE, false, RING_MS, WRAP_MS), now);
        group(G);
        agent(1, G);
        agent(2, G);
        idle(2);
        now += ms(1);
        idle(1);
        engine.queue(7, G, 555, now);
        engine.answered(7, 2, now);
        engine.ended(7, now);
        engine.endWrapUp(2, now);
        listener.take();
        engine.queue(8, G, 555, now);
        assertEquals("offer 8 to 1", listener.take().get(0));
    }

    @Test
    void anAgentIsNeverOfferedASecondCall()
    {
        group(G);
        agent(1, G);
        idle(1);
        queue(7, G);
        listener.take();
        queue(8, G);
        assertEquals(List.of("position 8 1"), listener.take(), "the ringing call counts as ahead");
        engine.answered(7, 1, now);
        assertEquals(List.of("position 8 0", "state 1 ON_CALL"), listener.take());
        assertEquals(1, engine.queueLength(G));
        engine.ended(7, now);
        assertEquals(List.of("state 1 WRAP_UP"), listener.take());
        engine.endWrapUp(1, now);
        assertEquals(List.of("state 1 IDLE", "offer 8 to 1", "state 1 RINGING"), listener.take());
    }

    @Test
    void anAgentBecomingIdleTakesTheLongestWaitingHeadOfItsGroups()
    {
        group(G);
        group(H);
        agent(1, G, H);
        queue(7, H);
        now += ms(5);
        queue(8, G);
        now += ms(5);
        queue(9, H);
        listener.take();
        idle(1);
        assertEquals(List.of("state 1 IDLE", "offer 7 to 1", "state 1 RINGING"), listener.take());
        engine.answered(7, 1, now);
        engine.ended(7, now);
        engine.endWrapUp(1, now);
        assertEquals(List.of("position 9 0", "state 1 ON_CALL", "state 1 WRAP_UP", "state 1 IDLE", "offer 8 to 1",
            "state 1 RINGING"), listener.take(), "G's head (t+5) waited longer than H's (t+10)");
    }

    @Test
    void joiningAGroupWithWaitingCallsTakesOneAndLeavingKeepsTheOthersHeaps()
    {
        group(G);
        group(H);
        agent(1, G);
        agent(2, G);
        idle(1);
        idle(2);
        queue(7, H);
        listener.take();
        engine.joinGroup(2, H, now);
        assertEquals(List.of("offer 7 to 2", "state 2 RINGING"), listener.take());
        engine.joinGroup(1, H, now);
        engine.leaveGroup(1, G, now);
        assertEquals(1, engine.idleAgents(H));
        assertEquals(0, engine.idleAgents(G));
        queue(8, H);
        assertEquals("offer 8 to 1", listener.take().get(0));
    }

    /** The agent answers a call of G and is idle again at once (offline otherwise). */
    private void answerOne(final int agentId, final long callId)
    {
        final AgentState before = engine.state(agentId);
        idle(agentId);
        queue(callId, G);
        engine.answered(callId, agentId, now);
        engine.ended(callId, now);
        engine.setAgentState(agentId, before == AgentState.IDLE ? AgentState.BUSY : before, 0, now);
    }
}

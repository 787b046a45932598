package io.switchboard.core.call;

import io.switchboard.sip.ua.InviteUsage;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.config.ConfigLoader;
import io.switchboard.core.records.ServiceRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallRecordsTest
{
    private static AgentDirectory directory() throws Exception
    {
        return new AgentDirectory(ConfigLoader.parse("""
            { "tenant": { "extensionRange": { "first": 1001, "last": 1010, "passwordPattern": "demo-{n}" },
                "acd": {
                "groups": [ { "name": "support", "fallback": "hangup" } ],
                "agents": [ { "staffNo": "A1", "extension": "1001", "groups": ["support"] },
                            { "staffNo": "A2", "extension": "1002", "groups": ["support"] } ],
                "numbers": [ { "number": "4000", "group": "support" } ] } } }
            """).conclude().tenant.acd);
    }

    private static Call queuedCall()
    {
        final Call call = new Call(7, "1010", "4000", 0);
        final Leg caller = new Leg(call, Leg.Side.CALLER, new InviteUsage(null, null));
        caller.party = "1010";
        call.caller(caller);
        call.queueGroup = 1;
        call.lastGroup = 1;
        return call;
    }

    private static Leg agentLeg(final Call call, final int agentId, final String extension)
    {
        final Leg leg = new Leg(call, Leg.Side.CALLEE, new InviteUsage(null, null));
        leg.agentId = agentId;
        leg.party = extension;
        leg.extension = extension;
        return leg;
    }

    @Test
    void shouldRecordTheAgentGroupAndTimesOfAnAnsweredQueuedCall() throws Exception
    {
        final List<ServiceRecord> sink = new ArrayList<>();
        final CallRecords records = new CallRecords(directory(), 30, sink::add);
        final Call call = queuedCall();
        call.answered(agentLeg(call, 0, "1001"));
        call.flowKeys.append("12");
        call.transfers.add("group:1");
        final long end = call.connectedAtMs + 60_000;
        final ServiceRecord record = records.serviceRecord(call, 487, "caller hung up", end);
        assertEquals(7, record.id());
        assertEquals("1010", record.caller());
        assertEquals("1001", record.callee());
        assertEquals("4000", record.number());
        assertEquals("support", record.group());
        assertEquals("A1", record.agent());
        assertTrue(record.answered());
        assertEquals(60.0, record.talkSeconds());
        assertEquals((call.connectedAtMs - call.startedAtMs) / 1000.0, record.ringSeconds());
        assertEquals(30.0, record.wrapUpSeconds());
        assertEquals(0.0, record.holdSeconds());
        assertEquals(List.of("1", "2"), record.flowKeys());
        assertEquals(List.of("group:1"), record.transfers());
        assertEquals("caller-hung-up", record.ending());
    }

    @Test
    void shouldKeepTheLastAgentAfterATransferSetItAsideAndSeeAnAbandonWhileQueuedAgain() throws Exception
    {
        final CallRecords records = new CallRecords(directory(), 30, r -> { });
        final Call call = queuedCall();
        call.answered(agentLeg(call, 1, "1002"));
        // Transferred back to the group: nobody talks to the caller when it hangs up.
        call.answered(null);
        final ServiceRecord record = records.serviceRecord(call, 487, "caller hung up", call.startedAtMs + 5_000);
        assertEquals("A2", record.agent());
        assertTrue(record.answered());
        assertEquals("abandoned-in-queue", record.ending());
    }

    @Test
    void shouldListEveryAgentWhoAnsweredTheLastOneLastAndAddUpTheHolds() throws Exception
    {
        final CallRecords records = new CallRecords(directory(), 30, r -> { });
        final Call call = queuedCall();
        final long second = 1_000_000_000L;
        call.answered(agentLeg(call, 0, "1001"));
        call.holdState(true, 2 * second);
        call.holdState(true, 3 * second);
        call.holdState(false, 4 * second);
        // A1 transfers the call to A2; A2 holds the caller until the call ends.
        call.answered(agentLeg(call, 1, "1002"));
        call.holdState(true, 10 * second + second / 2);
        call.transition(CallState.ENDED, "the test ends it", 12 * second);
        call.holdState(false, call.stateChangedNs());
        final ServiceRecord record = records.serviceRecord(call, 200, "caller hung up", call.connectedAtMs + 60_000);
        assertEquals("A2", record.agent());
        assertEquals(List.of("A1", "A2"), record.agents());
        assertEquals(3.5, record.holdSeconds());
        assertEquals(3.5, records.serviceRecord(call, 200, "caller hung up", call.connectedAtMs + 60_000)
            .holdSeconds(), "a closed hold stays closed");
        assertEquals(1.0, records.serviceRecord(call, 200, "caller hung up", call.connectedAtMs + 1_000)
            .holdSeconds(), "never more than the talk time");
    }

    @Test
    void shouldListAClickToDialAgentFirstAndNoAgentsWithoutADirectory() throws Exception
    {
        final Call call = new Call(8, "1002", "1001", 0);
        final Leg caller = new Leg(call, Leg.Side.CALLER, new InviteUsage(null, null));
        caller.extension = "1002";
        call.caller(caller);
        call.answered(agentLeg(call, -1, "1001"));
        final ServiceRecord record = new CallRecords(directory(), 30, r -> { })
            .serviceRecord(call, 200, "callee hung up", call.connectedAtMs + 1_000);
        assertEquals("A1", record.agent());
        assertEquals(List.of("A2", "A1"), record.agents());
        assertEquals(List.of(), CallRecords.LOG_ONLY.serviceRecord(call, 200, "callee hung up",
            call.connectedAtMs + 1_000).agents());
    }

    @Test
    void shouldRecordAnAbandonInTheQueueWithTheRingTimeUntilTheEnd() throws Exception
    {
        final CallRecords records = new CallRecords(directory(), 30, r -> { });
        final Call call = queuedCall();
        final ServiceRecord record = records.serviceRecord(call, 487, "caller hung up", call.startedAtMs + 4_500);
        assertFalse(record.answered());
        assertNull(record.agent());
        assertEquals("support", record.group());
        assertEquals(4.5, record.ringSeconds());
        assertEquals(0.0, record.talkSeconds());
        assertEquals(0.0, record.wrapUpSeconds());
        assertEquals("abandoned-in-queue", record.ending());
    }

    @Test
    void shouldSayHowACallEndedFromTheReasonAndTheState()
    {
        final Call ringing = new Call(1, "1001", "1002", 0);
        assertEquals("caller-hung-up", CallRecords.ending(ringing, 487, "caller cancelled"));
        assertEquals("unanswered", CallRecords.ending(ringing, 486, null));
        assertEquals("unanswered", CallRecords.ending(ringing, 408, "Request Timeout"));
        assertEquals("failed", CallRecords.ending(ringing, 503, "Service Unavailable"));
        assertEquals("failed", CallRecords.ending(ringing, 404, null));
        final Call talking = new Call(2, "1001", "1002", 0);
        talking.answered(new Leg(talking, Leg.Side.CALLEE, new InviteUsage(null, null)));
        assertEquals("callee-hung-up", CallRecords.ending(talking, 487, "callee hung up"));
        assertEquals("api-hangup", CallRecords.ending(talking, 480, "hung up from the API"));
        assertEquals("transferred", CallRecords.ending(talking, 487, "replaced by an attended transfer"));
        assertEquals("failed", CallRecords.ending(talking, 408, "no ACK"));
        assertEquals("unanswered", CallRecords.ending(queuedCall(), 480, "no agent available"));
    }
}

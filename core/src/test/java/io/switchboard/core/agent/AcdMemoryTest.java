package io.switchboard.core.agent;

import io.switchboard.core.call.QueuedCalls;
import io.switchboard.core.records.ServiceRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the ACD gets back from the service records at a restart: each caller's last agent (queued, answered, by
 * answer time, the newest callers only) and the calls each agent answered since midnight (not its own calls).
 */
class AcdMemoryTest
{
    private static final long MIDNIGHT = 1_000_000_000L;

    private final AgentDirectory.Snapshot agents = new AgentDirectory(DirectoryFixture.supportWithTwoAgents())
        .snapshot();
    private final int a1 = agents.byStaffNo().get("A1").id();
    private final int a2 = agents.byStaffNo().get("A2").id();

    @Test
    void theLastAnswerOfEachCallerOldestFirstAndOnlyTheNewestCallers()
    {
        final List<ServiceRecord> records = List.of(
            queued(3, "0301", "A1", MIDNIGHT + 30_000),
            queued(1, "0301", "A2", MIDNIGHT + 10_000),
            queued(2, "0302", "A2", MIDNIGHT + 20_000),
            queued(4, "0303", "A9", MIDNIGHT + 40_000),
            call(5, "0304", null, "A1", MIDNIGHT + 50_000, true),
            queued(6, "0305", "A2", MIDNIGHT + 60_000));
        final AcdMemory all = AcdMemory.of(records, agents, MIDNIGHT, 10);
        assertArrayEquals(new long[] {key("0302"), key("0301"), key("0305")}, all.callerKeys(),
            "answer order; a deleted agent (A9) and a call not queued (0304) left out");
        assertArrayEquals(new int[] {a2, a1, a2}, all.lastAgents());
        final AcdMemory two = AcdMemory.of(records, agents, MIDNIGHT, 2);
        assertArrayEquals(new long[] {key("0301"), key("0305")}, two.callerKeys(), "the newest two callers");
        assertArrayEquals(new int[] {a1, a2}, two.lastAgents());
    }

    @Test
    void callsTodayCountAnswersSinceMidnightButNotTheAgentsOwnCalls()
    {
        final List<ServiceRecord> records = new ArrayList<>(List.of(
            queued(1, "0301", "A1", MIDNIGHT - 1),
            queued(2, "0301", "A1", MIDNIGHT),
            queued(3, "0302", "A2", MIDNIGHT + 5),
            // A1 called A2 (internal): A2 answered it, A1 made it
            new ServiceRecord(4, MIDNIGHT + 10, MIDNIGHT + 20, "internal", "1001", "1002", "1002", List.of(), null,
                "A2", true, 0, 10, 0, 0, "caller-hung-up", List.of(), List.of("A1", "A2")),
            // transferred from A1 to A2: both answered it
            new ServiceRecord(5, MIDNIGHT + 30, MIDNIGHT + 90, "inbound", "0303", "1002", "4000", List.of(),
                "support", "A2", true, 1, 50, 0, 0, "caller-hung-up", List.of("A2"), List.of("A1", "A2")),
            call(6, "0304", "support", "A1", MIDNIGHT + 100, false)));
        final AcdMemory memory = AcdMemory.of(records, agents, MIDNIGHT, 10);
        final Map<Integer, Long> today = new HashMap<>();
        for (int i = 0; i < memory.agentIds().length; i++)
        {
            today.put(memory.agentIds()[i], memory.callsToday()[i]);
        }
        assertEquals(Map.of(a1, 2L, a2, 3L), today);
    }

    private static long key(final String caller)
    {
        return QueuedCalls.callerKey(caller);
    }

    private static ServiceRecord queued(final long id, final String caller, final String agent, final long answeredAt)
    {
        return call(id, caller, "support", agent, answeredAt, true);
    }

    private static ServiceRecord call(final long id, final String caller, final String group, final String agent,
        final long answeredAt, final boolean answered)
    {
        return new ServiceRecord(id, answeredAt - 2_000, answeredAt + 60_000, "inbound", caller, "1001", "4000",
            List.of(), group, answered ? agent : null, answered, 2, 60, 0, 0, "caller-hung-up", List.of());
    }
}

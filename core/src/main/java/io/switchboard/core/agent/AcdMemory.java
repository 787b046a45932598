package io.switchboard.core.agent;

import io.switchboard.acd.AcdService;
import io.switchboard.core.call.QueuedCalls;
import io.switchboard.core.records.ServiceRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the ACD knew of past calls and lost at a restart, rebuilt from the service records: the last agent who
 * answered each caller (a call queued in a group, answered, with an agent), the newest {@code capacity} callers
 * only, and the calls each agent answered since local midnight (every agent who took part in a call answered since
 * then, except the agent who made it: the engine counts queued calls and the direct calls that rang the agent, not
 * the agent's own). Records name agents by staff number: an agent deleted since is left out. The records are the
 * source rather than journal entries of their own because they already hold both facts, written once per call, and
 * a record is what a supervisor reads: the counts after a restart are those the records show.
 *
 * @param callerKeys  the callers' keys ({@link QueuedCalls#callerKey}), oldest answer first
 * @param lastAgents  the agent id of each caller's last answer
 * @param callsToday  the calls today of each agent in {@code agentIds}
 * @param agentIds    the agents with calls today
 */
public record AcdMemory(long[] callerKeys, int[] lastAgents, long[] callsToday, int[] agentIds)
{
    /** From the records (any order) and the agents now, counting calls answered at or after {@code midnightMillis}. */
    public static AcdMemory of(final List<ServiceRecord> records, final AgentDirectory.Snapshot agents,
        final long midnightMillis, final int capacity)
    {
        final List<ServiceRecord> calls = new ArrayList<>();
        for (final ServiceRecord record : records)
        {
            if (!ServiceRecord.CHAT.equals(record.type()) && record.answered())
            {
                calls.add(record);
            }
        }
        calls.sort(Comparator.comparingLong(AcdMemory::answeredAt));
        final LinkedHashMap<Long, Integer> last = new LinkedHashMap<>();
        final Map<Integer, Long> today = new HashMap<>();
        for (final ServiceRecord call : calls)
        {
            final AgentDirectory.Agent agent = call.agent() == null ? null : agents.byStaffNo().get(call.agent());
            if (call.group() != null && agent != null && call.caller() != null)
            {
                final long key = QueuedCalls.callerKey(call.caller());
                last.remove(key);
                last.put(key, agent.id());
                if (last.size() > capacity)
                {
                    last.remove(last.keySet().iterator().next());
                }
            }
            if (answeredAt(call) >= midnightMillis)
            {
                final AgentDirectory.Agent maker = call.caller() == null ? null
                    : agents.byExtension().get(call.caller());
                call.agents().stream().distinct().map(agents.byStaffNo()::get)
                    .filter(taker -> taker != null && taker != maker)
                    .forEach(taker -> today.merge(taker.id(), 1L, Long::sum));
            }
        }
        final AcdMemory memory = new AcdMemory(new long[last.size()], new int[last.size()], new long[today.size()],
            new int[today.size()]);
        int i = 0;
        for (final Map.Entry<Long, Integer> entry : last.entrySet())
        {
            memory.callerKeys[i] = entry.getKey();
            memory.lastAgents[i++] = entry.getValue();
        }
        i = 0;
        for (final Map.Entry<Integer, Long> entry : today.entrySet())
        {
            memory.agentIds[i] = entry.getKey();
            memory.callsToday[i++] = entry.getValue();
        }
        return memory;
    }

    /** Hands both to the ACD through its command ring; completes when the engine has them. */
    public CompletableFuture<Void> restore(final AcdService acd)
    {
        return acd.restore(false, callsToday, agentIds, 0, agentIds.length)
            .thenCompose(done -> acd.restore(true, callerKeys, lastAgents, 0, callerKeys.length));
    }

    /** When an agent (or the called party) answered: the start plus the ringing time. */
    private static long answeredAt(final ServiceRecord record)
    {
        return record.startedAt() + Math.round(record.ringSeconds() * 1000);
    }
}

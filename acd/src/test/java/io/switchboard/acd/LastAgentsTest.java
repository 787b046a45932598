package io.switchboard.acd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The bounded memory of each caller's last agent: the caller answered longest ago is forgotten first, a caller
 * answered again becomes the newest, it matches a reference model over random use (colliding keys included) and
 * allocates nothing once built; and the engine uses it, restored callers and calls today included.
 */
class LastAgentsTest
{
    @Test
    void forgetsTheCallerAnsweredLongestAgo()
    {
        final LastAgents memory = new LastAgents(3);
        memory.put(1, 10);
        memory.put(2, 20);
        memory.put(3, 30);
        memory.put(1, 11);
        memory.put(4, 40);
        assertEquals(LastAgents.NONE, memory.get(2), "2 was answered longest ago");
        assertEquals(11, memory.get(1), "1 was answered again: the newest but one");
        assertEquals(30, memory.get(3));
        assertEquals(40, memory.get(4));
        assertEquals(3, memory.size());
        memory.put(5, 50);
        assertEquals(LastAgents.NONE, memory.get(3));
        assertEquals(11, memory.get(1));
    }

    @Test
    void refusesNoRoom()
    {
        assertThrows(AcdException.class, () -> new LastAgents(0));
    }

    @Test
    void matchesAReferenceModelOverRandomUse()
    {
        for (final int capacity : new int[] {1, 2, 7, 64, 1000})
        {
            final LastAgents memory = new LastAgents(capacity);
            final Map<Long, Integer> model = new LinkedHashMap<>(16, 0.75f, false);
            final SplittableRandom random = new SplittableRandom(capacity);
            for (int i = 0; i < 200_000; i++)
            {
                // few distinct keys (many repeats), some far apart, some that collide in the table
                final long key = random.nextBoolean() ? random.nextInt(capacity * 3) : random.nextLong();
                if (random.nextInt(3) == 0)
                {
                    assertEquals(model.getOrDefault(key, LastAgents.NONE), memory.get(key), "key " + key);
                    continue;
                }
                final int agent = random.nextInt(1000);
                model.remove(key);
                model.put(key, agent);
                if (model.size() > capacity)
                {
                    model.remove(model.keySet().iterator().next());
                }
                memory.put(key, agent);
                assertEquals(model.size(), memory.size());
            }
            for (final Map.Entry<Long, Integer> entry : model.entrySet())
            {
                assertEquals(entry.getValue(), memory.get(entry.getKey()));
            }
        }
    }

    @Test
    void allocatesNothingOnceBuilt()
    {
        final LastAgents memory = new LastAgents(10_000);
        final SplittableRandom random = new SplittableRandom(7);
        final long[] keys = new long[1 << 16];
        for (int i = 0; i < keys.length; i++)
        {
            keys[i] = random.nextLong();
        }
        churn(memory, keys);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(thread);
        final long found = churn(memory, keys);
        final long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertTrue(found > 0);
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes");
    }

    private static long churn(final LastAgents memory, final long[] keys)
    {
        long found = 0;
        for (int round = 0; round < 20; round++)
        {
            for (int i = 0; i < keys.length; i++)
            {
                if (memory.get(keys[(i * 31) & (keys.length - 1)]) != LastAgents.NONE)
                {
                    found++;
                }
                memory.put(keys[i], i);
            }
        }
        return found;
    }

    @Test
    void theEngineOffersARestoredCallerTheirLastAgentAndForgetsBeyondItsCapacity()
    {
        final RecordingListener listener = new RecordingListener();
        final AcdEngine engine = new AcdEngine(new AcdSettings(SelectionPolicy.LONGEST_IDLE, true, 10_000, 5_000),
            listener, 0, 16, 16, 2);
        engine.addGroup(1, GroupSettings.voice("g"));
        for (int agent = 1; agent <= 3; agent++)
        {
            engine.addAgent(agent, "S" + agent, false);
            engine.joinGroup(agent, 1, 0);
        }
        engine.restoreLastAgent(500, 3, 0);
        engine.restoreLastAgent(501, 2, 0);
        engine.restoreLastAgent(502, 99, 0);
        for (int agent = 1; agent <= 3; agent++)
        {
            engine.setAgentState(agent, AgentState.IDLE, 0, agent);
        }
        listener.take();
        engine.queue(7, 1, 500, 10);
        assertEquals(List.of("offer 7 to 3", "state 3 RINGING"), listener.take(), "3 before the longest idle");
        engine.restoreLastAgent(503, 2, 10);
        engine.restoreLastAgent(504, 2, 10);
        engine.queue(8, 1, 501, 11);
        assertEquals(List.of("offer 8 to 1", "state 1 RINGING"), listener.take(), "501 forgotten: two since");
    }

    @Test
    void restoredCallsTodayOrderTheFewestCallsPolicyUntilTheDailyReset()
    {
        final RecordingListener listener = new RecordingListener();
        final AcdEngine engine = new AcdEngine(new AcdSettings(SelectionPolicy.FEWEST_CALLS, false, 10_000, 5_000),
            listener, 0);
        engine.addGroup(1, GroupSettings.voice("g"));
        for (int agent = 1; agent <= 2; agent++)
        {
            engine.addAgent(agent, "S" + agent, false);
            engine.joinGroup(agent, 1, 0);
        }
        engine.setAgentState(1, AgentState.IDLE, 0, 1);
        engine.restoreCallsToday(1, 5, 2);
        engine.restoreCallsToday(2, 2, 2);
        engine.restoreCallsToday(42, 9, 2);
        engine.setAgentState(2, AgentState.IDLE, 0, 3);
        assertEquals(5, engine.callsToday(1));
        assertEquals(2, engine.callsToday(2));
        listener.take();
        engine.queue(7, 1, 500, 10);
        assertEquals(List.of("offer 7 to 2", "state 2 RINGING"), listener.take(), "2 has fewer calls today");
        engine.declined(7, 2, 11);
        listener.take();
        engine.ended(7, 12);
        engine.setAgentState(2, AgentState.IDLE, 0, 13);
        engine.restoreCallsToday(2, 8, 14);
        listener.take();
        engine.queue(8, 1, 501, 15);
        assertEquals(List.of("offer 8 to 1", "state 1 RINGING"), listener.take(), "an idle agent is placed again");
        engine.ended(8, 16);
        engine.resetDailyCounts(17);
        assertEquals(0, engine.callsToday(1));
        assertEquals(0, engine.callsToday(2));
    }
}

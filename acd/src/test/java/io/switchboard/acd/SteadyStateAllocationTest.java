package io.switchboard.acd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The benchmark's shape in small (10,000 agents in 1,000 groups, 3 groups each; calls queued, answered, ended and
 * wrapped up steadily, timers polled): once warm, a decision allocates nothing.
 */
class SteadyStateAllocationTest
{
    private static final int AGENTS = 10_000;
    private static final int GROUPS = 1_000;

    private final AcdListener quiet = AcdListener.ignoring();

    private long now = 1_000_000_000L;
    private long nextCall = 1;
    /** Calls queued in the last 128 rounds, by round. */
    private final long[] pending = new long[128];

    @Test
    void steadyStateDecisionsAllocateNothing()
    {
        final AcdEngine engine = new AcdEngine(
            new AcdSettings(SelectionPolicy.FEWEST_CALLS, true, 10_000, 5_000), quiet, now, AGENTS, 4096);
        for (int g = 0; g < GROUPS; g++)
        {
            engine.addGroup(g, GroupSettings.voice("g" + g));
        }
        final SplittableRandom random = new SplittableRandom(42);
        for (int a = 0; a < AGENTS; a++)
        {
            engine.addAgent(a, "S" + a, false);
            // three distinct groups: offsets 0, 1..10 and 502..529 from a % GROUPS
            engine.joinGroup(a, a % GROUPS, now);
            engine.joinGroup(a, (a % GROUPS + 1 + a / GROUPS) % GROUPS, now);
            engine.joinGroup(a, (a % GROUPS + 502 + 3 * (a / GROUPS)) % GROUPS, now);
            engine.setAgentState(a, AgentState.IDLE, 0, now);
        }
        final int[] groups = new int[1 << 16];
        for (int i = 0; i < groups.length; i++)
        {
            groups[i] = random.nextInt(GROUPS);
        }
        run(engine, groups, 600_000);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(thread);
        final long started = System.nanoTime();
        final int decisions = run(engine, groups, 200_000);
        final long elapsed = System.nanoTime() - started;
        final long allocated = threads.getThreadAllocatedBytes(thread) - before;
        System.out.printf("steady state: %d decisions in %d ms (%.0f/s), %d bytes allocated%n", decisions,
            elapsed / 1_000_000, decisions * 1e9 / elapsed, allocated);
        assertTrue(allocated < 256, allocated + " bytes allocated in steady state");
        assertTrue(engine.calls() <= 128, engine.calls() + " calls: they do not pile up");
    }

    /**
     * Each round queues a call in a random group and, for a call queued 100 rounds earlier, answers, ends and
     * ends the wrap-up (so agents cycle back to idle); time moves 50 µs a round. Returns the decisions made.
     */
    private int run(final AcdEngine engine, final int[] groups, final int rounds)
    {
        int decisions = 0;
        for (int i = 0; i < rounds; i++)
        {
            now += 50_000;
            final long callId = nextCall++;
            engine.queue(callId, groups[(int)(callId & (groups.length - 1))], callId & 1023, now);
            decisions++;
            final long old = pending[i & 127];
            pending[i & 127] = callId;
            if (old != 0)
            {
                final int agent = engine.ringingAgentOf(old);
                if (agent >= 0)
                {
                    engine.answered(old, agent, now);
                    engine.ended(old, now);
                    engine.endWrapUp(agent, now);
                    decisions += 3;
                }
                else
                {
                    engine.ended(old, now);
                    decisions++;
                }
            }
            if ((i & 15) == 0)
            {
                engine.poll(now);
            }
        }
        return decisions;
    }
}

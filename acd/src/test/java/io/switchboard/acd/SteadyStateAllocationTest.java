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
    private static final int CHAT_GROUPS = 500;

    private final AcdListener quiet = AcdListener.ignoring();

    private long now = 1_000_000_000L;
    private long nextCall = 1;
    /** Calls queued in the last 128 rounds, by round. */
    private final long[] pending = new long[128];
    private long nextChat = 1;
    /** Chat sessions queued recently, retired 128 sessions later; one in 64 retired much later (it times out). */
    private final long[] pendingChats = new long[128];
    private final long[] slowChats = new long[512];

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
     * Calls and chats mixed, the chat path in full: the same agents also each in one of 500 chat groups
     * (concurrency 3, accept timeout 1 s), half the rounds a chat session instead of a call. Sessions are accepted
     * and ended 128 rounds later, except one in 64, left unaccepted: its offer times out, the agent goes on break
     * (and is made idle again by the driver) and the session is offered again. Once warm, nothing is allocated.
     */
    @Test
    void chatDecisionsMixedWithCallsAllocateNothing()
    {
        final MissedChats missed = new MissedChats();
        final AcdEngine engine = new AcdEngine(
            new AcdSettings(SelectionPolicy.LONGEST_IDLE, true, 10_000, 5_000), missed, now, AGENTS, 4096);
        for (int g = 0; g < GROUPS; g++)
        {
            engine.addGroup(g, GroupSettings.voice("g" + g));
        }
        for (int g = 0; g < CHAT_GROUPS; g++)
        {
            engine.addGroup(GROUPS + g, GroupSettings.chat("c" + g, 3, 1_000));
        }
        for (int a = 0; a < AGENTS; a++)
        {
            engine.addAgent(a, "S" + a, false);
            engine.joinGroup(a, a % GROUPS, now);
            engine.joinGroup(a, (a % GROUPS + 1 + a / GROUPS) % GROUPS, now);
            engine.joinGroup(a, GROUPS + a % CHAT_GROUPS, now);
            engine.setAgentState(a, AgentState.IDLE, 0, now);
        }
        final SplittableRandom random = new SplittableRandom(7);
        final int[] groups = new int[1 << 16];
        for (int i = 0; i < groups.length; i++)
        {
            groups[i] = random.nextInt(GROUPS);
        }
        mixed(engine, groups, missed, 600_000);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(thread);
        final long timeoutsBefore = missed.total;
        final int decisions = mixed(engine, groups, missed, 200_000);
        final long allocated = threads.getThreadAllocatedBytes(thread) - before;
        System.out.printf("mixed steady state: %d commands, %d chat offers timed out, %d bytes allocated%n",
            decisions, missed.total - timeoutsBefore, allocated);
        assertTrue(allocated < 256, allocated + " bytes allocated in steady state with chats");
        assertTrue(missed.total - timeoutsBefore > 50, "the accept timeouts ran: " + (missed.total - timeoutsBefore));
        assertTrue(engine.chats() <= 128 + 512, engine.chats() + " sessions: they do not pile up");
    }

    /** Even rounds as {@link #run}'s, odd rounds a chat session; returns the commands given. */
    private int mixed(final AcdEngine engine, final int[] groups, final MissedChats missed, final int rounds)
    {
        int commands = 0;
        for (int i = 0; i < rounds; i++)
        {
            now += 50_000;
            if ((i & 1) == 0)
            {
                commands += callRound(engine, groups, i >>> 1);
            }
            else
            {
                final long sessionId = nextChat++;
                engine.chatQueue(sessionId, GROUPS + (int)(sessionId % CHAT_GROUPS), -1, now);
                commands++;
                final boolean slow = (sessionId & 63) == 0;
                final long[] ring = slow ? slowChats : pendingChats;
                final int k = slow ? (int)(sessionId >>> 6) & (slowChats.length - 1) : (i >>> 1) & 127;
                final long old = ring[k];
                ring[k] = sessionId;
                commands += old == 0 ? 0 : retireChat(engine, old);
            }
            for (int agent = missed.take(); agent >= 0; agent = missed.take())
            {
                engine.setAgentState(agent, AgentState.IDLE, 0, now);
                commands++;
            }
            if ((i & 15) == 0)
            {
                engine.poll(now);
            }
        }
        return commands;
    }

    private int retireChat(final AcdEngine engine, final long sessionId)
    {
        final int offeredTo = engine.chatOfferedTo(sessionId);
        if (offeredTo >= 0)
        {
            engine.chatAccepted(sessionId, offeredTo, now);
            engine.chatEnded(sessionId, now);
            return 2;
        }
        engine.chatEnded(sessionId, now);
        return 1;
    }

    /** Keeps the agents put on break for a missed chat, for the driver to make idle again (not from the listener). */
    private static final class MissedChats extends AcdListener.Ignoring
    {
        private final int[] agents = new int[1024];
        private int head;
        private int tail;
        long total;

        int take()
        {
            return head == tail ? -1 : agents[head++ & 1023];
        }

        @Override
        public void agentState(final int agentId, final AgentState state, final int reason)
        {
            if (reason == AcdCommands.REASON_MISSED_CHAT)
            {
                agents[tail++ & 1023] = agentId;
                total++;
            }
        }
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
            decisions += callRound(engine, groups, i);
            if ((i & 15) == 0)
            {
                engine.poll(now);
            }
        }
        return decisions;
    }

    private int callRound(final AcdEngine engine, final int[] groups, final int i)
    {
        final long callId = nextCall++;
        engine.queue(callId, groups[(int)(callId & (groups.length - 1))], callId & 1023, now);
        final long old = pending[i & 127];
        pending[i & 127] = callId;
        if (old == 0)
        {
            return 1;
        }
        final int agent = engine.ringingAgentOf(old);
        if (agent >= 0 && engine.state(agent) == AgentState.RINGING)
        {
            engine.answered(old, agent, now);
            engine.ended(old, now);
            endWrapUp(engine, agent);
            return 4;
        }
        engine.ended(old, now);
        return 2;
    }

    /** Ends the agent's wrap-up unless the agent is back on a call already (taking a call that waited). */
    private void endWrapUp(final AcdEngine engine, final int agent)
    {
        if (engine.state(agent) == AgentState.WRAP_UP)
        {
            engine.endWrapUp(agent, now);
        }
    }
}

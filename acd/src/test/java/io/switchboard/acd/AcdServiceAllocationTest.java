package io.switchboard.acd;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static io.switchboard.acd.AcdServiceTest.await;
import static io.switchboard.acd.AcdServiceTest.get;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Steady state allocates nothing per call or chat session: not the caller encoding commands, not the engine thread
 * routing decisions, not the worker draining them. Measured with the JVM's per-thread allocation counter; the bound
 * leaves room for the measuring itself (a read's boxed result), not for anything per call.
 */
class AcdServiceAllocationTest
{
    private static final int CALLS = 2_000;
    private static final long SLACK_BYTES = 8 * 1024;

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
    private FakeEngine engine;
    private AcdService service;
    private long drained;

    @AfterEach
    void closeService()
    {
        service.close();
    }

    @Test
    void callAndChatCommandsDecisionsAndDrainingAllocateNothing()
    {
        service = new AcdService(AcdServiceTest.SETTINGS, (settings, listener, now) ->
        {
            engine = new FakeEngine(listener, now);
            engine.recording = false;
            engine.reaction = (command, id, other, l) ->
            {
                if ("queue".equals(command))
                {
                    l.offer(id, 1, false);
                }
                else if ("ended".equals(command))
                {
                    l.withdraw(id, 1);
                }
                else if ("chatQueue".equals(command))
                {
                    l.chatOffer(id, 2, false);
                    l.chatPosition(id, 0);
                }
                else if ("chatEnded".equals(command))
                {
                    l.chatWithdraw(id, 2);
                }
            };
            return engine;
        }, AcdService.Config.defaults(1)).start();
        final AcdListener worker = new CountingListener();

        for (int round = 0; round < 5; round++)
        {
            round(worker);
        }
        final long engineBefore = get(service.read(e -> threads.getCurrentThreadAllocatedBytes()));
        final long callerBefore = threads.getCurrentThreadAllocatedBytes();
        round(worker);
        final long caller = threads.getCurrentThreadAllocatedBytes() - callerBefore;
        final long engineSide = get(service.read(e -> threads.getCurrentThreadAllocatedBytes())) - engineBefore;
        System.out.println("allocated for " + CALLS + " calls and " + CALLS + " chat sessions: caller and worker "
            + caller + " B, engine " + engineSide + " B");

        assertTrue(caller < SLACK_BYTES, "the caller and worker allocated " + caller + " bytes for " + CALLS
            + " calls");
        assertTrue(engineSide < SLACK_BYTES, "the engine thread allocated " + engineSide + " bytes for " + CALLS
            + " calls");
    }

    /** Queues and ends the same calls and sessions, draining their decisions on this thread, as a worker does. */
    private void round(final AcdListener worker)
    {
        final long target = drained + 5L * CALLS;
        for (int call = 0; call < CALLS; call++)
        {
            while (!service.queue(call, 1, call, 0))
            {
                drained += service.drain(0, worker, 256);
            }
            while (!service.ended(call))
            {
                drained += service.drain(0, worker, 256);
            }
            while (!service.chatQueue(call, 2, -1, 0))
            {
                drained += service.drain(0, worker, 256);
            }
            while (!service.chatAccepted(call, 2))
            {
                drained += service.drain(0, worker, 256);
            }
            while (!service.chatEnded(call))
            {
                drained += service.drain(0, worker, 256);
            }
            drained += service.drain(0, worker, 256);
        }
        final long deadline = System.nanoTime() + 20_000_000_000L;
        while (drained < target && System.nanoTime() - deadline < 0)
        {
            drained += service.drain(0, worker, 256);
        }
        await(() -> drained >= target, "the decisions of the round");
    }

    /** A worker's handler that only counts, so that only the service's own allocations are measured. */
    private static final class CountingListener implements AcdListener
    {
        private long count;

        @Override
        public void offer(final long callId, final int agentId, final boolean autoAnswer)
        {
            count++;
        }

        @Override
        public void withdraw(final long callId, final int agentId)
        {
            count++;
        }

        @Override
        public void position(final long callId, final int ahead)
        {
            count++;
        }

        @Override
        public void fallback(final long callId, final Fallback fallback)
        {
            count++;
        }

        @Override
        public void agentState(final int agentId, final AgentState state, final int reason)
        {
            count++;
        }

        @Override
        public void chatOffer(final long sessionId, final int agentId, final boolean autoAccept)
        {
            count++;
        }

        @Override
        public void chatWithdraw(final long sessionId, final int agentId)
        {
            count++;
        }

        @Override
        public void chatPosition(final long sessionId, final int ahead)
        {
            count++;
        }

        @Override
        public void chatNoAgent(final long sessionId)
        {
            count++;
        }
    }
}

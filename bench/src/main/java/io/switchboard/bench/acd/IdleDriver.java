package io.switchboard.bench.acd;

import io.switchboard.acd.AcdEngine;
import io.switchboard.acd.SelectionPolicy;

/**
 * Steady state with most agents idle: every round queues a call to a random group, which the engine offers at
 * once to an idle member (the decision), and retires the call queued {@value #IN_FLIGHT} rounds earlier: answered,
 * ended, wrap-up ended, so its agent is idle again. About {@value #IN_FLIGHT} agents are busy at any time, the
 * other 9,872 idle. The timer wheel is polled every 16 rounds (nothing is due: ring timers are cancelled by the
 * answer 6.4 ms of simulated time later, wrap-ups by {@code endWrapUp}).
 */
final class IdleDriver
{
    static final int IN_FLIGHT = 128;

    final AcdFixture fixture;
    private final AcdEngine engine;
    private final long[] pendingCall = new long[IN_FLIGHT];
    private final int[] pendingAgent = new int[IN_FLIGHT];
    private int round;

    IdleDriver(final SelectionPolicy policy, final long seed)
    {
        fixture = new AcdFixture(policy, seed, 4096);
        engine = fixture.engine;
        // warm the structures (and fill the in-flight ring) before JMH's own warm-up
        for (int i = 0; i < 4 * IN_FLIGHT; i++)
        {
            round();
        }
    }

    /** One round; returns the offers (decisions) it made. */
    int round()
    {
        final long before = fixture.offers;
        fixture.now += AcdFixture.STEP_NANOS;
        final long callId = fixture.queueNext();
        record(callId);
        retire();
        return (int)(fixture.offers - before);
    }

    /** As {@link #round()}, timing the {@code queue} call (the decision) into {@code latency} if it offered. */
    int timedRound(final LatencyRecorder latency)
    {
        final long before = fixture.offers;
        fixture.now += AcdFixture.STEP_NANOS;
        final long start = System.nanoTime();
        final long callId = fixture.queueNext();
        final long elapsed = System.nanoTime() - start;
        if (fixture.offers != before)
        {
            latency.record(elapsed);
        }
        record(callId);
        retire();
        return (int)(fixture.offers - before);
    }

    private void record(final long callId)
    {
        final int k = round & (IN_FLIGHT - 1);
        final long offered = fixture.takeOffer();
        final int agent = offered == callId ? fixture.offeredAgent : -1;
        final long old = pendingCall[k];
        final int oldAgent = pendingAgent[k];
        pendingCall[k] = callId;
        pendingAgent[k] = agent;
        if (old != AcdFixture.NO_CALL)
        {
            // a call that waited may have been offered since, to an agent leaving wrap-up
            final int ringing = oldAgent >= 0 ? oldAgent : engine.ringingAgentOf(old);
            if (ringing >= 0)
            {
                engine.answered(old, ringing, fixture.now);
                engine.ended(old, fixture.now);
                engine.endWrapUp(ringing, fixture.now);
            }
            else
            {
                engine.ended(old, fixture.now);
            }
        }
    }

    private void retire()
    {
        // an agent leaving wrap-up may have taken a waiting call: it rings and is retired in its turn
        fixture.takeOffer();
        if ((round++ & 15) == 0)
        {
            engine.poll(fixture.now);
        }
    }
}

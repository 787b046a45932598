package io.switchboard.bench.acd;

import io.switchboard.acd.AcdEngine;
import io.switchboard.acd.SelectionPolicy;

/**
 * Steady state with every agent busy and calls waiting: {@value #EXTRA_CALLS} more calls than agents are in the
 * engine at all times, so waiting calls minus idle agents is always {@value #EXTRA_CALLS} (an idle agent can only
 * be one whose three groups have no caller waiting; a waiting call one whose group has no idle agent).
 * Each round ends the call answered longest ago (calls end in the order they were answered), ends its agent's
 * wrap-up at once ({@code endWrapUp}: the agent takes the longest-waiting head among its three queues, if any:
 * a decision), and queues a new call to a random group (offered at once if the group has an idle agent: a
 * decision too). Every offer is answered at once. In the long run a round makes one decision on average.
 */
final class QueuedDriver
{
    static final int EXTRA_CALLS = 300;
    private static final int RING = 1 << 14;

    final AcdFixture fixture;
    long decisionsOnIdle;
    long decisionsOnQueue;
    private final AcdEngine engine;
    private final long[] onCall = new long[RING];
    private final int[] onCallAgent = new int[RING];
    private int head;
    private int tail;
    private int round;

    QueuedDriver(final SelectionPolicy policy, final long seed)
    {
        fixture = new AcdFixture(policy, seed, RING);
        engine = fixture.engine;
        for (int i = 0; i < AcdFixture.AGENTS + EXTRA_CALLS; i++)
        {
            fixture.now += AcdFixture.STEP_NANOS;
            fixture.queueNext();
            answerOffer();
        }
        for (int i = 0; i < 4 * AcdFixture.AGENTS; i++)
        {
            round(null);
        }
    }

    /** One round; returns the offers (decisions) it made. Times the decision-making calls if {@code latency}. */
    int round(final LatencyRecorder latency)
    {
        final long before = fixture.offers;
        fixture.now += AcdFixture.STEP_NANOS;
        final long now = fixture.now;
        final long callId = onCall[head];
        final int agent = onCallAgent[head];
        head = (head + 1) & (RING - 1);
        engine.ended(callId, now);
        final long start = latency != null ? System.nanoTime() : 0;
        engine.endWrapUp(agent, now);
        final long wrapUpEnded = latency != null ? System.nanoTime() : 0;
        if (answerOffer())
        {
            decisionsOnIdle++;
            if (latency != null)
            {
                latency.record(wrapUpEnded - start);
            }
        }
        final long queueStart = latency != null ? System.nanoTime() : 0;
        fixture.queueNext();
        final long queued = latency != null ? System.nanoTime() : 0;
        if (answerOffer())
        {
            decisionsOnQueue++;
            if (latency != null)
            {
                latency.record(queued - queueStart);
            }
        }
        if ((round++ & 15) == 0)
        {
            engine.poll(now);
        }
        return (int)(fixture.offers - before);
    }

    /** Calls waiting (not ringing: every offer is answered at once). */
    int waiting()
    {
        return engine.calls() - ((tail - head) & (RING - 1));
    }

    private boolean answerOffer()
    {
        final long callId = fixture.takeOffer();
        if (callId == AcdFixture.NO_CALL)
        {
            return false;
        }
        final int agent = fixture.offeredAgent;
        engine.answered(callId, agent, fixture.now);
        onCall[tail] = callId;
        onCallAgent[tail] = agent;
        tail = (tail + 1) & (RING - 1);
        return true;
    }
}

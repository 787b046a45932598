package io.switchboard.bench.acd;

import io.switchboard.acd.AcdEngine;
import io.switchboard.acd.SelectionPolicy;

/**
 * Calls and chats on the same agents, most agents idle: the call center of {@link AcdFixture} with
 * {@value #CHAT_GROUPS} chat groups (each agent in one, 20 members a group, concurrency 3, accept timeout 30 s).
 * Rounds alternate. A call round is {@link IdleDriver}'s: a call queued to a random voice group (offered at once:
 * the decision), the call queued {@value #CALLS_IN_FLIGHT} call rounds earlier answered, ended, its wrap-up ended.
 * A chat round queues a session to a random chat group (the engine scans the group's members and offers it: the
 * decision), accepts the session queued {@value #ACCEPT_AFTER} chat rounds earlier (its accept timer cancelled) and
 * ends the one queued {@value #SESSIONS_IN_FLIGHT} chat rounds earlier. So about {@value #SESSIONS_IN_FLIGHT}
 * sessions are open at once (0.4 an agent on average, about 8 in a group of 20 with room for 60: the fewest-open
 * order decides), {@value #ACCEPT_AFTER} of them offered and not yet accepted, and about {@value #CALLS_IN_FLIGHT}
 * calls. Half the decisions are chats. The timer wheel is polled every 16 rounds (nothing is due).
 */
final class MixedDriver
{
    static final int CHAT_GROUPS = 500;
    static final int CALLS_IN_FLIGHT = 128;
    static final int ACCEPT_AFTER = 64;
    static final int SESSIONS_IN_FLIGHT = 4096;

    final AcdFixture fixture;
    long callDecisions;
    long chatDecisions;
    private final AcdEngine engine;
    private final long[] pendingCall = new long[CALLS_IN_FLIGHT];
    private final int[] pendingAgent = new int[CALLS_IN_FLIGHT];
    private final long[] offered = new long[ACCEPT_AFTER];
    private final int[] offeredTo = new int[ACCEPT_AFTER];
    private final long[] open = new long[SESSIONS_IN_FLIGHT];
    private int callRound;
    private int chatRound;
    private int round;

    MixedDriver(final SelectionPolicy policy, final long seed)
    {
        fixture = new AcdFixture(policy, seed, 2 * SESSIONS_IN_FLIGHT, CHAT_GROUPS);
        engine = fixture.engine;
        // fill the rings and warm the structures before JMH's own warm-up
        for (int i = 0; i < 4 * SESSIONS_IN_FLIGHT; i++)
        {
            round(null, null);
        }
    }

    /**
     * One round; returns the offers (decisions) it made. Times the deciding command ({@code queue} or
     * {@code chatQueue}) into the recorder of its kind when one is given and the command offered.
     */
    int round(final LatencyRecorder callLatency, final LatencyRecorder chatLatency)
    {
        final long before = fixture.offers + fixture.chatOffers;
        fixture.now += AcdFixture.STEP_NANOS;
        if ((round & 1) == 0)
        {
            callRound(callLatency);
        }
        else
        {
            chatRound(chatLatency);
        }
        if ((round++ & 15) == 0)
        {
            engine.poll(fixture.now);
        }
        return (int)(fixture.offers + fixture.chatOffers - before);
    }

    /** Sessions the engine knows (open or waiting). */
    int sessions()
    {
        return engine.chats();
    }

    private void callRound(final LatencyRecorder latency)
    {
        final long before = fixture.offers;
        final long start = latency != null ? System.nanoTime() : 0;
        final long callId = fixture.queueNext();
        final long elapsed = latency != null ? System.nanoTime() - start : 0;
        if (fixture.offers != before)
        {
            callDecisions++;
            if (latency != null)
            {
                latency.record(elapsed);
            }
        }
        final int k = callRound++ & (CALLS_IN_FLIGHT - 1);
        final long offeredCall = fixture.takeOffer();
        final long old = pendingCall[k];
        final int oldAgent = pendingAgent[k];
        pendingCall[k] = callId;
        pendingAgent[k] = offeredCall == callId ? fixture.offeredAgent : -1;
        if (old != AcdFixture.NO_CALL)
        {
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
        // an agent leaving wrap-up may have taken a waiting call: it rings and is retired in its turn
        fixture.takeOffer();
    }

    private void chatRound(final LatencyRecorder latency)
    {
        final long before = fixture.chatOffers;
        final long start = latency != null ? System.nanoTime() : 0;
        final long sessionId = fixture.queueChatNext();
        final long elapsed = latency != null ? System.nanoTime() - start : 0;
        if (fixture.chatOffers != before)
        {
            chatDecisions++;
            if (latency != null)
            {
                latency.record(elapsed);
            }
        }
        final long offeredNow = fixture.takeChatOffer();
        final int n = chatRound++;
        final int k = n & (ACCEPT_AFTER - 1);
        final long toAccept = offered[k];
        final int agent = offeredTo[k];
        offered[k] = sessionId;
        offeredTo[k] = offeredNow == sessionId ? fixture.offeredSessionAgent : -1;
        if (toAccept != AcdFixture.NO_CALL)
        {
            // a session that waited may have been offered since, to an agent whose capacity freed
            final int to = agent >= 0 ? agent : engine.chatOfferedTo(toAccept);
            if (to >= 0)
            {
                engine.chatAccepted(toAccept, to, fixture.now);
            }
        }
        final int j = n & (SESSIONS_IN_FLIGHT - 1);
        final long toEnd = open[j];
        open[j] = sessionId;
        if (toEnd != AcdFixture.NO_CALL)
        {
            engine.chatEnded(toEnd, fixture.now);
        }
        fixture.takeChatOffer();
    }
}

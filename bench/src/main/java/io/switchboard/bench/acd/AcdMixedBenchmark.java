package io.switchboard.bench.acd;

import io.switchboard.acd.SelectionPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;

import java.util.concurrent.TimeUnit;

/**
 * The engine deciding for calls and chats on the same agents, most agents idle ({@link MixedDriver}): one operation
 * is a call's whole cycle or a chat session's (queued: the decision; accepted; ended), alternately, so half the
 * decisions are chats. {@code cycleTimed} times the deciding command of each kind ({@code queue} for a call,
 * {@code chatQueue} for a session) and prints both latencies, with the figures of the state, at the end.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AcdMixedBenchmark
{
    @Param({"LONGEST_IDLE", "FEWEST_CALLS"})
    public SelectionPolicy policy;

    private MixedDriver driver;
    private final LatencyRecorder callLatency = new LatencyRecorder();
    private final LatencyRecorder chatLatency = new LatencyRecorder();

    @Setup(Level.Trial)
    public void setUp()
    {
        driver = new MixedDriver(policy, 42);
    }

    @Setup(Level.Iteration)
    public void iteration(final IterationParams params)
    {
        callLatency.iteration(params);
        chatLatency.iteration(params);
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        System.out.printf("%n[mixed] %s: %d calls and %d sessions in the engine; decisions: calls %d, chats %d%n",
            policy, driver.fixture.engine.calls(), driver.sessions(), driver.callDecisions, driver.chatDecisions);
        callLatency.print("mixed engine queue->offer (calls), " + policy);
        chatLatency.print("mixed engine chatQueue->chatOffer (chats), " + policy);
    }

    @Benchmark
    public int cycle(final Decisions decisions)
    {
        final int n = driver.round(null, null);
        decisions.decisions += n;
        return n;
    }

    @Benchmark
    public int cycleTimed(final Decisions decisions)
    {
        final int n = driver.round(callLatency, chatLatency);
        decisions.decisions += n;
        return n;
    }
}

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
 * The engine deciding with most agents idle ({@link IdleDriver}): 10,000 agents, 1,000 groups, 3 groups an
 * agent, about 128 calls in progress. One operation is one call's whole cycle in the engine: {@code queue} (the
 * engine picks the agent from the group's idle heap and offers: the decision), and for the call queued 128
 * operations earlier {@code answered}, {@code ended} and {@code endWrapUp}, which put that agent back in its three
 * idle heaps; plus a timer-wheel poll every 16 operations. So ops/s is the rate the engine sustains the whole
 * cycle at, one decision each (the {@code decisions} counter says how many offers were really made).
 * {@code cycleTimed} is the same with {@code nanoTime} around the {@code queue} call, whose latencies are printed
 * as {@code [latency]} at the end of the trial.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AcdEngineBenchmark
{
    @Param({"LONGEST_IDLE", "FEWEST_CALLS"})
    public SelectionPolicy policy;

    private IdleDriver driver;
    private final LatencyRecorder latency = new LatencyRecorder();

    @Setup(Level.Trial)
    public void setUp()
    {
        driver = new IdleDriver(policy, 42);
    }

    @Setup(Level.Iteration)
    public void iteration(final IterationParams params)
    {
        latency.iteration(params);
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        latency.print("engine queue->offer, " + policy + ", " + driver.fixture.engine.calls() + " calls in the engine");
    }

    @Benchmark
    public int cycle(final Decisions decisions)
    {
        final int n = driver.round();
        decisions.decisions += n;
        return n;
    }

    @Benchmark
    public int cycleTimed(final Decisions decisions)
    {
        final int n = driver.timedRound(latency);
        decisions.decisions += n;
        return n;
    }
}

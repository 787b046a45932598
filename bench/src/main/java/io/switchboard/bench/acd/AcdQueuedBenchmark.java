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
 * The engine deciding with every agent busy and calls waiting ({@link QueuedDriver}): one operation ends a call,
 * ends its agent's wrap-up (the agent takes the longest-waiting call of its groups, if any) and queues a new call;
 * about one decision an operation, counted by {@code decisions}. {@code cycleTimed} times each engine call that
 * made a decision ({@code endWrapUp} or {@code queue}) and prints the latencies and the queue figures at the end.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AcdQueuedBenchmark
{
    @Param({"LONGEST_IDLE", "FEWEST_CALLS"})
    public SelectionPolicy policy;

    private QueuedDriver driver;
    private final LatencyRecorder latency = new LatencyRecorder();

    @Setup(Level.Trial)
    public void setUp()
    {
        driver = new QueuedDriver(policy, 42);
    }

    @Setup(Level.Iteration)
    public void iteration(final IterationParams params)
    {
        latency.iteration(params);
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        System.out.printf("%n[queued] %s: %d calls in the engine, %d waiting, decisions on endWrapUp %d, on queue %d%n",
            policy, driver.fixture.engine.calls(), driver.waiting(), driver.decisionsOnIdle, driver.decisionsOnQueue);
        latency.print("engine endWrapUp/queue that offered, " + policy);
    }

    @Benchmark
    public int cycle(final Decisions decisions)
    {
        final int n = driver.round(null);
        decisions.decisions += n;
        return n;
    }

    @Benchmark
    public int cycleTimed(final Decisions decisions)
    {
        final int n = driver.round(latency);
        decisions.decisions += n;
        return n;
    }
}

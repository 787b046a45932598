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
 *
 * <p>{@code platformControl} is the control for those latencies: it times, the same way, a fixed computation
 * that touches no memory and lasts about as long as a decision ({@value #CONTROL_STEPS} dependent xorshift steps).
 * Its tail is what the machine (interrupts, the hypervisor, other processes, JIT and GC threads) adds to any code
 * of that length; the engine's tail beyond it is the engine's own (cache misses, the occasional longer path).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AcdEngineBenchmark
{
    @Param({"LONGEST_IDLE", "FEWEST_CALLS"})
    public SelectionPolicy policy;

    static final int CONTROL_STEPS = 220;

    private IdleDriver driver;
    private long seed = 1;
    private boolean control;
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
        latency.print((control ? "platform control, " : "engine queue->offer, ") + policy + ", "
            + driver.fixture.engine.calls() + " calls in the engine");
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

    @Benchmark
    public long platformControl()
    {
        final long start = System.nanoTime();
        long x = seed;
        for (int i = 0; i < CONTROL_STEPS; i++)
        {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        latency.record(System.nanoTime() - start);
        seed = x;
        control = true;
        return x;
    }
}

package io.switchboard.bench.acd;

import io.switchboard.acd.NaiveSelector;
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
 * The baseline, on the same call center and in the same steady state as {@link AcdEngineBenchmark}:
 * <ul>
 * <li>{@code scanThenCycle}: {@link NaiveSelector#pick} for the group of the call about to be queued (a scan of
 * all 10,000 agents), then the engine's own cycle as in {@code AcdEngineBenchmark.cycle}. A selector that scans
 * would not keep the idle heaps, so this overstates its cost by the engine's heap work (the whole engine cycle is
 * well under a microsecond, the scan is tens of microseconds);</li>
 * <li>{@code scanThenCycleTimed}: the same, timing the {@code pick} call (the naive decision);</li>
 * <li>{@code scan}: the {@code pick} call alone on the same (unchanging) state: the selection step by itself.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NaiveSelectorBenchmark
{
    @Param({"LONGEST_IDLE", "FEWEST_CALLS"})
    public SelectionPolicy policy;

    private IdleDriver driver;
    private NaiveSelector naive;
    private final LatencyRecorder latency = new LatencyRecorder();
    private int next;

    @Setup(Level.Trial)
    public void setUp()
    {
        driver = new IdleDriver(policy, 42);
        naive = new NaiveSelector(driver.fixture.engine);
    }

    @Setup(Level.Iteration)
    public void iteration(final IterationParams params)
    {
        latency.iteration(params);
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        latency.print("naive pick, " + policy);
    }

    @Benchmark
    public int scanThenCycle(final Decisions decisions)
    {
        final int agent = naive.pick(driver.fixture.nextGroup());
        final int n = driver.round();
        decisions.decisions += n;
        return agent + n;
    }

    @Benchmark
    public int scanThenCycleTimed(final Decisions decisions)
    {
        final long start = System.nanoTime();
        final int agent = naive.pick(driver.fixture.nextGroup());
        latency.record(System.nanoTime() - start);
        final int n = driver.round();
        decisions.decisions += n;
        return agent + n;
    }

    @Benchmark
    public int scan()
    {
        return naive.pick(driver.fixture.groupTable[next++ & (AcdFixture.TABLE - 1)]);
    }
}

package io.switchboard.bench.acd;

import org.HdrHistogram.Histogram;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Per-decision latencies in nanoseconds ({@code System.nanoTime()} around the engine call that made the decision),
 * kept over the measurement iterations only and printed at the end of the trial. Recording allocates nothing.
 * The printed timer floor is the smallest difference of two back-to-back {@code nanoTime} calls: each recorded
 * value includes about one such cost.
 */
final class LatencyRecorder
{
    private static final long HIGHEST = 3_600_000_000_000L;

    private final Histogram histogram = new Histogram(1, HIGHEST, 3);
    private boolean measuring;

    void record(final long nanos)
    {
        histogram.recordValue(Math.max(1, Math.min(nanos, HIGHEST)));
    }

    /** Call at each iteration's set-up: starts afresh with the first measurement iteration. */
    void iteration(final IterationParams params)
    {
        if (params.getType() == IterationType.WARMUP || !measuring)
        {
            histogram.reset();
            measuring = params.getType() == IterationType.MEASUREMENT;
        }
    }

    void print(final String what)
    {
        if (histogram.getTotalCount() == 0)
        {
            return;
        }
        System.out.printf("%n[latency] %s: n=%d p50=%d p90=%d p99=%d p99.9=%d p99.99=%d max=%d ns "
            + "(timer floor %d ns)%n", what, histogram.getTotalCount(), histogram.getValueAtPercentile(50),
            histogram.getValueAtPercentile(90), histogram.getValueAtPercentile(99),
            histogram.getValueAtPercentile(99.9), histogram.getValueAtPercentile(99.99), histogram.getMaxValue(),
            timerFloor());
    }

    private static long timerFloor()
    {
        long floor = Long.MAX_VALUE;
        for (int i = 0; i < 1_000_000; i++)
        {
            final long start = System.nanoTime();
            floor = Math.min(floor, System.nanoTime() - start);
        }
        return floor;
    }
}

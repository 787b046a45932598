package io.switchboard.bench.media;

import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** CPU and GC figures, taken at the start and the end of the measured window. */
final class Meters
{
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Meters()
    {
    }

    /** A Netty thread factory that remembers its threads, to read their CPU time. */
    static final class RecordingThreadFactory extends DefaultThreadFactory
    {
        private final List<Thread> threads = new CopyOnWriteArrayList<>();

        RecordingThreadFactory(final String prefix)
        {
            super(prefix);
        }

        @Override
        protected Thread newThread(final Runnable r, final String name)
        {
            final Thread thread = super.newThread(r, name);
            threads.add(thread);
            return thread;
        }

        /** CPU time of every thread made so far, in ns (a thread that ended counts zero). */
        long cpuNanos()
        {
            long sum = 0;
            for (final Thread thread : threads)
            {
                final long cpu = THREADS.getThreadCpuTime(thread.getId());
                sum += Math.max(0, cpu);
            }
            return sum;
        }

        int count()
        {
            return threads.size();
        }
    }

    /** One reading of everything. */
    record Snapshot(long nanos, long engineCpu, long generatorCpu, long processCpu, long gcCount, long gcMillis,
        long[] machine)
    {
        static Snapshot take(final RecordingThreadFactory engine, final RecordingThreadFactory generator)
        {
            long count = 0;
            long millis = 0;
            for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
            {
                count += Math.max(0, gc.getCollectionCount());
                millis += Math.max(0, gc.getCollectionTime());
            }
            final long process = ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
            return new Snapshot(System.nanoTime(), engine.cpuNanos(), generator.cpuNanos(), process, count, millis,
                procStat());
        }
    }

    /**
     * The first line of /proc/stat (jiffies of the whole machine): total, busy (not idle nor iowait), steal.
     * Zeros when it cannot be read.
     */
    static long[] procStat()
    {
        try
        {
            final String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
            final String[] f = line.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++)
            {
                total += Long.parseLong(f[i]);
            }
            final long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            final long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
            return new long[] {total, total - idle, steal};
        }
        catch (final IOException | RuntimeException ex)
        {
            return new long[3];
        }
    }
}

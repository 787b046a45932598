package io.switchboard.bench.journal;

import io.switchboard.core.SwitchboardServer;
import io.switchboard.core.config.ConfigLoader;
import io.switchboard.core.journal.ChronicleJournal;
import io.switchboard.core.records.ServiceRecord;
import io.switchboard.core.records.ServiceRecordStore;
import org.HdrHistogram.Histogram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The journal's figures, through its public API ({@link ChronicleJournal#append} and its future):
 * <ul>
 * <li>{@code append DIR [COUNT]}: appends per second from one thread as fast as the writer takes them (COUNT
 * entries, a full hand-over queue retried), after a warm-up;</li>
 * <li>{@code latency DIR [SECONDS] [RATES]}: the latency from the intended time of each append to its future's
 * completion at fixed rates (RATES, comma-separated per second, SECONDS each, after a warm-up at the first rate;
 * measured from the schedule, so a stall counts for every append it delays). Its own JVM: right after a saturating
 * burst the tail is far worse, and that is the burst's figure, not this one;</li>
 * <li>{@code fill DIR COUNT}: writes COUNT service records into DIR/journal, as the server would;</li>
 * <li>{@code replay DIR}: reads DIR/journal twice, raw then into a {@link ServiceRecordStore} as the server does
 * at start, and shows the heap the store takes;</li>
 * <li>{@code start DIR}: starts the whole server on DIR as its data directory and times it (the replay included).
 * A start that replays many records writes a snapshot of them (DIR/journal/snapshot-*.bin, finished before the
 * server stops), so a second {@code start} on the same directory measures the start from a snapshot.</li>
 * </ul>
 * Run each mode in a fresh JVM (bench/scripts/journal.sh does), so that replay and start-up are measured cold, as
 * a server starts.
 */
public final class JournalBenchmark
{
    private JournalBenchmark()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length < 2)
        {
            System.err.println("usage: JournalBenchmark append|fill|replay|start DIR [...] (see the class)");
            System.exit(2);
        }
        final Path dir = Path.of(args[1]);
        switch (args[0])
        {
            case "append" -> append(dir, args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000);
            case "latency" -> latency(dir, args.length > 2 ? Integer.parseInt(args[2]) : 5,
                args.length > 3 ? args[3] : "1000,10000,50000");
            case "fill" -> fill(dir.resolve("journal"), Integer.parseInt(args[2]));
            case "replay" -> replay(dir.resolve("journal"));
            case "start" -> start(dir);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    /** A service record shaped like the server's, varied so that entries are not all the same bytes. */
    static ServiceRecord record(final long i)
    {
        final long started = 1_790_000_000_000L + i * 100;
        final boolean answered = i % 4 != 0;
        return new ServiceRecord(i, started, started + 95_000, i % 10 == 0 ? "outbound" : "inbound",
            Long.toString(4930_1000_0000L + i % 100_000), answered ? Long.toString(1001 + i % 50) : "4000", "4000",
            List.of("1", Long.toString(i % 3)), "group-" + (i % 5), answered ? "A" + (i % 50) : null, answered,
            12.5, answered ? 82.5 : 0, 0, answered ? 30 : 0, answered ? "caller-hung-up" : "abandoned-in-queue",
            i % 20 == 0 ? List.of("group:support") : List.of());
    }

    private static void append(final Path dir, final int count) throws Exception
    {
        final byte[] json = record(42).toJson();
        System.out.printf("entry: %d bytes of JSON (a service record)%n", json.length);
        try (ChronicleJournal journal = ChronicleJournal.open(dir.resolve("append")))
        {
            // Warm-up, not reported.
            throughput(journal, json, Math.min(count, 200_000));
            final long[] result = throughput(journal, json, count);
            System.out.printf("throughput: %d appends in %.3f s = %.0f appends/s (hand-over queue full %d times)%n",
                count, result[0] / 1e9, count / (result[0] / 1e9), result[1]);
        }
    }

    private static void latency(final Path dir, final int seconds, final String rates) throws Exception
    {
        final byte[] json = record(42).toJson();
        try (ChronicleJournal journal = ChronicleJournal.open(dir.resolve("latency")))
        {
            final String[] each = rates.split(",");
            // Warm-up at the first rate, not reported: the JIT and the first pages of the file.
            paced(journal, json, Integer.parseInt(each[0].trim()), Math.max(1, seconds / 2), false);
            for (final String rate : each)
            {
                paced(journal, json, Integer.parseInt(rate.trim()), seconds, true);
            }
        }
    }

    /** One thread appends as fast as it can; returns the nanoseconds until the last is written, and the refusals. */
    private static long[] throughput(final ChronicleJournal journal, final byte[] json, final int count)
        throws Exception
    {
        long full = 0;
        CompletableFuture<Long> last = null;
        final long start = System.nanoTime();
        for (int i = 0; i < count; i++)
        {
            CompletableFuture<Long> written;
            while ((written = journal.append("record", json)).isCompletedExceptionally())
            {
                full++;
                Thread.onSpinWait();
            }
            last = written;
        }
        last.get(60, TimeUnit.SECONDS);
        return new long[] {System.nanoTime() - start, full};
    }

    /** Appends at a fixed rate; latency from each append's scheduled time to its future's completion. */
    private static void paced(final ChronicleJournal journal, final byte[] json, final int rate, final int seconds,
        final boolean report) throws Exception
    {
        final int count = rate * seconds;
        final long interval = 1_000_000_000L / rate;
        final long[] done = new long[count];
        final long[] scheduled = new long[count];
        final CompletableFuture<?>[] futures = new CompletableFuture<?>[count];
        final long start = System.nanoTime() + 10_000_000L;
        int i = 0;
        while (i < count)
        {
            // Like an event loop: wake up, append whatever is due, sleep until the next is due. No spinning, which
            // on two cores would take the writer's CPU; the sleep's overshoot (~50-100 µs) counts in the latency.
            final long now = System.nanoTime();
            while (i < count && start + i * interval <= now)
            {
                final int index = i;
                scheduled[i] = start + i * interval;
                futures[i] = journal.append("record", json).whenComplete((position, failure) ->
                    done[index] = failure == null ? System.nanoTime() : -1);
                i++;
            }
            if (i < count)
            {
                LockSupport.parkNanos(start + i * interval - System.nanoTime());
            }
        }
        CompletableFuture.allOf(futures).exceptionally(failure -> null).get(60, TimeUnit.SECONDS);
        final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        int failed = 0;
        for (int k = 0; k < count; k++)
        {
            if (done[k] < 0)
            {
                failed++;
            }
            else
            {
                latency.recordValue(Math.max(0, done[k] - scheduled[k]));
            }
        }
        if (!report)
        {
            return;
        }
        System.out.printf("paced %,d/s for %d s: %d appends, %d refused; append to written µs: p50 %.1f p90 %.1f "
            + "p99 %.1f p99.9 %.1f max %.1f%n", rate, seconds, count, failed,
            latency.getValueAtPercentile(50) / 1e3, latency.getValueAtPercentile(90) / 1e3,
            latency.getValueAtPercentile(99) / 1e3, latency.getValueAtPercentile(99.9) / 1e3,
            latency.getMaxValue() / 1e3);
    }

    private static void fill(final Path dir, final int count) throws Exception
    {
        final long start = System.nanoTime();
        long bytes = 0;
        try (ChronicleJournal journal = ChronicleJournal.open(dir))
        {
            CompletableFuture<Long> last = null;
            for (int i = 1; i <= count; i++)
            {
                final byte[] json = record(i).toJson();
                bytes += json.length;
                while ((last = journal.append(ServiceRecord.JOURNAL_TYPE, json)).isCompletedExceptionally())
                {
                    Thread.onSpinWait();
                }
            }
            last.get(60, TimeUnit.SECONDS);
        }
        System.out.printf("fill: %d service records (%.1f MB of JSON) in %.1f s; journal files %.1f MB on disk%n",
            count, bytes / 1e6, (System.nanoTime() - start) / 1e9, diskBytes(dir) / 1e6);
    }

    private static void replay(final Path dir)
    {
        try (ChronicleJournal journal = ChronicleJournal.open(dir))
        {
            final long[] raw = new long[2];
            long start = System.nanoTime();
            journal.replay((type, json) ->
            {
                raw[0]++;
                raw[1] += json.length;
            });
            System.out.printf("replay, bytes only: %d entries (%.1f MB) in %d ms%n", raw[0], raw[1] / 1e6,
                (System.nanoTime() - start) / 1_000_000);
            final long heapBefore = usedHeap();
            final ServiceRecordStore store = new ServiceRecordStore();
            start = System.nanoTime();
            journal.replay((type, json) -> store.add(ServiceRecord.fromJson(json)));
            final long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("replay into the store (JSON parsed, as at start): %d records in %d ms; heap held by "
                + "the store about %.0f MB%n", store.size(), millis, (usedHeap() - heapBefore) / 1e6);
            queries(store);
        }
    }

    /** What the API's loop spends on a page of records: everything, one agent's, one day of one group's. */
    private static void queries(final ServiceRecordStore store)
    {
        final long day = 1_790_000_000_000L + 50_000_000L;
        final List<ServiceRecordStore.Query> queries = List.of(
            new ServiceRecordStore.Query(Long.MIN_VALUE, Long.MAX_VALUE, null, null, null, 0, 50),
            new ServiceRecordStore.Query(Long.MIN_VALUE, Long.MAX_VALUE, null, "A7", null, 0, 50),
            new ServiceRecordStore.Query(day, day + 86_400_000L, "group-3", null, "inbound", 0, 50));
        for (final ServiceRecordStore.Query query : queries)
        {
            for (int i = 0; i < 20; i++)
            {
                store.find(query);
            }
            final long start = System.nanoTime();
            final int runs = 20;
            int total = 0;
            for (int i = 0; i < runs; i++)
            {
                total = store.find(query).total();
            }
            System.out.printf("query group=%s agent=%s range=%s: %d matches, %.2f ms per page of 50%n", query.group(),
                query.agent(), query.from() == Long.MIN_VALUE ? "all" : "one day", total,
                (System.nanoTime() - start) / 1e6 / runs);
        }
    }

    private static void start(final Path dataDir) throws Exception
    {
        final long start = System.nanoTime();
        try (SwitchboardServer server = SwitchboardServer.start(ConfigLoader.parse("""
            { "sip": { "bindAddress": "127.0.0.1", "udpPort": 0, "tcpPort": 0 },
              "http": { "bindAddress": "127.0.0.1", "port": 0 },
              "media": { "bindAddress": "127.0.0.1" },
              "dataDir": "%s" }
            """.formatted(dataDir.toString().replace("\\", "\\\\"))).conclude()))
        {
            System.out.printf("server start-up on %s: %d ms to serving (HTTP port %d)%n", dataDir,
                (System.nanoTime() - start) / 1_000_000, server.httpPort());
        }
    }

    private static long usedHeap()
    {
        for (int i = 0; i < 3; i++)
        {
            System.gc();
        }
        final Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static long diskBytes(final Path dir) throws Exception
    {
        // The files are sparse: what they hold, not their length (du's figure, in 512-byte blocks).
        final Process du = new ProcessBuilder("du", "-s", "-B1", dir.toString()).start();
        final String out = new String(du.getInputStream().readAllBytes()).trim();
        du.waitFor();
        return out.isEmpty() ? Files.size(dir) : Long.parseLong(out.split("\\s+")[0]);
    }
}

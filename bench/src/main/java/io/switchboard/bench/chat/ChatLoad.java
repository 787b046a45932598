package io.switchboard.bench.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Chat load against a running server (bench/scripts/chat-load.sh starts it with a generated tenant): the agents sign
 * in, listen on their events sockets and go idle; {@code sessions} visitors open the channel's widget socket and are
 * routed to them (auto-accept, one group of high concurrency); the server's live heap is measured before and after,
 * giving the heap per open session; then the visitors send {@code rate} messages a second in all, for a warm-up
 * and the measured window, each timed from the visitor's send to the agent's receive (HdrHistogram).
 *
 * <p>Prints the figures and a {@code RESULT {json}} line; exits 0 when every session was served and every message
 * arrived once with no error frame, 2 otherwise, 1 on a set-up failure.
 */
public final class ChatLoad
{
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(15);

    private final ChatLoadOptions options;
    private final Latencies latencies;
    private final ServerApi api;
    private final Visitors visitors;
    private final Agents agents;
    private final Map<String, Object> result = new LinkedHashMap<>();

    private ChatLoad(final ChatLoadOptions options)
    {
        this.options = options;
        this.latencies = new Latencies(options.totalMessages(), (long)options.rate() * options.warmupSeconds());
        this.api = new ServerApi(options.host(), options.port(), options.pid());
        this.visitors = new Visitors(options, latencies);
        this.agents = new Agents(options, latencies);
    }

    public static void main(final String[] args) throws Exception
    {
        final ChatLoadOptions options;
        try
        {
            options = ChatLoadOptions.parse(args);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println(ex.getMessage());
            System.exit(1);
            return;
        }
        System.exit(new ChatLoad(options).run() ? 0 : 2);
    }

    private boolean run() throws Exception
    {
        try (WebSockets sockets = new WebSockets(options.threads()))
        {
            long t = System.nanoTime();
            agents.start(api, sockets);
            log("%d agents signed in, listening and idle in %.1f s", options.agents(), seconds(t));
            final long heapBefore = api.liveHeap();
            t = System.nanoTime();
            visitors.open(sockets);
            final boolean allServed = await(() -> visitors.served() >= visitors.opened(),
                TimeUnit.SECONDS.toNanos(60 + options.sessions() / 100));
            result.put("open_s", round(seconds(t)));
            log("%d of %d visitor sockets open, %d sessions served by an agent (%s) in %.1f s", visitors.opened(),
                options.sessions(), visitors.served(), allServed ? "all" : "NOT ALL", seconds(t));
            final long heapAfter = api.liveHeap();
            final int open = visitors.opened();
            result.put("heap_before_bytes", heapBefore);
            result.put("heap_after_bytes", heapAfter);
            result.put("heap_per_session_bytes", open == 0 ? 0 : (heapAfter - heapBefore) / open);
            final Transfers transfers = options.transfers() == 0 ? null
                : new Transfers(api, agents, options.channel(), options.transfers()).signIn(options.password());
            final Thread mover = transfers == null ? null : new Thread(transfers, "transfers");
            if (mover != null)
            {
                mover.start();
            }
            final PoolPicks picks = options.pool() == 0 ? null : new PoolPicks(api, sockets, options).signIn();
            final Thread picker = picks == null ? null : new Thread(picks, "pool-picks");
            if (picker != null)
            {
                picker.start();
            }
            load();
            if (picks != null)
            {
                picks.stop();
                picker.join(TimeUnit.SECONDS.toMillis(40));
                picks.report(result);
                log("pool: %s visitors, %s picks won, %s refused, %s double wins, %s failed, %s still waiting;"
                    + " pick race round trip p50 %s p99 %s ms; wait in the pool p50 %s p99 %s max %s ms",
                    result.get("pool_visitors"), result.get("pool_picks_won"), result.get("pool_picks_refused"),
                    result.get("pool_double_wins"), result.get("pool_failed"), result.get("pool_still_waiting"),
                    result.get("pick_p50_ms"), result.get("pick_p99_ms"), result.get("pool_wait_p50_ms"),
                    result.get("pool_wait_p99_ms"), result.get("pool_wait_max_ms"));
            }
            if (transfers != null)
            {
                transfers.stop();
                mover.join(TimeUnit.SECONDS.toMillis(40));
                transfers.report(result);
                log("transfers: %s done, %s refused, %s failed; round trip p50 %s p99 %s max %s ms",
                    result.get("transfers_done"), result.get("transfers_refused"), result.get("transfers_failed"),
                    result.get("transfer_p50_ms"), result.get("transfer_p99_ms"), result.get("transfer_max_ms"));
            }
            final long sent = options.totalMessages() - visitors.unsent();
            await(() -> latencies.received() >= sent && visitors.acks() >= sent, DRAIN_NANOS);
            return report(sent) && (picks == null || picks.doubleWins() == 0);
        }
        finally
        {
            visitors.close();
        }
    }

    /** Sends every message at its time (warm-up, then the window), measuring CPU over the window only. */
    private void load() throws Exception
    {
        final long total = options.totalMessages();
        final long firstMeasured = (long)options.rate() * options.warmupSeconds();
        log("load: %d messages/s, %d s warm-up, %d s measured", options.rate(), options.warmupSeconds(),
            options.seconds());
        final long start = System.nanoTime();
        long serverTicks = 0;
        long clientNanos = 0;
        long windowStart = start;
        for (long seq = 0; seq < total; seq++)
        {
            if (seq == firstMeasured)
            {
                serverTicks = api.cpuTicks();
                clientNanos = clientCpuNanos();
                windowStart = System.nanoTime();
            }
            final long due = start + seq * 1_000_000_000L / options.rate();
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime())
            {
                LockSupport.parkNanos(wait);
            }
            visitors.send(seq);
        }
        final double window = seconds(windowStart);
        result.put("window_s", round(window));
        result.put("server_cpu_pct_of_a_core", round((api.cpuTicks() - serverTicks) / window));
        result.put("generator_cpu_pct_of_a_core", round((clientCpuNanos() - clientNanos) / 1e7 / window));
    }

    private boolean report(final long sent)
    {
        final Histogram h = latencies.histogram();
        final long lost = sent - latencies.received();
        result.put("sessions", options.sessions());
        result.put("opened", visitors.opened());
        result.put("served", visitors.served());
        result.put("agents", options.agents());
        result.put("offers", agents.offers());
        result.put("rate", options.rate());
        result.put("sent", sent);
        result.put("acked", visitors.acks());
        result.put("received", latencies.received());
        result.put("lost", lost);
        result.put("duplicates", latencies.duplicates());
        result.put("unknown", latencies.unknown());
        result.put("measured", h.getTotalCount());
        for (final double p : new double[] {50, 90, 99, 99.9})
        {
            result.put("p" + (p == 99.9 ? "99.9" : Integer.toString((int)p)) + "_ms",
                round(h.getValueAtPercentile(p) / 1e6));
        }
        result.put("max_ms", round(h.getMaxValue() / 1e6));
        result.put("errors", visitors.errors());
        log("sent %d, acknowledged %d, received by agents %d (lost %d, duplicates %d); latency over %d: p50 %s"
            + " p90 %s p99 %s p99.9 %s max %s ms; heap %d bytes per open session", sent, visitors.acks(),
            latencies.received(), lost, latencies.duplicates(), h.getTotalCount(), result.get("p50_ms"),
            result.get("p90_ms"), result.get("p99_ms"), result.get("p99.9_ms"), result.get("max_ms"),
            result.get("heap_per_session_bytes"));
        try
        {
            System.out.println("RESULT " + new ObjectMapper().writeValueAsString(result));
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
        return visitors.served() == options.sessions() && lost == 0 && latencies.duplicates() == 0
            && latencies.unknown() == 0 && visitors.errors().isEmpty() && visitors.acks() == sent;
    }

    /** Waits (polling every 100 ms) until the condition holds or the time is up; true if it holds. */
    private static boolean await(final BooleanSupplier condition, final long nanos) throws InterruptedException
    {
        final long deadline = System.nanoTime() + nanos;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return true;
    }

    private static long clientCpuNanos()
    {
        return ((com.sun.management.OperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    }

    private static double seconds(final long sinceNanos)
    {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    private static double round(final double value)
    {
        return Math.round(value * 1000) / 1000.0;
    }

    private static void log(final String format, final Object... args)
    {
        System.out.printf("# " + format + "%n", args);
    }
}

package io.switchboard.bench.chat;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The transfer mix: during the load, {@code rate} served sessions a second are transferred by an administrator
 * ({@code POST /api/agents/{staffNo}/chats/{id}/transfer {"toGroup"}}) to the group's best receivable agent other
 * than the serving one, on a thread of its own, each answer's round trip recorded (HdrHistogram, from the request
 * to its 200 or 409). The visitors' messages keep flowing meanwhile: the run still requires every one to arrive once.
 */
final class Transfers implements Runnable
{
    private final ServerApi api;
    private final Agents agents;
    private final String group;
    private final int rate;
    private final Histogram latencies = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean running = true;
    private String token;

    Transfers(final ServerApi api, final Agents agents, final String group, final int rate)
    {
        this.api = api;
        this.agents = agents;
        this.group = group;
        this.rate = rate;
    }

    /** Signs the administrator in (before the load starts). */
    Transfers signIn(final String password) throws Exception
    {
        token = api.login("admin@demo.switchboard", password);
        return this;
    }

    @Override
    public void run()
    {
        final long start = System.nanoTime();
        for (long seq = 0; running; seq++)
        {
            final long due = start + seq * 1_000_000_000L / rate;
            for (long wait = due - System.nanoTime(); wait > 0 && running; wait = due - System.nanoTime())
            {
                LockSupport.parkNanos(wait);
            }
            transferOne();
        }
    }

    void stop()
    {
        running = false;
    }

    private void transferOne()
    {
        final List<Map.Entry<Long, String>> sessions = new ArrayList<>(agents.serving().entrySet());
        if (sessions.isEmpty())
        {
            return;
        }
        final Map.Entry<Long, String> pick = sessions.get(ThreadLocalRandom.current().nextInt(sessions.size()));
        final long begun = System.nanoTime();
        try
        {
            api.post("/api/agents/" + pick.getValue() + "/chats/" + pick.getKey() + "/transfer", token,
                Map.of("toGroup", group));
            done.incrementAndGet();
        }
        catch (final java.io.IOException ex)
        {
            // 409: nobody could take it, or it moved since this side last heard (a race the mix accepts)
            (ex.getMessage() != null && ex.getMessage().contains(": 409 ") ? refused : failed).incrementAndGet();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            running = false;
            return;
        }
        latencies.recordValue(Math.min(System.nanoTime() - begun, latencies.getHighestTrackableValue()));
    }

    /** The figures for the RESULT line. */
    void report(final Map<String, Object> result)
    {
        result.put("transfers_done", done.get());
        result.put("transfers_refused", refused.get());
        result.put("transfers_failed", failed.get());
        result.put("transfer_p50_ms", Math.round(latencies.getValueAtPercentile(50) / 1e3) / 1e3);
        result.put("transfer_p99_ms", Math.round(latencies.getValueAtPercentile(99) / 1e3) / 1e3);
        result.put("transfer_max_ms", Math.round(latencies.getMaxValue() / 1e3) / 1e3);
    }

    long failed()
    {
        return failed.get();
    }
}

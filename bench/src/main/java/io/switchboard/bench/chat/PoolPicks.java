package io.switchboard.bench.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The unassigned-pool mix (未接入池): during the load, {@code rate} visitors a second open the widget on the pool
 * channel, whose flow hands them to group "pool" (chatPool on). Its two agents P001 and P002 are signed in but busy,
 * so nobody is offered them and each waits in the pool. A picker thread polls P001's pool ({@code GET
 * /api/agents/P001/pool}) and, for every entry, makes both agents pick it at the same moment ({@code POST
 * .../chats/{id}/pick}): exactly one must win (200) and the other be refused (409), which the run counts. The
 * winner ends and finishes the session at once, so the pickers never fill up.
 *
 * <p>Recorded (HdrHistogram): the pick's round trip (both requests answered) and the visitor's wait in the pool
 * (from its socket's open to its session's {@code serving}). The pool listing itself runs on the API's loop over the
 * live sessions, so the 10,000 served sessions of the main load are what it reads past.
 */
final class PoolPicks implements Runnable
{
    static final String[] PICKERS = {"P001", "P002"};
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final ServerApi api;
    private final WebSockets sockets;
    private final ChatLoadOptions options;
    private final String[] tokens = new String[PICKERS.length];
    private final Histogram pickLatency = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
    private final Histogram poolWait = new Histogram(TimeUnit.SECONDS.toNanos(120), 3);
    private final Map<String, Long> openedAt = new ConcurrentHashMap<>();
    private final AtomicLong visitors = new AtomicLong();
    private final AtomicLong won = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong doubleWins = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong polls = new AtomicLong();
    private final long run = System.nanoTime() & 0xffffffL;
    private volatile boolean running = true;

    PoolPicks(final ServerApi api, final WebSockets sockets, final ChatLoadOptions options)
    {
        this.api = api;
        this.sockets = sockets;
        this.options = options;
    }

    /** Signs the pickers in, opens their events sockets (which keep them signed in) and sets them busy. */
    PoolPicks signIn() throws Exception
    {
        for (int i = 0; i < PICKERS.length; i++)
        {
            tokens[i] = api.login(PICKERS[i].toLowerCase() + "@demo.switchboard", options.password());
            final URI uri = URI.create("ws://" + options.host() + ":" + options.port() + "/api/events?token="
                + URLEncoder.encode(tokens[i], StandardCharsets.UTF_8));
            sockets.open(uri, options.host(), Map.of(), text -> { }).get(30, TimeUnit.SECONDS);
            api.post("/api/agents/" + PICKERS[i] + "/state", tokens[i], Map.of("state", "busy"));
        }
        return this;
    }

    /** Opens a pool visitor at each of its times, and picks what waits in between. */
    @Override
    public void run()
    {
        final long start = System.nanoTime();
        long nextVisitor = start;
        long lastPoll = 0;
        while (running)
        {
            final long now = System.nanoTime();
            if (now - nextVisitor >= 0)
            {
                openVisitor(visitors.getAndIncrement());
                nextVisitor = start + visitors.get() * 1_000_000_000L / options.pool();
            }
            if (now - lastPoll >= POLL_NANOS)
            {
                lastPoll = now;
                pickWhatWaits();
            }
            LockSupport.parkNanos(Math.min(POLL_NANOS, Math.max(0, nextVisitor - System.nanoTime())));
        }
    }

    void stop()
    {
        running = false;
    }

    private void openVisitor(final long index)
    {
        final String id = String.format("pool%012x-%06d", run, index);
        final String query = "channel=" + options.poolChannel() + "&visitor=" + id + "&name=p" + index
            + "&page=http://127.0.0.1/pool";
        // source addresses after the main visitors' (the server allows 20 sockets per address)
        final String source = options.source(options.sessions() + options.perAddress() + (int)index);
        openedAt.put(id, System.nanoTime());
        sockets.open(URI.create("ws://" + options.host() + ":" + options.port() + "/chat/ws?" + query), source,
            Map.of("Origin", options.origin()), text -> visitorFrame(id, text)).whenComplete((channel, failure) ->
            {
                if (failure != null)
                {
                    failed.incrementAndGet();
                }
            });
    }

    /** On the visitor socket's loop: its session served ends its wait; then the socket is closed. */
    private void visitorFrame(final String id, final String text)
    {
        final JsonNode frame;
        try
        {
            frame = JSON.readTree(text);
        }
        catch (final Exception ex)
        {
            failed.incrementAndGet();
            return;
        }
        if ("chat.session".equals(frame.path("type").asText()) && "serving".equals(frame.path("state").asText()))
        {
            final Long opened = openedAt.remove(id);
            if (opened != null)
            {
                poolWait.recordValue(Math.min(System.nanoTime() - opened, poolWait.getHighestTrackableValue()));
            }
        }
    }

    /** Both pickers race for every entry of the pool; the winner ends and finishes it. */
    private void pickWhatWaits()
    {
        try
        {
            final JsonNode pool = api.get("/api/agents/" + PICKERS[0] + "/pool", tokens[0]);
            polls.incrementAndGet();
            for (final JsonNode entry : pool)
            {
                race(entry.path("session").asLong());
            }
        }
        catch (final java.io.IOException ex)
        {
            failed.incrementAndGet();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void race(final long session) throws java.io.IOException, InterruptedException
    {
        final long begun = System.nanoTime();
        final CompletableFuture<Integer> first = api.postAsync(chat(0, session) + "/pick", tokens[0]);
        final CompletableFuture<Integer> second = api.postAsync(chat(1, session) + "/pick", tokens[1]);
        final int a = first.join();
        final int b = second.join();
        pickLatency.recordValue(Math.min(System.nanoTime() - begun, pickLatency.getHighestTrackableValue()));
        if (a == 200 && b == 200)
        {
            doubleWins.incrementAndGet();
            return;
        }
        if (a != 200 && b != 200)
        {
            // both refused: another poll's race took it first, or it left the pool (the visitor went)
            lost.incrementAndGet();
            return;
        }
        won.incrementAndGet();
        final int winner = a == 200 ? 0 : 1;
        (a == 409 || b == 409 ? lost : failed).incrementAndGet();
        api.post(chat(winner, session) + "/end", tokens[winner], Map.of());
        api.post(chat(winner, session) + "/finish", tokens[winner], Map.of());
    }

    private static String chat(final int picker, final long session)
    {
        return "/api/agents/" + PICKERS[picker] + "/chats/" + session;
    }

    /** The figures for the RESULT line. */
    void report(final Map<String, Object> result)
    {
        result.put("pool_visitors", visitors.get());
        result.put("pool_picks_won", won.get());
        result.put("pool_picks_refused", lost.get());
        result.put("pool_double_wins", doubleWins.get());
        result.put("pool_failed", failed.get());
        result.put("pool_polls", polls.get());
        result.put("pool_still_waiting", openedAt.size());
        result.put("pick_p50_ms", millis(pickLatency, 50));
        result.put("pick_p99_ms", millis(pickLatency, 99));
        result.put("pool_wait_p50_ms", millis(poolWait, 50));
        result.put("pool_wait_p99_ms", millis(poolWait, 99));
        result.put("pool_wait_max_ms", Math.round(poolWait.getMaxValue() / 1e3) / 1e3);
    }

    long doubleWins()
    {
        return doubleWins.get();
    }

    private static double millis(final Histogram histogram, final double percentile)
    {
        return Math.round(histogram.getValueAtPercentile(percentile) / 1e3) / 1e3;
    }
}

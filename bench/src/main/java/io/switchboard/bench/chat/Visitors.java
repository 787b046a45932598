package io.switchboard.bench.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The website visitors: one widget socket each ({@code /chat/ws}, the channel's Origin), opened at a bounded rate
 * from {@code perAddress} sockets per loopback source address, each counted served once its session reaches
 * {@code serving}. Messages go round robin over them, so each widget sends {@code rate / sessions} a second.
 */
final class Visitors
{
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Handshakes in flight at once: the server's accept backlog is not the thing measured. */
    private static final int IN_FLIGHT = 200;

    private final ChatLoadOptions options;
    private final Latencies latencies;
    private final Visitor[] visitors;
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicLong acks = new AtomicLong();
    private final AtomicLong unsent = new AtomicLong();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final long run = ThreadLocalRandom.current().nextLong() >>> 16;

    Visitors(final ChatLoadOptions options, final Latencies latencies)
    {
        this.options = options;
        this.latencies = latencies;
        this.visitors = new Visitor[options.sessions()];
    }

    /** Opens every visitor's socket, at most {@code openRate} a second; returns when all have answered or failed. */
    void open(final WebSockets sockets) throws InterruptedException
    {
        final Semaphore inFlight = new Semaphore(IN_FLIGHT);
        final long start = System.nanoTime();
        for (int i = 0; i < visitors.length; i++)
        {
            final long due = start + i * 1_000_000_000L / options.openRate();
            final long wait = due - System.nanoTime();
            if (wait > 0)
            {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            inFlight.acquire();
            final Visitor visitor = new Visitor();
            visitors[i] = visitor;
            // a valid visitor id (16-64 of A-Z a-z 0-9 _ -), new for each run: a session of its own each time
            final String query = "channel=" + options.channel() + "&visitor=" + String.format("load%012x-%06d", run, i)
                + "&name=v" + i + "&page=http://127.0.0.1/load";
            sockets.open(URI.create("ws://" + options.host() + ":" + options.port() + "/chat/ws?" + query),
                options.source(i), Map.of("Origin", options.origin()), visitor).whenComplete((channel, failure) ->
                {
                    if (failure != null)
                    {
                        error("open: " + failure.getMessage());
                    }
                    else
                    {
                        visitor.channel = channel;
                        opened.incrementAndGet();
                    }
                    // after counting: open() returns once every socket is counted open or failed
                    inFlight.release();
                });
        }
        inFlight.acquire(IN_FLIGHT);
        inFlight.release(IN_FLIGHT);
    }

    /** Visitor {@code seq % sessions} sends message {@code seq}; false if its socket is not open. */
    boolean send(final long seq)
    {
        final Channel channel = visitors[(int)(seq % visitors.length)].channel;
        if (channel == null || !channel.isActive())
        {
            unsent.incrementAndGet();
            return false;
        }
        final String text = Latencies.text(seq);
        latencies.sent(seq);
        channel.writeAndFlush(new TextWebSocketFrame("{\"type\":\"text\",\"text\":\"" + text + "\",\"ref\":\""
            + seq + "\"}"));
        return true;
    }

    void close()
    {
        for (final Visitor visitor : visitors)
        {
            if (visitor != null && visitor.channel != null)
            {
                visitor.channel.close();
            }
        }
    }

    int opened()
    {
        return opened.get();
    }

    int served()
    {
        return served.get();
    }

    long acks()
    {
        return acks.get();
    }

    long unsent()
    {
        return unsent.get();
    }

    /** Error frames and failed opens by kind, sorted. */
    Map<String, Long> errors()
    {
        final Map<String, Long> sorted = new TreeMap<>();
        errors.forEach((kind, count) -> sorted.put(kind, count.sum()));
        return sorted;
    }

    private void error(final String kind)
    {
        errors.computeIfAbsent(kind.length() > 120 ? kind.substring(0, 120) : kind, k -> new LongAdder())
            .increment();
    }

    /** One widget: its socket, and whether its session has reached an agent. */
    private final class Visitor implements WebSockets.Listener
    {
        private volatile Channel channel;
        private boolean serving;

        @Override
        public void text(final String text)
        {
            final JsonNode frame;
            try
            {
                frame = JSON.readTree(text);
            }
            catch (final Exception ex)
            {
                error("unreadable frame");
                return;
            }
            switch (frame.path("type").asText())
            {
                case "ack" -> acks.incrementAndGet();
                case "error" -> error("error frame: " + frame.path("error").asText());
                case "chat.session" ->
                {
                    final String state = frame.path("state").asText();
                    if ("serving".equals(state) && !serving)
                    {
                        serving = true;
                        served.incrementAndGet();
                    }
                    else if ("finished".equals(state) || "wrap-up".equals(state))
                    {
                        error("session " + state);
                    }
                }
                default ->
                {
                    // hello, the flow's and the agent's chat.message: nothing to count
                }
            }
        }
    }
}

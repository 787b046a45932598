package io.switchboard.bench.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agents that serve the visitors: agent {@code i} (1-based) is staff number {@code B001}.., account
 * {@code b001@demo.switchboard}.. (as bench/scripts/chat-load.sh generates the tenant). Each signs in, listens on its
 * own events WebSocket ({@code /api/events}), and goes idle (its phone is already registered, or the server would
 * sign it out). The visitors' messages are timed when they arrive there as {@code chat.message} events.
 */
final class Agents
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChatLoadOptions options;
    private final Latencies latencies;
    private final AtomicLong offers = new AtomicLong();
    private final AtomicLong others = new AtomicLong();
    /** Which agent serves each session (offers are auto-accepted; transfers move them), for the transfer mix. */
    private final Map<Long, String> serving = new java.util.concurrent.ConcurrentHashMap<>();

    Agents(final ChatLoadOptions options, final Latencies latencies)
    {
        this.options = options;
        this.latencies = latencies;
    }

    static String staffNo(final int agent)
    {
        return String.format("B%03d", agent);
    }

    static String email(final int agent)
    {
        return String.format("b%03d@demo.switchboard", agent);
    }

    /** Signs every agent in, opens its events socket (waits for its hello) and sets it idle. */
    void start(final ServerApi api, final WebSockets sockets) throws Exception
    {
        final List<CompletableFuture<?>> hellos = new ArrayList<>();
        for (int agent = 1; agent <= options.agents(); agent++)
        {
            final String token = api.login(email(agent), options.password());
            final CompletableFuture<Void> hello = new CompletableFuture<>();
            final URI uri = URI.create("ws://" + options.host() + ":" + options.port() + "/api/events?token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
            sockets.open(uri, options.host(), Map.of(), text -> event(text, hello))
                .whenComplete((channel, failure) ->
                {
                    if (failure != null)
                    {
                        hello.completeExceptionally(failure);
                    }
                });
            hellos.add(hello);
            api.post("/api/agents/" + staffNo(agent) + "/state", token, Map.of("state", "idle"));
        }
        CompletableFuture.allOf(hellos.toArray(new CompletableFuture[0])).get(30, TimeUnit.SECONDS);
    }

    /** On the socket's loop: an offer, a visitor's message (timed), or anything else (counted). */
    private void event(final String text, final CompletableFuture<Void> hello)
    {
        final JsonNode event;
        try
        {
            event = JSON.readTree(text);
        }
        catch (final Exception ex)
        {
            others.incrementAndGet();
            return;
        }
        final String type = event.path("type").asText();
        if ("chat.message".equals(type) && "visitor".equals(event.path("from").asText()))
        {
            latencies.received(event.path("text").asText());
        }
        else if ("chat.offer".equals(type))
        {
            offers.incrementAndGet();
            serving.put(event.path("session").asLong(), event.path("staffNo").asText());
        }
        else if ("chat.transferred".equals(type))
        {
            serving.put(event.path("session").asLong(), event.path("staffNo").asText());
        }
        else if ("hello".equals(type))
        {
            hello.complete(null);
        }
        else
        {
            others.incrementAndGet();
        }
    }

    /** The sessions and their serving agents as last heard (live view). */
    Map<Long, String> serving()
    {
        return serving;
    }

    long offers()
    {
        return offers.get();
    }

    long others()
    {
        return others.get();
    }
}

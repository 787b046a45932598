package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** An account's events socket ({@code /api/events?token=}) over a real WebSocket: every event received, in order. */
final class AgentEventsClient implements WebSocket.Listener, AutoCloseable
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private AgentEventsClient()
    {
    }

    /** Opens the socket and waits for the server's greeting, so that nothing published after is missed. */
    static AgentEventsClient open(final int httpPort, final String token) throws Exception
    {
        final AgentEventsClient client = new AgentEventsClient();
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
            .buildAsync(URI.create("ws://127.0.0.1:" + httpPort + "/api/events?token=" + token), client)
            .get(20, TimeUnit.SECONDS);
        client.awaitCount("hello", 1);
        return client;
    }

    @Override
    public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
    {
        partial.append(data);
        if (last)
        {
            try
            {
                received.add(JSON.readTree(partial.toString()));
            }
            catch (final Exception ex)
            {
                received.add(JSON.createObjectNode().put("type", "unreadable").put("text", partial.toString()));
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    /** The events of a type, in the order they came. */
    List<JsonNode> of(final String type)
    {
        return received.stream().filter(e -> type.equals(e.path("type").asText())).toList();
    }

    /** The events whose type starts with {@code prefix}. */
    List<JsonNode> starting(final String prefix)
    {
        return received.stream().filter(e -> e.path("type").asText().startsWith(prefix)).toList();
    }

    /** Waits (bounded, generously) until {@code count} events of the type came; returns them all. */
    List<JsonNode> awaitCount(final String type, final int count) throws Exception
    {
        return Await.until(count + " " + type + " events", Duration.ofSeconds(20), () -> of(type),
            list -> list.size() >= count);
    }

    @Override
    public void close()
    {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(failure -> null);
    }
}

package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/** An account's events socket ({@code /api/events?token=}) over a real WebSocket: every event received, in order. */
final class AgentEventsClient extends JsonSocket
{
    private AgentEventsClient()
    {
    }

    /** Opens the socket and waits for the server's greeting, so that nothing published after is missed. */
    static AgentEventsClient open(final int httpPort, final String token) throws Exception
    {
        final AgentEventsClient client = new AgentEventsClient();
        client.connect(URI.create("ws://127.0.0.1:" + httpPort + "/api/events?token=" + token), null);
        client.awaitCount("hello", 1);
        return client;
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
}

package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A website visitor's widget played over a real WebSocket: what it was sent, in order, and what it sends. */
final class VisitorClient extends JsonSocket
{
    private VisitorClient()
    {
    }

    /** Opens the chat of {@code channel} from a page of {@code origin}; {@code query} adds visitor, seen... */
    static VisitorClient open(final int httpPort, final String origin, final String query) throws Exception
    {
        final VisitorClient client = new VisitorClient();
        client.connect(URI.create("ws://127.0.0.1:" + httpPort + "/chat/ws?" + query), origin);
        return client;
    }

    void send(final String json)
    {
        socket.sendText(json, true).join();
    }

    void text(final String text, final String ref) throws Exception
    {
        final ObjectMapper mapper = JSON;
        send(mapper.writeValueAsString(java.util.Map.of("type", "text", "text", text, "ref", ref)));
    }

    List<JsonNode> received()
    {
        return new ArrayList<>(received);
    }

    /** The texts of the chat messages received, in order. */
    List<String> texts()
    {
        return of("chat.message").stream().map(m -> m.get("text").asText()).toList();
    }

    /** Waits (bounded) until a frame matches; returns it. */
    JsonNode await(final String what, final Predicate<JsonNode> wanted) throws Exception
    {
        return Await.until(what, Duration.ofSeconds(10),
            () -> received.stream().filter(wanted).findFirst().orElse(null), java.util.Objects::nonNull);
    }
}

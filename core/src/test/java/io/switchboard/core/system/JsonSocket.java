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

/** A test's WebSocket of JSON text frames (a visitor's widget, an account's events): what came, in order. */
abstract class JsonSocket implements WebSocket.Listener, AutoCloseable
{
    static final ObjectMapper JSON = new ObjectMapper();

    final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket socket;

    /** Opens {@code uri} with this listener (and the {@code Origin} when given). */
    void connect(final URI uri, final String origin) throws Exception
    {
        final WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(10));
        if (origin != null)
        {
            builder.header("Origin", origin);
        }
        socket = builder.buildAsync(uri, this).get(20, TimeUnit.SECONDS);
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

    /** The close code the server sent, or -1 while open. */
    volatile int closeCode = -1;

    @Override
    public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason)
    {
        closeCode = statusCode;
        return null;
    }

    /** The frames of a type, in order. */
    List<JsonNode> of(final String type)
    {
        return received.stream().filter(f -> type.equals(f.path("type").asText())).toList();
    }

    @Override
    public void close()
    {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(failure -> null);
    }
}

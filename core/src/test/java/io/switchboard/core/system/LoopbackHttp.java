package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 by hand from a chosen loopback source address (127.0.0.x: all of 127/8 is this machine), so that a test
 * can be several clients: the log-in throttle counts per address. One request per connection.
 */
final class LoopbackHttp
{
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A status, the headers (names in lower case) and the JSON body. */
    record Reply(int status, Map<String, String> headers, JsonNode body)
    {
        String error()
        {
            return body.path("error").asText();
        }

        String header(final String name)
        {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final String from;
    private final String to;
    private final int port;

    LoopbackHttp(final String from, final int port)
    {
        this(from, "127.0.0.1", port);
    }

    /** From {@code from} to the server on {@code to} (an address of this machine beyond loopback, for one). */
    LoopbackHttp(final String from, final String to, final int port)
    {
        this.from = from;
        this.to = to;
        this.port = port;
    }

    Reply get(final String path, final String token) throws Exception
    {
        return send("GET", path, Map.of(), token, null);
    }

    Reply post(final String path, final String token, final String json) throws Exception
    {
        return send("POST", path, Map.of(), token, json);
    }

    /** {@code POST /api/login}. */
    Reply login(final String email, final String password) throws Exception
    {
        return post("/api/login", null, JSON.writeValueAsString(Map.of("email", email, "password", password)));
    }

    Reply send(final String method, final String path, final Map<String, String> headers, final String token,
        final String json) throws Exception
    {
        final byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        final StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + to + ":" + port
            + "\r\nConnection: close\r\nContent-Length: " + body.length + "\r\n");
        if (json != null)
        {
            head.append("Content-Type: application/json\r\n");
        }
        if (token != null)
        {
            head.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        try (Socket socket = new Socket())
        {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(to, port), 5000);
            socket.setSoTimeout(10_000);
            final OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return parse(readAll(socket.getInputStream()));
        }
    }

    private static byte[] readAll(final InputStream in) throws Exception
    {
        final ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toByteArray();
    }

    private static Reply parse(final byte[] bytes) throws Exception
    {
        final String text = new String(bytes, StandardCharsets.UTF_8);
        final int end = text.indexOf("\r\n\r\n");
        final String[] lines = text.substring(0, end).split("\r\n");
        final int status = Integer.parseInt(lines[0].split(" ")[1]);
        final Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++)
        {
            final int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                lines[i].substring(colon + 1).trim());
        }
        final String body = text.substring(end + 4);
        if (String.valueOf(headers.get("content-type")).startsWith("text/"))
        {
            // a text answer (the metrics) as one string node
            return new Reply(status, headers, JSON.getNodeFactory().textNode(body));
        }
        return new Reply(status, headers, body.isEmpty() ? JSON.nullNode() : JSON.readTree(body));
    }
}

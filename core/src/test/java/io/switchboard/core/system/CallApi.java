package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The server's HTTP API as the system tests use it: calls, commands on them, media counters. Requests carry a
 * session's bearer token: the demo administrator's unless another account's is given.
 */
final class CallApi
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final long WAIT_MILLIS = 20_000;

    /** A status and a JSON body. */
    record Reply(int status, JsonNode body)
    {
        String error()
        {
            return body.path("error").asText();
        }
    }

    private final int port;
    private final String token;

    /** The API as the demo administrator (signed in now). */
    CallApi(final int port) throws Exception
    {
        this(port, login(port, DemoAccounts.ADMIN, DemoAccounts.ADMIN_PASSWORD));
    }

    /** The API as the account signed in with the token (null: nobody). */
    CallApi(final int port, final String token)
    {
        this.port = port;
        this.token = token;
    }

    /** Signs in ({@code POST /api/login}, which must answer 200) and returns the session token. */
    static String login(final int port, final String email, final String password) throws Exception
    {
        final Reply reply = new CallApi(port, null).post("/api/login", JSON.writeValueAsString(
            Map.of("email", email, "password", password)));
        assertEquals(200, reply.status(), () -> "log-in of " + email + ": " + reply.body());
        return reply.body().get("token").asText();
    }

    /** Hangs up every live call (a test's clean-up: no call outlives the test's phones). */
    void hangUpAll() throws Exception
    {
        for (final JsonNode call : get("/api/calls").body())
        {
            post("/api/calls/" + call.get("id").asLong() + "/hangup", "{}");
        }
    }

    String token()
    {
        return token;
    }

    /** {@code GET /api/agents/{staffNo}}, which must answer 200. */
    JsonNode agent(final String staffNo) throws Exception
    {
        final Reply reply = get("/api/agents/" + staffNo);
        assertEquals(200, reply.status(), () -> staffNo + ": " + reply.body());
        return reply.body();
    }

    /** Waits (bounded) until the agent satisfies the condition; returns it. */
    JsonNode awaitAgent(final String staffNo, final String what, final java.util.function.Predicate<JsonNode> condition)
        throws Exception
    {
        return Await.until(staffNo + " to be " + what, java.time.Duration.ofMillis(WAIT_MILLIS), () -> agent(staffNo),
            condition);
    }

    /** Waits (bounded) until the call from {@code caller} is listed; returns it. */
    JsonNode callFrom(final String caller) throws Exception
    {
        return Await.until("a call from " + caller, java.time.Duration.ofMillis(WAIT_MILLIS), () ->
        {
            for (final JsonNode call : get("/api/calls").body())
            {
                if (caller.equals(call.get("from").asText()))
                {
                    return call;
                }
            }
            return null;
        }, java.util.Objects::nonNull);
    }

    Reply get(final String path) throws Exception
    {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Reply post(final String path, final String json) throws Exception
    {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply put(final String path, final String json) throws Exception
    {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply delete(final String path) throws Exception
    {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /** PATCH with a JSON body. */
    Reply patch(final String path, final String json) throws Exception
    {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    /** DELETE with a JSON body. */
    Reply delete(final String path, final String json) throws Exception
    {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
            .method("DELETE", HttpRequest.BodyPublishers.ofString(json)));
    }

    /** POST with a file as the body (an upload); the answer as JSON. */
    Reply upload(final String path, final byte[] file, final String contentType) throws Exception
    {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(file)));
    }

    /** GET of a file: the response with its bytes and headers. */
    HttpResponse<byte[]> download(final String path) throws Exception
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null)
        {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Any method, with no body. */
    Reply send(final String method, final String path) throws Exception
    {
        return send(HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** {@code POST /api/calls/{id}/{command}} with {"leg": leg}. */
    Reply command(final long id, final String command, final String leg) throws Exception
    {
        return post("/api/calls/" + id + "/" + command, "{\"leg\":\"" + leg + "\"}");
    }

    /** A command that must succeed (200); returns the call as it is afterwards. */
    JsonNode ok(final long id, final String command, final String leg) throws Exception
    {
        final Reply reply = command(id, command, leg);
        assertEquals(200, reply.status(), () -> command + " " + leg + ": " + reply.body());
        return reply.body();
    }

    JsonNode dtmf(final long id, final String leg, final String digits) throws Exception
    {
        final Reply reply = post("/api/calls/" + id + "/dtmf", "{\"leg\":\"" + leg + "\",\"digits\":\"" + digits
            + "\"}");
        assertEquals(200, reply.status(), () -> "dtmf " + leg + " " + digits + ": " + reply.body());
        return reply.body();
    }

    JsonNode call(final long id) throws Exception
    {
        final Reply reply = get("/api/calls/" + id);
        assertEquals(200, reply.status(), () -> "call " + id + ": " + reply.body());
        return reply.body();
    }

    /** Waits (bounded) until the call to {@code extension} is listed and satisfies the condition; returns it. */
    JsonNode awaitCallTo(final String extension, final String what, final Predicate<JsonNode> condition)
        throws Exception
    {
        return Await.until("the call to " + extension + " to be " + what, () ->
        {
            for (final JsonNode call : get("/api/calls").body())
            {
                if (extension.equals(call.path("to").asText()))
                {
                    if (condition.test(call))
                    {
                        return call;
                    }
                }
            }
            return null;
        }, java.util.Objects::nonNull);
    }

    /** Waits (bounded) until the call satisfies the condition; returns it. */
    JsonNode awaitCall(final long id, final String what, final Predicate<JsonNode> condition) throws Exception
    {
        return Await.until("call " + id + " to be " + what, () -> call(id), condition);
    }

    /** {@code media} of {@code GET /api/counters}. */
    JsonNode media() throws Exception
    {
        return get("/api/counters").body().get("media");
    }

    /** Waits (bounded) until no RTP port is in use and every media session opened was closed. */
    JsonNode awaitMediaIdle() throws Exception
    {
        return Await.until("the media released after the calls ended", this::media,
            media -> media.get("portsInUse").asLong() == 0
                && media.get("sessionsOpened").asLong() == media.get("sessionsClosed").asLong());
    }

    private URI uri(final String path)
    {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private Reply send(final HttpRequest.Builder request) throws Exception
    {
        if (token != null)
        {
            request.header("Authorization", "Bearer " + token);
        }
        final HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        final String body = response.body();
        return new Reply(response.statusCode(), body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body));
    }

    /** The texts of a JSON array, in order. */
    static java.util.List<String> texts(final JsonNode list)
    {
        final java.util.List<String> texts = new java.util.ArrayList<>();
        list.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}

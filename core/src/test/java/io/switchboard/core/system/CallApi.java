package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** The server's HTTP API as the media system tests use it: calls, commands on them, media counters. */
final class CallApi
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final long WAIT_MILLIS = 10_000;

    /** A status and a JSON body. */
    record Reply(int status, JsonNode body)
    {
        String error()
        {
            return body.path("error").asText();
        }
    }

    private final int port;

    CallApi(final int port)
    {
        this.port = port;
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
        final long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000L;
        JsonNode last = agent(staffNo);
        while (!condition.test(last))
        {
            if (System.nanoTime() > deadline)
            {
                fail("timed out waiting for " + staffNo + " to be " + what + "; last seen: " + last);
            }
            Thread.sleep(20);
            last = agent(staffNo);
        }
        return last;
    }

    /** Waits (bounded) until the call from {@code caller} is listed; returns it. */
    JsonNode callFrom(final String caller) throws Exception
    {
        final long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000L;
        while (System.nanoTime() < deadline)
        {
            for (final JsonNode call : get("/api/calls").body())
            {
                if (caller.equals(call.get("from").asText()))
                {
                    return call;
                }
            }
            Thread.sleep(20);
        }
        return fail("timed out waiting for a call from " + caller);
    }

    Reply get(final String path) throws Exception
    {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    Reply post(final String path, final String json) throws Exception
    {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)).build());
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
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        JsonNode last = null;
        while (System.nanoTime() < deadline)
        {
            for (final JsonNode call : get("/api/calls").body())
            {
                if (extension.equals(call.path("to").asText()))
                {
                    last = call;
                    if (condition.test(call))
                    {
                        return call;
                    }
                }
            }
            Thread.sleep(20);
        }
        return fail("timed out waiting for the call to " + extension + " to be " + what + "; last seen: " + last);
    }

    /** Waits (bounded) until the call satisfies the condition; returns it. */
    JsonNode awaitCall(final long id, final String what, final Predicate<JsonNode> condition) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        JsonNode call = call(id);
        while (!condition.test(call))
        {
            if (System.nanoTime() > deadline)
            {
                fail("timed out waiting for call " + id + " to be " + what + "; last seen: " + call);
            }
            Thread.sleep(20);
            call = call(id);
        }
        return call;
    }

    /** {@code media} of {@code GET /api/counters}. */
    JsonNode media() throws Exception
    {
        return get("/api/counters").body().get("media");
    }

    /** Waits (bounded) until no RTP port is in use and every media session opened was closed. */
    JsonNode awaitMediaIdle() throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        JsonNode media = media();
        while (media.get("portsInUse").asLong() != 0
            || media.get("sessionsOpened").asLong() != media.get("sessionsClosed").asLong())
        {
            if (System.nanoTime() > deadline)
            {
                fail("media not released after the calls ended: " + media);
            }
            Thread.sleep(20);
            media = media();
        }
        return media;
    }

    private URI uri(final String path)
    {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static Reply send(final HttpRequest request) throws Exception
    {
        final HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        final String body = response.body();
        return new Reply(response.statusCode(), body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body));
    }
}

package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The agents' WebSocket ({@code /api/events}) through the running server: an agent signs in, opens its socket, goes
 * idle; a SIPp caller rings the queue; the socket shows the offer (caller, number, ring countdown, the screen-pop
 * page filled in), the states, the connection and the end of the call. Another agent's socket sees none of it, and
 * a socket without a session is refused.
 */
@Timeout(60)
@ServerSystemTest.Tenant(EventsSystemTest.TENANT)
class EventsSystemTest extends ServerSystemTest
{
    static final String TENANT = """
        , "acd": { "ringTimeoutSeconds": 5, "wrapUpSeconds": 2,
            "groups": [ { "name": "support" } ],
            "agents": [ { "staffNo": "A1", "name": "Agent One", "extension": "1001", "groups": ["support"] },
                        { "staffNo": "A2", "name": "Agent Two", "extension": "1002", "groups": ["support"] } ],
            "numbers": [ { "number": "4000", "group": "support" } ] },
          "screenPops": [ { "name": "CRM", "url": "https://crm.example/find?phone={caller}&call={callId}" },
                          { "name": "Off", "url": "https://off.example/", "enabled": false } ]
        """;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<Sipp> sipps = new ArrayList<>();
    private final List<WebSocket> sockets = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception
    {
        for (final WebSocket socket : sockets)
        {
            socket.abort();
        }
        for (final Sipp sipp : sipps)
        {
            if (sipp.await(10) != 0)
            {
                sipp.kill();
            }
        }
        awaitNoActiveCalls();
    }

    @Test
    void anAgentSeesItsOfferedCallItsStatesAndTheCallsProgress() throws Exception
    {
        final String token = login("1001@demo.switchboard", "Demo#1001");
        final List<JsonNode> mine = open(token);
        final List<JsonNode> other = open(login("1002@demo.switchboard", "Demo#1002"));
        assertEquals("A1", await(mine, "hello", e -> "hello".equals(e.path("type").asText())).get("agent").asText());
        await(other, "hello", e -> "hello".equals(e.path("type").asText()));

        final int phonePort = registerPhone("events", "1001");
        final Sipp phone = Sipp.scenario("events-phone-1001", "acd/agent-answer.xml").port(phonePort)
            .arg("-mp", Integer.toString(Sipp.freeMediaPort())).start(0);
        sipps.add(phone);
        assertEquals(200, post(token, "/api/agents/A1/state", "{\"state\":\"idle\"}"));
        await(mine, "idle", e -> "state".equals(e.path("type").asText()) && "idle".equals(e.path("state").asText()));

        final Sipp caller = Sipp.scenario("events-caller-1011", "acd/caller.xml").credentials("1011", "demo-1011")
            .service("4000").port(Sipp.freeUdpPort()).arg("-mp", Integer.toString(Sipp.freeMediaPort()))
            .start(server.sipUdpPort());
        sipps.add(caller);
        final JsonNode offer = await(mine, "the offer", e -> "offer".equals(e.path("type").asText()));
        assertEquals("1011", offer.get("caller").asText(), offer::toString);
        assertEquals("4000", offer.get("number").asText(), offer::toString);
        assertEquals(5, offer.get("ringSeconds").asInt(), offer::toString);
        final long call = offer.get("call").asLong();
        assertEquals(1, offer.get("screenPops").size(), "only the enabled page: " + offer);
        assertEquals("https://crm.example/find?phone=1011&call=" + call,
            offer.at("/screenPops/0/url").asText(), offer::toString);
        await(mine, "ringing", e -> "ringing".equals(e.path("state").asText()));
        assertEquals(call, await(mine, "connected", e -> "connected".equals(e.path("type").asText()))
            .get("call").asLong());
        await(mine, "on call", e -> "on-call".equals(e.path("state").asText()));

        assertEquals(200, post(token, "/api/calls/" + call + "/hangup", "{}"));
        await(mine, "ended", e -> "ended".equals(e.path("type").asText()) && e.get("call").asLong() == call);
        final JsonNode wrapUp = await(mine, "wrap-up", e -> "wrap-up".equals(e.path("state").asText()));
        assertEquals(2, wrapUp.get("wrapUpSeconds").asInt(), wrapUp::toString);
        await(mine, "idle again after the wrap-up", e -> "idle".equals(e.path("state").asText())
            && mine.stream().filter(i -> "idle".equals(i.path("state").asText())).count() >= 2);
        synchronized (other)
        {
            for (final JsonNode event : other)
            {
                assertTrue(!"A1".equals(event.path("agent").asText()), "A2 sees none of A1's events: " + event);
            }
        }
        assertEquals(200, post(token, "/api/agents/A1/state", "{\"state\":\"offline\"}"));
    }

    @Test
    void aSocketWithoutASessionIsRefused() throws Exception
    {
        for (final String query : List.of("", "?token=not-a-session"))
        {
            refused(query);
        }
    }

    private static void refused(final String query) throws Exception
    {
        final CompletableFuture<WebSocket> bad = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:"
            + server.httpPort() + "/api/events" + query), new WebSocket.Listener()
            {
            });
        try
        {
            bad.get(10, TimeUnit.SECONDS);
            fail("a socket opened without a session: " + query);
        }
        catch (final java.util.concurrent.ExecutionException expected)
        {
            assertTrue(expected.getCause() instanceof java.net.http.WebSocketHandshakeException refusal
                && refusal.getResponse().statusCode() == 401, expected.getCause()::toString);
        }
    }

    private String login(final String email, final String password) throws Exception
    {
        final HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + server.httpPort() + "/api/login")).POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email
            + "\",\"password\":\"" + password + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reply.statusCode(), reply::body);
        return JSON.readTree(reply.body()).get("token").asText();
    }

    private int post(final String token, final String path, final String body) throws Exception
    {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
            .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** The agent's socket; its events, parsed, in the order they came. */
    private List<JsonNode> open(final String token) throws Exception
    {
        final List<JsonNode> events = java.util.Collections.synchronizedList(new ArrayList<>());
        final WebSocket socket = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:"
            + server.httpPort() + "/api/events?token=" + token), new WebSocket.Listener()
            {
                private final StringBuilder text = new StringBuilder();

                @Override
                public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data,
                    final boolean last)
                {
                    text.append(data);
                    if (last)
                    {
                        try
                        {
                            events.add(JSON.readTree(text.toString()));
                        }
                        catch (final Exception ex)
                        {
                            events.add(JSON.createObjectNode().put("type", "unreadable").put("text", text.toString()));
                        }
                        text.setLength(0);
                    }
                    webSocket.request(1);
                    return null;
                }
            }).get(10, TimeUnit.SECONDS);
        sockets.add(socket);
        return events;
    }

    /**
     * Waits (bounded) until an event that matches has come, whenever it came: events from the calls and from the
     * ACD travel different paths, so their order between the two is not promised.
     */
    private static JsonNode await(final List<JsonNode> events, final String what, final Predicate<JsonNode> condition)
        throws Exception
    {
        final List<JsonNode> seen = Await.until("a " + what + " event", () ->
        {
            synchronized (events)
            {
                return List.copyOf(events);
            }
        }, list -> list.stream().anyMatch(condition));
        return seen.stream().filter(condition).findFirst().orElseThrow();
    }
}

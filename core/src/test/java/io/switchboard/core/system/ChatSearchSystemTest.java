package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Message search over real sockets (spec §10, issue 16): A2 serves a live session, A1 served one that ended (its
 * record holds the transcript, with an image). The administrator finds both, newest first; each agent finds its own
 * only and may not ask for another's; the kind and date filters narrow the results; bad parameters are refused.
 */
@Timeout(120)
@ServerSystemTest.Tenant(ChatFilesSystemTest.TENANT)
class ChatSearchSystemTest extends ServerSystemTest
{
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final byte[] PNG = {(byte)0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D',
        'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0};

    @Test
    void anAgentFindsItsOwnMessagesAndAnAdministratorEveryonesLiveAndEnded() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        final long start = System.currentTimeMillis();
        registerPhone("chat-search", "1002");
        assertEquals(200, admin.post("/api/agents/A2/state", "{\"state\":\"idle\"}").status());
        final VisitorClient live = asksForAPerson("visitor-search-live-01");
        final long liveSession = served(admin, "A2");
        live.text("Where is my INVOICE please?", "q1");
        live.await("ack q1", f -> "q1".equals(f.path("ref").asText()));
        final CallApi.Reply away = admin.post("/api/agents/A2/state", "{\"state\":\"break\",\"reason\":\"rest\"}");
        assertEquals(200, away.status(), away.body()::toString);

        registerPhone("chat-search", "1001");
        assertEquals(200, admin.post("/api/agents/A1/state", "{\"state\":\"idle\"}").status());
        final VisitorClient ended = asksForAPerson("visitor-search-ended-01");
        final long endedSession = served(admin, "A1");
        assertEquals(200, admin.post("/api/agents/A1/chats/" + endedSession + "/messages",
            "{\"text\":\"Your invoice number is 42, sent by e-mail today.\"}").status());
        final String a1 = CallApi.login(server.httpPort(), DemoAccounts.email("1001"), DemoAccounts.password("1001"));
        final HttpResponse<String> image = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + server.httpPort() + "/api/agents/A1/chats/" + endedSession + "/files?kind=image&name=invoice.png"))
            .timeout(WAIT).header("Authorization", "Bearer " + a1)
            .POST(HttpRequest.BodyPublishers.ofByteArray(PNG)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, image.statusCode(), image.body());
        assertEquals(200, admin.post("/api/agents/A1/chats/" + endedSession + "/end", "{}").status());
        ended.await("wrap-up", f -> "wrap-up".equals(f.path("state").asText()));
        Await.until("the ended chat's record", WAIT, () -> admin.get("/api/records/chat-" + endedSession).status(),
            status -> status == 200);

        final JsonNode all = search(admin, "q=invoice").get("results");
        assertEquals(3, all.size(), all::toString);
        assertEquals(Set.of(liveSession, endedSession), sessions(all));
        for (int i = 1; i < all.size(); i++)
        {
            assertTrue(all.get(i - 1).get("at").asLong() >= all.get(i).get("at").asLong(), "newest first: " + all);
        }
        final JsonNode liveHit = only(all, liveSession);
        assertTrue(liveHit.get("live").asBoolean(), liveHit::toString);
        assertTrue(liveHit.get("recordId").isNull());
        assertEquals("visitor", liveHit.get("from").asText());
        assertEquals("visitor-search-live-01", liveHit.get("visitorId").asText());
        assertTrue(liveHit.get("snippet").asText().contains("INVOICE"), liveHit::toString);

        final CallApi agentOne = new CallApi(server.httpPort(), a1);
        final JsonNode own = search(agentOne, "q=invoice").get("results");
        assertEquals(Set.of(endedSession), sessions(own), own::toString);
        assertEquals(2, own.size(), own::toString);
        assertEquals("chat-" + endedSession, own.get(0).get("recordId").asText());
        final CallApi agentTwo = new CallApi(server.httpPort(), CallApi.login(server.httpPort(),
            DemoAccounts.email("1002"), DemoAccounts.password("1002")));
        assertEquals(Set.of(liveSession), sessions(search(agentTwo, "q=invoice").get("results")));
        assertEquals(403, agentOne.get("/api/chat-messages?q=invoice&agent=A2").status());
        assertEquals(Set.of(liveSession), sessions(search(admin, "q=invoice&agent=A2").get("results")));

        final JsonNode images = search(admin, "kind=image").get("results");
        assertEquals(1, images.size(), images::toString);
        assertEquals("invoice.png", images.get(0).get("snippet").asText());
        assertEquals("chat-" + endedSession, images.get(0).get("recordId").asText());
        assertEquals(0, search(admin, "q=invoice&kind=file").get("results").size());
        assertEquals(2, search(admin, "q=invoice&kind=text").get("results").size());
        assertEquals(0, search(admin, "q=invoice&to=" + start).get("results").size());
        assertEquals(0, search(admin, "q=invoice&from=" + (System.currentTimeMillis() + 60_000)).get("results")
            .size());
        assertEquals(3, search(admin, "q=invoice&from=" + URLEncoder.encode(java.time.Instant.ofEpochMilli(start)
            .toString(), StandardCharsets.UTF_8)).get("results").size());

        for (final String bad : List.of("", "q=", "q=x&kind=video", "q=x&colour=red", "q=x&from=yesterday"))
        {
            final CallApi.Reply refused = admin.get("/api/chat-messages?" + bad);
            assertEquals(400, refused.status(), bad);
            assertEquals("bad_request", refused.body().get("error").asText());
        }
        assertEquals(401, HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort()
            + "/api/chat-messages?q=invoice")).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        live.close();
        ended.close();
    }

    private static JsonNode search(final CallApi api, final String query) throws Exception
    {
        final CallApi.Reply reply = api.get("/api/chat-messages?" + query);
        assertEquals(200, reply.status(), reply.body()::toString);
        assertFalse(reply.body().get("partial").asBoolean());
        return reply.body();
    }

    private static Set<Long> sessions(final JsonNode results)
    {
        final Set<Long> ids = new HashSet<>();
        results.forEach(hit -> ids.add(hit.get("sessionId").asLong()));
        return ids;
    }

    private static JsonNode only(final JsonNode results, final long session)
    {
        JsonNode found = null;
        for (final JsonNode hit : results)
        {
            if (hit.get("sessionId").asLong() == session)
            {
                assertTrue(found == null, "one hit of session " + session + ": " + results);
                found = hit;
            }
        }
        assertTrue(found != null, results::toString);
        return found;
    }

    private static VisitorClient asksForAPerson(final String visitorId) throws Exception
    {
        final VisitorClient visitor = VisitorClient.open(server.httpPort(), "http://127.0.0.1",
            "channel=shop&visitor=" + visitorId);
        visitor.await("the menu", f -> "1 人工".equals(f.path("text").asText()));
        visitor.text("1", "r1");
        visitor.await("ack", f -> "r1".equals(f.path("ref").asText()));
        return visitor;
    }

    private static long served(final CallApi admin, final String staffNo) throws Exception
    {
        return Await.until("a session served by " + staffNo, WAIT, () ->
        {
            for (final JsonNode chat : admin.get("/api/agents/" + staffNo + "/chats").body())
            {
                if ("serving".equals(chat.path("state").asText()))
                {
                    return chat;
                }
            }
            return null;
        }, Objects::nonNull).get("session").asLong();
    }
}

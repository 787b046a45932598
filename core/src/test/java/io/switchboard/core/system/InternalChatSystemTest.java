package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Internal chat between agents (spec §8) over real sockets: A1 and A2 exchange messages, which arrive once each, in
 * id order, as events on both their sockets and on nobody else's (not A3's, not the administrator's); A3 can read
 * none of them (403) and has no conversation; unread counts follow reads, a hidden conversation comes back with the
 * next message; bad input is a 400/404; after a restart on the same data directory the history, the read markers
 * and a hide are there and new ids continue. Every check of something asynchronous waits for the final state.
 */
@Timeout(180)
@ServerSystemTest.Tenant(InternalChatSystemTest.TENANT)
class InternalChatSystemTest extends ServerSystemTest
{
    static final String TENANT = """
        , "acd": { "groups": [ { "name": "support" } ],
                   "agents": [ { "staffNo": "A1", "name": "Ada One", "extension": "1001", "groups": ["support"] },
                               { "staffNo": "A2", "name": "Bo Two", "extension": "1002", "groups": ["support"] },
                               { "staffNo": "A3", "name": "Cy Three", "extension": "1003", "groups": ["support"] } ] }
        """;
    private static final Duration LONG = Duration.ofSeconds(20);
    private static final String A1_A2 = "/api/agents/A1/internal/A2";
    private static final String A2_A1 = "/api/agents/A2/internal/A1";

    @Test
    void twoAgentsChatPrivatelyInOrderWithUnreadCountsHidingAndHistoryAfterARestart() throws Exception
    {
        final CallApi one = agent("1001");
        final CallApi two = agent("1002");
        final CallApi three = agent("1003");
        final CallApi admin = new CallApi(server.httpPort());
        try (AgentEventsClient oneEvents = AgentEventsClient.open(server.httpPort(), one.token());
            AgentEventsClient twoEvents = AgentEventsClient.open(server.httpPort(), two.token());
            AgentEventsClient threeEvents = AgentEventsClient.open(server.httpPort(), three.token());
            AgentEventsClient adminEvents = AgentEventsClient.open(server.httpPort(), admin.token()))
        {
            for (final String text : List.of("one", "two", "three"))
            {
                send(one, A1_A2, text);
            }
            // A2's socket: every message once, in order (waited for until all three came)
            assertEquals(List.of(1L, 2L, 3L), ids(twoEvents.awaitCount("internal.message", 3)));
            assertEquals(List.of(1L, 2L, 3L), ids(oneEvents.awaitCount("internal.message", 3)));
            final JsonNode lastSeen = twoEvents.of("internal.message").get(2);
            assertEquals("A1", lastSeen.get("from").asText(), lastSeen::toString);
            assertEquals("A1", lastSeen.get("peer").asText());
            assertEquals(3, lastSeen.get("unread").asInt(), lastSeen::toString);

            final JsonNode listed = conversation(two, "A2", "A1");
            assertEquals(3, listed.get("unread").asInt(), listed::toString);
            assertEquals("Ada One", listed.get("peerName").asText());
            assertEquals("three", listed.get("lastMessage").get("text").asText());
            assertEquals(0, conversation(one, "A1", "A2").get("unread").asInt(), "its own messages are read");

            // A2 reads up to 2, then answers: its answer reads the rest; A1 has one unread
            final CallApi.Reply read = two.post(A2_A1 + "/read", "{\"upTo\":2}");
            assertEquals(200, read.status(), read.body()::toString);
            assertEquals(1, read.body().get("unread").asInt(), read.body()::toString);
            assertEquals(4, send(two, A2_A1, "four").get("id").asLong());
            assertEquals(List.of(1L, 2L, 3L, 4L), ids(oneEvents.awaitCount("internal.message", 4)));
            assertEquals(List.of(1L, 2L, 3L, 4L), ids(twoEvents.awaitCount("internal.message", 4)));
            assertEquals(0, conversation(two, "A2", "A1").get("unread").asInt());
            assertEquals(403, two.get("/api/agents/A1/internal").status(), "A2 cannot list A1's");
            assertEquals(1, one.get("/api/agents/A1/internal").body().get("unread").asInt());

            refusalsOfOthers(three, threeEvents, adminEvents, admin);
            badInput(one);
            hideAndComeBack(one, two, oneEvents);
        }
        restartKeepsTheHistory();
    }

    /** A3 is no part of A1-A2: it cannot read it, has no conversation, got none of their events; nor did admins. */
    private static void refusalsOfOthers(final CallApi three, final AgentEventsClient threeEvents,
        final AgentEventsClient adminEvents, final CallApi admin) throws Exception
    {
        assertEquals(403, three.get(A1_A2 + "/messages").status());
        assertEquals(403, three.get(A2_A1 + "/messages").status());
        assertEquals(403, three.post(A1_A2 + "/messages", "{\"text\":\"let me in\"}").status());
        assertEquals(403, three.post(A1_A2 + "/hide", "{}").status());
        assertEquals(403, three.get("/api/agents/A1/internal").status());
        final JsonNode mine = three.get("/api/agents/A3/internal").body();
        assertEquals(0, mine.get("conversations").size(), mine::toString);
        assertEquals(List.of(), three.get("/api/agents/A3/internal/A1/messages").body().findValuesAsText("text"));
        assertEquals(List.of(), threeEvents.starting("internal."), "A3 sees nothing of A1 and A2");
        assertEquals(List.of(), adminEvents.starting("internal."), "private to the two agents");
        // an administrator reads any agent's
        final JsonNode all = admin.get(A1_A2 + "/messages").body();
        assertEquals(List.of("one", "two", "three", "four"), all.findValuesAsText("text"));
        assertEquals(List.of("three", "four"), admin.get(A1_A2 + "/messages?after=2").body()
            .findValuesAsText("text"));
    }

    private static void badInput(final CallApi one) throws Exception
    {
        assertEquals(400, one.post(A1_A2 + "/messages", "{\"text\":\"  \"}").status());
        assertEquals(400, one.post(A1_A2 + "/messages", "{\"text\":\"" + "x".repeat(4001) + "\"}").status());
        assertEquals(400, one.post(A1_A2 + "/messages", "not json").status());
        assertEquals(400, one.post("/api/agents/A1/internal/A1/messages", "{\"text\":\"me\"}").status());
        assertEquals(404, one.post("/api/agents/A1/internal/A9/messages", "{\"text\":\"who\"}").status());
        assertEquals(404, one.post("/api/agents/A1/internal/A3/hide", "{}").status(), "nothing to hide");
        assertEquals(400, one.get(A1_A2 + "/messages?after=x").status());
        assertEquals(400, one.post(A1_A2 + "/read", "{\"upTo\":\"x\"}").status());
        assertEquals(4, one.get(A1_A2 + "/messages").body().size(), "nothing of the bad input was kept");
    }

    /** A1 hides the conversation (read, gone from its list, still A2's); A2's next message brings it back. */
    private static void hideAndComeBack(final CallApi one, final CallApi two, final AgentEventsClient oneEvents)
        throws Exception
    {
        final CallApi.Reply hidden = one.post(A1_A2 + "/hide", "");
        assertEquals(200, hidden.status(), hidden.body()::toString);
        assertTrue(hidden.body().get("hidden").asBoolean());
        final JsonNode list = one.get("/api/agents/A1/internal").body();
        assertEquals(0, list.get("conversations").size(), list::toString);
        assertEquals(0, list.get("unread").asInt(), "hiding reads");
        final JsonNode withHidden = one.get("/api/agents/A1/internal?hidden=true").body();
        assertEquals(1, withHidden.get("conversations").size(), withHidden::toString);
        assertTrue(withHidden.get("conversations").get(0).get("hidden").asBoolean());
        assertFalse(conversation(two, "A2", "A1").get("hidden").asBoolean(), "hidden for A1 only");
        oneEvents.awaitCount("internal.hidden", 1);

        assertEquals(5, send(two, A2_A1, "five").get("id").asLong());
        oneEvents.awaitCount("internal.message", 5);
        final JsonNode back = conversation(one, "A1", "A2");
        assertFalse(back.get("hidden").asBoolean(), back::toString);
        assertEquals(1, back.get("unread").asInt());
        assertEquals("five", back.get("lastMessage").get("text").asText());
        // A2 hides it in turn, for the restart to keep
        assertEquals(200, two.post(A2_A1 + "/hide", "{}").status());
    }

    private static void restartKeepsTheHistory() throws Exception
    {
        final String dataDir = server.config().dataDir;
        server.close();
        server = TestServers.start(TENANT, dataDir);
        final CallApi one = agent("1001");
        final CallApi two = agent("1002");
        final JsonNode history = one.get(A1_A2 + "/messages").body();
        assertEquals(List.of("one", "two", "three", "four", "five"), history.findValuesAsText("text"));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), ids(history));
        assertEquals(1, conversation(one, "A1", "A2").get("unread").asInt(), "the read marker is kept");
        assertEquals(0, two.get("/api/agents/A2/internal").body().get("conversations").size(), "A2's hide is kept");
        try (AgentEventsClient oneEvents = AgentEventsClient.open(server.httpPort(), one.token()))
        {
            assertEquals(6, send(two, A2_A1, "six").get("id").asLong(), "ids continue");
            assertEquals(List.of(6L), ids(oneEvents.awaitCount("internal.message", 1)));
        }
        assertEquals(2, conversation(one, "A1", "A2").get("unread").asInt());
        assertEquals(1, two.get("/api/agents/A2/internal").body().get("conversations").size(), "back for A2");
    }

    private static CallApi agent(final String extension) throws Exception
    {
        return new CallApi(server.httpPort(), CallApi.login(server.httpPort(), DemoAccounts.email(extension),
            DemoAccounts.password(extension)));
    }

    /** Sends (200 once journalled) and returns the message. */
    private static JsonNode send(final CallApi api, final String conversation, final String text) throws Exception
    {
        final CallApi.Reply reply = api.post(conversation + "/messages", "{\"text\":\"" + text + "\"}");
        assertEquals(200, reply.status(), reply.body()::toString);
        assertEquals(text, reply.body().get("text").asText());
        return reply.body();
    }

    /** {@code staffNo}'s conversation with {@code peer} from its list (hidden ones too). */
    private static JsonNode conversation(final CallApi api, final String staffNo, final String peer)
        throws Exception
    {
        return Await.until(staffNo + "'s conversation with " + peer, LONG, () ->
        {
            for (final JsonNode c : api.get("/api/agents/" + staffNo + "/internal?hidden=true").body()
                .path("conversations"))
            {
                if (peer.equals(c.path("peer").asText()))
                {
                    return c;
                }
            }
            return null;
        }, java.util.Objects::nonNull);
    }

    private static List<Long> ids(final Iterable<JsonNode> messages)
    {
        final List<Long> ids = new ArrayList<>();
        messages.forEach(m -> ids.add(m.get("id").asLong()));
        return ids;
    }
}

package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chats changing hands over real sockets (issue 16): the reception switch stops new sessions, a transfer to a colleague
 * who cannot take it is refused and leaves the session with the agent, a transfer with a note moves it with its
 * history (the visitor told the new staff number, the old agent no longer reaching it), a transfer to a group; a
 * visitor waiting while everyone is full sits in the pool with what it wrote, and of two agents picking it at once
 * one wins and the other is told.
 */
@Timeout(120)
@ServerSystemTest.Tenant(ChatTransferSystemTest.TENANT)
class ChatTransferSystemTest extends ServerSystemTest
{
    static final String TENANT = """
        , "acd": { "chatAutoAccept": true,
                   "groups": [ { "name": "support", "concurrency": 1, "chatAcceptTimeoutSeconds": 0 },
                               { "name": "sales", "concurrency": 1, "chatAcceptTimeoutSeconds": 0 } ],
                   "agents": [ { "staffNo": "A1", "extension": "1001", "groups": ["support"] },
                               { "staffNo": "A2", "extension": "1002", "groups": ["support"] },
                               { "staffNo": "A3", "extension": "1003", "groups": ["sales"] },
                               { "staffNo": "A4", "extension": "1004", "groups": ["support"] } ] }
        , "chat": { "flowsDir": "src/test/resources/chat-flows",
                    "channels": [ { "name": "shop", "domain": "127.0.0.1", "flow": "shop" } ] }
        """;
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void receptionOffThenATransferRefusedThenOneWithANoteThenToAGroup() throws Exception
    {
        final CallApi admin = online("A1", "A2", "A3");
        set(admin, "A4", "offline");
        assertEquals(200, admin.post("/api/agents/A2/reception", "{\"on\":false}").status());
        assertFalse(admin.agent("A2").get("chatReception").asBoolean());

        final VisitorClient visitor = asksForAPerson("visitor-transfer-000001");
        final long session = servedBy(admin, "A1");
        assertTrue(admin.get("/api/agents/A2/chats").body().isEmpty(), "reception off: nothing offered to A2");

        final CallApi.Reply refused = admin.post("/api/agents/A1/chats/" + session + "/transfer",
            "{\"toAgent\":\"A2\",\"note\":\"refund\"}");
        assertEquals(409, refused.status(), refused.body()::toString);
        assertEquals("no_agent", refused.error());
        assertEquals(session, servedBy(admin, "A1"), "still A1's");
        assertEquals(400, admin.post("/api/agents/A1/chats/" + session + "/transfer",
            "{\"toAgent\":\"A2\",\"toGroup\":\"sales\"}").status(), "one target only");
        assertEquals(404, admin.post("/api/agents/A1/chats/" + session + "/transfer",
            "{\"toAgent\":\"nobody\"}").status());

        assertEquals(200, admin.post("/api/agents/A2/reception", "{\"on\":true}").status());
        final CallApi.Reply moved = admin.post("/api/agents/A1/chats/" + session + "/transfer",
            "{\"toAgent\":\"A2\",\"note\":\"wants a refund\"}");
        assertEquals(200, moved.status(), moved.body()::toString);
        final JsonNode atA2 = Await.until("the session at A2", WAIT, () -> first(admin, "A2"), Objects::nonNull);
        assertEquals("wants a refund", atA2.get("transferNote").asText());
        assertEquals("A1", atA2.get("transferredBy").asText());
        assertEquals(List.of("A1", "A2"), texts(atA2.get("servedBy")));
        visitor.await("the new agent's staff number", f -> "客服A2为您服务".equals(f.path("text").asText()));
        final JsonNode history = admin.get("/api/agents/A2/chats/" + session + "/messages").body();
        assertTrue(texts(history).contains("1"), "the whole history, the visitor's first reply included: " + history);
        assertEquals(404, admin.get("/api/agents/A1/chats/" + session + "/messages").status(), "no longer A1's");
        assertEquals(0, admin.agent("A1").get("openChats").asInt(), "A1's place is free");

        assertEquals(200, admin.post("/api/agents/A2/chats/" + session + "/transfer", "{\"toGroup\":\"sales\"}")
            .status());
        Await.until("the session at A3", WAIT, () -> first(admin, "A3"), Objects::nonNull);
        visitor.await("A3's staff number", f -> "客服A3为您服务".equals(f.path("text").asText()));
        visitor.close();
    }

    @Test
    void aVisitorWaitsInThePoolWithWhatItWroteAndOfTwoPicksOneWins() throws Exception
    {
        final CallApi admin = online("A1", "A2", "A4");
        final VisitorClient servedOne = asksForAPerson("visitor-pool-00000001");
        final VisitorClient otherOne = asksForAPerson("visitor-pool-00000002");
        Await.until("both served", WAIT, () -> admin.get("/api/agents/A1/chats").body().size()
            + admin.get("/api/agents/A2/chats").body().size() + admin.get("/api/agents/A4/chats").body().size(),
            n -> n == 2);
        final String free = admin.get("/api/agents/A1/chats").body().isEmpty() ? "A1"
            : admin.get("/api/agents/A2/chats").body().isEmpty() ? "A2" : "A4";
        set(admin, free, "break");

        final VisitorClient waiting = asksForAPerson("visitor-pool-00000003");
        waiting.text("还在吗？", "w1");
        waiting.await("ack", f -> "w1".equals(f.path("ref").asText()));
        final JsonNode pool = Await.until("the pool", WAIT, () -> admin.get("/api/agents/A1/pool").body(),
            rows -> rows.size() == 1 && "还在吗？".equals(rows.get(0).path("lastMessage").asText()));
        final long session = pool.get(0).get("session").asLong();
        assertEquals(2, pool.get(0).get("visitorMessages").asInt(), pool::toString);
        assertTrue(admin.get("/api/agents/A3/pool").body().isEmpty(), "not in A3's groups");

        final String other = "A4".equals(free) ? "A2" : "A4";
        set(admin, other, "break");
        final CompletableFuture<CallApi.Reply> one = CompletableFuture.supplyAsync(() -> pick(admin, free, session));
        final CompletableFuture<CallApi.Reply> two = CompletableFuture.supplyAsync(() -> pick(admin, other, session));
        final List<Integer> statuses = List.of(one.join().status(), two.join().status());
        assertTrue(statuses.contains(200) && statuses.contains(409), "one wins, the other is told: " + statuses);
        final String winner = one.join().status() == 200 ? free : other;
        final JsonNode messages = admin.get("/api/agents/" + winner + "/chats/" + session + "/messages").body();
        assertTrue(texts(messages).contains("还在吗？"), "what the visitor wrote while waiting: " + messages);
        assertTrue(admin.get("/api/agents/A1/pool").body().isEmpty());
        List.of(servedOne, otherOne, waiting).forEach(VisitorClient::close);
    }

    @Test
    void withTheGroupsPoolOnAVisitorWaitsWhileNobodyIsOnlineAndTheFirstAgentOnlineTakesIt() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        for (final String agent : List.of("A1", "A2", "A4"))
        {
            set(admin, agent, "offline");
        }
        final CallApi.Reply pooled = admin.post("/api/groups/support", "{\"chatPool\":true}");
        assertEquals(200, pooled.status(), pooled.body()::toString);
        assertTrue(pooled.body().get("chatPool").asBoolean());
        assertEquals(400, admin.post("/api/groups/support", "{\"chatPool\":\"yes\"}").status());
        try
        {
            final VisitorClient visitor = asksForAPerson("visitor-pool-after-hours1");
            visitor.await("queued, not refused", f -> "queued".equals(f.path("state").asText()));
            assertFalse(visitor.texts().contains("无人在线"), "no failure message: it waits in the pool");
            final JsonNode pool = admin.get("/api/agents/A1/pool").body();
            assertEquals(1, pool.size(), pool::toString);

            registerPhone("chat-pool", "1001");
            set(admin, "A1", "idle");
            Await.until("served by the first agent online", WAIT, () -> first(admin, "A1"), Objects::nonNull);
            visitor.await("A1's staff number", f -> "客服A1为您服务".equals(f.path("text").asText()));
            visitor.close();
        }
        finally
        {
            admin.post("/api/groups/support", "{\"chatPool\":false}");
        }
    }

    /** Every session ended and finished: the next test starts with free agents (the server is the class's). */
    @org.junit.jupiter.api.AfterEach
    void finishAll() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        for (final String agent : List.of("A1", "A2", "A3", "A4"))
        {
            for (final JsonNode chat : admin.get("/api/agents/" + agent + "/chats").body())
            {
                final String base = "/api/agents/" + agent + "/chats/" + chat.get("session").asLong();
                admin.post(base + "/end", "{}");
                admin.post(base + "/finish", "{}");
            }
            Await.until(agent + " free", WAIT, () -> admin.agent(agent).get("openChats").asInt(), n -> n == 0);
        }
    }

    private CallApi online(final String... agents) throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        for (final String agent : agents)
        {
            registerPhone("chat-transfer", "100" + agent.substring(1));
            set(admin, agent, "idle");
        }
        return admin;
    }

    private static void set(final CallApi admin, final String agent, final String state) throws Exception
    {
        final CallApi.Reply reply = admin.post("/api/agents/" + agent + "/state", "{\"state\":\"" + state + "\""
            + ("break".equals(state) ? ",\"reason\":\"rest\"" : "") + "}");
        assertTrue(reply.status() == 200 || reply.status() == 409, reply.body()::toString);
    }

    private VisitorClient asksForAPerson(final String visitorId) throws Exception
    {
        final VisitorClient visitor = VisitorClient.open(server.httpPort(), "http://127.0.0.1",
            "channel=shop&visitor=" + visitorId);
        visitor.await("the menu", f -> "1 人工".equals(f.path("text").asText()));
        visitor.text("1", "r1");
        visitor.await("ack", f -> "r1".equals(f.path("ref").asText()));
        return visitor;
    }

    private static long servedBy(final CallApi admin, final String agent) throws Exception
    {
        return Await.until("a session served by " + agent, WAIT, () -> first(admin, agent), Objects::nonNull)
            .get("session").asLong();
    }

    private static JsonNode first(final CallApi admin, final String agent) throws Exception
    {
        final JsonNode chats = admin.get("/api/agents/" + agent + "/chats").body();
        return chats.isEmpty() || !"serving".equals(chats.get(0).path("state").asText()) ? null : chats.get(0);
    }

    private static CallApi.Reply pick(final CallApi admin, final String agent, final long session)
    {
        try
        {
            return admin.post("/api/agents/" + agent + "/chats/" + session + "/pick", "{}");
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static List<String> texts(final JsonNode array)
    {
        final List<String> list = new java.util.ArrayList<>();
        array.forEach(node -> list.add(node.isTextual() ? node.asText() : node.path("text").asText()));
        return list;
    }
}

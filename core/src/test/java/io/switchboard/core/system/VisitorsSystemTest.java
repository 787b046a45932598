package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live visitors over real sockets (issue 16, spec §9, §12): a page's presence socket makes the visitor appear in the
 * agents' list (page, title, referrer, not chatting) and closing it makes it go; an agent's invitation reaches the
 * widget, the visitor accepts and the chat it opens is served by the inviter (its owner) although another agent is
 * free; "chat again" from a record invites the visitor while its page is open and answers 409 visitor_offline
 * otherwise; a block (by visitor id, by address) refuses the socket with an error frame and a 1008 close, and it
 * survives a restart until unblocked.
 */
@Timeout(180)
@ServerSystemTest.Tenant(VisitorsSystemTest.TENANT)
class VisitorsSystemTest extends ServerSystemTest
{
    static final String TENANT = """
        , "acd": { "chatAutoAccept": true,
                   "groups": [ { "name": "support", "concurrency": 2, "chatAcceptTimeoutSeconds": 0 } ],
                   "agents": [ { "staffNo": "A1", "extension": "1001", "groups": ["support"] },
                               { "staffNo": "A2", "extension": "1002", "groups": ["support"] } ] }
        , "chat": { "flowsDir": "src/test/resources/chat-flows",
                    "channels": [ { "name": "shop", "domain": "127.0.0.1", "flow": "shop" } ] }
        """;
    private static final String ORIGIN = "http://127.0.0.1";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aVisitorAppearsIsInvitedAcceptsIsServedByTheInviterAndGoesWhenItsPageCloses() throws Exception
    {
        final CallApi admin = online();
        final CallApi two = agent("1002");
        final String id = "visitor-live-000000001";
        final VisitorClient page = presence(id);
        final JsonNode row = Await.until("the visitor listed", WAIT, () -> visitor(two, id), Objects::nonNull);
        assertEquals("shop", row.get("channel").asText());
        assertEquals("http://127.0.0.1/shoes", row.get("page").asText());
        assertEquals("Shoes", row.get("title").asText());
        assertEquals("https://search.example/", row.get("referrer").asText());
        assertFalse(row.get("chatting").asBoolean());
        assertFalse(row.has("address"), "an agent does not see addresses");
        assertEquals("127.0.0.1", visitor(admin, id).get("address").asText(), "an administrator does");

        assertEquals("visitor_offline", two.post("/api/visitors/visitor-nobody-00000001/invite", "{}").error());
        assertEquals(403, admin.post("/api/visitors/" + id + "/invite", "{}").status(), "only an agent invites");
        final CallApi.Reply invited = two.post("/api/visitors/" + id + "/invite", "{\"text\":\"Can I help?\"}");
        assertEquals(200, invited.status(), invited.body()::toString);
        final JsonNode invite = page.await("the invitation", f -> "invite".equals(f.path("type").asText()));
        assertEquals("Can I help?", invite.get("text").asText());
        assertEquals("A2", invite.get("staffNo").asText());
        page.send("{\"type\":\"accept\",\"invite\":" + invite.get("invite").asLong() + "}");
        page.await("accepted", f -> "invite.accepted".equals(f.path("type").asText()));
        page.send("{\"type\":\"accept\",\"invite\":" + invite.get("invite").asLong() + "}");
        page.await("a second answer refused", f -> "unknown_invitation".equals(f.path("error").asText()));

        final VisitorClient chat = VisitorClient.open(server.httpPort(), ORIGIN, "channel=shop&visitor=" + id);
        chat.await("the menu", f -> "1 人工".equals(f.path("text").asText()));
        chat.text("1", "r1");
        chat.await("served by the inviter", f -> "客服A2为您服务".equals(f.path("text").asText()));
        assertTrue(admin.get("/api/agents/A1/chats").body().isEmpty(), "A1 was free, A2 invited: A2 serves");
        Await.until("listed as chatting", WAIT, () -> visitor(two, id), r -> r != null && r.get("chatting")
            .asBoolean());

        page.close();
        chat.close();
        assertNull(Await.until("gone with its page", WAIT, () -> visitor(two, id), Objects::isNull));
    }

    @Test
    void chatAgainInvitesTheVisitorWhileItsPageIsOpenElseVisitorOffline() throws Exception
    {
        final CallApi admin = online();
        final String id = "visitor-again-00000001";
        final VisitorClient chat = VisitorClient.open(server.httpPort(), ORIGIN, "channel=shop&visitor=" + id);
        chat.await("the menu", f -> "1 人工".equals(f.path("text").asText()));
        chat.text("1", "r1");
        final JsonNode served = chat.await("served", f -> f.path("text").asText().startsWith("客服"));
        final String staffNo = served.get("text").asText().substring(2, 4);
        final long session = chat.of("chat.session").get(0).get("session").asLong();
        final String base = "/api/agents/" + staffNo + "/chats/" + session;
        assertEquals(200, admin.post(base + "/end", "{}").status());
        assertEquals(200, admin.post(base + "/finish", "{}").status());
        chat.close();
        final String record = "/api/records/chat-" + session;
        Await.until("the record", WAIT, () -> admin.get(record).status(), status -> status == 200);
        final CallApi servedBy = agent("A1".equals(staffNo) ? "1001" : "1002");
        final CallApi other = agent("A1".equals(staffNo) ? "1002" : "1001");
        Await.until("the visitor gone", WAIT, () -> visitor(admin, id), Objects::isNull);

        final CallApi.Reply offline = servedBy.post(record + "/chat-again", "{}");
        assertEquals(409, offline.status(), offline.body()::toString);
        assertEquals("visitor_offline", offline.error());
        assertEquals(404, other.post(record + "/chat-again", "{}").status(), "not the agent who served it");

        final VisitorClient page = presence(id);
        Await.until("back on the site", WAIT, () -> visitor(admin, id), Objects::nonNull);
        final CallApi.Reply again = servedBy.post(record + "/chat-again", "{}");
        assertEquals(200, again.status(), again.body()::toString);
        final JsonNode invite = page.await("the invitation", f -> "invite".equals(f.path("type").asText()));
        assertEquals(staffNo, invite.get("staffNo").asText());
        assertEquals(200, admin.post(record + "/chat-again", "{\"text\":\"Hi again\"}").status(), "admin too");
        page.await("the admin's", f -> "Hi again".equals(f.path("text").asText()));
        page.close();
    }

    @Test
    void aBlockedVisitorIsRefusedWithAClearFrameAndTheBlockSurvivesARestart() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        final String id = "visitor-blocked-000001";
        final VisitorClient page = presence(id);
        final VisitorClient chat = VisitorClient.open(server.httpPort(), ORIGIN, "channel=shop&visitor=" + id);
        chat.await("the menu", f -> "1 人工".equals(f.path("text").asText()));
        Await.until("listed", WAIT, () -> visitor(admin, id), Objects::nonNull);
        assertEquals(403, agent("1001").post("/api/visitors/block", "{\"visitorId\":\"" + id + "\"}").status());
        assertEquals(400, admin.post("/api/visitors/block", "{\"reason\":\"none named\"}").status());
        final CallApi.Reply blocked = admin.post("/api/visitors/block",
            "{\"visitorId\":\"" + id + "\",\"reason\":\"spam\"}");
        assertEquals(200, blocked.status(), blocked.body()::toString);
        assertEquals(1, blocked.body().get("visitorsClosed").asInt());
        page.await("told", f -> "blocked".equals(f.path("error").asText()));
        Await.until("its socket closed", WAIT, () -> page.closeCode, code -> code == 1008);
        Await.until("its chat closed too", WAIT, () -> chat.closeCode, code -> code == 1008);
        final long session = chat.of("chat.session").get(0).get("session").asLong();
        Await.until("its session ended", WAIT, () -> admin.get("/api/records/chat-" + session).status(),
            status -> status == 200);

        final String dataDir = server.config().dataDir;
        server.close();
        server = TestServers.start(TENANT, dataDir);
        final CallApi api = new CallApi(server.httpPort());
        final JsonNode blocks = api.get("/api/visitors/blocks").body();
        assertEquals("spam", blocks.get(0).get("reason").asText(), blocks::toString);
        assertRefused(VisitorClient.open(server.httpPort(), ORIGIN, "channel=shop&visitor=" + id));

        assertEquals(200, api.post("/api/visitors/unblock", "{\"visitorId\":\"" + id + "\"}").status());
        assertEquals(404, api.post("/api/visitors/unblock", "{\"visitorId\":\"" + id + "\"}").status());
        presence(id).close();

        assertEquals(200, api.post("/api/visitors/block", "{\"address\":\"127.0.0.1\",\"reason\":\"abuse\"}")
            .status());
        try
        {
            assertRefused(VisitorClient.open(server.httpPort(), ORIGIN, "channel=shop&visitor=visitor-other-0001"));
        }
        finally
        {
            assertEquals(200, api.post("/api/visitors/unblock", "{\"address\":\"127.0.0.1\"}").status());
        }
        assertTrue(api.get("/api/visitors/blocks").body().isEmpty());
    }

    private static void assertRefused(final VisitorClient client) throws Exception
    {
        client.await("refused", f -> "blocked".equals(f.path("error").asText()));
        Await.until("closed", WAIT, () -> client.closeCode, code -> code == 1008);
        assertTrue(client.of("hello").isEmpty() && client.of("chat.session").isEmpty(), "no session opened");
    }

    /** Every session ended and finished: the next test starts with free agents. */
    @AfterEach
    void finishAll() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        for (final String agent : List.of("A1", "A2"))
        {
            for (final JsonNode chat : admin.get("/api/agents/" + agent + "/chats").body())
            {
                final String base = "/api/agents/" + agent + "/chats/" + chat.get("session").asLong();
                admin.post(base + "/end", "{}");
                admin.post(base + "/finish", "{}");
            }
        }
    }

    private static VisitorClient presence(final String id) throws Exception
    {
        final VisitorClient page = VisitorClient.open(server.httpPort(), ORIGIN, "channel=shop&presence=1&visitor="
            + id + "&page=http%3A%2F%2F127.0.0.1%2Fshoes&title=Shoes&referrer=https%3A%2F%2Fsearch.example%2F");
        page.await("hello", f -> "hello".equals(f.path("type").asText()));
        return page;
    }

    private static JsonNode visitor(final CallApi api, final String id) throws Exception
    {
        for (final JsonNode row : api.get("/api/visitors").body())
        {
            if (id.equals(row.path("visitorId").asText()))
            {
                return row;
            }
        }
        return null;
    }

    private static CallApi online() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        for (final String agent : List.of("A1", "A2"))
        {
            registerPhone("visitors", "100" + agent.substring(1));
            final CallApi.Reply reply = admin.post("/api/agents/" + agent + "/state", "{\"state\":\"idle\"}");
            assertTrue(reply.status() == 200 || reply.status() == 409, reply.body()::toString);
        }
        return admin;
    }

    private static CallApi agent(final String extension) throws Exception
    {
        return new CallApi(server.httpPort(), CallApi.login(server.httpPort(), DemoAccounts.email(extension),
            DemoAccounts.password(extension)));
    }
}

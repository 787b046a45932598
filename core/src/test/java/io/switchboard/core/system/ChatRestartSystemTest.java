package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live chats survive a server restart, over real sockets: a visitor chats to agent A1 and goes away having seen
 * some messages, A1 writes once more, a second visitor waits at the flow's menu; the server restarts on the same data
 * directory. The first visitor comes back with its id and {@code seen=N} and gets exactly the messages after N
 * (nothing twice, nothing lost), A1's list shows the session served again, and messages go on both ways with the
 * ids after the old ones; the second visitor's answer to the menu works after the restart and it is offered to A1.
 * The flow is {@code src/test/resources/chat-flows/shop.json}.
 */
@Timeout(120)
@ServerSystemTest.Tenant(ChatRestartSystemTest.TENANT)
class ChatRestartSystemTest extends ServerSystemTest
{
    static final String TENANT = """
        , "acd": { "groups": [ { "name": "support", "concurrency": 3, "chatAcceptTimeoutSeconds": 60 } ],
                   "agents": [ { "staffNo": "A1", "extension": "1001", "groups": ["support"] } ] }
        , "chat": { "flowsDir": "src/test/resources/chat-flows",
                    "channels": [ { "name": "shop", "domain": "127.0.0.1", "flow": "shop" } ] }
        """;
    private static final String VISITOR = "visitor-restart-0123456789";
    private static final String WAITING = "visitor-restart-menu-0123456";
    private static final String ORIGIN = "http://127.0.0.1";
    private static final Duration LONG = Duration.ofSeconds(30);

    @Test
    void liveChatsGoOnAfterARestartWithoutLossOrDuplicates() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        registerPhone("chat-restart", "1001");
        assertEquals(200, admin.post("/api/agents/A1/state", "{\"state\":\"idle\"}").status());
        final VisitorClient visitor = VisitorClient.open(server.httpPort(), ORIGIN, "channel=shop&visitor=" + VISITOR);
        visitor.await("the menu", f -> "1 人工".equals(f.path("text").asText()));
        visitor.text("1", "r1");
        final long session = visitor.await("the session", f -> "chat.session".equals(f.path("type").asText()))
            .get("session").asLong();
        Await.until("offered to A1", LONG, () -> admin.get("/api/agents/A1/chats").body(),
            list -> list.size() == 1 && "offered".equals(list.get(0).path("state").asText()));
        assertEquals(200, admin.post("/api/agents/A1/chats/" + session + "/accept", "{}").status());
        say(admin, session, "您好");
        visitor.await("the agent's hello", f -> "您好".equals(f.path("text").asText()));
        visitor.text("我要退货", "r2");
        final long seen = visitor.await("ack r2", f -> "r2".equals(f.path("ref").asText())).get("id").asLong();
        visitor.close();
        say(admin, session, "订单号是多少？");

        final VisitorClient menu = VisitorClient.open(server.httpPort(), ORIGIN, "channel=shop&visitor=" + WAITING);
        menu.await("the menu", f -> "1 人工".equals(f.path("text").asText()));
        final int menuSeen = menu.of("chat.message").size();
        final long waiting = menu.of("chat.session").get(0).get("session").asLong();
        menu.close();

        final String dataDir = server.config().dataDir;
        server.close();
        server = TestServers.start(TENANT, dataDir);
        final CallApi api = new CallApi(server.httpPort());
        registerPhone("chat-restart-again", "1001");

        final JsonNode listed = Await.until("A1 serves the session again", LONG,
            () -> api.get("/api/agents/A1/chats").body(), list -> list.size() == 1
                && "serving".equals(list.get(0).path("state").asText()));
        assertEquals(session, listed.get(0).get("session").asLong(), listed::toString);

        final VisitorClient back = VisitorClient.open(server.httpPort(), ORIGIN, "channel=shop&visitor=" + VISITOR
            + "&seen=" + seen);
        back.await("the message written while away", f -> "订单号是多少？".equals(f.path("text").asText()));
        final JsonNode resumed = back.of("chat.session").get(0);
        assertEquals(session, resumed.get("session").asLong(), "the same session: " + resumed);
        assertEquals("serving", resumed.get("state").asText());
        final List<JsonNode> missed = back.of("chat.message");
        assertEquals(1, missed.size(), "exactly the one message after " + seen + ": " + missed);
        assertEquals(seen + 1, missed.get(0).get("id").asLong());

        back.text("12345", "r3");
        final long answer = back.await("ack r3", f -> "r3".equals(f.path("ref").asText())).get("id").asLong();
        assertEquals(seen + 2, answer, "ids follow the old ones");
        final JsonNode reply = say(api, session, "收到");
        assertEquals(seen + 3, reply.get("id").asLong(), reply::toString);
        back.await("the agent's reply", f -> "收到".equals(f.path("text").asText()));
        final JsonNode all = api.get("/api/agents/A1/chats/" + session + "/messages").body();
        assertEquals(seen + 3, all.size(), all::toString);
        for (int i = 0; i < all.size(); i++)
        {
            assertEquals(i + 1, all.get(i).get("id").asLong(), "each message once, in order: " + all);
        }
        assertEquals(List.of("订单号是多少？", "12345", "收到"), back.texts(), "nothing twice");

        // the visitor left at the menu answers it after the restart: queued, offered to A1 (capacity 3)
        final VisitorClient again = VisitorClient.open(server.httpPort(), ORIGIN, "channel=shop&visitor=" + WAITING
            + "&seen=" + menuSeen);
        again.await("its session", f -> "chat.session".equals(f.path("type").asText()));
        assertEquals(waiting, again.of("chat.session").get(0).get("session").asLong());
        again.text("1", "m1");
        again.await("ack m1", f -> "m1".equals(f.path("ref").asText()));
        Await.until("the second session offered to A1", LONG, () -> api.get("/api/agents/A1/chats").body(),
            list -> list.size() == 2 && "offered".equals(list.get(1).path("state").asText())
                && list.get(1).path("session").asLong() == waiting);
        assertTrue(again.texts().stream().noneMatch("1 人工"::equals), "the menu is not sent again: "
            + again.texts());
        back.close();
        again.close();
    }

    private static JsonNode say(final CallApi api, final long session, final String text) throws Exception
    {
        final CallApi.Reply sent = api.post("/api/agents/A1/chats/" + session + "/messages", "{\"text\":\""
            + text + "\"}");
        assertEquals(200, sent.status(), sent.body()::toString);
        return sent.body();
    }
}

package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A website visitor chats with an agent, over real sockets: the widget's WebSocket (a page of the channel's site;
 * another site's page is refused), the session flow's welcome and menu, a wrong reply and the right one, the ACD
 * offering the session to an idle agent of the group (capacity 3), that agent letting the accept countdown run out
 * (the session moves to the other agent, the first goes on break), the second accepting through the API, messages
 * both ways in order with ids, a reconnect that resumes after the last message seen with nothing lost or repeated,
 * the agent's End (the flow's end message, wrap-up) and finish. The flow is {@code
 * src/test/resources/chat-flows/shop.json}.
 */
@Timeout(90)
@ServerSystemTest.Tenant(ChatSystemTest.TENANT)
class ChatSystemTest extends ServerSystemTest
{
    static final String TENANT = """
        , "acd": { "groups": [ { "name": "support", "concurrency": 3, "chatAcceptTimeoutSeconds": 2 } ],
                   "agents": [ { "staffNo": "A1", "extension": "1001", "groups": ["support"] },
                               { "staffNo": "A2", "extension": "1002", "groups": ["support"] } ] }
        , "chat": { "flowsDir": "src/test/resources/chat-flows",
                    "channels": [ { "name": "shop", "domain": "127.0.0.1", "flow": "shop" } ] }
        """;
    private static final String VISITOR = "visitor-0123456789abcdef";

    @Test
    void aVisitorChatsThroughTheFlowToAnAgentWhoAcceptsAfterAnotherLetItRingOut() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        registerPhone("chat", "1001");
        registerPhone("chat", "1002");
        for (final String agent : List.of("A1", "A2"))
        {
            assertEquals(200, admin.post("/api/agents/" + agent + "/state", "{\"state\":\"idle\"}").status());
        }

        final ExecutionException refused = assertThrows(ExecutionException.class, () -> VisitorClient.open(
            server.httpPort(), "https://evil.example", "channel=shop&visitor=" + VISITOR));
        assertEquals(403, ((WebSocketHandshakeException)refused.getCause()).getResponse().statusCode());

        final VisitorClient visitor = VisitorClient.open(server.httpPort(), "http://127.0.0.1",
            "channel=shop&visitor=" + VISITOR + "&name=Li%20Lei&page=https://shop/pricing");
        visitor.await("the menu", f -> "1 人工".equals(f.path("text").asText()));
        visitor.text("2", "r1");
        visitor.await("the wrong-input prompt", f -> "没有这个选项".equals(f.path("text").asText()));
        visitor.text("1", "r2");
        final long session = visitor.await("ack r2", f -> "r2".equals(f.path("ref").asText())).get("id").asLong() > 0
            ? visitor.of("chat.session").get(0).get("session").asLong() : -1;

        // offered to one agent, which lets it ring out: the other gets it, the first is on break
        final String first = Await.until("an offer", Duration.ofSeconds(10), () -> offeredTo(admin, session),
            java.util.Objects::nonNull);
        final String second = "A1".equals(first) ? "A2" : "A1";
        Await.until("the offer moved to " + second, Duration.ofSeconds(10), () -> offeredTo(admin, session),
            second::equals);
        assertEquals("break", admin.agent(first).get("state").asText(), "the agent who let it ring out");

        final CallApi.Reply accepted = admin.post("/api/agents/" + second + "/chats/" + session + "/accept", "{}");
        assertEquals(200, accepted.status(), accepted.body()::toString);
        visitor.await("the success message", f -> ("客服" + second + "为您服务").equals(f.path("text").asText()));
        visitor.await("served", f -> "serving".equals(f.path("state").asText()) && second.equals(
            f.path("staffNo").asText()));
        final JsonNode serving = admin.agent(second);
        assertEquals(1, serving.get("openChats").asInt(), serving::toString);
        assertEquals(3, serving.get("chatLimit").asInt(), serving::toString);
        assertEquals(false, serving.get("chatsFull").asBoolean(), serving::toString);

        final CallApi.Reply said = admin.post("/api/agents/" + second + "/chats/" + session + "/messages",
            "{\"text\":\"您好，请问有什么可以帮您？\"}");
        assertEquals(200, said.status(), said.body()::toString);
        visitor.await("the agent's message", f -> "agent".equals(f.path("from").asText()));
        visitor.text("价格是多少？", "r3");
        final long seen = visitor.await("ack r3", f -> "r3".equals(f.path("ref").asText())).get("id").asLong();
        final JsonNode history = admin.get("/api/agents/" + second + "/chats/" + session + "/messages").body();
        assertEquals("价格是多少？", history.get(history.size() - 1).get("text").asText());
        assertEquals(seen, history.get(history.size() - 1).get("id").asLong());
        for (int i = 0; i < history.size(); i++)
        {
            assertEquals(i + 1, history.get(i).get("id").asLong(), "ids in order, none missing: " + history);
        }
        visitor.close();

        // the next page: the same session, only what came after the last message seen
        admin.post("/api/agents/" + second + "/chats/" + session + "/messages", "{\"text\":\"一百元。\"}");
        final VisitorClient again = VisitorClient.open(server.httpPort(), "http://127.0.0.1",
            "channel=shop&visitor=" + VISITOR + "&seen=" + seen);
        again.await("the message sent while away", f -> "一百元。".equals(f.path("text").asText()));
        assertEquals(List.of("一百元。"), again.texts(), "nothing seen before is sent again");
        assertEquals(session, again.of("chat.session").get(0).get("session").asLong());

        assertEquals(200, admin.post("/api/agents/" + second + "/chats/" + session + "/end", "{}").status());
        again.await("the end message", f -> "再见".equals(f.path("text").asText()));
        again.await("wrap-up", f -> "wrap-up".equals(f.path("state").asText()));
        assertEquals(404, admin.post("/api/agents/" + first + "/chats/" + session + "/finish", "{}").status(),
            "not that agent's chat");
        assertEquals(200, admin.post("/api/agents/" + second + "/chats/" + session + "/finish", "{}").status());
        again.await("finished", f -> "finished".equals(f.path("state").asText()));
        assertEquals(0, server.online().desk().liveSessions());
        again.close();
    }

    @Test
    void garbageFromAVisitorGetsAnErrorAndTheSocketLivesOn() throws Exception
    {
        final VisitorClient visitor = VisitorClient.open(server.httpPort(), "http://127.0.0.1", "channel=shop");
        final JsonNode hello = visitor.await("hello with a new visitor id", f -> "hello".equals(f.path("type")
            .asText()));
        assertTrue(hello.get("visitor").asText().length() >= 16, hello::toString);
        visitor.send("not json");
        visitor.await("bad_request", f -> "bad_request".equals(f.path("error").asText()));
        visitor.text("x".repeat(5000), "long");
        visitor.await("too long", f -> "long".equals(f.path("ref").asText()) && "invalid".equals(
            f.path("error").asText()));
        visitor.send("{\"type\":\"shout\"}");
        visitor.await("unknown type", f -> f.path("message").asText().contains("unknown frame type"));
        visitor.send("{\"type\":\"leave\"}");
        visitor.await("finished", f -> "finished".equals(f.path("state").asText()));
        visitor.close();
    }

    /** The agent the session is offered to now, or null. */
    private static String offeredTo(final CallApi admin, final long session) throws Exception
    {
        for (final String agent : List.of("A1", "A2"))
        {
            for (final JsonNode chat : admin.get("/api/agents/" + agent + "/chats").body())
            {
                if (chat.get("session").asLong() == session && "offered".equals(chat.get("state").asText()))
                {
                    return agent;
                }
            }
        }
        return null;
    }
}

package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The supervisor role over real sockets (spec §11): a supervisor account sees every live chat and reads any
 * conversation as it goes, force-transfers a served chat to another agent with a note (the agent who had it is told
 * who moved it), and reads every agent's records; it cannot administer, and an agent cannot supervise.
 */
@Timeout(90)
@ServerSystemTest.Tenant(ChatTransferSystemTest.TENANT)
class SupervisionSystemTest extends ServerSystemTest
{
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aSupervisorWatchesAnyChatAndMovesItToAnotherAgentButAdministersNothing() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        final CallApi.Reply created = admin.post("/api/accounts",
            "{\"email\":\"lead@demo.switchboard\",\"name\":\"Team lead\",\"role\":\"supervisor\"}");
        assertEquals(201, created.status(), created.body()::toString);
        final CallApi supervisor = new CallApi(server.httpPort(), CallApi.login(server.httpPort(),
            "lead@demo.switchboard", created.body().get("password").asText()));
        final CallApi agent = new CallApi(server.httpPort(), CallApi.login(server.httpPort(),
            DemoAccounts.email("1002"), DemoAccounts.password("1002")));

        registerPhone("supervision", "1001");
        assertEquals(200, admin.post("/api/agents/A1/state", "{\"state\":\"idle\"}").status());
        final VisitorClient visitor = VisitorClient.open(server.httpPort(), "http://127.0.0.1",
            "channel=shop&visitor=visitor-supervised-0001");
        visitor.await("the menu", f -> "1 人工".equals(f.path("text").asText()));
        visitor.text("1", "r1");
        final JsonNode live = Await.until("the chat among the live ones", WAIT, () -> served(supervisor),
            Objects::nonNull);
        final long session = live.get("session").asLong();
        assertEquals("A1", live.get("staffNo").asText());
        visitor.text("我要退款", "r2");
        Await.until("the visitor's words, watched", WAIT, () -> supervisor.get("/api/chats/" + session
            + "/messages").body().toString(), body -> body.contains("我要退款"));

        assertEquals(403, agent.get("/api/chats").status(), "an agent cannot supervise");
        assertEquals(403, supervisor.post("/api/groups", "{\"name\":\"x\"}").status(), "no administration");
        assertEquals(404, supervisor.get("/api/chats/999999/messages").status());

        registerPhone("supervision", "1002");
        assertEquals(200, admin.post("/api/agents/A2/state", "{\"state\":\"idle\"}").status());
        final CallApi.Reply moved = supervisor.post("/api/chats/" + session + "/transfer",
            "{\"toAgent\":\"A2\",\"note\":\"escalated: refund\"}");
        assertEquals(200, moved.status(), moved.body()::toString);
        final JsonNode atA2 = Await.until("the chat at A2", WAIT, () ->
        {
            final JsonNode chats = admin.get("/api/agents/A2/chats").body();
            return chats.isEmpty() ? null : chats.get(0);
        }, Objects::nonNull);
        assertEquals("escalated: refund", atA2.get("transferNote").asText());
        assertEquals("lead@demo.switchboard", atA2.get("transferredBy").asText(), "A1 is told who moved it");
        assertTrue(admin.get("/api/agents/A1/chats").body().isEmpty());
        visitor.await("A2's staff number", f -> "客服A2为您服务".equals(f.path("text").asText()));

        assertEquals(200, supervisor.get("/api/records").status(), "every agent's records");
        assertEquals(200, supervisor.get("/api/calls").status());
        visitor.close();
    }

    private static JsonNode served(final CallApi supervisor) throws Exception
    {
        for (final JsonNode chat : supervisor.get("/api/chats").body())
        {
            if ("serving".equals(chat.path("state").asText()))
            {
                return chat;
            }
        }
        return null;
    }
}

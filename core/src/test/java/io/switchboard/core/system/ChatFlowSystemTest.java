package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Session flows and website channels through the administrators' API, over real sockets: the flows directory's flow
 * is published at start and in use by the configured channel; a flow with problems is refused with them (nothing
 * journalled); a new flow is saved, published and a new channel bound to it; a published flow cannot be edited and
 * a flow in use cannot be unpublished; an agent may not administer; and after a restart on the same data directory
 * everything is as it was.
 */
@Timeout(60)
@ServerSystemTest.Tenant(ChatFlowSystemTest.TENANT)
class ChatFlowSystemTest extends ServerSystemTest
{
    static final String TENANT = """
        , "acd": { "groups": [ { "name": "support" } ] }
        , "chat": { "flowsDir": "target/chat-flow-system/flows",
                    "channels": [ { "name": "shop", "domain": "shop.example", "flow": "greeting" } ] }
        """;

    private static String flow(final String name, final String group)
    {
        return """
            { "name": "%s", "nodes": [
              { "type": "start", "id": "start", "next": "hello" },
              { "type": "message", "id": "hello", "text": "您好！", "next": "human" },
              { "type": "transfer", "id": "human", "group": "%s", "failureMessage": "无人在线", "next": "end" },
              { "type": "end", "id": "end", "replyTimeoutSeconds": 60, "timeoutMessage": "再见", "endMessage": "谢谢" }
            ] }
            """.formatted(name, group);
    }

    @Test
    void sessionFlowsAndChannelsAreAdministeredJournalledAndGivenBackAfterARestart() throws Exception
    {
        final Path files = Path.of("target/chat-flow-system/flows");
        Files.createDirectories(files);
        Files.writeString(files.resolve("greeting.json"), flow("greeting", "support"));
        server.close();
        server = TestServers.start(TENANT, Files.createTempDirectory("switchboard-test").toString());
        CallApi api = new CallApi(server.httpPort());
        final JsonNode greeting = api.get("/api/chat/flows/greeting").body();
        assertEquals("in-use", greeting.get("state").asText(), greeting::toString);
        assertEquals("shop", greeting.at("/channels/0").asText());

        final CallApi.Reply draft = api.put("/api/chat/flows/broken", flow("broken", "nobody"));
        assertEquals("unpublished", draft.body().path("state").asText(), "saved as a draft: " + draft.body());
        assertTrue(draft.body().at("/problems/0/message").asText().contains("not a skill group"),
            draft.body()::toString);
        final CallApi.Reply refused = api.post("/api/chat/flows/broken/publish", "{}");
        assertEquals(400, refused.status(), refused.body()::toString);
        assertTrue(refused.body().at("/problems/0/message").asText().contains("not a skill group"),
            refused.body()::toString);
        final CallApi.Reply invalid = api.post("/api/chat/flows/validate", flow("x", "support").replace(
            "\"next\": \"end\" }", "\"next\": \"hello\" }"));
        assertEquals(false, invalid.body().get("valid").asBoolean(), invalid.body()::toString);

        assertEquals(200, api.put("/api/chat/flows/fresh", flow("fresh", "support")).status());
        assertEquals(409, api.put("/api/chat/channels/blog", "{\"domain\":\"blog.example\",\"flow\":\"fresh\"}")
            .status(), "an unpublished flow cannot be bound");
        assertEquals("published", api.post("/api/chat/flows/fresh/publish", "{}").body().get("state").asText());
        assertEquals(409, api.put("/api/chat/flows/fresh", flow("fresh", "support")).status(), "published: no edits");
        final CallApi.Reply bound = api.put("/api/chat/channels/blog",
            "{\"domain\":\"blog.example\",\"flow\":\"fresh\"}");
        assertEquals(200, bound.status(), bound.body()::toString);
        assertEquals(400, api.put("/api/chat/channels/bad", "{\"domain\":\"https://bad.example/\"}").status());
        assertEquals(409, api.post("/api/chat/flows/fresh/unpublish", "{}").status(), "in use: not unpublished");
        assertEquals(200, api.delete("/api/chat/channels/shop").status());
        assertEquals("published", api.get("/api/chat/flows/greeting").body().get("state").asText());
        assertEquals(404, api.delete("/api/chat/channels/shop").status());

        final CallApi agent = new CallApi(server.httpPort(), CallApi.login(server.httpPort(),
            DemoAccounts.email("1001"), DemoAccounts.password("1001")));
        assertEquals(403, agent.get("/api/chat/flows").status());

        final JsonNode flows = api.get("/api/chat/flows").body();
        final JsonNode channels = api.get("/api/chat/channels").body();
        final String dataDir = server.config().dataDir;
        server.close();
        server = TestServers.start(TENANT, dataDir);
        api = new CallApi(server.httpPort());
        assertEquals(flows, api.get("/api/chat/flows").body(), "the same flows in the same states");
        assertEquals(draft.body(), api.get("/api/chat/flows/broken").body(), "the draft with its problems");
        assertEquals(channels, api.get("/api/chat/channels").body(), "the same channels with the same flows");
    }
}

package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.acd.AcdSettings;
import io.switchboard.acd.SelectionPolicy;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tenant's administration through the running server: the settings (read by anyone signed in, changed by
 * administrators, applied to the ACD), the screen-pop pages (five at most, in order) and the quick replies; the
 * refusals (an agent 403, bad input 400, a sixth page 409, unknown index or id 404); and all of it again after a
 * restart on the same data directory, over the configuration's values.
 * <p>
 * Tests run in the order written (one server, one journal): the restart test comes last.
 */
@Timeout(60)
@ServerSystemTest.Tenant(AdministrationSystemTest.TENANT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdministrationSystemTest extends ServerSystemTest
{
    static final String TENANT = """
        , "screenPops": [ { "name": "From config", "url": "https://config.example/?p={caller}" } ],
          "acd": { "ringTimeoutSeconds": 5, "wrapUpSeconds": 3,
            "groups": [ { "name": "support" } ],
            "agents": [ { "staffNo": "A1", "name": "Agent One", "extension": "1001", "groups": ["support"] } ],
            "numbers": [ { "number": "4000", "group": "support" } ]
          }
        """;

    @Test
    @Order(1)
    void shouldShowAndChangeTheSettingsAndApplyThemToTheAcd() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        final CallApi agent = agent();
        final JsonNode initial = agent.get("/api/settings").body();
        assertEquals(5, initial.get("ringTimeoutSeconds").asInt(), initial::toString);
        assertEquals(3, initial.get("wrapUpSeconds").asInt(), initial::toString);
        assertEquals("longest-idle", initial.get("policy").asText(), initial::toString);
        assertTrue(initial.get("lastAgentPriority").asBoolean(), initial::toString);
        assertFalse(initial.get("autoAnswer").asBoolean(true), "auto-answer is off by default: " + initial);

        assertEquals(403, agent.post("/api/settings", "{\"ringTimeoutSeconds\": 9}").status());
        assertEquals(401, new CallApi(server.httpPort(), null).get("/api/settings").status());
        for (final String bad : List.of("{\"ringTimeoutSeconds\": 0}", "{\"ringTimeoutSeconds\": 91}",
            "{\"wrapUpSeconds\": \"x\"}", "{\"policy\": \"random\"}", "{\"lastAgentPriority\": 1}",
            "{\"autoAnswer\": \"yes\"}", "{\"colour\": 1}", "not json"))
        {
            final CallApi.Reply reply = admin.post("/api/settings", bad);
            assertEquals(400, reply.status(), () -> bad + ": " + reply.body());
            assertFalse(reply.body().path("message").asText().isEmpty(), () -> bad + ": " + reply.body());
        }
        final CallApi.Reply changed = admin.post("/api/settings",
            "{\"ringTimeoutSeconds\": 12, \"policy\": \"fewest-calls\", \"lastAgentPriority\": false}");
        assertEquals(200, changed.status(), changed.body()::toString);
        assertEquals(12, changed.body().get("ringTimeoutSeconds").asInt());
        assertEquals(3, changed.body().get("wrapUpSeconds").asInt(), "what was not given stays");
        assertEquals(changed.body(), agent.get("/api/settings").body());
        assertEquals(new AcdSettings(SelectionPolicy.FEWEST_CALLS, false, 12_000, 3_000), acdSettings());
        assertFalse(changed.body().get("autoAnswer").asBoolean(true), changed.body()::toString);

        assertEquals(403, agent.post("/api/settings", "{\"autoAnswer\": true}").status());
        final CallApi.Reply autoAnswer = admin.post("/api/settings", "{\"autoAnswer\": true}");
        assertEquals(200, autoAnswer.status(), autoAnswer.body()::toString);
        assertTrue(autoAnswer.body().get("autoAnswer").asBoolean(), autoAnswer.body()::toString);
        assertEquals(12, autoAnswer.body().get("ringTimeoutSeconds").asInt(), "what was not given stays");
        assertTrue(agent.get("/api/settings").body().get("autoAnswer").asBoolean(), "read back by anyone");

        // the manual's switches reach the engine: no ring timeout, no state recovery
        final CallApi.Reply switches = admin.post("/api/settings",
            "{\"ringTimeoutEnabled\": false, \"stateRecoveryEnabled\": false}");
        assertEquals(200, switches.status(), switches.body()::toString);
        assertEquals(new AcdSettings(SelectionPolicy.FEWEST_CALLS, false, 12_000, 3_000).withSwitches(false, false),
            acdSettings());
        assertEquals(200, admin.post("/api/settings", "{\"ringTimeoutEnabled\": true, \"stateRecoveryEnabled\": true}")
            .status());
    }

    @Test
    @Order(2)
    void shouldKeepAtMostFiveScreenPopPagesInOrder() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        final CallApi agent = agent();
        assertEquals(List.of("From config"), names(agent.get("/api/screen-pops").body()));
        assertEquals(403, agent.post("/api/screen-pops", page("X")).status());
        for (int i = 2; i <= 5; i++)
        {
            final CallApi.Reply added = admin.post("/api/screen-pops", page("P" + i));
            assertEquals(201, added.status(), added.body()::toString);
        }
        final CallApi.Reply sixth = admin.post("/api/screen-pops", page("P6"));
        assertEquals(409, sixth.status(), sixth.body()::toString);
        assertEquals(List.of("From config", "P2", "P3", "P4", "P5"), names(admin.get("/api/screen-pops").body()));

        assertEquals(200, admin.post("/api/screen-pops/3/move", "{\"direction\": \"up\"}").status());
        assertEquals(List.of("From config", "P2", "P4", "P3", "P5"), names(admin.get("/api/screen-pops").body()));
        assertEquals(409, admin.post("/api/screen-pops/0/move", "{\"direction\": \"up\"}").status());
        assertEquals(400, admin.post("/api/screen-pops/1/move", "{\"direction\": \"left\"}").status());
        assertEquals(403, agent.post("/api/screen-pops/1/move", "{\"direction\": \"down\"}").status());

        final CallApi.Reply edited = admin.post("/api/screen-pops/0",
            "{\"name\": \"CRM\", \"url\": \"https://crm.example/?p={caller}&n={number}\", \"enabled\": false}");
        assertEquals(200, edited.status(), edited.body()::toString);
        final JsonNode first = edited.body().get("pages").get(0);
        assertEquals("CRM", first.get("name").asText(), first::toString);
        assertFalse(first.get("enabled").asBoolean(), first::toString);
        assertEquals(400, admin.post("/api/screen-pops/0", "{\"url\": \"ftp://crm.example/\"}").status());
        assertEquals(400, admin.post("/api/screen-pops/0", "{\"name\": \"\"}").status());
        assertEquals(400, admin.post("/api/screen-pops/0", "{\"enabled\": \"no\"}").status());
        assertEquals(403, agent.post("/api/screen-pops/0", "{\"name\": \"Mine\"}").status());

        assertEquals(404, admin.post("/api/screen-pops/5", "{\"name\": \"X\"}").status());
        assertEquals(404, admin.post("/api/screen-pops/x/move", "{\"direction\": \"up\"}").status());
        assertEquals(404, admin.delete("/api/screen-pops/7").status());
        assertEquals(403, agent.delete("/api/screen-pops/1").status());
        assertEquals(200, admin.delete("/api/screen-pops/4").status());
        assertEquals(200, admin.post("/api/screen-pops/1/delete", "").status());
        assertEquals(List.of("CRM", "P4", "P3"), names(admin.get("/api/screen-pops").body()));
    }

    @Test
    @Order(3)
    void shouldKeepQuickRepliesWithStableIds() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        final CallApi agent = agent();
        assertEquals(0, agent.get("/api/quick-replies").body().size());
        assertEquals(403, agent.post("/api/quick-replies", "{\"text\": \"Hi\"}").status());
        final CallApi.Reply hello = admin.post("/api/quick-replies", "{\"text\": \"Hello, how can I help?\"}");
        assertEquals(201, hello.status(), hello.body()::toString);
        final long helloId = hello.body().get("id").asLong();
        final long byeId = admin.post("/api/quick-replies", "{\"text\": \"Goodbye\"}").body().get("id").asLong();
        final long gone = admin.post("/api/quick-replies", "{\"text\": \"Soon gone\"}").body().get("id").asLong();
        for (final String bad : List.of("{}", "{\"text\": \"\"}", "{\"text\": 5}",
            "{\"text\": \"" + "x".repeat(501) + "\"}"))
        {
            assertEquals(400, admin.post("/api/quick-replies", bad).status(), bad);
        }
        final CallApi.Reply edited = admin.post("/api/quick-replies/" + byeId, "{\"text\": \"Goodbye!\"}");
        assertEquals(200, edited.status(), edited.body()::toString);
        assertEquals("Goodbye!", edited.body().get("text").asText());
        assertEquals(403, agent.post("/api/quick-replies/" + byeId, "{\"text\": \"Bye\"}").status());
        assertEquals(403, agent.delete("/api/quick-replies/" + byeId).status());
        assertEquals(200, admin.delete("/api/quick-replies/" + gone).status());
        assertEquals(404, admin.delete("/api/quick-replies/" + gone).status());
        assertEquals(404, admin.post("/api/quick-replies/999", "{\"text\": \"x\"}").status());
        assertEquals(404, admin.post("/api/quick-replies/abc/delete", "").status());
        final long later = admin.post("/api/quick-replies", "{\"text\": \"Later\"}").body().get("id").asLong();
        assertTrue(later > gone, "an id is not given again");
        assertEquals(200, admin.post("/api/quick-replies/" + later + "/delete", "").status());
        assertEquals(List.of(helloId, byeId), ids(agent.get("/api/quick-replies").body()));
    }

    @Test
    @Order(4)
    void shouldGiveItAllBackAfterARestart() throws Exception
    {
        CallApi admin = new CallApi(server.httpPort());
        final JsonNode settings = admin.get("/api/settings").body();
        final JsonNode pages = admin.get("/api/screen-pops").body();
        final JsonNode replies = admin.get("/api/quick-replies").body();
        final String dataDir = server.config().dataDir;
        server.close();
        server = TestServers.start(TENANT, dataDir);
        admin = new CallApi(server.httpPort());
        assertEquals(settings, admin.get("/api/settings").body(), "the journal's settings over the configuration's");
        assertTrue(settings.get("autoAnswer").asBoolean(), "the tenant's auto-answer journalled: " + settings);
        assertEquals(pages, admin.get("/api/screen-pops").body(), "the journal's pages instead of the configuration's");
        assertEquals(replies, admin.get("/api/quick-replies").body());
        assertEquals(new AcdSettings(SelectionPolicy.FEWEST_CALLS, false, 12_000, 3_000), acdSettings());
        final long next = admin.post("/api/quick-replies", "{\"text\": \"After the restart\"}").body().get("id")
            .asLong();
        assertTrue(next > 4, "ids go on after those given before the restart: " + next);
    }

    private static CallApi agent() throws Exception
    {
        return new CallApi(server.httpPort(), CallApi.login(server.httpPort(), "1001@demo.switchboard", "Demo#1001"));
    }

    private static AcdSettings acdSettings() throws Exception
    {
        return server.acd().query(io.switchboard.acd.AcdQueries::settings).get(5, TimeUnit.SECONDS);
    }

    private static String page(final String name)
    {
        return "{\"name\": \"" + name + "\", \"url\": \"https://" + name.toLowerCase() + ".example/?p={caller}\"}";
    }

    private static List<String> names(final JsonNode view)
    {
        final List<String> names = new ArrayList<>();
        view.get("pages").forEach(page -> names.add(page.get("name").asText()));
        return names;
    }

    private static List<Long> ids(final JsonNode list)
    {
        final List<Long> ids = new ArrayList<>();
        list.forEach(reply -> ids.add(reply.get("id").asLong()));
        return ids;
    }
}

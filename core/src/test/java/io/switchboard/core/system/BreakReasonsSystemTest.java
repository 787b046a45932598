package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The break reasons administered (小休原因, issue 17) over HTTP: seeded from the configuration; added, renamed and
 * deleted by an administrator (journalled, each change answered with the agents' menu); refused when the name is
 * empty, taken, or unknown, and for an agent; a break can only take a current reason, while agents on a break for a
 * reason renamed or deleted since keep it, also after a restart, which gives back the administered list.
 */
@Timeout(60)
@ServerSystemTest.Tenant(BreakReasonsSystemTest.TENANT)
class BreakReasonsSystemTest extends ServerSystemTest
{
    static final String TENANT = """
        , "acd": { "groups": [ { "name": "support" } ],
                   "breakReasons": ["rest", "lunch", "meeting"],
                   "agents": [ { "staffNo": "A1", "extension": "1001", "groups": ["support"] },
                               { "staffNo": "A2", "extension": "1002", "groups": ["support"] } ] }
        """;

    private static List<String> names(final JsonNode list)
    {
        return CallApi.texts(list);
    }

    private static CallApi.Reply takeBreak(final CallApi api, final String agent, final String reason)
        throws Exception
    {
        return api.post("/api/agents/" + agent + "/state", "{\"state\":\"break\",\"reason\":\"" + reason + "\"}");
    }

    private static String path(final String name)
    {
        return "/api/break-reasons/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void shouldAdministerTheReasonsAndLeaveAgentsOnABreakAsTheyWere() throws Exception
    {
        server.close();
        server = TestServers.start(TENANT, Files.createTempDirectory("switchboard-test").toString());
        CallApi api = new CallApi(server.httpPort());
        assertEquals(List.of("rest", "lunch", "meeting"), names(api.get("/api/break-reasons").body()));

        assertEquals(200, takeBreak(api, "A1", "lunch").status());
        assertEquals(200, takeBreak(api, "A2", "meeting").status());

        final CallApi.Reply added = api.post("/api/break-reasons", "{\"name\":\"培训\"}");
        assertEquals(201, added.status(), added.body()::toString);
        assertEquals(List.of("rest", "lunch", "meeting", "培训"), names(added.body()));
        assertEquals(409, api.post("/api/break-reasons", "{\"name\":\"rest\"}").status(), "a name taken");
        assertEquals(400, api.post("/api/break-reasons", "{\"name\":\" \"}").status(), "an empty name");
        assertEquals(404, api.delete(path("nap")).status(), "an unknown reason");
        final CallApi agent = new CallApi(server.httpPort(), CallApi.login(server.httpPort(),
            "1001@demo.switchboard", "Demo#1001"));
        assertEquals(403, agent.post("/api/break-reasons", "{\"name\":\"nap\"}").status(), "agents do not administer");

        final CallApi.Reply renamed = api.post(path("lunch"), "{\"name\":\"午餐 lunch\"}");
        assertEquals(200, renamed.status(), renamed.body()::toString);
        assertEquals(List.of("rest", "午餐 lunch", "meeting", "培训"), names(renamed.body()));
        final CallApi.Reply deleted = api.delete(path("meeting"));
        assertEquals(200, deleted.status(), deleted.body()::toString);
        assertEquals(List.of("rest", "午餐 lunch", "培训"), names(api.get("/api/break-reasons").body()));

        assertEquals("lunch", api.agent("A1").get("reason").asText(), "on the break it took, as it was");
        assertEquals("meeting", api.agent("A2").get("reason").asText(), "a deleted reason stays where it is");
        assertEquals(400, takeBreak(api, "A2", "lunch").status(), "new breaks take current reasons only");
        assertEquals("午餐 lunch", takeBreak(api, "A2", "午餐 lunch").body().get("reason").asText());
        assertEquals(400, takeBreak(api, "A2", "meeting").status(), "meeting is gone");

        final String dataDir = server.config().dataDir;
        server.close();
        server = TestServers.start(TENANT, dataDir);
        api = new CallApi(server.httpPort());
        assertEquals(List.of("rest", "午餐 lunch", "培训"), names(api.get("/api/break-reasons").body()));
        assertEquals("lunch", api.agent("A1").get("reason").asText(), "restored on its retired reason");
        assertEquals("午餐 lunch", api.agent("A2").get("reason").asText());
        final JsonNode all = api.get("/api/break-reasons/all").body();
        assertEquals(5, all.get("reasons").size(), "the current and the retired: " + all);
    }
}

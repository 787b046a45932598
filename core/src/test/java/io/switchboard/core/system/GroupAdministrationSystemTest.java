package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Skill groups administered through the running server (a configured group, no queue numbers for the new ones): a
 * group created, an agent added as member (the ACD counts it, the agent lists it), settings edited, the member
 * removed, refusals (403, 400, 404, 409), a group deleted, and the changes kept after a restart on the same data.
 * <p>
 * Tests run in the order written (one server, one journal): the restart test comes last.
 */
@Timeout(90)
@ServerSystemTest.Tenant(GroupAdministrationSystemTest.TENANT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GroupAdministrationSystemTest extends ServerSystemTest
{
    static final String TENANT = """
        , "acd": { "ringTimeoutSeconds": 5, "wrapUpSeconds": 3,
            "groups": [ { "name": "support" } ],
            "agents": [ { "staffNo": "A1", "name": "Agent One", "extension": "1001", "groups": ["support"] },
                        { "staffNo": "A2", "name": "Agent Two", "extension": "1002", "groups": [] } ],
            "numbers": [ { "number": "4000", "group": "support" } ]
          }
        """;

    @Test
    @Order(1)
    void shouldCreateAGroupAndAddAMember() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        final CallApi.Reply created = admin.post("/api/groups", "{\"name\": \"vip\", \"policy\": \"fewest-calls\", "
            + "\"maxQueueLength\": 3, \"maxWaitSeconds\": 30, \"fallback\": \"support\"}");
        assertEquals(201, created.status(), created.body()::toString);
        assertEquals("fewest-calls", created.body().get("policy").asText());
        assertEquals("support", created.body().get("fallback").asText());
        assertEquals(0, groupRow(admin, "vip").get("members").asInt());
        assertEquals(201, admin.post("/api/groups", "{\"name\": \"spare\"}").status());

        final CallApi.Reply added = admin.post("/api/groups/vip/members", "{\"agent\": \"A2\"}");
        assertEquals(201, added.status(), added.body()::toString);
        assertEquals(List.of("vip"), CallApi.texts(added.body().get("groups")));
        assertEquals(1, groupRow(admin, "vip").get("members").asInt());
        assertEquals(List.of("vip"), CallApi.texts(agentRow(admin, "A2").get("groups")));
        assertEquals(201, admin.post("/api/groups/vip/members", "{\"agent\": \"A1\"}").status());
        assertEquals(List.of("support", "vip"), CallApi.texts(agentRow(admin, "A1").get("groups")));
        assertEquals(2, groupRow(admin, "vip").get("members").asInt());
    }

    @Test
    @Order(2)
    void shouldEditSettingsAndRemoveAMember() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        final CallApi.Reply edited = admin.post("/api/groups/vip", "{\"maxQueueLength\": 7, \"policy\": null}");
        assertEquals(200, edited.status(), edited.body()::toString);
        final JsonNode row = groupRow(admin, "vip");
        assertEquals(7, row.get("maxQueueLength").asInt(), row::toString);
        assertEquals(30, row.get("maxWaitSeconds").asInt(), "left out: as it was");
        assertEquals("support", row.get("fallback").asText());
        assertEquals("longest-idle", row.get("policy").asText(), "null: the tenant's");

        final CallApi.Reply removed = admin.delete("/api/groups/vip/members/A1");
        assertEquals(200, removed.status(), removed.body()::toString);
        assertEquals(List.of("support"), CallApi.texts(agentRow(admin, "A1").get("groups")));
        assertEquals(1, groupRow(admin, "vip").get("members").asInt());
    }

    @Test
    @Order(3)
    void shouldRefuseBadInputUnknownsAndDuplicates() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        for (final String bad : List.of("{\"name\": \"\"}", "{\"name\": \"" + "g".repeat(21) + "\"}",
            "{\"name\": \"a/b\"}", "{\"name\": \"x\", \"policy\": \"random\"}",
            "{\"name\": \"x\", \"maxQueueLength\": -1}",
            "{\"name\": \"x\", \"maxWaitSeconds\": \"long\"}", "{\"name\": \"x\", \"fallback\": \"nowhere\"}",
            "{\"name\": \"x\", \"colour\": \"red\"}", "[]"))
        {
            final CallApi.Reply reply = admin.post("/api/groups", bad);
            assertEquals(400, reply.status(), () -> bad + ": " + reply.body());
        }
        assertNull(groupRow(admin, "x"), "nothing refused was created");
        assertEquals(201, admin.post("/api/groups", "{\"name\": \"" + "\u30b0".repeat(20) + "\"}").status(),
            "20 code points");
        assertEquals(400, admin.post("/api/groups/vip", "{\"name\": \"other\"}").status());
        assertEquals(400, admin.post("/api/groups/vip", "{\"fallback\": \"vip\"}").status());
        assertEquals(400, admin.post("/api/groups/vip/members", "{\"who\": \"A1\"}").status());
        assertEquals(409, admin.post("/api/groups", "{\"name\": \"vip\"}").status());
        assertEquals(409, admin.post("/api/groups/vip/members", "{\"agent\": \"A2\"}").status(), "a member already");
        assertEquals(409, admin.delete("/api/groups/support").status(), "queue number 4000 uses it");
        assertEquals(409, admin.post("/api/groups/support/delete", "").status());
        assertEquals(404, admin.post("/api/groups/nope", "{\"maxQueueLength\": 1}").status());
        assertEquals(404, admin.delete("/api/groups/nope").status());
        assertEquals(404, admin.post("/api/groups/nope/members", "{\"agent\": \"A1\"}").status());
        assertEquals(404, admin.post("/api/groups/vip/members", "{\"agent\": \"NOPE\"}").status());
        assertEquals(404, admin.delete("/api/groups/vip/members/A1").status(), "not a member");

        final CallApi agent = new CallApi(server.httpPort(), CallApi.login(server.httpPort(),
            DemoAccounts.email("1001"), DemoAccounts.password("1001")));
        assertEquals(403, agent.post("/api/groups", "{\"name\": \"mine\"}").status());
        assertEquals(403, agent.post("/api/groups/vip", "{\"maxQueueLength\": 1}").status());
        assertEquals(403, agent.delete("/api/groups/spare").status());
        assertEquals(403, agent.post("/api/groups/spare/delete", "").status());
        assertEquals(403, agent.post("/api/groups/vip/members", "{\"agent\": \"A1\"}").status());
        assertEquals(403, agent.delete("/api/groups/vip/members/A2").status());
    }

    @Test
    @Order(4)
    void shouldDeleteAGroupWhoseAgentsStay() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        assertEquals(201, admin.post("/api/groups/spare/members", "{\"agent\": \"A2\"}").status());
        assertEquals(409, admin.delete("/api/groups/support").status());
        final CallApi.Reply deleted = admin.post("/api/groups/spare/delete", "");
        assertEquals(200, deleted.status(), deleted.body()::toString);
        assertNull(groupRow(admin, "spare"));
        assertEquals(List.of("vip"), CallApi.texts(agentRow(admin, "A2").get("groups")), "the agent stays, out of it");
        assertEquals(404, admin.delete("/api/groups/spare").status());
        final CallApi.Reply agentMade = admin.post("/api/agents", "{\"staffNo\": \"N1\", \"email\": "
            + "\"n1@example.com\", \"extension\": \"1011\", \"groups\": [\"vip\"]}");
        assertEquals(201, agentMade.status(), agentMade.body()::toString);
    }

    @Test
    @Order(5)
    void shouldKeepTheChangesAfterARestart() throws Exception
    {
        final String dataDir = server.config().dataDir;
        server.close();
        server = TestServers.start(TENANT, dataDir);
        final CallApi admin = new CallApi(server.httpPort());
        final JsonNode vip = groupRow(admin, "vip");
        assertNotNull(vip, "the created group is back");
        assertEquals(7, vip.get("maxQueueLength").asInt());
        assertEquals("support", vip.get("fallback").asText());
        assertEquals(2, vip.get("members").asInt(), vip::toString);
        assertNull(groupRow(admin, "spare"), "the deleted group stays deleted");
        assertEquals(List.of("vip"), CallApi.texts(agentRow(admin, "A2").get("groups")));
        assertEquals(List.of("support"), CallApi.texts(agentRow(admin, "A1").get("groups")));
        assertEquals(List.of("vip"), CallApi.texts(agentRow(admin, "N1").get("groups")), "an agent naming a new group");
        assertEquals(409, admin.post("/api/groups", "{\"name\": \"vip\"}").status());
        assertEquals(201, admin.post("/api/groups", "{\"name\": \"spare\"}").status(), "the name is free again");
    }

    static JsonNode groupRow(final CallApi api, final String name) throws Exception
    {
        return row(api.get("/api/groups").body(), "name", name);
    }

    static JsonNode agentRow(final CallApi api, final String staffNo) throws Exception
    {
        return row(api.get("/api/agents").body(), "staffNo", staffNo);
    }

    private static JsonNode row(final JsonNode rows, final String field, final String value)
    {
        for (final JsonNode row : rows)
        {
            if (value.equals(row.get(field).asText()))
            {
                return row;
            }
        }
        return null;
    }

}

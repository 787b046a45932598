package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static io.switchboard.core.system.GroupAdministrationSystemTest.agentRow;
import static io.switchboard.core.system.GroupAdministrationSystemTest.groupRow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A skill group's chat settings through the groups API of the running server: {@code concurrency} (接待人数上限)
 * and {@code chatAcceptTimeoutSeconds} (超时转接) changed on a configured group and set on a new one, the ACD taking
 * the new limit (an agent's {@code chatLimit}), values out of range refused with a JSON error and nothing changed,
 * and the changes kept after a restart on the same journal while the configuration still says otherwise.
 * <p>
 * Tests run in the order written (one server, one journal): the restart test comes last.
 */
@Timeout(90)
@ServerSystemTest.Tenant(GroupChatSettingsSystemTest.TENANT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GroupChatSettingsSystemTest extends ServerSystemTest
{
    static final String TENANT = """
        , "acd": { "ringTimeoutSeconds": 5, "wrapUpSeconds": 3,
            "groups": [ { "name": "online", "concurrency": 3, "chatAcceptTimeoutSeconds": 30 } ],
            "agents": [ { "staffNo": "A1", "name": "Agent One", "extension": "1001", "groups": ["online"] } ]
          }
        """;

    @Test
    @Order(1)
    void shouldChangeAConfiguredGroupsChatSettings() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        final JsonNode before = groupRow(admin, "online");
        assertEquals(3, before.get("concurrency").asInt(), before::toString);
        assertEquals(30, before.get("chatAcceptTimeoutSeconds").asInt());

        final CallApi.Reply changed = admin.post("/api/groups/online",
            "{\"concurrency\": 7, \"chatAcceptTimeoutSeconds\": 15}");
        assertEquals(200, changed.status(), changed.body()::toString);
        assertEquals(7, changed.body().get("concurrency").asInt());
        assertEquals(15, changed.body().get("chatAcceptTimeoutSeconds").asInt());
        final JsonNode row = groupRow(admin, "online");
        assertEquals(7, row.get("concurrency").asInt(), row::toString);
        assertEquals(15, row.get("chatAcceptTimeoutSeconds").asInt());
        Await.until("the ACD gives A1 the new limit", () -> agentRow(admin, "A1").get("chatLimit").asInt(),
            limit -> limit == 7);

        final CallApi.Reply callsOnly = admin.post("/api/groups/online", "{\"maxQueueLength\": 4}");
        assertEquals(200, callsOnly.status(), callsOnly.body()::toString);
        assertEquals(7, groupRow(admin, "online").get("concurrency").asInt(), "left out: as it was");
        assertEquals(15, groupRow(admin, "online").get("chatAcceptTimeoutSeconds").asInt());

        final CallApi.Reply off = admin.post("/api/groups/online", "{\"chatAcceptTimeoutSeconds\": 0}");
        assertEquals(200, off.status(), off.body()::toString);
        assertEquals(0, groupRow(admin, "online").get("chatAcceptTimeoutSeconds").asInt(), "0: off");
    }

    @Test
    @Order(2)
    void shouldCreateGroupsWithDefaultsOrGivenChatSettings() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        final CallApi.Reply plain = admin.post("/api/groups", "{\"name\": \"plain\"}");
        assertEquals(201, plain.status(), plain.body()::toString);
        assertEquals(3, plain.body().get("concurrency").asInt(), "the configuration's default");
        assertEquals(30, plain.body().get("chatAcceptTimeoutSeconds").asInt());

        final CallApi.Reply vip = admin.post("/api/groups",
            "{\"name\": \"vip\", \"concurrency\": 100, \"chatAcceptTimeoutSeconds\": 90}");
        assertEquals(201, vip.status(), vip.body()::toString);
        assertEquals(100, groupRow(admin, "vip").get("concurrency").asInt());
        assertEquals(90, groupRow(admin, "vip").get("chatAcceptTimeoutSeconds").asInt());
    }

    @Test
    @Order(3)
    void shouldRefuseValuesOutOfRangeWithAJsonError() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        for (final String bad : List.of("{\"concurrency\": 0}", "{\"concurrency\": 101}", "{\"concurrency\": -3}",
            "{\"concurrency\": 2.5}", "{\"concurrency\": \"3\"}", "{\"chatAcceptTimeoutSeconds\": 91}",
            "{\"chatAcceptTimeoutSeconds\": -1}", "{\"chatAcceptTimeoutSeconds\": true}",
            "{\"concurrency\": 5, \"chatAcceptTimeoutSeconds\": 600}"))
        {
            final CallApi.Reply reply = admin.post("/api/groups/online", bad);
            assertEquals(400, reply.status(), () -> bad + ": " + reply.body());
            assertEquals("bad_request", reply.body().get("error").asText(), () -> bad + ": " + reply.body());
            final String message = reply.body().get("message").asText();
            assertTrue(message.contains("concurrency") || message.contains("chatAcceptTimeoutSeconds"),
                () -> bad + " names the member: " + message);
        }
        final CallApi.Reply range = admin.post("/api/groups/online", "{\"concurrency\": 101}");
        assertTrue(range.body().get("message").asText().contains("1 to 100"), range.body()::toString);
        assertEquals(400, admin.post("/api/groups", "{\"name\": \"x\", \"concurrency\": 0}").status());
        assertNull(groupRow(admin, "x"), "nothing refused was created");
        final JsonNode row = groupRow(admin, "online");
        assertEquals(7, row.get("concurrency").asInt(), "nothing refused was changed");
        assertEquals(0, row.get("chatAcceptTimeoutSeconds").asInt());

        final CallApi agent = new CallApi(server.httpPort(), CallApi.login(server.httpPort(),
            DemoAccounts.email("1001"), DemoAccounts.password("1001")));
        assertEquals(403, agent.post("/api/groups/online", "{\"concurrency\": 1}").status());
    }

    @Test
    @Order(4)
    void shouldKeepTheChatSettingsAfterARestart() throws Exception
    {
        final String dataDir = server.config().dataDir;
        server.close();
        server = TestServers.start(TENANT, dataDir);
        final CallApi admin = new CallApi(server.httpPort());
        final JsonNode online = groupRow(admin, "online");
        assertNotNull(online);
        assertEquals(7, online.get("concurrency").asInt(), "the journal's, not the configuration's 3");
        assertEquals(0, online.get("chatAcceptTimeoutSeconds").asInt(), "the journal's, not the configuration's 30");
        assertEquals(4, online.get("maxQueueLength").asInt());
        assertEquals(100, groupRow(admin, "vip").get("concurrency").asInt());
        assertEquals(90, groupRow(admin, "vip").get("chatAcceptTimeoutSeconds").asInt());
        assertEquals(3, groupRow(admin, "plain").get("concurrency").asInt());
        Await.until("the ACD has A1's limit from the journal", () -> agentRow(admin, "A1").get("chatLimit").asInt(),
            limit -> limit == 7);
    }
}

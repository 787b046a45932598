package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A skill group renamed through the running server (001 编辑技能组): its member, its queue number and another
 * group's fallback follow, a call to the number still queues there and is answered by the member, the service record
 * of a call before keeps the old name, and after a restart on the same journal the new name holds. Refused: a name
 * another group has (409 {@code group_exists}), bad names (400), a group a flow transfers to (409
 * {@code group_in_flow}), an unknown group (404).
 */
@Timeout(120)
@ServerSystemTest.Tenant(GroupRenameSystemTest.TENANT)
class GroupRenameSystemTest extends ServerSystemTest
{
    static final String TENANT = """
        , "acd": { "ringTimeoutSeconds": 20, "wrapUpSeconds": 1,
            "groups": [ { "name": "support" }, { "name": "overflow", "fallback": "support" }, { "name": "billing" } ],
            "agents": [ { "staffNo": "A1", "name": "Agent One", "extension": "1001", "groups": ["support"] } ],
            "numbers": [ { "number": "4000", "group": "support" } ]
          }
        , "ivr": { "flowsDir": "target/group-rename/flows", "audioDir": "target/group-rename/audio",
                   "speechCacheDir": "target/group-rename/tts" }
        """;
    private static final String FLOW = """
        { "name": "bills", "nodes": [
          { "type": "start", "id": "start", "next": "billing" },
          { "type": "transfer", "id": "billing", "group": "billing", "announceSeconds": 0 }
        ] }
        """;

    private final List<Sipp> sipps = new ArrayList<>();
    private CallApi api;
    private int phone;

    @AfterEach
    void cleanUp() throws Exception
    {
        if (api != null)
        {
            hangUpEverything(api, sipps);
        }
    }

    @Test
    void aRenamedGroupKeepsItsMemberNumberAndFallbackAndTheNameHoldsAfterARestart() throws Exception
    {
        api = new CallApi(server.httpPort());
        phone = Sipp.freeUdpPort();
        registerPhone();
        state("idle");
        answeredByA1("1010");
        final JsonNode before = Await.until("the first call's record", () -> api.get("/api/records").body(),
            page -> page.get("total").asInt() >= 1).get("records").get(0);
        assertEquals("support", before.get("group").asText(), before::toString);

        refusals();
        final CallApi.Reply renamed = api.post("/api/groups/support/rename", "{\"name\": \"技能组一\"}");
        assertEquals(200, renamed.status(), renamed.body()::toString);
        assertEquals("技能组一", renamed.body().get("name").asText());
        assertRenamed();
        assertEquals(404, api.post("/api/groups/support/rename", "{\"name\": \"x\"}").status(), "the old name");

        api.awaitAgent("A1", "idle after the wrap-up", a -> "idle".equals(a.get("state").asText()));
        answeredByA1("1011");
        final JsonNode records = Await.until("two records", () -> api.get("/api/records").body(),
            page -> page.get("total").asInt() >= 2);
        assertEquals("技能组一", records.get("records").get(0).get("group").asText(), records::toString);
        assertEquals("support", records.get("records").get(1).get("group").asText(), "history is not rewritten");

        final String dataDir = server.config().dataDir;
        server.close();
        server = TestServers.start(TENANT, dataDir);
        api = new CallApi(server.httpPort());
        assertRenamed();
        registerPhone();
        state("idle");
        answeredByA1("1012");
    }

    private void refusals() throws Exception
    {
        final CallApi.Reply taken = api.post("/api/groups/support/rename", "{\"name\": \"overflow\"}");
        assertEquals(409, taken.status(), taken.body()::toString);
        assertEquals("group_exists", taken.error());
        for (final String bad : List.of("{}", "{\"name\": \"\"}", "{\"name\": \"a/b\"}", "{\"name\": \"hangup\"}",
            "{\"name\": 7}", "{\"name\": \"support\"}", "{\"name\": \"123456789012345678901\"}",
            "{\"name\": \"x\", \"policy\": null}", "[]"))
        {
            final CallApi.Reply reply = api.post("/api/groups/support/rename", bad);
            assertEquals(400, reply.status(), () -> bad + ": " + reply.body());
            assertEquals("bad_request", reply.error(), () -> bad + ": " + reply.body());
        }
        assertEquals(404, api.post("/api/groups/nope/rename", "{\"name\": \"x\"}").status());
        assertEquals(200, api.put("/api/flows/bills", FLOW).status(), "a draft flow naming billing");
        final CallApi.Reply inFlow = api.post("/api/groups/billing/rename", "{\"name\": \"bills\"}");
        assertEquals(409, inFlow.status(), inFlow.body()::toString);
        assertEquals("group_in_flow", inFlow.error());
        assertTrue(inFlow.body().get("message").asText().contains("voice flow bills"), inFlow.body()::toString);
    }

    /** The group under its new name with its member, number and the fallback to it; the old name gone. */
    private void assertRenamed() throws Exception
    {
        final JsonNode group = GroupAdministrationSystemTest.groupRow(api, "技能组一");
        assertEquals(1, group.get("members").asInt(), group::toString);
        assertEquals("技能组一", GroupAdministrationSystemTest.groupRow(api, "overflow").get("fallback").asText());
        assertEquals(List.of("技能组一"), CallApi.texts(GroupAdministrationSystemTest.agentRow(api, "A1")
            .get("groups")));
        for (final JsonNode row : api.get("/api/groups").body())
        {
            assertTrue(!"support".equals(row.get("name").asText()), "no group support any more");
        }
    }

    private void registerPhone() throws Exception
    {
        registerPhoneAt("group-rename", "1001", phone);
    }

    private void answeredByA1(final String caller) throws Exception
    {
        answeredBy(api, "group-rename", caller, "4000", "A1", phone, sipps);
    }

    private void state(final String state) throws Exception
    {
        final CallApi.Reply reply = api.post("/api/agents/A1/state", "{\"state\":\"" + state + "\"}");
        assertEquals(200, reply.status(), () -> "A1 " + state + ": " + reply.body());
    }
}

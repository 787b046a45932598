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
 * of a call before keeps the old name, a voice flow's and a session flow's transfer nodes to it (one published, one
 * a draft) name the new one, and after a restart on the same journal all of it holds. Refused: a name another group
 * has (409 {@code group_exists}), bad names (400), an unknown group (404).
 */
@Timeout(120)
@ServerSystemTest.Tenant(GroupRenameSystemTest.TENANT)
class GroupRenameSystemTest extends ServerSystemTest
{
    static final String TENANT = """
        , "acd": { "ringTimeoutSeconds": 20, "wrapUpSeconds": 1,
            "groups": [ { "name": "support" }, { "name": "overflow", "fallback": "support" } ],
            "agents": [ { "staffNo": "A1", "name": "Agent One", "extension": "1001", "groups": ["support"] } ],
            "numbers": [ { "number": "4000", "group": "support" } ]
          }
        , "ivr": { "flowsDir": "target/group-rename/flows", "audioDir": "target/group-rename/audio",
                   "speechCacheDir": "target/group-rename/tts" }
        , "chat": { "flowsDir": "target/group-rename/chat-flows" }
        """;
    private static final String FLOW = """
        { "name": "bills", "nodes": [
          { "type": "start", "id": "start", "next": "billing" },
          { "type": "transfer", "id": "billing", "group": "support", "announceSeconds": 0 }
        ] }
        """;

    private static final String CHAT = """
        { "name": "webdesk", "nodes": [
          { "type": "start", "id": "start", "next": "human" },
          { "type": "transfer", "id": "human", "group": "support", "failureMessage": "无人在线", "next": "end" },
          { "type": "end", "id": "end", "replyTimeoutSeconds": 60, "timeoutMessage": "再见", "endMessage": "谢谢" }
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
        assertFlowsTransferTo("技能组一");
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
        assertFlowsTransferTo("技能组一");
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
        assertEquals(200, api.put("/api/flows/bills", FLOW).status());
        assertEquals(200, api.post("/api/flows/bills/publish", "{}").status());
        assertEquals(200, api.put("/api/chat/flows/webdesk", CHAT).status(), "a draft");
    }

    /** The voice flow bills (published) and the session flow webdesk (a draft) transfer to {@code group}. */
    private void assertFlowsTransferTo(final String group) throws Exception
    {
        final JsonNode voice = api.get("/api/flows/bills").body();
        assertEquals(List.of(group), CallApi.texts(new com.fasterxml.jackson.databind.ObjectMapper()
            .valueToTree(voice.findValues("group"))), voice::toString);
        final JsonNode chat = api.get("/api/chat/flows/webdesk").body();
        assertEquals(List.of(group), CallApi.texts(new com.fasterxml.jackson.databind.ObjectMapper()
            .valueToTree(chat.findValues("group"))), chat::toString);
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

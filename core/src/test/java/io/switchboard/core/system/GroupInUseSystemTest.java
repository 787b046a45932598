package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A skill group that a published flow transfers to cannot be deleted (issue 17 item 9; 001 管理技能组): before, the
 * delete went through and that flow's callers met a 480, its visitors the failure message. Once the flow is
 * unpublished (an unpublished flow is checked again when it is published), the group can go. Voice and chat flows
 * alike, through the running server's API.
 */
@Timeout(60)
@ServerSystemTest.Tenant(GroupInUseSystemTest.TENANT)
class GroupInUseSystemTest extends ServerSystemTest
{
    static final String TENANT = """
        , "acd": { "groups": [ { "name": "support" }, { "name": "billing" }, { "name": "web" } ],
            "agents": [ { "staffNo": "A1", "extension": "1001", "groups": ["support", "billing", "web"] } ] }
        , "ivr": { "flowsDir": "target/group-in-use/flows", "audioDir": "target/group-in-use/audio",
                   "speechCacheDir": "target/group-in-use/tts" }
        , "chat": { "flowsDir": "target/group-in-use/chat-flows" }
        """;
    private static final String VOICE = """
        { "name": "bills", "nodes": [
          { "type": "start", "id": "start", "next": "billing" },
          { "type": "transfer", "id": "billing", "group": "billing", "announceSeconds": 0 }
        ] }
        """;
    private static final String CHAT = """
        { "name": "webdesk", "nodes": [
          { "type": "start", "id": "start", "next": "human" },
          { "type": "transfer", "id": "human", "group": "web", "failureMessage": "无人在线", "next": "end" },
          { "type": "end", "id": "end", "replyTimeoutSeconds": 60, "timeoutMessage": "再见", "endMessage": "谢谢" }
        ] }
        """;

    @Test
    void aGroupThatAPublishedFlowTransfersToIsKeptUntilTheFlowIsUnpublished() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        assertEquals(200, admin.put("/api/flows/bills", VOICE).status());
        assertEquals(200, admin.put("/api/chat/flows/webdesk", CHAT).status());
        assertEquals(200, admin.post("/api/flows/bills/publish", "{}").status());
        assertEquals(200, admin.post("/api/chat/flows/webdesk/publish", "{}").status());

        final CallApi.Reply voice = admin.delete("/api/groups/billing");
        assertEquals(409, voice.status(), voice.body()::toString);
        assertTrue(voice.body().toString().contains("voice flow bills"), voice.body()::toString);
        final CallApi.Reply chat = admin.post("/api/groups/web/delete", "");
        assertEquals(409, chat.status(), chat.body()::toString);
        assertTrue(chat.body().toString().contains("session flow webdesk"), chat.body()::toString);
        assertEquals(2, admin.get("/api/groups").body().findValues("name").stream().map(JsonNode::asText)
            .filter(name -> name.equals("billing") || name.equals("web")).count(), "both groups still there");

        assertEquals(200, admin.post("/api/flows/bills/unpublish", "{}").status());
        assertEquals(200, admin.post("/api/chat/flows/webdesk/unpublish", "{}").status());
        assertEquals(200, admin.delete("/api/groups/billing").status());
        assertEquals(200, admin.post("/api/groups/web/delete", "").status());
        assertEquals(200, admin.delete("/api/groups/support").status(), "a group no flow names");
    }
}

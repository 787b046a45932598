package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A served chat becomes a service record (spec §10), over real sockets: a visitor chats through the flow to agent
 * A1, who accepts, answers and ends it; the record is listed with the calls (type {@code chat}, filtered by
 * {@code type=chat|call}) with its times, its transcript is read with {@code GET /api/records/chat-N}, the CSV has
 * its row; A2 cannot read it (404, as for a record that does not exist) nor list it; after a restart on the same
 * data directory the record and its transcript are there exactly once, and a new session gets a new id (its record,
 * a visitor who left in the flow, is {@code abandoned}). The flow is {@code src/test/resources/chat-flows/shop.json}.
 */
@Timeout(120)
@ServerSystemTest.Tenant(ChatRecordsSystemTest.TENANT)
class ChatRecordsSystemTest extends ServerSystemTest
{
    static final String TENANT = """
        , "acd": { "groups": [ { "name": "support", "concurrency": 3, "chatAcceptTimeoutSeconds": 60 } ],
                   "agents": [ { "staffNo": "A1", "extension": "1001", "groups": ["support"] },
                               { "staffNo": "A2", "extension": "1002", "groups": ["support"] } ] }
        , "chat": { "flowsDir": "src/test/resources/chat-flows",
                    "channels": [ { "name": "shop", "domain": "127.0.0.1", "flow": "shop" } ] }
        """;
    private static final String VISITOR = "visitor-records-0123456789";
    private static final Duration LONG = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aServedChatIsARecordWithItsTranscriptThatSurvivesARestartOnce() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        registerPhone("chat-records", "1001");
        assertEquals(200, admin.post("/api/agents/A1/state", "{\"state\":\"idle\"}").status());
        final long session = servedAndEnded(admin);
        final String recordId = "chat-" + session;

        final JsonNode chats = Await.until("the chat's record", LONG, () -> admin.get("/api/records?type=chat")
            .body(), body -> body.path("total").asInt() == 1);
        final JsonNode listed = chats.get("records").get(0);
        assertEquals(recordId, listed.get("recordId").asText(), listed::toString);
        assertEquals("chat", listed.get("type").asText());
        assertEquals("A1", listed.get("agent").asText());
        assertEquals("support", listed.get("group").asText());
        assertEquals(VISITOR, listed.get("caller").asText());
        assertTrue(listed.get("answered").asBoolean());
        assertFalse(listed.get("chat").has("transcript"), "lists leave the transcript out: " + listed);
        assertEquals(0, admin.get("/api/records?type=call").body().get("total").asInt(), "no call was made");
        assertEquals(1, admin.get("/api/records").body().get("total").asInt(), "calls and chats together");

        final JsonNode record = admin.get("/api/records/" + recordId).body();
        checkRecord(record);
        checkCsv(recordId);

        // A2 did not serve it: as if it did not exist; A1 did
        final CallApi agentTwo = new CallApi(server.httpPort(), CallApi.login(server.httpPort(),
            "1002@demo.switchboard", "Demo#1002"));
        assertEquals(404, agentTwo.get("/api/records/" + recordId).status());
        assertEquals(404, agentTwo.get("/api/records/chat-999999").status());
        assertEquals(0, agentTwo.get("/api/records?type=chat").body().get("total").asInt());
        final CallApi agentOne = new CallApi(server.httpPort(), CallApi.login(server.httpPort(),
            "1001@demo.switchboard", "Demo#1001"));
        assertEquals(record, agentOne.get("/api/records/" + recordId).body());
        assertEquals(400, admin.get("/api/records?type=fax").status());

        // the agent finishes its wrap-up: no second record
        assertEquals(200, admin.post("/api/agents/A1/chats/" + session + "/finish", "{}").status());
        Await.until("the session finished", LONG, () -> server.online().desk().liveSessions(), n -> n == 0);

        final String dataDir = server.config().dataDir;
        final JsonNode before = admin.get("/api/records").body();
        server.close();
        server = TestServers.start(TENANT, dataDir);
        final CallApi api = new CallApi(server.httpPort());
        assertEquals(before, api.get("/api/records").body(), "the same records, each once");
        assertEquals(record, api.get("/api/records/" + recordId).body(), "the same transcript");

        // a new session after the restart has a new id; the visitor leaves in the flow: abandoned
        final VisitorClient other = VisitorClient.open(server.httpPort(), "http://127.0.0.1",
            "channel=shop&visitor=visitor-after-restart-0123");
        other.await("the menu", f -> "1 人工".equals(f.path("text").asText()));
        final long next = other.of("chat.session").get(0).get("session").asLong();
        assertTrue(next > session, () -> next + " after " + session);
        other.send("{\"type\":\"leave\"}");
        other.await("finished", f -> "finished".equals(f.path("state").asText()));
        other.close();
        final JsonNode both = Await.until("two chat records", LONG, () -> api.get("/api/records?type=chat").body(),
            body -> body.path("total").asInt() == 2);
        final JsonNode left = both.get("records").get(0);
        assertEquals("chat-" + next, left.get("recordId").asText(), both::toString);
        assertEquals("abandoned", left.get("chat").get("outcome").asText(), left::toString);
        assertFalse(left.get("answered").asBoolean());
        assertTrue(left.get("agent").isNull(), left::toString);
    }

    /** A visitor chats through the flow to A1, who accepts, writes, gets an answer and ends; returns the session. */
    private static long servedAndEnded(final CallApi admin) throws Exception
    {
        final VisitorClient visitor = VisitorClient.open(server.httpPort(), "http://127.0.0.1",
            "channel=shop&visitor=" + VISITOR + "&name=Han%20Meimei&page=https://shop/cart");
        visitor.await("the menu", f -> "1 人工".equals(f.path("text").asText()));
        visitor.text("1", "r1");
        visitor.await("ack r1", f -> "r1".equals(f.path("ref").asText()));
        final long session = visitor.of("chat.session").get(0).get("session").asLong();
        Await.until("offered to A1", LONG, () -> admin.get("/api/agents/A1/chats").body(),
            list -> list.size() == 1 && "offered".equals(list.get(0).path("state").asText()));
        final CallApi.Reply accepted = admin.post("/api/agents/A1/chats/" + session + "/accept", "{}");
        assertEquals(200, accepted.status(), accepted.body()::toString);
        visitor.await("served", f -> "serving".equals(f.path("state").asText()));
        assertEquals(200, admin.post("/api/agents/A1/chats/" + session + "/messages", "{\"text\":\"您好\"}")
            .status());
        visitor.await("the agent's message", f -> "agent".equals(f.path("from").asText()));
        visitor.text("多少钱？", "r2");
        visitor.await("ack r2", f -> "r2".equals(f.path("ref").asText()));
        assertEquals(200, admin.post("/api/agents/A1/chats/" + session + "/end", "{}").status());
        visitor.await("the end message", f -> "再见".equals(f.path("text").asText()));
        visitor.await("wrap-up", f -> "wrap-up".equals(f.path("state").asText()));
        visitor.close();
        return session;
    }

    /** The record's details, times and transcript agree with each other. */
    private static void checkRecord(final JsonNode record)
    {
        final JsonNode chat = record.get("chat");
        assertEquals("shop", chat.get("channel").asText(), record::toString);
        assertEquals(VISITOR, chat.get("visitorId").asText());
        assertEquals("Han Meimei", chat.get("visitorName").asText());
        assertEquals("https://shop/cart", chat.get("page").asText());
        assertEquals("served", chat.get("outcome").asText());
        assertEquals("ended-by-agent", record.get("ending").asText());
        final JsonNode transcript = chat.get("transcript");
        assertEquals(transcript.size(), chat.get("messages").asInt());
        final List<String> texts = new ArrayList<>();
        for (int i = 0; i < transcript.size(); i++)
        {
            assertEquals(i + 1, transcript.get(i).get("id").asLong(), "ids in order: " + transcript);
            texts.add(transcript.get(i).get("from").asText() + ":" + transcript.get(i).get("text").asText());
        }
        assertTrue(texts.containsAll(List.of("visitor:1", "agent:您好", "visitor:多少钱？")), texts::toString);
        assertEquals("flow:再见", texts.get(texts.size() - 1), "the end message is the last: " + texts);

        final long started = record.get("startedAt").asLong();
        final long ended = record.get("endedAt").asLong();
        final long queued = chat.get("queuedAt").asLong();
        final long served = chat.get("servedAt").asLong();
        assertTrue(started <= queued && queued <= served && served <= ended, record::toString);
        assertEquals((served - queued) / 1000.0, chat.get("waitingSeconds").asDouble(), 0.0005);
        assertEquals((ended - started) / 1000.0, chat.get("durationSeconds").asDouble(), 0.0005);
        assertEquals((ended - served) / 1000.0, record.get("talkSeconds").asDouble(), 0.0005);
        long firstAgent = 0;
        for (final JsonNode line : transcript)
        {
            if (firstAgent == 0 && "agent".equals(line.get("from").asText()))
            {
                firstAgent = line.get("at").asLong();
                assertEquals("A1", line.get("staffNo").asText());
            }
        }
        assertEquals((firstAgent - served) / 1000.0, chat.get("firstResponseSeconds").asDouble(), 0.0005);
    }

    private static void checkCsv(final String recordId) throws Exception
    {
        final HttpResponse<String> csv = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + server.httpPort() + "/api/records.csv?type=chat")).header("Authorization", "Bearer "
            + CallApi.login(server.httpPort(), DemoAccounts.ADMIN, DemoAccounts.ADMIN_PASSWORD)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, csv.statusCode());
        final String[] lines = csv.body().split("\r\n");
        assertEquals(2, lines.length, csv::body);
        assertTrue(lines[0].endsWith(",recordId,channel,visitorName,page,outcome,waitingSeconds,"
            + "firstResponseSeconds,durationSeconds,messages,satisfactionLevel,satisfactionLabel,solved,"
            + "satisfactionComment"), lines[0]);
        assertTrue(lines[1].contains(",chat," + VISITOR + ",A1,shop,") && lines[1].contains(",support,A1,true,")
            && lines[1].contains("," + recordId + ",shop,Han Meimei,https://shop/cart,served,"), lines[1]);
    }
}

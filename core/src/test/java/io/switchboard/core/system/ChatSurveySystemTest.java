package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chat satisfaction survey (issue 16, spec §7) over real sockets: the administrator's survey (defaults, a change,
 * refusals); the agent sends it once during the session, the visitor's bad answers are refused (level out of range,
 * a comment over 500 characters, "solved" not a yes or no, a second answer, a visitor without a survey), the good
 * one reaches the record and the CSV; sent by itself when a served session ends, answered after the agent finished
 * its wrap-up (the record written already), and still in the record after a restart. Flow: {@code shop.json}.
 */
@Timeout(180)
@ServerSystemTest.Tenant(ChatSurveySystemTest.TENANT)
class ChatSurveySystemTest extends ServerSystemTest
{
    static final String TENANT = """
        , "acd": { "groups": [ { "name": "support", "concurrency": 3, "chatAcceptTimeoutSeconds": 60 } ],
                   "agents": [ { "staffNo": "A1", "extension": "1001", "groups": ["support"] } ] }
        , "chat": { "flowsDir": "src/test/resources/chat-flows",
                    "channels": [ { "name": "shop", "domain": "127.0.0.1", "flow": "shop" } ] }
        """;
    private static final Duration LONG = Duration.ofSeconds(20);
    private static final String DEFAULT_SURVEY = "{\"levels\":[{\"label\":\"非常满意\",\"english\":\"Very satisfied\"},"
        + "{\"label\":\"满意\",\"english\":\"Satisfied\"},{\"label\":\"一般\",\"english\":\"Neutral\"},"
        + "{\"label\":\"不满意\",\"english\":\"Dissatisfied\"},{\"label\":\"非常不满意\",\"english\":\"Very dissatisfied\"}],"
        + "\"askSolved\":true,\"askComment\":true,\"autoSend\":false}";

    @AfterEach
    void finishAll() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        for (final JsonNode session : admin.get("/api/agents/A1/chats").body())
        {
            final String id = session.get("session").asText();
            admin.post("/api/agents/A1/chats/" + id + "/end", "{}");
            admin.post("/api/agents/A1/chats/" + id + "/finish", "{}");
        }
        admin.post("/api/survey", DEFAULT_SURVEY);
    }

    @Test
    void theAdministratorConfiguresTheSurvey() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        final JsonNode survey = admin.get("/api/survey").body();
        assertEquals(5, survey.get("levels").size(), survey::toString);
        assertEquals("非常满意", survey.get("levels").get(0).get("label").asText());
        assertEquals("Very dissatisfied", survey.get("levels").get(4).get("english").asText());
        assertTrue(survey.get("askSolved").asBoolean() && survey.get("askComment").asBoolean());
        assertFalse(survey.get("autoSend").asBoolean());

        assertEquals(400, admin.post("/api/survey", "{\"levels\":[\"only one\"]}").status());
        assertEquals(400, admin.post("/api/survey", "{\"levels\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"]}").status());
        assertEquals(400, admin.post("/api/survey", "{\"levels\":[\"good\",\" \"]}").status());
        assertEquals(400, admin.post("/api/survey", "{\"autoSend\":\"yes\"}").status());
        assertEquals(400, admin.post("/api/survey", "{\"colour\":\"red\"}").status());
        final CallApi agent = new CallApi(server.httpPort(), CallApi.login(server.httpPort(),
            "1001@demo.switchboard", "Demo#1001"));
        assertEquals(403, agent.post("/api/survey", "{\"autoSend\":true}").status());
        assertEquals(survey, admin.get("/api/survey").body(), "nothing changed");

        final CallApi.Reply changed = admin.post("/api/survey", "{\"levels\":[\"Good\",{\"label\":\"Bad\","
            + "\"english\":\"Not good\"}],\"askComment\":false}");
        assertEquals(200, changed.status(), changed.body()::toString);
        assertEquals(2, changed.body().get("levels").size());
        assertEquals("Not good", changed.body().get("levels").get(1).get("english").asText());
        assertFalse(changed.body().get("askComment").asBoolean());
        assertEquals(changed.body(), agent.get("/api/survey").body(), "agents read it");
    }

    @Test
    void theAgentSendsTheSurveyOnceAndOnlyAGoodAnswerReachesTheRecord() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        registerPhone("chat-survey", "1001");
        assertEquals(200, admin.post("/api/agents/A1/state", "{\"state\":\"idle\"}").status());
        try (VisitorClient visitor = served(admin, "visitor-survey-sent-0123456"))
        {
            final long session = visitor.of("chat.session").get(0).get("session").asLong();
            final String path = "/api/agents/A1/chats/" + session + "/survey";
            assertEquals(404, admin.post("/api/agents/A1/chats/999999/survey", "{}").status());
            final CallApi.Reply sent = admin.post(path, "{}");
            assertEquals(200, sent.status(), sent.body()::toString);
            final JsonNode frame = visitor.await("the survey", f -> "survey".equals(f.path("type").asText()));
            assertEquals(5, frame.get("levels").size(), frame::toString);
            assertTrue(frame.get("askSolved").asBoolean() && frame.get("askComment").asBoolean());
            assertEquals(409, admin.post(path, "{}").status(), "once per session");

            refused(visitor, "{\"type\":\"survey\",\"level\":0,\"ref\":\"b1\"}", "b1", "invalid");
            refused(visitor, "{\"type\":\"survey\",\"level\":6,\"ref\":\"b2\"}", "b2", "invalid");
            refused(visitor, "{\"type\":\"survey\",\"level\":\"2\",\"ref\":\"b3\"}", "b3", "invalid");
            refused(visitor, "{\"type\":\"survey\",\"level\":2,\"solved\":\"yes\",\"ref\":\"b4\"}", "b4", "invalid");
            refused(visitor, "{\"type\":\"survey\",\"level\":2,\"comment\":\"" + "字".repeat(501)
                + "\",\"ref\":\"b5\"}", "b5", "invalid");
            visitor.send("{\"type\":\"survey\",\"level\":2,\"solved\":true,\"comment\":\"很好, \\\"quick\\\"\","
                + "\"ref\":\"ok\"}");
            visitor.await("the answer taken", f -> "survey.ack".equals(f.path("type").asText())
                && "ok".equals(f.path("ref").asText()));
            refused(visitor, "{\"type\":\"survey\",\"level\":1,\"ref\":\"again\"}", "again", "wrong_state");

            // another visitor, with no survey, cannot answer (its own session only)
            try (VisitorClient other = VisitorClient.open(server.httpPort(), "http://127.0.0.1",
                "channel=shop&visitor=visitor-survey-other-01234"))
            {
                other.await("the menu", f -> "1 人工".equals(f.path("text").asText()));
                refused(other, "{\"type\":\"survey\",\"level\":1,\"ref\":\"x\"}", "x", "wrong_state");
                other.send("{\"type\":\"leave\"}");
            }

            assertEquals(200, admin.post("/api/agents/A1/chats/" + session + "/end", "{}").status());
            final JsonNode record = Await.until("the record with the answer", LONG, () ->
                admin.get("/api/records/chat-" + session).body(), body -> body.has("satisfaction"));
            final JsonNode answer = record.get("satisfaction");
            assertEquals(2, answer.get("level").asInt(), record::toString);
            assertEquals(5, answer.get("levels").asInt());
            assertEquals("满意 Satisfied", answer.get("label").asText());
            assertTrue(answer.get("solved").asBoolean());
            assertEquals("很好, \"quick\"", answer.get("comment").asText());
            final String csv = csv("chat-" + session);
            assertTrue(csv.startsWith("id,") && csv.split("\r\n")[0].endsWith(",messages,satisfactionLevel,"
                + "satisfactionLabel,solved,satisfactionComment"), csv);
            assertTrue(csv.contains(",2,满意 Satisfied,true,\"很好, \"\"quick\"\"\"\r\n"), csv);
        }
    }

    @Test
    void sentAtTheEndAndAnsweredAfterTheWrapUpItStillReachesTheRecordAcrossARestart() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        assertEquals(200, admin.post("/api/survey", "{\"levels\":[\"Good\",\"Bad\"],\"askSolved\":false,"
            + "\"autoSend\":true}").status());
        registerPhone("chat-survey-auto", "1001");
        assertEquals(200, admin.post("/api/agents/A1/state", "{\"state\":\"idle\"}").status());
        final long session;
        try (VisitorClient visitor = served(admin, "visitor-survey-auto-01234567"))
        {
            session = visitor.of("chat.session").get(0).get("session").asLong();
            assertTrue(visitor.of("survey").isEmpty(), "not before the end");
            assertEquals(200, admin.post("/api/agents/A1/chats/" + session + "/end", "{}").status());
            final JsonNode frame = visitor.await("the survey at the end",
                f -> "survey".equals(f.path("type").asText()));
            assertEquals(2, frame.get("levels").size(), frame::toString);
            assertFalse(frame.get("askSolved").asBoolean());
            assertEquals(409, admin.post("/api/agents/A1/chats/" + session + "/survey", "{}").status(),
                "sent already, by itself");
            Await.until("the record written", LONG, () -> admin.get("/api/records/chat-" + session).status(),
                status -> status == 200);
            assertEquals(200, admin.post("/api/agents/A1/chats/" + session + "/finish", "{}").status());
            visitor.await("finished", f -> "finished".equals(f.path("state").asText()));
            refused(visitor, "{\"type\":\"survey\",\"level\":1,\"solved\":true,\"ref\":\"s\"}", "s", "invalid");
            visitor.send("{\"type\":\"survey\",\"level\":2,\"ref\":\"late\"}");
            visitor.await("the late answer taken", f -> "survey.ack".equals(f.path("type").asText()));
        }
        final JsonNode record = Await.until("the late answer in the record", LONG, () ->
            admin.get("/api/records/chat-" + session).body(), body -> body.has("satisfaction"));
        assertEquals("Bad", record.get("satisfaction").get("label").asText(), record::toString);
        assertFalse(record.get("satisfaction").has("solved"), "not asked");
        assertEquals(1, admin.get("/api/records?type=chat").body().get("total").asInt() - countBefore(admin,
            session), "one record for the session");

        final String dataDir = server.config().dataDir;
        server.close();
        server = TestServers.start(TENANT, dataDir);
        final CallApi api = new CallApi(server.httpPort());
        assertEquals(record, api.get("/api/records/chat-" + session).body(), "the same record after a restart");
        assertTrue(api.get("/api/survey").body().get("autoSend").asBoolean(), "the survey's settings replayed");
    }

    /** How many chat records other than this session's there are. */
    private static int countBefore(final CallApi admin, final long session) throws Exception
    {
        int others = 0;
        for (final JsonNode one : admin.get("/api/records?type=chat&limit=100").body().get("records"))
        {
            others += one.get("recordId").asText().equals("chat-" + session) ? 0 : 1;
        }
        return others;
    }

    private static void refused(final VisitorClient visitor, final String frame, final String ref,
        final String error) throws Exception
    {
        visitor.send(frame);
        final JsonNode refusal = visitor.await("refused " + ref, f -> ref.equals(f.path("ref").asText())
            && "error".equals(f.path("type").asText()));
        assertEquals(error, refusal.get("error").asText(), refusal::toString);
    }

    /** A visitor asks for a person and A1 accepts; the visitor's socket is left open. */
    private static VisitorClient served(final CallApi admin, final String visitorId) throws Exception
    {
        final VisitorClient visitor = VisitorClient.open(server.httpPort(), "http://127.0.0.1",
            "channel=shop&visitor=" + visitorId);
        visitor.await("the menu", f -> "1 人工".equals(f.path("text").asText()));
        visitor.text("1", "r1");
        final long session = visitor.await("the session", f -> "chat.session".equals(f.path("type").asText()))
            .get("session").asLong();
        Await.until("offered to A1", LONG, () -> admin.get("/api/agents/A1/chats").body(),
            list -> list.size() == 1 && "offered".equals(list.get(0).path("state").asText()));
        final CallApi.Reply accepted = admin.post("/api/agents/A1/chats/" + session + "/accept", "{}");
        assertEquals(200, accepted.status(), accepted.body()::toString);
        visitor.await("served", f -> "serving".equals(f.path("state").asText()));
        return visitor;
    }

    private static String csv(final String recordId) throws Exception
    {
        final HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
            "http://127.0.0.1:" + server.httpPort() + "/api/records.csv?type=chat")).header("Authorization",
            "Bearer " + CallApi.login(server.httpPort(), DemoAccounts.ADMIN, DemoAccounts.ADMIN_PASSWORD)).GET()
            .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, csv.statusCode());
        assertTrue(csv.body().contains(recordId), csv::body);
        return csv.body();
    }
}

package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Service records through the running server: a queued call that nobody takes (the group hangs up after 1 s), one
 * answered by an agent and hung up by the caller; the queries, paging and CSV of {@code /api/records}, their
 * refusals; and what a restart on the same data directory gives back from the journal: the records (each once)
 * and the state an agent picked.
 * <p>
 * Tests run in the order written (one server, one journal): the restart test comes last.
 */
@Timeout(90)
@ServerSystemTest.Tenant(RecordsSystemTest.ACD)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecordsSystemTest extends ServerSystemTest
{
    static final String ACD = ", \"acd\": { \"ringTimeoutSeconds\": 5, \"wrapUpSeconds\": 3, " + """
            "breakReasons": ["rest", "lunch"],
            "groups": [
              { "name": "support", "fallback": "hangup" },
              { "name": "nobody", "maxWaitSeconds": 1, "fallback": "hangup" }
            ],
            "agents": [
              { "staffNo": "A1", "name": "Agent One", "extension": "1001", "groups": ["support"] },
              { "staffNo": "A2", "name": "Agent Two", "extension": "1002", "groups": ["support"] }
            ],
            "numbers": [ { "number": "4000", "group": "support" }, { "number": "4001", "group": "nobody" } ]
          }
        """;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    @Order(1)
    void shouldRecordAnUnansweredQueuedCall() throws Exception
    {
        final Sipp caller = Sipp.scenario("records-dropped", "acd/caller-dropped.xml")
            .credentials("1010", "demo-1010").service("4001").port(Sipp.freeUdpPort())
            .arg("-mp", Integer.toString(Sipp.freeMediaPort()));
        assertEquals(0, caller.run(server.sipUdpPort()), caller::traces);
        final JsonNode record = awaitRecords(1).get(0);
        assertEquals("inbound", record.get("type").asText(), record::toString);
        assertEquals("1010", record.get("caller").asText(), record::toString);
        assertEquals("4001", record.get("number").asText(), record::toString);
        assertEquals("nobody", record.get("group").asText(), record::toString);
        assertTrue(record.get("agent").isNull(), record::toString);
        assertFalse(record.get("answered").asBoolean(), record::toString);
        assertEquals("unanswered", record.get("ending").asText(), record::toString);
        assertTrue(record.get("ringSeconds").asDouble() >= 0.9, record::toString);
        assertEquals(0.0, record.get("talkSeconds").asDouble(), record::toString);
        assertEquals(0.0, record.get("wrapUpSeconds").asDouble(), record::toString);
    }

    @Test
    @Order(2)
    void shouldRecordACallAnsweredByAnAgentAndHungUpByTheCaller() throws Exception
    {
        final CallApi api = new CallApi(server.httpPort());
        final int phonePort = registerPhone("records", "1001");
        final Sipp phone = Sipp.scenario("records-phone-1001", "acd/agent-answer.xml").port(phonePort)
            .arg("-mp", Integer.toString(Sipp.freeMediaPort())).start(0);
        assertEquals(200, api.post("/api/agents/A1/state", "{\"state\":\"idle\"}").status());
        final Sipp caller = Sipp.scenario("records-answered", "acd/caller.xml").credentials("1011", "demo-1011")
            .service("4000").port(Sipp.freeUdpPort()).arg("-mp", Integer.toString(Sipp.freeMediaPort()))
            .start(server.sipUdpPort());
        final JsonNode agent = api.awaitAgent("A1", "on call", a -> "on-call".equals(a.get("state").asText()));
        // The agent holds the caller for a while: the record's hold time.
        api.ok(agent.get("call").asLong(), "hold", "caller");
        Thread.sleep(600);
        api.ok(agent.get("call").asLong(), "unhold", "caller");
        // The caller's SIPp hangs up when it gets an INFO: a key sent to its leg.
        api.dtmf(agent.get("call").asLong(), "caller", "0");
        assertEquals(0, caller.await(20), caller::traces);
        assertEquals(0, phone.await(20), phone::traces);
        final JsonNode record = awaitRecords(2).get(0);
        assertEquals(agent.get("call").asLong(), record.get("id").asLong(), record::toString);
        assertEquals("1011", record.get("caller").asText(), record::toString);
        assertEquals("1001", record.get("callee").asText(), record::toString);
        assertEquals("support", record.get("group").asText(), record::toString);
        assertEquals("A1", record.get("agent").asText(), record::toString);
        assertTrue(record.get("answered").asBoolean(), record::toString);
        assertEquals("caller-hung-up", record.get("ending").asText(), record::toString);
        assertEquals(3.0, record.get("wrapUpSeconds").asDouble(), record::toString);
        assertTrue(record.get("talkSeconds").asDouble() > 0, record::toString);
        assertTrue(record.get("holdSeconds").asDouble() >= 0.5, record::toString);
        assertTrue(record.get("holdSeconds").asDouble() <= record.get("talkSeconds").asDouble(), record::toString);
        assertEquals("[\"A1\"]", record.get("agents").toString(), record::toString);
        assertTrue(record.get("endedAt").asLong() >= record.get("startedAt").asLong(), record::toString);
    }

    @Test
    @Order(3)
    void shouldFilterPageAndExportTheRecords() throws Exception
    {
        final CallApi api = new CallApi(server.httpPort());
        final List<JsonNode> all = awaitRecords(2);
        final long newest = all.get(0).get("startedAt").asLong();
        assertEquals(List.of("A1"), agents(api.get("/api/records?agent=A1").body()));
        // An agent sees its own records only, and cannot ask for another's.
        final CallApi agentTwo = new CallApi(server.httpPort(), CallApi.login(server.httpPort(),
            "1002@demo.switchboard", "Demo#1002"));
        assertEquals(0, agentTwo.get("/api/records").body().get("total").asInt(), "A2 answered none of them");
        assertEquals(403, agentTwo.get("/api/records?agent=A1").status());
        final CallApi agentOne = new CallApi(server.httpPort(), CallApi.login(server.httpPort(),
            "1001@demo.switchboard", "Demo#1001"));
        assertEquals(List.of("A1"), agents(agentOne.get("/api/records").body()));
        assertEquals(1, api.get("/api/records?group=nobody").body().get("total").asInt());
        assertEquals(0, api.get("/api/records?type=outbound").body().get("total").asInt());
        assertEquals(1, api.get("/api/records?to=" + newest).body().get("total").asInt());
        assertEquals(1, api.get("/api/records?from=" + newest).body().get("total").asInt());
        assertEquals(0, api.get("/api/records?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z").body()
            .get("total").asInt());
        final JsonNode page = api.get("/api/records?offset=1&limit=1").body();
        assertEquals(2, page.get("total").asInt(), page::toString);
        assertEquals(all.get(1).get("id"), page.get("records").get(0).get("id"), page::toString);

        final HttpResponse<String> csv = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + server.httpPort() + "/api/records.csv?group=support")).header("Authorization", "Bearer "
            + CallApi.login(server.httpPort(), DemoAccounts.ADMIN, DemoAccounts.ADMIN_PASSWORD)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), csv::toString);
        final String[] lines = csv.body().split("\r\n");
        assertEquals(2, lines.length, csv::body);
        assertTrue(lines[0].startsWith("id,startedAt,endedAt,type,caller"), lines[0]);
        assertTrue(lines[1].startsWith(all.get(0).get("id").asText() + ",") && lines[1].contains(",support,A1,true,")
            && lines[1].contains(",caller-hung-up,"), lines[1]);
        // The records themselves as CSV: by the Accept header or by format=csv, the export's rows.
        for (final String[] asked : new String[][] {{"group=support", "text/csv"}, {"group=support&format=csv", "*/*"}})
        {
            final HttpResponse<String> same = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.httpPort() + "/api/records?" + asked[0])).header("Accept", asked[1])
                .header("Authorization", "Bearer " + CallApi.login(server.httpPort(), DemoAccounts.ADMIN,
                DemoAccounts.ADMIN_PASSWORD)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(same.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), same::toString);
            assertEquals(csv.body(), same.body(), asked[0] + " " + asked[1]);
        }

        for (final String bad : List.of("limit=0", "limit=1001", "offset=-1", "type=fax", "from=yesterday",
            "from=20&to=10", "colour=red", "agent=A1&agent=A2", "format=pdf"))
        {
            final CallApi.Reply reply = api.get("/api/records?" + bad);
            assertEquals(400, reply.status(), () -> bad + ": " + reply.body());
            assertEquals("bad_request", reply.error(), () -> bad + ": " + reply.body());
            assertFalse(reply.body().path("message").asText().isEmpty(), () -> bad + ": " + reply.body());
        }
        assertEquals(400, HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort()
            + "/api/records.csv?limit=100001")).header("Authorization", "Bearer " + CallApi.login(server.httpPort(),
            DemoAccounts.ADMIN, DemoAccounts.ADMIN_PASSWORD)).GET().build(), HttpResponse.BodyHandlers.ofString())
            .statusCode());
    }

    @Test
    @Order(4)
    void shouldGiveBackTheRecordsAndTheAgentsStatesAfterARestart() throws Exception
    {
        CallApi api = new CallApi(server.httpPort());
        final JsonNode before = api.get("/api/records").body();
        assertEquals(200, api.post("/api/agents/A1/state", "{\"state\":\"break\",\"reason\":\"lunch\"}").status());
        assertEquals(200, api.post("/api/agents/A2/state", "{\"state\":\"busy\"}").status());
        assertEquals(200, api.post("/api/agents/A2/state", "{\"state\":\"offline\"}").status());
        final String dataDir = server.config().dataDir;
        server.close();
        server = TestServers.start(ACD, dataDir);
        api = new CallApi(server.httpPort());
        final JsonNode after = api.get("/api/records").body();
        assertEquals(before, after, "the same records, each once");
        final JsonNode a1 = api.agent("A1");
        assertEquals("break", a1.get("state").asText(), a1::toString);
        assertEquals("lunch", a1.get("reason").asText(), a1::toString);
        assertEquals("offline", api.agent("A2").get("state").asText());
        // Call ids go on after the highest recorded one: a new call's record never shares an id with an old one.
        final Sipp caller = Sipp.scenario("records-after-restart", "acd/caller-dropped.xml")
            .credentials("1012", "demo-1012").service("4001").port(Sipp.freeUdpPort())
            .arg("-mp", Integer.toString(Sipp.freeMediaPort()));
        assertEquals(0, caller.run(server.sipUdpPort()), caller::traces);
        final List<JsonNode> records = awaitRecords(before.get("total").asInt() + 1);
        assertTrue(records.get(0).get("id").asLong() > before.get("records").get(0).get("id").asLong(),
            records::toString);
    }

    private static List<String> agents(final JsonNode page)
    {
        final List<String> agents = new ArrayList<>();
        page.get("records").forEach(r -> agents.add(r.get("agent").asText()));
        return agents;
    }

    /** Waits (bounded) until the store shows {@code count} records; returns them, newest first. */
    private static List<JsonNode> awaitRecords(final int count) throws Exception
    {
        final CallApi api = new CallApi(server.httpPort());
        final JsonNode page = Await.until(count + " records", () -> api.get("/api/records").body(),
            p -> p.get("total").asInt() >= count);
        final List<JsonNode> records = new ArrayList<>();
        page.get("records").forEach(records::add);
        return records;
    }
}

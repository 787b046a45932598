package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wallboard and the data overview through the running server: a SIPp caller waits in the support queue with
 * nobody idle (live: one waiting, the events socket's {@code wallboard} event shows it) and hangs up (abandoned);
 * another is answered by a SIPp agent (live: one agent on a call). Today's figures (offered 2, answered 1, abandoned
 * 1), the CSV, the refusals (an agent: 403; a bad parameter: 400), and the same figures after a restart on the same
 * data directory, from the journalled records.
 */
@Timeout(120)
@ServerSystemTest.Tenant(RecordsSystemTest.ACD)
class WallboardSystemTest extends ServerSystemTest
{
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void theWallboardCountsAWaitingAbandonedAndAnAnsweredCallAndKeepsThemOverARestart() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        final CallApi.Reply created = admin.post("/api/accounts",
            "{\"email\":\"lead@demo.switchboard\",\"name\":\"Team lead\",\"role\":\"supervisor\"}");
        assertEquals(201, created.status(), created.body()::toString);
        final String supervisorToken = CallApi.login(server.httpPort(), "lead@demo.switchboard",
            created.body().get("password").asText());
        final CallApi supervisor = new CallApi(server.httpPort(), supervisorToken);
        final AgentEventsClient events = AgentEventsClient.open(server.httpPort(), supervisorToken);

        // Nobody idle: the caller waits, seen live on the board and in the event, then hangs up (abandoned).
        final Sipp waiting = Sipp.scenario("wallboard-abandoned", "acd/caller.xml").credentials("1010", "demo-1010")
            .service("4000").port(Sipp.freeUdpPort()).arg("-mp", Integer.toString(Sipp.freeMediaPort()))
            .start(server.sipUdpPort());
        final JsonNode queued = Await.until("one caller waiting", () -> support(supervisor.get("/api/wallboard")
            .body()), g -> g.get("waiting").asInt() == 1);
        assertEquals(2, queued.get("agents").get("offline").asInt(), queued::toString);
        assertTrue(queued.get("longestWaitSeconds").asLong() >= 0, queued::toString);
        Await.until("a wallboard event with the caller waiting", () -> events.of("wallboard"),
            list -> list.stream().anyMatch(e -> support(e).get("waiting").asInt() == 1));
        // a key sent to its leg makes the caller hang up (else it does by itself 15 s after the queue answered it)
        final JsonNode queue = admin.get("/api/groups/support/queue").body();
        if (!queue.isEmpty())
        {
            hangUpByKey(admin, queue.get(0).get("call").asLong());
        }
        assertEquals(0, waiting.await(40), waiting::traces);
        Await.until("the queue empty again, in an event", () -> events.of("wallboard"),
            list -> !list.isEmpty() && support(list.get(list.size() - 1)).get("waiting").asInt() == 0
                && support(list.get(list.size() - 1)).get("today").get("abandoned").asInt() == 1);

        // An agent answers the next one: on a call, live.
        final int phonePort = registerPhone("wallboard", "1001");
        final Sipp phone = Sipp.scenario("wallboard-phone-1001", "acd/agent-answer.xml").port(phonePort)
            .arg("-mp", Integer.toString(Sipp.freeMediaPort())).start(0);
        assertEquals(200, admin.post("/api/agents/A1/state", "{\"state\":\"idle\"}").status());
        final Sipp answered = Sipp.scenario("wallboard-answered", "acd/caller.xml").credentials("1011", "demo-1011")
            .service("4000").port(Sipp.freeUdpPort()).arg("-mp", Integer.toString(Sipp.freeMediaPort()))
            .start(server.sipUdpPort());
        final JsonNode onCall = Await.until("the agent on the call", () -> support(supervisor.get("/api/wallboard")
            .body()), g -> g.get("agents").get("on-call").asInt() == 1);
        assertEquals(0, onCall.get("waiting").asInt(), onCall::toString);
        assertEquals(1, onCall.get("agents").get("offline").asInt(), onCall::toString);
        final JsonNode agent = admin.agent("A1");
        if (agent.hasNonNull("call"))
        {
            hangUpByKey(admin, agent.get("call").asLong());
        }
        assertEquals(0, answered.await(40), answered::traces);
        assertEquals(0, phone.await(20), phone::traces);

        final JsonNode today = Await.until("both calls in today's figures", () -> support(supervisor
            .get("/api/wallboard").body()).get("today"), t -> t.get("offered").asInt() == 2);
        assertEquals(1, today.get("answered").asInt(), today::toString);
        assertEquals(1, today.get("abandoned").asInt(), today::toString);
        assertEquals(0.5, today.get("answerRate").asDouble(), today::toString);
        assertEquals(20, today.get("serviceLevelSeconds").asInt(), today::toString);
        assertTrue(today.get("averageHandleTime").asDouble() >= 3.0, today::toString);
        final JsonNode stats = supervisor.get("/api/stats?group=support").body();
        assertEquals(today, stats.get("groups").get("support"), stats::toString);
        assertTrue(stats.get("buckets").size() >= 1, stats::toString);
        assertTrue(stats.get("agents").toString().contains("\"A1\""), stats::toString);
        final String[] csv = csv(supervisorToken);
        assertEquals(2, csv.length, String.join("|", csv));
        assertTrue(csv[1].startsWith("support,2,1,1,"), csv[1]);
        // Asked for by the Accept header instead, the same CSV; an explicit format wins over the header.
        assertEquals(List.of(csv), List.of(csv(supervisorToken, "group=support", "text/csv")));
        assertEquals(List.of(csv), List.of(csv(supervisorToken, "group=support", "application/json;q=0.5, text/csv")));
        final HttpResponse<String> json = get(supervisorToken, "format=json&group=support", "text/csv");
        assertTrue(json.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), json::body);
        assertTrue(get(supervisorToken, "group=support", "*/*").body().startsWith("{"), "a browser gets JSON");

        final CallApi agentOne = new CallApi(server.httpPort(), CallApi.login(server.httpPort(),
            DemoAccounts.email("1002"), DemoAccounts.password("1002")));
        assertEquals(403, agentOne.get("/api/wallboard").status());
        assertEquals(403, agentOne.get("/api/stats").status());
        for (final String bad : List.of("colour=red", "from=yesterday", "format=pdf", "from=20&to=10"))
        {
            final CallApi.Reply reply = supervisor.get("/api/stats?" + bad);
            assertEquals(400, reply.status(), () -> bad + ": " + reply.body());
            assertEquals("bad_request", reply.error(), () -> bad + ": " + reply.body());
        }
        events.close();

        final String dataDir = server.config().dataDir;
        server.close();
        server = TestServers.start(RecordsSystemTest.ACD, dataDir);
        final CallApi restarted = new CallApi(server.httpPort());
        assertEquals(today, support(restarted.get("/api/wallboard").body()).get("today"), "the same after a restart");
        assertEquals(csv[1], csv(CallApi.login(server.httpPort(), DemoAccounts.ADMIN,
            DemoAccounts.ADMIN_PASSWORD))[1]);
    }

    /** The caller's SIPp hangs up at an INFO; the call may have ended already (the SIPp's own timeout). */
    private static void hangUpByKey(final CallApi api, final long call) throws Exception
    {
        api.post("/api/calls/" + call + "/dtmf", "{\"leg\":\"caller\",\"digits\":\"0\"}");
    }

    private static JsonNode support(final JsonNode board)
    {
        for (final JsonNode group : board.get("groups"))
        {
            if ("support".equals(group.get("name").asText()))
            {
                return group;
            }
        }
        throw new AssertionError("no support group in " + board);
    }

    private static String[] csv(final String token) throws Exception
    {
        return csv(token, "format=csv&group=support", "*/*");
    }

    private static HttpResponse<String> get(final String token, final String query, final String accept)
        throws Exception
    {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/api/stats?"
            + query)).header("Authorization", "Bearer " + token).header("Accept", accept).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static String[] csv(final String token, final String query, final String accept) throws Exception
    {
        final HttpResponse<String> csv = get(token, query, accept);
        assertEquals(200, csv.statusCode(), csv::body);
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), csv::toString);
        return csv.body().split("\r\n");
    }
}

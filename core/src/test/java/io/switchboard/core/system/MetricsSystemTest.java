package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /metrics} as a Prometheus server scrapes it: the text read by a strict parser of the exposition format,
 * the families' names and types, the call counters moved by a real call through the queue (a SIPp caller, a SIPp
 * agent phone), the agents by state while the agent is on the call; and who is let in: the token from an address not
 * allowed, any client of an allowed one, nobody else.
 */
@Timeout(120)
@ServerSystemTest.Tenant(MetricsSystemTest.ACD)
@ServerSystemTest.Settings(MetricsSystemTest.METRICS)
class MetricsSystemTest extends ServerSystemTest
{
    static final String ACD = """
        , "acd": { "ringTimeoutSeconds": 20, "wrapUpSeconds": 1,
                   "groups": [ { "name": "support", "fallback": "hangup" } ],
                   "agents": [ { "staffNo": "A1", "name": "Agent One", "extension": "1001", "groups": ["support"] } ],
                   "numbers": [ { "number": "4000", "group": "support" } ] }
        """;
    private static final String TOKEN = "scrape-token-0123456789";
    static final String METRICS = "\"metrics\": { \"token\": \"" + TOKEN + "\", \"allow\": [\"127.0.0.1\"] },";
    /** Not in the allow list: only the token lets it in. */
    private static final String ELSEWHERE = "127.0.0.2";

    private static CallApi api;
    private static int phonePort;
    private final List<Sipp> sipps = new ArrayList<>();

    @BeforeAll
    static void registerTheAgentsPhone() throws Exception
    {
        api = new CallApi(server.httpPort());
        phonePort = registerPhone("metrics", "1001");
    }

    @AfterAll
    static void signOut() throws Exception
    {
        if (api != null)
        {
            api.post("/api/agents/A1/state", "{\"state\":\"offline\"}");
        }
    }

    private static LoopbackHttp.Reply scrape(final String from, final String token) throws Exception
    {
        return new LoopbackHttp(from, server.httpPort()).get("/metrics", token);
    }

    private static Map<String, PrometheusText.Family> metrics() throws Exception
    {
        final LoopbackHttp.Reply reply = scrape(ELSEWHERE, TOKEN);
        assertEquals(200, reply.status(), reply.body()::toString);
        assertTrue(reply.header("Content-Type").startsWith("text/plain; version=0.0.4"), reply.headers()::toString);
        return PrometheusText.parse(reply.body().asText());
    }

    private static PrometheusText.Family family(final Map<String, PrometheusText.Family> all, final String name,
        final String type)
    {
        final PrometheusText.Family family = all.get(name);
        assertTrue(family != null, () -> name + " is missing: " + all.keySet());
        assertEquals(type, family.type(), name);
        return family;
    }

    @Test
    void aCallThroughTheQueueMovesTheCountersAndTheAgentsByState() throws Exception
    {
        final Map<String, PrometheusText.Family> before = metrics();
        final double started = family(before, "switchboard_calls_started_total", "counter").value();
        final double ended = family(before, "switchboard_calls_ended_total", "counter").value();
        final double answered = family(before, "switchboard_calls_answered_total", "counter").value();
        final double written = family(before, "switchboard_journal_entries_written_total", "counter").value();
        family(before, "switchboard_journal_pending", "gauge").value();
        family(before, "switchboard_journal_rejected_total", "counter").value();
        family(before, "switchboard_sip_transactions", "gauge").value();
        final double lost = family(before, "switchboard_rtp_lost_total", "counter").value();
        final double received = family(before, "switchboard_sip_messages_total", "counter")
            .value("direction", "received");
        assertEquals(0, family(before, "switchboard_acd_queue_length", "gauge").value("group", "support"));
        family(before, "switchboard_sip_events_total", "counter").value("kind", "registrations");
        family(before, "switchboard_eventloop_stalls_total", "counter").value();
        final PrometheusText.Family loops = family(before, "switchboard_eventloop_latency_seconds", "gauge");
        loops.value("loop", "sip-worker-0");
        loops.value("loop", "http-api-0");
        family(before, "switchboard_media_ports_in_use", "gauge").value();
        assertTrue(family(before, "jvm_memory_used_bytes", "gauge").samples().size() > 0);
        family(before, "jvm_threads_current", "gauge").value();

        assertEquals(200, api.post("/api/agents/A1/state", "{\"state\":\"idle\"}").status());
        sipps.add(Sipp.scenario("metrics-phone-1001", "acd/agent-answer.xml").port(phonePort)
            .arg("-mp", Integer.toString(Sipp.freeMediaPort())).start(0));
        final Sipp caller = Sipp.scenario("metrics-caller-1010", "acd/caller.xml").credentials("1010", "demo-1010")
            .service("4000").port(Sipp.freeUdpPort()).arg("-mp", Integer.toString(Sipp.freeMediaPort()))
            .start(server.sipUdpPort());
        sipps.add(caller);
        api.awaitAgent("A1", "on call", a -> "on-call".equals(a.get("state").asText()));
        final Map<String, PrometheusText.Family> during = metrics();
        assertEquals(1, family(during, "switchboard_acd_agents", "gauge").value("state", "on-call"));
        assertEquals(0, family(during, "switchboard_acd_agents", "gauge").value("state", "idle"));
        assertTrue(family(during, "switchboard_calls_active", "gauge").value() >= 1);
        // The caller's INVITE transaction stays (Accepted, RFC 6026) for 32 s after its 200; the agent's likewise.
        assertTrue(family(during, "switchboard_sip_transactions", "gauge").value() >= 1);

        final JsonNode call = api.callFrom("1010");
        api.dtmf(call.get("id").asLong(), "caller", "0");
        for (final Sipp sipp : sipps)
        {
            assertEquals(0, sipp.await(20), sipp::traces);
        }
        awaitNoActiveCalls();
        final Map<String, PrometheusText.Family> after = metrics();
        assertTrue(family(after, "switchboard_calls_started_total", "counter").value() >= started + 1);
        assertTrue(family(after, "switchboard_calls_ended_total", "counter").value() >= ended + 1);
        // A queued call counts as answered when the agent answers (the server's own answer does not count).
        assertTrue(family(after, "switchboard_calls_answered_total", "counter").value() >= answered + 1);
        // The agent's state changes and the call's record were journalled.
        assertTrue(family(after, "switchboard_journal_entries_written_total", "counter").value() > written);
        // SIPp sends no RTCP: no loss is reported, but the series is there.
        assertEquals(lost, family(after, "switchboard_rtp_lost_total", "counter").value());
        assertTrue(family(after, "switchboard_sip_messages_total", "counter").value("direction", "received")
            > received);
        assertTrue(family(after, "switchboard_call_states_entered_total", "counter").samples().size() > 1);
        assertTrue(family(after, "switchboard_media_sessions_opened_total", "counter").value() >= 1);
        family(after, "switchboard_rtp_dropped_total", "counter").value();
        family(after, "switchboard_rtp_packets_total", "counter").value("direction", "received");
    }

    @Test
    void onlyTheTokenOrAnAllowedAddressIsLetIn() throws Exception
    {
        final LoopbackHttp.Reply nobody = scrape(ELSEWHERE, null);
        assertEquals(401, nobody.status(), nobody.body()::toString);
        assertEquals("Bearer", nobody.header("WWW-Authenticate"));
        assertEquals("not admitted", nobody.body().path("message").asText());
        final LoopbackHttp.Reply wrong = scrape(ELSEWHERE, TOKEN + "x");
        assertEquals(403, wrong.status(), wrong.body()::toString);
        final String session = CallApi.login(server.httpPort(), DemoAccounts.email("1001"),
            DemoAccounts.password("1001"));
        assertEquals(403, scrape(ELSEWHERE, session).status(), "a session is not the metrics token");
        final LoopbackHttp.Reply allowed = scrape("127.0.0.1", null);
        assertEquals(200, allowed.status());
        assertTrue(PrometheusText.parse(allowed.body().asText()).containsKey("switchboard_calls_active"));
    }
}

package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the ACD remembers of past calls survives a restart on the same data directory: each agent's calls today
 * (shown by {@code GET /api/agents} and honoured by the fewest-calls policy) and each caller's last agent (offered
 * first with last-agent priority on). Before the restart A2 answers two callers while A1 is away; after it A2 idles
 * longer than A1, so only the restored counts give the next new caller to A1, and with A1 then having fewer calls
 * and A2 idle longer, only the restored memory gives A2's earlier caller back to A2.
 */
@Timeout(120)
@ServerSystemTest.Tenant(AcdMemorySystemTest.ACD)
class AcdMemorySystemTest extends ServerSystemTest
{
    static final String ACD = ", \"acd\": { \"policy\": \"fewest-calls\", \"lastAgentPriority\": true, "
        + "\"ringTimeoutSeconds\": 20, \"wrapUpSeconds\": 1, " + """
            "groups": [ { "name": "support", "fallback": "hangup" } ],
            "agents": [
              { "staffNo": "A1", "name": "Agent One", "extension": "1001", "groups": ["support"] },
              { "staffNo": "A2", "name": "Agent Two", "extension": "1002", "groups": ["support"] }
            ],
            "numbers": [ { "number": "4000", "group": "support" } ]
          }
        """;

    private final Map<String, Integer> phones = new HashMap<>();
    private final List<Sipp> sipps = new ArrayList<>();
    private CallApi api;

    @AfterEach
    void cleanUp() throws Exception
    {
        if (api != null)
        {
            hangUpEverything(api, sipps);
        }
    }

    @Test
    void callsTodayAndEachCallersLastAgentSurviveARestart() throws Exception
    {
        api = new CallApi(server.httpPort());
        registerPhones();
        state("A1", "offline");
        state("A2", "idle");
        answeredBy("1010", "A2", "1002");
        api.awaitAgent("A2", "idle after the wrap-up", a -> "idle".equals(a.get("state").asText()));
        answeredBy("1011", "A2", "1002");
        Await.until("two answered records", () -> api.get("/api/records").body(),
            page -> page.get("total").asInt() >= 2);
        assertEquals(2, api.agent("A2").get("callsToday").asInt());

        final String dataDir = server.config().dataDir;
        server.close();
        server = TestServers.start(ACD, dataDir);
        api = new CallApi(server.httpPort());
        registerPhones();
        assertEquals(2, api.agent("A2").get("callsToday").asInt(), "A2's calls today after the restart");
        assertEquals(0, api.agent("A1").get("callsToday").asInt());

        // A2 idle longer, but A1 has fewer calls today: a new caller goes to A1
        state("A2", "offline");
        state("A2", "idle");
        state("A1", "idle");
        answeredBy("1012", "A1", "1001");
        api.awaitAgent("A1", "idle after the wrap-up", a -> "idle".equals(a.get("state").asText()));
        // A1 has fewer calls (1 against 2) and A2 idled longer: only 1010's last agent makes it A2
        final JsonNode a2 = answeredBy("1010", "A2", "1002");
        assertEquals(3, a2.get("callsToday").asInt(), a2::toString);
    }

    /** The agents' phones register (again after a restart) at the ports their SIPps answer on. */
    private void registerPhones() throws Exception
    {
        for (final String extension : List.of("1001", "1002"))
        {
            if (!phones.containsKey(extension))
            {
                phones.put(extension, Sipp.freeUdpPort());
            }
            registerPhoneAt("acd-memory", extension, phones.get(extension));
        }
    }

    private JsonNode answeredBy(final String caller, final String agent, final String extension) throws Exception
    {
        return answeredBy(api, "acd-memory", caller, "4000", agent, phones.get(extension), sipps);
    }

    private void state(final String agent, final String state) throws Exception
    {
        final CallApi.Reply reply = api.post("/api/agents/" + agent + "/state", "{\"state\":\"" + state + "\"}");
        assertEquals(200, reply.status(), () -> agent + " " + state + ": " + reply.body());
    }
}

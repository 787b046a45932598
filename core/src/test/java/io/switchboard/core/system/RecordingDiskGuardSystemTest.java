package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The disk guard: with a free-space threshold above any disk's space, recording never starts, the call goes on as
 * ever (answered by the agent, hung up by the caller, its record written without a recording), and {@code /metrics}
 * raises the alert.
 */
@Timeout(60)
@ServerSystemTest.Tenant(RecordingDiskGuardSystemTest.TENANT)
class RecordingDiskGuardSystemTest extends ServerSystemTest
{
    static final String TENANT = ", \"recording\": { \"enabled\": true, \"minFreeMegabytes\": 1000000000 }, " + """
          "acd": { "wrapUpSeconds": 1, "groups": [ { "name": "support", "fallback": "hangup" } ],
            "agents": [ { "staffNo": "A1", "name": "Agent One", "email": "one@demo.example", "extension": "1001",
                          "groups": ["support"] } ],
            "numbers": [ { "number": "4000", "group": "support" } ]
          }
        """;

    private final List<Sipp> sipps = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception
    {
        final CallApi api = new CallApi(server.httpPort());
        hangUpEverything(api, sipps);
        api.post("/api/agents/A1/state", "{\"state\":\"offline\"}");
    }

    @Test
    void shouldGoOnUnrecordedBelowTheFreeSpaceThreshold() throws Exception
    {
        final CallApi api = new CallApi(server.httpPort());
        final int phone = registerPhone("recording-disk", "1001");
        assertEquals(200, api.post("/api/agents/A1/state", "{\"state\":\"idle\"}").status());
        answeredBy(api, "recording-disk", "1011", "4000", "A1", phone, sipps);

        final JsonNode record = Await.until("the call's record", () -> first(api.get("/api/records?limit=10")
            .body().get("records")), java.util.Objects::nonNull);
        assertTrue(record.get("answered").asBoolean(), record::toString);
        assertTrue(record.path("recording").isMissingNode() || record.get("recording").isNull(), record::toString);
        assertEquals(List.of(), RecordingChecks.wavsOf(server.recordings().root(), record.get("id").asLong()));

        final LoopbackHttp.Reply scraped = new LoopbackHttp("127.0.0.1", server.httpPort()).get("/metrics", null);
        assertEquals(200, scraped.status());
        final Map<String, PrometheusText.Family> metrics = PrometheusText.parse(scraped.body().asText());
        assertEquals(1.0, metrics.get("switchboard_recording_disk_low").samples().get(0).value(), "the alert");
        assertEquals(0.0, metrics.get("switchboard_recordings_open").samples().get(0).value());
        assertEquals(0.0, metrics.get("switchboard_recording_dropped_packets_total").samples().get(0).value());
    }

    private static JsonNode first(final JsonNode records)
    {
        return records.isEmpty() ? null : records.get(0);
    }
}

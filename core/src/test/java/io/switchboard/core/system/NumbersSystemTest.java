package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The numbers list (001 管理电话号码, issue 17) over HTTP: every number with its direction and what it is bound to, the
 * flows' numbers and the skill groups' queue numbers alike, sorted by number; a number bound to a flow with a
 * direction (outbound: a caller ID) and unbound again.
 */
@Timeout(60)
@ServerSystemTest.Tenant(NumbersSystemTest.TENANT)
class NumbersSystemTest extends ServerSystemTest
{
    static final String TENANT = """
        , "acd": { "groups": [ { "name": "support" } ],
                   "agents": [ { "staffNo": "A1", "extension": "1001", "groups": ["support"] } ],
                   "numbers": [ { "number": "4000", "group": "support" } ] }
        , "ivr": { "flowsDir": "target/numbers-system/flows", "audioDir": "target/numbers-system/audio",
                   "speechCacheDir": "target/numbers-system/tts" }
        """;
    private static final String FLOW = """
        { "name": "hello", "nodes": [
          { "type": "start", "id": "start", "next": "bye" },
          { "type": "end", "id": "bye" }
        ] }
        """;

    private static JsonNode row(final JsonNode numbers, final String number)
    {
        for (final JsonNode row : numbers)
        {
            if (number.equals(row.get("number").asText()))
            {
                return row;
            }
        }
        return null;
    }

    @Test
    void shouldListFlowAndQueueNumbersAndBindAndUnbindFromTheApi() throws Exception
    {
        server.close();
        server = TestServers.start(TENANT, Files.createTempDirectory("switchboard-test").toString());
        final CallApi api = new CallApi(server.httpPort());
        final JsonNode before = api.get("/api/numbers").body();
        final JsonNode queue = row(before, "4000");
        assertEquals("support", queue.get("group").asText(), before::toString);
        assertEquals("inbound", queue.get("direction").asText(), before::toString);
        assertTrue(queue.get("flow").isNull(), before::toString);

        assertEquals(200, api.put("/api/flows/hello", FLOW).status());
        assertEquals(200, api.post("/api/flows/hello/publish", "{}").status());
        final CallApi.Reply bound = api.put("/api/numbers/02150001234",
            "{\"direction\":\"outbound\",\"flow\":\"hello\"}");
        assertEquals(200, bound.status(), bound.body()::toString);
        final JsonNode caller = row(bound.body(), "02150001234");
        assertEquals("outbound", caller.get("direction").asText(), bound.body()::toString);
        assertEquals("hello", caller.get("flow").asText(), bound.body()::toString);
        assertTrue(!caller.hasNonNull("group"), bound.body()::toString);
        assertEquals("02150001234", bound.body().get(0).get("number").asText(), "sorted by number");

        final CallApi.Reply unbound = api.put("/api/numbers/02150001234",
            "{\"direction\":\"outbound\",\"flow\":null}");
        assertEquals(200, unbound.status(), unbound.body()::toString);
        final JsonNode after = row(api.get("/api/numbers").body(), "02150001234");
        assertTrue(after == null || after.get("flow").isNull(), String.valueOf(after));
        assertEquals("support", row(api.get("/api/numbers").body(), "4000").get("group").asText());
    }
}

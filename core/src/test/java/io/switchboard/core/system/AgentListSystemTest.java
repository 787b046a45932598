package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agents list's filters and paging over HTTP (issue 17): without parameters {@code GET /api/agents} is the old
 * array; with {@code q}, {@code name}, {@code email}, {@code mobile}, {@code group}, {@code page} and {@code size} it
 * answers {@code {"total","page","size","agents"}} with the matching agents of that page; bad numbers are 400.
 */
@Timeout(60)
@ServerSystemTest.Tenant(AgentListSystemTest.TENANT)
class AgentListSystemTest extends ServerSystemTest
{
    static final String TENANT = """
        , "acd": { "groups": [ { "name": "support" }, { "name": "sales" } ],
                   "agents": [
                     { "staffNo": "A1", "name": "Alice Wang", "email": "alice@example.com", "mobile": "13800000001",
                       "extension": "1001", "groups": ["support"] },
                     { "staffNo": "A2", "name": "Bob Li", "email": "bob@example.com", "mobile": "13900000002",
                       "extension": "1002", "groups": ["sales"] },
                     { "staffNo": "A3", "name": "王小明", "email": "wang@example.org", "mobile": "13800000003",
                       "extension": "1003", "groups": ["support", "sales"] },
                     { "staffNo": "A4", "name": "Carol Zhang", "email": "carol@example.com", "extension": "1004",
                       "groups": ["support"] },
                     { "staffNo": "A5", "name": "Dan Wang", "email": "dan@example.com", "extension": "1005",
                       "groups": [] } ] }
        """;

    private static List<String> staffNos(final JsonNode agents)
    {
        final List<String> list = new ArrayList<>();
        agents.forEach(a -> list.add(a.get("staffNo").asText()));
        return list;
    }

    private static JsonNode page(final CallApi api, final String query) throws Exception
    {
        final CallApi.Reply reply = api.get("/api/agents?" + query);
        assertEquals(200, reply.status(), () -> query + ": " + reply.body());
        return reply.body();
    }

    @Test
    void shouldFilterAndPageTheAgentsAndKeepTheOldListWithoutParameters() throws Exception
    {
        final CallApi api = new CallApi(server.httpPort());
        final JsonNode all = api.get("/api/agents").body();
        assertTrue(all.isArray(), all::toString);
        assertEquals(List.of("A1", "A2", "A3", "A4", "A5"), staffNos(all));

        final JsonNode first = page(api, "page=1&size=2");
        assertEquals(5, first.get("total").asInt(), first::toString);
        assertEquals(List.of("A1", "A2"), staffNos(first.get("agents")));
        assertEquals(List.of("A5"), staffNos(page(api, "page=3&size=2").get("agents")));
        assertEquals(List.of(), staffNos(page(api, "page=9&size=2").get("agents")));

        assertEquals(List.of("A1", "A5"), staffNos(page(api, "name=wang").get("agents")), "a part, any case");
        assertEquals(List.of("A3"), staffNos(page(api, "name=" + URLEncoder.encode("小明",
            StandardCharsets.UTF_8)).get("agents")));
        assertEquals(List.of("A3"), staffNos(page(api, "email=example.org").get("agents")));
        assertEquals(List.of("A1", "A3"), staffNos(page(api, "mobile=138").get("agents")));
        assertEquals(List.of("A2", "A3"), staffNos(page(api, "group=sales").get("agents")));
        final JsonNode combined = page(api, "group=support&name=wang&size=1");
        assertEquals(1, combined.get("total").asInt(), combined::toString);
        assertEquals(List.of("A1"), staffNos(combined.get("agents")));
        assertEquals(List.of("A4"), staffNos(page(api, "q=carol").get("agents")), "q: the name or the e-mail");
        assertEquals(List.of("A2"), staffNos(page(api, "q=1002").get("agents")), "q: the extension");

        for (final String bad : List.of("page=0", "size=0", "size=201", "page=x"))
        {
            final CallApi.Reply refused = api.get("/api/agents?" + bad);
            assertEquals(400, refused.status(), () -> bad + ": " + refused.body());
            assertEquals("bad_request", refused.error());
        }
    }
}

package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Agents administered through the running server: one created (its account signs in with the first password and
 * goes idle), its groups changed in the ACD, a duplicate and bad input refused, a CSV file imported row by row, one
 * deleted (its account can no longer sign in), an agent refused (403), and the created agent still there after a
 * restart on the same data directory.
 * <p>
 * Tests run in the order written (one server, one journal): the restart test comes last.
 */
@Timeout(90)
@ServerSystemTest.Tenant(AgentAdministrationSystemTest.TENANT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentAdministrationSystemTest extends ServerSystemTest
{
    static final String TENANT = """
        , "acd": { "ringTimeoutSeconds": 5, "wrapUpSeconds": 3,
            "groups": [ { "name": "support" }, { "name": "sales" } ],
            "agents": [ { "staffNo": "A1", "name": "Agent One", "extension": "1001", "groups": ["support"] } ],
            "numbers": [ { "number": "4000", "group": "support" } ]
          }
        """;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    @Order(1)
    void shouldCreateAnAgentWhoSignsInAndGoesIdle() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        final CallApi.Reply created = admin.post("/api/agents", "{\"staffNo\": \"N1\", \"name\": \"New One\", "
            + "\"email\": \"New.One@Example.com\", \"nickname\": \"Newbie\", \"extension\": \"1011\", "
            + "\"mobile\": \"+15550101\", \"role\": \"agent\", \"groups\": [\"support\"]}");
        assertEquals(201, created.status(), created.body()::toString);
        assertEquals("N1", created.body().at("/agent/staffNo").asText());
        assertEquals("new.one@example.com", created.body().at("/agent/email").asText());
        final String password = created.body().get("firstPassword").asText();
        assertFalse(password.isEmpty());
        final JsonNode listed = agentRow(admin, "N1");
        assertNotNull(listed, "GET /api/agents lists the new agent");
        assertEquals(List.of("support"), CallApi.texts(listed.get("groups")));
        assertEquals("1011", listed.get("extension").asText());

        final CallApi agent = new CallApi(server.httpPort(), CallApi.login(server.httpPort(),
            "new.one@example.com", password));
        final CallApi.Reply idle = agent.post("/api/agents/N1/state", "{\"state\": \"idle\"}");
        assertEquals(200, idle.status(), idle.body()::toString);
        assertEquals("idle", idle.body().get("state").asText(), idle.body()::toString);
        assertEquals(403, agent.post("/api/agents/A1/state", "{\"state\": \"idle\"}").status());
    }

    @Test
    @Order(2)
    void shouldRefuseDuplicatesAndBadInput() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        final String good = "\"name\": \"X\", \"email\": \"x@example.com\", \"extension\": \"1012\"";
        assertEquals(409, admin.post("/api/agents", "{\"staffNo\": \"N1\", " + good + "}").status(),
            "staff number taken");
        assertEquals(409, admin.post("/api/agents", "{\"staffNo\": \"N9\", \"email\": \"new.one@example.com\", "
            + "\"extension\": \"1012\"}").status(), "e-mail taken");
        assertEquals(409, admin.post("/api/agents", "{\"staffNo\": \"N9\", \"email\": \"n9@example.com\", "
            + "\"extension\": \"1001\"}").status(), "extension of another agent");
        for (final String bad : List.of("{\"staffNo\": \"\", " + good + "}",
            "{\"staffNo\": \"" + "N".repeat(21) + "\", " + good + "}",
            "{\"staffNo\": \"N9\", \"email\": \"not-an-address\", \"extension\": \"1012\"}",
            "{\"staffNo\": \"N9\", \"email\": \"n9@example.com\", \"extension\": \"9999\"}",
            "{\"staffNo\": \"N9\", " + good + ", \"groups\": [\"nowhere\"]}",
            "{\"staffNo\": \"N9\", " + good + ", \"role\": \"boss\"}",
            "{\"staffNo\": \"N9\", " + good + ", \"colour\": \"red\"}"))
        {
            final CallApi.Reply reply = admin.post("/api/agents", bad);
            assertEquals(400, reply.status(), () -> bad + ": " + reply.body());
        }
        assertTrue(agentRow(admin, "N9") == null, "nothing refused was created");
    }

    @Test
    @Order(3)
    void shouldChangeTheGroupsInTheAcd() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        final CallApi.Reply edited = admin.post("/api/agents/N1", "{\"name\": \"New Name\", \"groups\": [\"sales\"],"
            + " \"staffNo\": \"N1\"}");
        assertEquals(200, edited.status(), edited.body()::toString);
        assertEquals("New Name", edited.body().get("name").asText());
        final JsonNode row = agentRow(admin, "N1");
        assertEquals(List.of("sales"), CallApi.texts(row.get("groups")), row::toString);
        assertEquals("New Name", row.get("name").asText());
        assertEquals(400, admin.post("/api/agents/N1", "{\"email\": \"other@example.com\"}").status());
        assertEquals(400, admin.post("/api/agents/N1", "{\"role\": \"admin\"}").status());
        assertEquals(400, admin.post("/api/agents/N1", "{\"staffNo\": \"N2\"}").status());
        assertEquals(400, admin.post("/api/agents/N1", "{\"groups\": [\"nowhere\"]}").status());
        assertEquals(404, admin.post("/api/agents/NOPE", "{\"name\": \"x\"}").status());
    }

    @Test
    @Order(4)
    void shouldImportACsvFileRowByRow() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        final HttpResponse<String> template = raw(admin.token(), "GET", "/api/agents/import-template.csv", null);
        assertEquals(200, template.statusCode());
        assertTrue(template.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(template.body().startsWith("staffNo,name,email,nickname,extension,mobile,role,groups\r\n"),
            template.body());
        final String csv = "staffNo,name,email,nickname,extension,mobile,role,groups\r\n"
            + "C1,\"Doe, Jane\",c1@example.com,Jane,1013,,agent,support;sales\r\n"
            + "C2,Dup,c2@example.com,,1011,,agent,\r\n"
            + "C3,Three,c3@example.com,,1014,,admin,\r\n";
        final HttpResponse<String> imported = raw(admin.token(), "POST", "/api/agents/import", csv);
        assertEquals(200, imported.statusCode(), imported.body());
        final JsonNode report = JSON.readTree(imported.body());
        assertEquals(2, report.get("created").asInt(), report::toString);
        assertEquals(1, report.get("failed").asInt(), report::toString);
        final JsonNode rows = report.get("rows");
        assertEquals(2, rows.get(0).get("row").asInt());
        assertTrue(rows.get(0).get("ok").asBoolean());
        assertFalse(rows.get(0).get("firstPassword").asText().isEmpty());
        assertEquals(3, rows.get(1).get("row").asInt());
        assertFalse(rows.get(1).get("ok").asBoolean());
        assertTrue(rows.get(1).get("error").asText().contains("1011"), rows.get(1)::toString);
        assertTrue(rows.get(2).get("ok").asBoolean(), rows.get(2)::toString);
        assertEquals("Doe, Jane", agentRow(admin, "C1").get("name").asText());
        assertEquals(List.of("support", "sales"), CallApi.texts(agentRow(admin, "C1").get("groups")));
        CallApi.login(server.httpPort(), "c3@example.com", rows.get(2).get("firstPassword").asText());
        assertEquals(400, raw(admin.token(), "POST", "/api/agents/import", "name\r\nx\r\n").statusCode());
    }

    @Test
    @Order(5)
    void shouldRefuseAgents() throws Exception
    {
        final CallApi agent = new CallApi(server.httpPort(), CallApi.login(server.httpPort(),
            DemoAccounts.email("1001"), DemoAccounts.password("1001")));
        assertEquals(403, agent.post("/api/agents", "{\"staffNo\": \"Z1\", \"email\": \"z1@example.com\", "
            + "\"extension\": \"1019\"}").status());
        assertEquals(403, agent.post("/api/agents/A1", "{\"name\": \"Me\"}").status());
        assertEquals(403, agent.delete("/api/agents/C1").status());
        assertEquals(403, agent.post("/api/agents/C1/delete", "").status());
        assertEquals(403, raw(agent.token(), "GET", "/api/agents/import-template.csv", null).statusCode());
        assertEquals(403, raw(agent.token(), "POST", "/api/agents/import", "staffNo,email\r\n").statusCode());
    }

    @Test
    @Order(6)
    void shouldDeleteAnAgentAndItsAccount() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        final CallApi.Reply deleted = admin.delete("/api/agents/C3");
        assertEquals(200, deleted.status(), deleted.body()::toString);
        assertTrue(agentRow(admin, "C3") == null);
        assertEquals(404, admin.delete("/api/agents/C3").status());
        final CallApi.Reply login = new CallApi(server.httpPort(), null).post("/api/login",
            "{\"email\": \"c3@example.com\", \"password\": \"whatever-it-was\"}");
        assertEquals(401, login.status(), login.body()::toString);
        assertEquals(404, admin.get("/api/accounts/c3@example.com").status(), "the account is gone");
        assertEquals(200, admin.post("/api/agents/C1/delete", "").status());
    }

    @Test
    @Order(7)
    void shouldKeepTheCreatedAgentAfterARestart() throws Exception
    {
        final String dataDir = server.config().dataDir;
        server.close();
        server = TestServers.start(TENANT, dataDir);
        final CallApi admin = new CallApi(server.httpPort());
        final JsonNode row = agentRow(admin, "N1");
        assertNotNull(row, "the created agent is back");
        assertEquals("New Name", row.get("name").asText());
        assertEquals(List.of("sales"), CallApi.texts(row.get("groups")));
        assertTrue(agentRow(admin, "C1") == null, "the deleted agent stays deleted");
        assertTrue(agentRow(admin, "C3") == null);
        assertNotNull(agentRow(admin, "A1"));
        final CallApi.Reply again = admin.post("/api/agents", "{\"staffNo\": \"N2\", \"email\": \"n2@example.com\","
            + " \"extension\": \"1015\"}");
        assertEquals(201, again.status(), again.body()::toString);
        assertEquals(409, admin.post("/api/agents", "{\"staffNo\": \"N1\", \"email\": \"n1b@example.com\","
            + " \"extension\": \"1016\"}").status());
    }

    private static JsonNode agentRow(final CallApi api, final String staffNo) throws Exception
    {
        for (final JsonNode row : api.get("/api/agents").body())
        {
            if (staffNo.equals(row.get("staffNo").asText()))
            {
                return row;
            }
        }
        return null;
    }


    static HttpResponse<String> raw(final String token, final String method, final String path,
        final String csv) throws Exception
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort()
            + path)).header("Authorization", "Bearer " + token);
        if (csv == null)
        {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        else
        {
            request.header("Content-Type", "text/csv").method(method, HttpRequest.BodyPublishers.ofString(csv));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

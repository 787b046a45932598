package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP API over a real socket: health, registrations after a SIPp REGISTER, JSON errors. */
@Timeout(60)
class HttpApiSystemTest extends ServerSystemTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static HttpResponse<String> call(final String method, final String path) throws Exception
    {
        final HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
            .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldReportHealth() throws Exception
    {
        final HttpResponse<String> response = call("GET", "/api/health");
        assertEquals(200, response.statusCode());
        final JsonNode body = JSON.readTree(response.body());
        assertEquals("up", body.get("status").asText());
        assertEquals(server.sipUdpPort(), body.get("sipUdpPort").asInt());
    }

    @Test
    void shouldListARegistrationMadeBySipp() throws Exception
    {
        final int port = Sipp.freeUdpPort();
        final Sipp sipp = Sipp.scenario("api-register-1011", "register/register.xml").registering("1011", 600)
            .credentials("1011", "demo-1011").port(port);
        assertEquals(0, sipp.run(server.sipUdpPort()), sipp::traces);
        final JsonNode list = JSON.readTree(call("GET", "/api/registrations").body());
        boolean found = false;
        for (final JsonNode row : list)
        {
            if ("1011".equals(row.get("extension").asText()))
            {
                found = true;
                assertTrue(row.get("contact").asText().contains("127.0.0.1:" + port), row.toString());
                assertTrue(row.get("expiresInSeconds").asInt() > 500, row.toString());
                assertEquals("UDP", row.get("transport").asText());
            }
        }
        assertTrue(found, "1011 not listed: " + list);
    }

    @Test
    void shouldAnswerUnknownPathsAndMethodsWithJsonErrors() throws Exception
    {
        final HttpResponse<String> missing = call("GET", "/api/nothing-here");
        assertEquals(404, missing.statusCode());
        assertEquals("not_found", JSON.readTree(missing.body()).get("error").asText());
        final HttpResponse<String> wrongMethod = call("DELETE", "/api/health");
        assertEquals(405, wrongMethod.statusCode());
        assertEquals("method_not_allowed", JSON.readTree(wrongMethod.body()).get("error").asText());
    }
}

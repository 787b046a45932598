package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP API over a real socket: health, registrations after a SIPp REGISTER, JSON errors. */
@Timeout(60)
class HttpApiSystemTest extends ServerSystemTest
{
    @Test
    void shouldReportHealth() throws Exception
    {
        final CallApi.Reply response = new CallApi(server.httpPort(), null).get("/api/health");
        assertEquals(200, response.status(), "health needs no account");
        assertEquals("up", response.body().get("status").asText());
        assertEquals(server.sipUdpPort(), response.body().get("sipUdpPort").asInt());
    }

    @Test
    void shouldListARegistrationMadeBySipp() throws Exception
    {
        final int port = Sipp.freeUdpPort();
        final Sipp sipp = Sipp.scenario("api-register-1011", "register/register.xml").registering("1011", 600)
            .credentials("1011", "demo-1011").port(port);
        assertEquals(0, sipp.run(server.sipUdpPort()), sipp::traces);
        final JsonNode list = new CallApi(server.httpPort()).get("/api/registrations").body();
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
        final CallApi nobody = new CallApi(server.httpPort(), null);
        final CallApi.Reply missing = nobody.get("/api/nothing-here");
        assertEquals(404, missing.status());
        assertEquals("not_found", missing.error());
        final CallApi.Reply wrongMethod = nobody.send("DELETE", "/api/health");
        assertEquals(405, wrongMethod.status());
        assertEquals("method_not_allowed", wrongMethod.error());
    }
}

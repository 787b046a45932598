package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trunks and the dial plan administered through the API: a trunk added at run time (pointing at a SIPp carrier on
 * loopback) and a dial plan routing to it carry an extension's outside call (the carrier challenges: the password
 * given once, kept by an update without it, answers); the API never shows the password; refusals (an agent 403,
 * bad input 400, deleting a routed trunk 409); and all of it after a restart on the same data directory.
 */
@Timeout(60)
@ServerSystemTest.Tenant(TrunkAdministrationSystemTest.TENANT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrunkAdministrationSystemTest extends ServerSystemTest
{
    private static final int CARRIER = 17191;
    static final String TENANT = """
        , "outbound": { "allowed": ["1013"] },
          "acd": { "groups": [ { "name": "support" } ],
            "agents": [ { "staffNo": "A1", "name": "Agent One", "extension": "1001", "groups": ["support"] } ] }
        """;
    private static final String TRUNK = """
        { "host": "127.0.0.1", "port": 17191, "transport": "udp", "inboundAddresses": [],
          "username": "acme", "password": "secret", "callerId": "+4930123456", "numbers": ["+4930123456"] }
        """;
    private static final String PLAN = """
        { "dialPlan": { "country": "49", "rules": [ { "prefix": "0", "trunks": ["carrier-x"] } ] },
          "outbound": { "allowed": ["1013"] } }
        """;

    @Test
    @Order(1)
    void refusesAgentsAndBadInput() throws Exception
    {
        final CallApi agent = new CallApi(server.httpPort(), CallApi.login(server.httpPort(), "1001@demo.switchboard",
            "Demo#1001"));
        assertEquals(403, agent.put("/api/trunks/carrier-x", TRUNK).status());
        assertEquals(403, agent.put("/api/dial-plan", PLAN).status());
        assertEquals(403, agent.get("/api/dial-plan").status());
        final CallApi admin = new CallApi(server.httpPort());
        assertEquals(400, admin.put("/api/trunks/carrier-x", TRUNK.replace("17191", "0")).status());
        assertEquals(400, admin.put("/api/trunks/carrier-x", TRUNK.replace("\"udp\"", "\"sctp\"")).status());
        assertEquals(400, admin.put("/api/trunks/carrier-x", TRUNK.replace("\"inboundAddresses\": []",
            "\"inboundAddresses\": [\"10.0.0.0/33\"]")).status());
        assertEquals(400, admin.put("/api/trunks/carrier-x", TRUNK.replace("[\"+4930123456\"]", "[\"030123\"]"))
            .status());
        assertEquals(400, admin.put("/api/trunks/carrier-x", TRUNK.replace("\"127.0.0.1\"", "\"bad host!\""))
            .status());
        assertEquals(400, admin.put("/api/dial-plan", PLAN).status(), "no trunk carrier-x yet");
        assertEquals(404, admin.delete("/api/trunks/carrier-x").status());
        assertEquals("[]", admin.get("/api/trunks").body().toString());
    }

    @Test
    @Order(2)
    void addsATrunkAndADialPlanThatCarryACall() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        final CallApi.Reply saved = admin.put("/api/trunks/carrier-x", TRUNK);
        assertEquals(200, saved.status(), saved.body()::toString);
        assertFalse(saved.body().toString().contains("secret"), saved.body()::toString);
        // An update without the password keeps it (the carrier challenges below).
        final CallApi.Reply updated = admin.put("/api/trunks/carrier-x", TRUNK.replace("\"password\": \"secret\",",
            "").replace("\"callerId\"", "\"maxCalls\": 5, \"callerId\""));
        assertEquals(200, updated.status(), updated.body()::toString);
        assertEquals(5, updated.body().get("maxCalls").asInt());
        final CallApi.Reply plan = admin.put("/api/dial-plan", PLAN);
        assertEquals(200, plan.status(), plan.body()::toString);
        assertEquals("carrier-x", admin.get("/api/dial-plan").body().at("/dialPlan/rules/0/trunks/0").asText());
        assertEquals(409, admin.delete("/api/trunks/carrier-x").status());
        final String trunks = admin.get("/api/trunks").body().toString();
        assertTrue(trunks.contains("\"name\":\"carrier-x\""), trunks);
        assertFalse(trunks.contains("secret"), "the API never shows a trunk's password");

        final Sipp carrier = Sipp.scenario("carrier-x", "trunk/carrier-challenge-answer.xml").port(CARRIER).start(0);
        try
        {
            final Sipp caller = Sipp.scenario("admin-outbound-caller", "call/caller.xml")
                .credentials("1013", "demo-1013").service("0301234567").port(Sipp.freeUdpPort()).arg("-d", "500");
            assertEquals(0, caller.run(server.sipUdpPort()), caller::traces);
            assertEquals(0, carrier.await(20), carrier::traces);
        }
        finally
        {
            carrier.kill();
        }
        awaitNoActiveCalls();
    }

    @Test
    @Order(3)
    void keepsTheTrunkAndTheDialPlanAfterARestart() throws Exception
    {
        CallApi admin = new CallApi(server.httpPort());
        final JsonNode trunks = admin.get("/api/trunks").body();
        final JsonNode plan = admin.get("/api/dial-plan").body();
        final String dataDir = server.config().dataDir;
        server.close();
        server = TestServers.start(TENANT, dataDir);
        admin = new CallApi(server.httpPort());
        assertEquals(trunks, admin.get("/api/trunks").body());
        assertEquals(plan, admin.get("/api/dial-plan").body());
        // Routed no more, the trunk can go; and stays gone after another restart.
        final String other = "{ \"dialPlan\": { \"country\": \"49\", \"rules\": [] } }";
        assertEquals(200, admin.put("/api/dial-plan", other).status());
        assertEquals(200, admin.delete("/api/trunks/carrier-x").status());
        server.close();
        server = TestServers.start(TENANT, dataDir);
        assertEquals("[]", new CallApi(server.httpPort()).get("/api/trunks").body().toString());
    }
}

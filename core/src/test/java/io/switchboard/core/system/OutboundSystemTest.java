package io.switchboard.core.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calls out through carriers' trunks, with SIPp playing both carriers on loopback: extension 1013 dials a national
 * number; the dial plan's rule sends it to carrier-a, which answers 503, so it goes to carrier-b, which challenges
 * the softswitch (407), gets its credentials and answers. The caller talks, then hangs up; carrier-b gets the BYE.
 * A number no rule covers gets 404; an extension without outbound permission gets 403.
 */
@Timeout(60)
@ServerSystemTest.Tenant(OutboundSystemTest.TRUNKS)
class OutboundSystemTest extends ServerSystemTest
{
    private static final int CARRIER_A = 17081;
    private static final int CARRIER_B = 17082;
    static final String TRUNKS = """
        , "trunks": [
            { "name": "carrier-a", "host": "127.0.0.1", "port": 17081, "inboundAddresses": [],
              "callerId": "+4930123456" },
            { "name": "carrier-b", "host": "127.0.0.1", "port": 17082, "inboundAddresses": [],
              "username": "acme", "password": "secret", "callerId": "+4930123456" },
            { "name": "carrier-reg", "host": "127.0.0.1", "port": 17083, "inboundAddresses": [],
              "username": "acme", "password": "secret", "register": true, "registerExpires": 120 } ],
          "dialPlan": { "country": "49", "nationalPrefix": "0", "internationalPrefix": "00",
                        "rules": [ { "prefix": "0", "trunks": ["carrier-a", "carrier-b"] } ] },
          "outbound": { "allowed": ["1013-1015"] }
        """;

    @Test
    void aCallFailsOverFromA503ToATrunkThatChallengesAndAnswers() throws Exception
    {
        final Sipp carrierA = Sipp.scenario("carrier-a", "trunk/carrier-503.xml").port(CARRIER_A).start(0);
        final Sipp carrierB = Sipp.scenario("carrier-b", "trunk/carrier-challenge-answer.xml").port(CARRIER_B)
            .start(0);
        try
        {
            final Sipp caller = Sipp.scenario("outbound-caller", "call/caller.xml")
                .credentials("1013", "demo-1013").service("0301234567").port(Sipp.freeUdpPort()).arg("-d", "500");
            assertEquals(0, caller.run(server.sipUdpPort()), caller::traces);
            assertEquals(0, carrierA.await(20), carrierA::traces);
            assertEquals(0, carrierB.await(20), carrierB::traces);
        }
        finally
        {
            carrierA.kill();
            carrierB.kill();
        }
        awaitNoActiveCalls();
        // Every trunk channel the call took (carrier-a, then carrier-b) was given back.
        final String trunks = new CallApi(server.httpPort()).get("/api/trunks").body().toString();
        assertFalse(trunks.matches(".*\"activeCalls\":[1-9].*"), trunks);
        assertTrue(trunks.contains("\"activeCalls\":0"), trunks);
    }

    @Test
    void theSoftswitchRegistersToACarrierThatChallengesIt() throws Exception
    {
        // The server registered at start, before this registrar listened: it retries with back-off (5 s first).
        final Sipp registrar = Sipp.scenario("carrier-registrar", "trunk/carrier-registrar.xml").port(17083)
            .start(0);
        try
        {
            assertEquals(0, registrar.await(20), registrar::traces);
        }
        finally
        {
            registrar.kill();
        }
        final CallApi api = new CallApi(server.httpPort());
        final String trunks = Await.until("the trunk registered", () -> api.get("/api/trunks").body().toString(),
            body -> body.contains("\"state\":\"registered\""));
        assertTrue(trunks.contains("\"state\":\"registered\"") && trunks.contains("\"lastStatus\":200"), trunks);
        assertFalse(trunks.contains("secret"), "the API never shows a trunk's password");
    }

    @Test
    void noRuleIs404AndNoPermissionIs403() throws Exception
    {
        final Sipp unrouted = Sipp.scenario("outbound-404", "reject/caller-404.xml").credentials("1013", "demo-1013")
            .service("+15550100").port(Sipp.freeUdpPort());
        assertEquals(0, unrouted.run(server.sipUdpPort()), unrouted::traces);
        final Sipp barred = Sipp.scenario("outbound-403", "trunk/caller-403.xml").credentials("1016", "demo-1016")
            .service("0301234567").port(Sipp.freeUdpPort());
        assertEquals(0, barred.run(server.sipUdpPort()), barred::traces);
    }
}

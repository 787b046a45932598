package io.switchboard.core.system;

import io.switchboard.sip.SipCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A carrier's trunk at 127.0.0.2 (another loopback address) brings the number +4930123456 in, which queues in
 * {@code support}: its INVITEs are trusted by address (no challenge) and answered; a number that is none of ours gets
 * 404. (A stranger's INVITE from any other address is challenged (407) like any: {@code B2buaSystemTest}.)
 */
@Timeout(60)
@ServerSystemTest.Tenant(TrunkSystemTest.TRUNKS)
class TrunkSystemTest extends ServerSystemTest
{
    static final String TRUNKS = """
        , "trunks": [ { "name": "carrier", "host": "127.0.0.2", "inboundAddresses": ["127.0.0.2"],
                        "numbers": ["+4930123456"] } ],
          "acd": { "groups": [ { "name": "support", "fallback": "hangup" } ],
                   "numbers": [ { "number": "+4930123456", "group": "support" } ] }
        """;

    @Test
    void aCallFromTheTrunkToOneOfItsNumbersIsAnsweredWithoutAChallenge() throws Exception
    {
        final long challenges = server.counters().get(SipCounters.Id.AUTH_CHALLENGES);
        final long started = server.stats().started();
        final Sipp carrier = Sipp.scenario("trunk-in", "trunk/carrier-call.xml").from("127.0.0.2")
            .service("+4930123456").port(Sipp.freeUdpPort()).arg("-d", "500");
        assertEquals(0, carrier.run(server.sipUdpPort()), carrier::traces);
        assertEquals(challenges, server.counters().get(SipCounters.Id.AUTH_CHALLENGES), "trusted by address");
        assertEquals(started + 1, server.stats().started());
        awaitNoActiveCalls();
    }

    @Test
    void aNumberThatIsNoneOfOursGets404() throws Exception
    {
        final Sipp carrier = Sipp.scenario("trunk-unknown", "trunk/carrier-unknown-number.xml").from("127.0.0.2")
            .service("+4930999999").port(Sipp.freeUdpPort());
        assertEquals(0, carrier.run(server.sipUdpPort()), carrier::traces);
    }

    @Test
    void aCarrierReachesOnlyTheNumbersItBringsNotOurExtensions() throws Exception
    {
        final Sipp carrier = Sipp.scenario("trunk-extension", "trunk/carrier-unknown-number.xml").from("127.0.0.2")
            .service("1001").port(Sipp.freeUdpPort());
        assertEquals(0, carrier.run(server.sipUdpPort()), carrier::traces);
    }
}

package io.switchboard.core.call;

import io.switchboard.sip.message.Bodies;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.core.config.DialPlanSettings;
import io.switchboard.core.config.OutboundSettings;
import io.switchboard.core.config.TrunkSettings;
import io.switchboard.core.trunk.TrunkPlan;
import io.switchboard.sip.message.SipFactories;
import io.switchboard.sip.test.SipMessages;
import io.switchboard.sip.transport.Flow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Outbound routing on the call layer's harness (manual clock, capturing network): the dial plan picks the trunks in
 * order, a carrier's failure moves the call to the next trunk, a full trunk is passed over, each trunk channel is
 * taken and given back, and a caller without permission or a number no rule covers is refused.
 */
class OutboundCallsTest extends AnchoredCallFixture
{
    static final InetSocketAddress CARRIER_A = new InetSocketAddress("127.0.0.1", 5080);
    static final InetSocketAddress CARRIER_B = new InetSocketAddress("127.0.0.1", 5090);

    private final Map<String, AtomicInteger> load = new HashMap<>();
    private TrunkPlan plan;

    @BeforeEach
    void trunks()
    {
        plan = plan(0, List.of("1001"));
        calls.outbound(new OutboundCalls(calls, () -> plan, load));
    }

    @Test
    void aCarriersFailureMovesTheCallToTheNextTrunkAndEachChannelIsGivenBack() throws Exception
    {
        final SIPResponse ok = onLoop(() ->
        {
            callerInvites(PCMU_OFFER, "", "030123456");
            final SIPRequest first = (SIPRequest)sent(CARRIER_A, "INVITE", 0).message();
            assertEquals(1, load.get("carrier-a").get(), "carrier-a's channel taken");
            carrierAnswers(this, first, 503, CARRIER_A);
            final SIPRequest second = (SIPRequest)sent(CARRIER_B, "INVITE", 0).message();
            assertEquals(0, load.get("carrier-a").get(), "given back when the call moved on");
            assertEquals(1, load.get("carrier-b").get());
            assertEquals("sip:030123456@127.0.0.1:5090", second.getRequestURI().toString(),
                "the number as the rule leaves it, at the next trunk");
            carrierAnswers(this, second, 200, CARRIER_B);
            return (SIPResponse)sent(CALLER, "INVITE", 200).message();
        });
        assertEquals(200, ok.getStatusCode());
        onLoop(() -> call(() -> quietly(() -> inDialog(ok, "BYE", 2, null))));
        assertEquals(0, load.get("carrier-b").get(), "given back when the call ended");
    }

    @Test
    void aFullTrunkIsPassedOver() throws Exception
    {
        plan = plan(1, List.of("1001"));
        load.put("carrier-a", new AtomicInteger(1));
        onLoop(() -> call(() -> callerInvites(PCMU_OFFER, "", "030123456")));
        assertEquals(0, count(CARRIER_A, "INVITE", 0), "carrier-a has its one channel in use");
        assertEquals(1, count(CARRIER_B, "INVITE", 0), network.sent()::toString);
    }

    @Test
    void aNumberNoRuleCoversIsNotFound() throws Exception
    {
        onLoop(() -> call(() -> callerInvites(PCMU_OFFER, "", "12345")));
        assertEquals(1, count(CALLER, "INVITE", 404), "no rule covers 12345");
    }

    @Test
    void aCallerWithoutPermissionIsRefused() throws Exception
    {
        plan = plan(0, List.of("1005"));
        onLoop(() -> call(() -> callerInvites(PCMU_OFFER, "", "030123456")));
        assertEquals(1, count(CALLER, "INVITE", 403), "1001 may not call out");
        assertEquals(0, count(CARRIER_A, "INVITE", 0) + count(CARRIER_B, "INVITE", 0));
    }

    /** The carrier's answer to our INVITE (a 200 with a Contact and our offer back). */
    static void carrierAnswers(final AnchoredCallFixture fixture, final SIPRequest invite, final int status,
        final InetSocketAddress carrier) throws Exception
    {
        final SIPResponse response = SipMessages.responseTo(invite, status, "carrier");
        if (status == 200)
        {
            final String contact = "sip:carrier@" + carrier.getHostString() + ":" + carrier.getPort();
            response.setHeader(SipFactories.HEADERS.createContactHeader(SipFactories.ADDRESSES.createAddress(contact)));
            Bodies.setSdp(response, PCMU_OFFER.getBytes(StandardCharsets.US_ASCII));
        }
        fixture.layer.onResponse(response, new Flow(UDP, new InetSocketAddress("127.0.0.1", 5060), carrier, null));
    }

    /** Rule "0" to carrier-a then carrier-b (country 49); {@code allowed} may call out. */
    static TrunkPlan plan(final int maxCallsOfA, final List<String> allowed)
    {
        final DialPlanSettings dialPlan = new DialPlanSettings();
        dialPlan.country = "49";
        final DialPlanSettings.Rule rule = new DialPlanSettings.Rule();
        rule.prefix = "0";
        rule.trunks = List.of("carrier-a", "carrier-b");
        dialPlan.rules = List.of(rule);
        final OutboundSettings outbound = new OutboundSettings();
        outbound.allowed = allowed;
        return TrunkPlan.build(List.of(trunk("carrier-a", CARRIER_A, maxCallsOfA), trunk("carrier-b", CARRIER_B, 0)),
            dialPlan, outbound);
    }

    private static TrunkSettings trunk(final String name, final InetSocketAddress at, final int maxCalls)
    {
        final TrunkSettings trunk = new TrunkSettings();
        trunk.name = name;
        trunk.host = at.getHostString();
        trunk.port = at.getPort();
        trunk.maxCalls = maxCalls;
        return trunk;
    }
}

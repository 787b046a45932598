package io.switchboard.core.call;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.core.trunk.TrunkPlan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.switchboard.core.call.OutboundCallsTest.CARRIER_A;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A blind transfer from the API on the call layer's harness: the agent's phone (1002) is released, the caller
 * hears music while an outside number rings through a trunk, the carrier's answer bridges them; a target that
 * rings out on the manual clock is cancelled and the caller goes back to the transferring phone.
 */
class TransfersTest extends AnchoredCallFixture
{
    private static final long RING_TIMEOUT_MILLIS = 20_000;

    private final Map<String, AtomicInteger> load = new HashMap<>();

    @BeforeEach
    void transfers()
    {
        final TrunkPlan plan = OutboundCallsTest.plan(0, List.of("1002"));
        final OutboundCalls outbound = new OutboundCalls(calls, () -> plan, load);
        calls.outbound(outbound);
        calls.transfers(new Transfers(calls, null, outbound, null, null, loop, () -> RING_TIMEOUT_MILLIS));
    }

    @Test
    void theAgentsPhoneIsReleasedAndTheOutsideNumbersAnswerIsBridgedToTheCaller() throws Exception
    {
        final SIPResponse ok = answeredCall(PCMU_OFFER);
        onLoop(() -> call(() -> quietly(() -> callerAck(ok, null))));
        onLoop(() -> call(() -> calls.commands().transfer(callId(), null, TransferTarget.number("030123456"))));
        assertEquals(1, count(PHONE, "BYE", 0), "the transferring phone is released");
        final SIPRequest invite = onLoop(() -> (SIPRequest)sent(CARRIER_A, "INVITE", 0).message());
        onLoop(() -> call(() -> quietly(() -> OutboundCallsTest.carrierAnswers(this, invite, 200, CARRIER_A))));
        assertEquals(1, count(CARRIER_A, "ACK", 0), "the carrier's answer is acknowledged");
        assertEquals(0, count(CALLER, "BYE", 0), "the caller stays, now with the outside party");
        assertEquals(1, load.get("carrier-a").get(), "the call holds carrier-a's channel");
    }

    @Test
    void aTargetThatRingsOutIsCancelledAndTheCallerGoesBackToTheTransferringPhone() throws Exception
    {
        final SIPResponse ok = answeredCall(PCMU_OFFER);
        onLoop(() -> call(() -> quietly(() -> callerAck(ok, null))));
        onLoop(() -> call(() -> calls.commands().transfer(callId(), null, TransferTarget.number("030123456"))));
        final SIPRequest invite = onLoop(() -> (SIPRequest)sent(CARRIER_A, "INVITE", 0).message());
        onLoop(() -> call(() -> quietly(() -> OutboundCallsTest.carrierAnswers(this, invite, 180, CARRIER_A))));
        assertEquals(1, count(PHONE, "INVITE", 0), "the phone was rung once, for the first call");

        onLoop(() -> call(() -> clock.advanceMillis(RING_TIMEOUT_MILLIS - 100)));
        assertEquals(0, count(CARRIER_A, "CANCEL", 0), "still within the ring timeout");
        onLoop(() -> call(() -> clock.advanceMillis(200)));
        assertEquals(1, count(CARRIER_A, "CANCEL", 0), "the outside number rang out");
        assertEquals(2, count(PHONE, "INVITE", 0), "the caller goes back to the transferring phone");
        assertEquals(0, count(CALLER, "BYE", 0));
    }

    private long callId()
    {
        return ((Number)calls.commands().describeCalls().get(0).get("id")).longValue();
    }
}

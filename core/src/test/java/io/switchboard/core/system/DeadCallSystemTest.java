package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No call outlives its phones, no agent stays stuck on one (issue 12), through the running server:
 * <ul>
 *   <li>agent A1006's phone (a SIPp on extension 1006, its RTP a Java {@link RtpPeer}) is idle, extension 1001
 *   calls the sales queue 4001, the agent answers, both phones talk (RTP both ways keeps the call up past the media
 *   timeout); then both vanish, SIPp processes killed and RTP stopped, no BYE. The server ends the call within the
 *   media timeout (2 s here) and a check period, its record says {@code media-timeout}, and the agent goes to
 *   wrap-up and then idle;</li>
 *   <li>an agent the ACD holds on a call that does not exist (told of a direct call the workers never had) is
 *   released by the reconciliation at its second sweep, and counted.</li>
 * </ul>
 */
@Timeout(90)
@ServerSystemTest.Media("\"timeoutSeconds\": 2,")
@ServerSystemTest.Tenant(DeadCallSystemTest.ACD)
class DeadCallSystemTest extends ServerSystemTest
{
    static final String ACD = """
        , "acd": { "wrapUpSeconds": 1, "ringTimeoutSeconds": 10, "reconcileSeconds": 1,
            "groups": [ { "name": "sales", "fallback": "hangup" } ],
            "agents": [
              { "staffNo": "A1006", "name": "Agent 1006", "extension": "1006", "groups": ["sales"] },
              { "staffNo": "A1007", "name": "Agent 1007", "extension": "1007", "groups": ["sales"] }
            ],
            "numbers": [ { "number": "4001", "group": "sales" } ] }
        """;

    private static CallApi api;
    private final TestResources started = new TestResources();

    @BeforeAll
    static void signIn() throws Exception
    {
        api = new CallApi(server.httpPort());
    }

    @AfterEach
    void cleanUp() throws Exception
    {
        started.close();
        awaitNoActiveCalls();
    }

    @Test
    void aCallWhosePhonesVanishEndsByItselfAndFreesItsAgent() throws Exception
    {
        final long reconciled = api.get("/api/counters").body().path("acd").path("reconciled").asLong();
        final RtpPeer agentRtp = started.peer("deadcall-agent-rtp");
        final RtpPeer callerRtp = started.peer("deadcall-caller-rtp");
        final int agentPort = registerPhone("deadcall", "1006");
        final Sipp agentPhone = started.started(Sipp.scenario("deadcall-agent-1006", "media/callee.xml").port(agentPort)
            .arg("-mp", Integer.toString(Sipp.freeMediaPort())).set("rtpport", agentRtp.port()).set("codec", "PCMU")
            .set("pt", 0).set("tept", 101).start(0));
        assertEquals(200, api.post("/api/agents/A1006/state", "{\"state\":\"idle\"}").status());
        final Sipp caller = started.started(Sipp.scenario("deadcall-caller-1001", "media/caller.xml")
            .credentials("1001", "demo-1001").service("4001").port(Sipp.freeUdpPort())
            .arg("-mp", Integer.toString(Sipp.freeMediaPort())).set("rtpport", callerRtp.port())
            .start(server.sipUdpPort()));
        final long id = api.awaitAgent("A1006", "on call", a -> "on-call".equals(a.get("state").asText()))
            .get("call").asLong();
        final JsonNode call = api.call(id);
        callerRtp.startSending(call.get("caller").get("rtpPort").asInt(), 0, frame -> new byte[160]);
        agentRtp.startSending(call.get("callee").get("rtpPort").asInt(), 0, frame -> new byte[160]);

        // Talking: 3 s of RTP from both phones (150 packets each) is more than the 2 s timeout, and the call is up.
        final JsonNode talking = awaitCall(id, "150 packets from each phone", c ->
            c.get("caller").get("packetsIn").asLong() >= 150 && c.get("callee").get("packetsIn").asLong() >= 150);
        assertEquals("confirmed", talking.get("state").asText(), talking::toString);

        caller.kill();
        agentPhone.kill();
        callerRtp.stopSending();
        agentRtp.stopSending();
        final long vanished = System.nanoTime();
        awaitNoCall(id);
        final long endedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - vanished);
        assertTrue(endedAfterMs >= 1_500, "not before the media timeout: " + endedAfterMs + " ms");

        final JsonNode record = recordOf(id);
        assertEquals("media-timeout", record.get("ending").asText(), record::toString);
        assertEquals("A1006", record.get("agent").asText(), record::toString);
        final JsonNode agent = api.awaitAgent("A1006", "out of the call",
            a -> !"on-call".equals(a.get("state").asText()));
        assertTrue(List.of("wrap-up", "idle").contains(agent.get("state").asText()), agent::toString);
        api.awaitAgent("A1006", "idle after its wrap-up", a -> "idle".equals(a.get("state").asText()));
        assertEquals(reconciled, api.get("/api/counters").body().path("acd").path("reconciled").asLong(),
            "the call's own end freed the agent, not the reconciliation");
    }

    @Test
    void anAgentHeldOnACallThatDoesNotExistIsReleasedByTheReconciliation() throws Exception
    {
        final long before = api.get("/api/counters").body().path("acd").path("reconciled").asLong();
        assertEquals(200, api.post("/api/agents/A1007/state", "{\"state\":\"idle\"}").status());
        final int agentId = server.agents().agentByStaffNo("A1007").id();
        // The ACD hears of a direct call that no worker has: as if the call's end had been lost on the way.
        server.acd().directStart(agentId).get(5, TimeUnit.SECONDS);
        assertEquals("on-call", api.agent("A1007").get("state").asText());
        final JsonNode released = api.awaitAgent("A1007", "released",
            a -> !"on-call".equals(a.get("state").asText()));
        assertTrue(List.of("wrap-up", "idle").contains(released.get("state").asText()), released::toString);
        assertEquals(before + 1, api.get("/api/counters").body().path("acd").path("reconciled").asLong());
        assertEquals(200, api.post("/api/agents/A1007/state", "{\"state\":\"offline\"}").status());
    }

    private static JsonNode awaitCall(final long id, final String what,
        final java.util.function.Predicate<JsonNode> until) throws Exception
    {
        return Await.until(what, () -> api.call(id), until);
    }

    private static void awaitNoCall(final long id) throws Exception
    {
        Await.until("call " + id + " to end after its phones vanished",
            () -> api.get("/api/calls/" + id).status(), status -> status != 200);
    }

    private static JsonNode recordOf(final long id) throws Exception
    {
        return Await.until("the record of call " + id, () ->
        {
            for (final JsonNode record : api.get("/api/records").body().get("records"))
            {
                if (record.get("id").asLong() == id)
                {
                    return record;
                }
            }
            return null;
        }, java.util.Objects::nonNull);
    }
}

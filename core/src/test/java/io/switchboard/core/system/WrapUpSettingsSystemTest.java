package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Wrap-up kept open (继续话后整理, {@code POST /api/agents/{staffNo}/wrap-up/keep}) and the tenant's switches for the
 * ring timeout and the state recovery ({@code ringTimeoutEnabled}, {@code stateRecoveryEnabled} in
 * {@code /api/settings}), through the running server with a SIPp phone for the agent and a SIPp caller of the queue.
 * The wrap-up is 1 s and the ring timeout 1 s, so that "still in wrap-up" or "still ringing" after a few seconds
 * shows the countdown is off.
 */
@Timeout(60)
@ServerSystemTest.Tenant(WrapUpSettingsSystemTest.TENANT)
class WrapUpSettingsSystemTest extends ServerSystemTest
{
    static final String TENANT = ", \"acd\": { \"ringTimeoutSeconds\": 1, \"wrapUpSeconds\": 1, " + """
            "groups": [ { "name": "support", "fallback": "hangup" } ],
            "agents": [ { "staffNo": "A1", "name": "Agent One", "extension": "1001", "groups": ["support"] } ],
            "numbers": [ { "number": "4000", "group": "support" } ]
          }
        """;

    private static CallApi api;
    private static final Map<String, Integer> PHONES = new HashMap<>();
    private final List<Sipp> sipps = new ArrayList<>();

    @BeforeAll
    static void registerPhone() throws Exception
    {
        api = new CallApi(server.httpPort());
        PHONES.put("1001", registerPhone("wrapup", "1001"));
    }

    @AfterEach
    void cleanUp() throws Exception
    {
        hangUpEverything(api, sipps);
        assertEquals(200, api.post("/api/settings", "{\"ringTimeoutEnabled\":true,\"stateRecoveryEnabled\":true}")
            .status());
        assertEquals(200, api.post("/api/agents/A1/state", "{\"state\":\"offline\"}").status());
    }

    @Test
    void aWrapUpKeptOpenCountsUpUntilTheAgentEndsIt() throws Exception
    {
        callAnsweredAndHungUp("keep", "1011");
        final CallApi.Reply kept = api.post("/api/agents/A1/wrap-up/keep", "{}");
        assertEquals(200, kept.status(), kept.body()::toString);
        assertEquals("wrap-up", kept.body().get("state").asText());
        assertTrue(kept.body().get("wrapUpKept").asBoolean(), kept.body()::toString);
        assertTrue(kept.body().get("wrapUpRemainingSeconds").isNull(), kept.body()::toString);
        assertEquals(200, api.post("/api/agents/A1/wrap-up/keep", "{}").status(), "keeping twice is harmless");

        // well past the 1 s countdown, and still in wrap-up
        final JsonNode later = api.awaitAgent("A1", "in wrap-up for 3 s",
            a -> a.path("wrapUpElapsedSeconds").asInt() >= 3 || !"wrap-up".equals(a.get("state").asText()));
        assertEquals("wrap-up", later.get("state").asText(), later::toString);
        final CallApi.Reply extend = api.post("/api/agents/A1/wrap-up/extend", "{\"seconds\":10}");
        assertEquals(409, extend.status(), extend.body()::toString);

        final CallApi.Reply ended = api.post("/api/agents/A1/wrap-up/end", "{}");
        assertEquals(200, ended.status(), ended.body()::toString);
        assertEquals("idle", ended.body().get("state").asText());
        assertFalse(ended.body().get("wrapUpKept").asBoolean());
        final CallApi.Reply notInWrapUp = api.post("/api/agents/A1/wrap-up/keep", "{}");
        assertEquals(409, notInWrapUp.status(), notInWrapUp.body()::toString);
    }

    @Test
    void theSwitchesAreSettingsAndRefuseWhatIsNotABoolean() throws Exception
    {
        final JsonNode before = api.get("/api/settings").body();
        assertTrue(before.get("ringTimeoutEnabled").asBoolean(), before::toString);
        assertTrue(before.get("stateRecoveryEnabled").asBoolean(), before::toString);
        final CallApi.Reply off = api.post("/api/settings",
            "{\"ringTimeoutEnabled\":false,\"stateRecoveryEnabled\":false}");
        assertEquals(200, off.status(), off.body()::toString);
        final JsonNode after = api.get("/api/settings").body();
        assertFalse(after.get("ringTimeoutEnabled").asBoolean(), after::toString);
        assertFalse(after.get("stateRecoveryEnabled").asBoolean(), after::toString);
        assertEquals(1, after.get("ringTimeoutSeconds").asInt(), "the seconds are kept while off");
        final CallApi.Reply bad = api.post("/api/settings", "{\"ringTimeoutEnabled\":\"no\"}");
        assertEquals(400, bad.status(), bad.body()::toString);
        assertFalse(api.get("/api/settings").body().get("ringTimeoutEnabled").asBoolean(), "unchanged");
    }

    @Test
    void withStateRecoveryOffTheAgentStaysInWrapUpUntilItEndsIt() throws Exception
    {
        assertEquals(200, api.post("/api/settings", "{\"stateRecoveryEnabled\":false}").status());
        callAnsweredAndHungUp("recovery", "1012");
        final JsonNode later = api.awaitAgent("A1", "in wrap-up for 3 s",
            a -> a.path("wrapUpElapsedSeconds").asInt() >= 3 || !"wrap-up".equals(a.get("state").asText()));
        assertEquals("wrap-up", later.get("state").asText(), later::toString);
        assertTrue(later.get("wrapUpKept").asBoolean(), later::toString);
        assertEquals("idle", api.post("/api/agents/A1/wrap-up/end", "{}").body().get("state").asText());
    }

    @Test
    void withTheRingTimeoutOffAnOfferRingsOnUntilTheCallerLeaves() throws Exception
    {
        assertEquals(200, api.post("/api/settings", "{\"ringTimeoutEnabled\":false}").status());
        assertEquals(200, api.post("/api/agents/A1/state", "{\"state\":\"idle\"}").status());
        sipps.add(Sipp.scenario("wrapup-ring-phone-1001", "acd/agent-ring-no-answer.xml").port(PHONES.get("1001"))
            .arg("-mp", Integer.toString(Sipp.freeMediaPort())).start(0));
        caller("ring", "1013");
        api.awaitAgent("A1", "ringing", a -> "ringing".equals(a.get("state").asText()));
        final long seen = System.nanoTime();
        // three times the 1 s ring timeout: a timeout would have put the agent on break by then
        record Seen(JsonNode agent, long nanos)
        {
        }
        final JsonNode still = Await.until("3 s of ringing, or the agent leaving ringing",
            () -> new Seen(api.agent("A1"), System.nanoTime() - seen),
            r -> r.nanos() > 3_000_000_000L || !"ringing".equals(r.agent().get("state").asText())).agent();
        assertEquals("ringing", still.get("state").asText(), still::toString);
        api.hangUpAll();
        final JsonNode back = api.awaitAgent("A1", "idle once the caller left",
            a -> !"ringing".equals(a.get("state").asText()));
        assertEquals("idle", back.get("state").asText(), "not a break for a missed call: " + back);
    }

    /** A1 answers a caller of the queue, then the call is hung up: A1 is in wrap-up. */
    private void callAnsweredAndHungUp(final String test, final String extension) throws Exception
    {
        assertEquals(200, api.post("/api/agents/A1/state", "{\"state\":\"idle\"}").status());
        final Sipp phone = Sipp.scenario("wrapup-" + test + "-phone-1001", "acd/agent-answer.xml")
            .port(PHONES.get("1001")).arg("-mp", Integer.toString(Sipp.freeMediaPort())).start(0);
        sipps.add(phone);
        caller(test, extension);
        final JsonNode onCall = api.awaitAgent("A1", "on call", a -> "on-call".equals(a.get("state").asText()));
        assertEquals(200, api.post("/api/calls/" + onCall.get("call").asLong() + "/hangup", "{}").status());
        assertEquals(0, phone.await(20), phone::traces);
        api.awaitAgent("A1", "in wrap-up", a -> "wrap-up".equals(a.get("state").asText()));
    }

    private void caller(final String test, final String extension) throws Exception
    {
        sipps.add(Sipp.scenario("wrapup-" + test + "-caller-" + extension, "acd/caller.xml")
            .credentials(extension, "demo-" + extension).service("4000").port(Sipp.freeUdpPort())
            .arg("-mp", Integer.toString(Sipp.freeMediaPort())).start(server.sipUdpPort()));
    }
}

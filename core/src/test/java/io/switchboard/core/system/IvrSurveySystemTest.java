package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The IVR's survey node through the running server: SIPp is the caller's signalling, a Java {@link RtpPeer} its
 * media and its keys (RFC 4733). A number runs the flow {@code rate}: the survey's prompt (espeak-ng), one key of 1
 * to 5, a thank-you, then the server hangs up; the call's service record has the caller's level with the label of
 * the tenant's survey (5 levels: 满意 Satisfied for 2). A caller who presses nothing is let go, without an answer.
 * The post-call survey: group {@code support} has it on; agent S1's SIPp phone answers a queued call, then hangs
 * up; the ACD releases S1 while the caller, still connected, hears the levels and presses 2; the record has S1,
 * the answer and the agent's hang-up as its ending.
 */
@Timeout(90)
@ServerSystemTest.Tenant(IvrSurveySystemTest.TENANT)
class IvrSurveySystemTest extends ServerSystemTest
{
    static final String TENANT = """
        , "acd": { "ringTimeoutSeconds": 5, "wrapUpSeconds": 30,
            "groups": [ { "name": "support", "postCallSurvey": true } ],
            "agents": [ { "staffNo": "S1", "extension": "1001", "groups": ["support"] } ] }
        , "ivr": { "flowsDir": "target/ivr-survey/flows", "audioDir": "target/ivr-survey/audio",
                   "speechCacheDir": "target/ivr-survey/tts" }
        """;
    private static final String NUMBER = "5100";
    private static final String QUEUE_NUMBER = "5101";
    private static final String QUEUE = """
        { "name": "queue", "nodes": [
          { "type": "start", "id": "start", "next": "support" },
          { "type": "transfer", "id": "support", "group": "support", "announceSeconds": 0 }
        ] }
        """;
    private static final String RATE = """
        { "name": "rate", "nodes": [
          { "type": "start", "id": "start", "next": "rate" },
          { "type": "survey", "id": "rate", "prompt": { "text": "Press one to five." }, "levels": 5,
            "timeoutSeconds": 2, "next": "thanks" },
          { "type": "end", "id": "thanks", "prompt": { "text": "Thank you." } }
        ] }
        """;
    /** The caller's telephone-event payload type (scripts/sipp/ivr/caller.xml). */
    private static final int EVENTS = 101;
    private static final long QUIET_MILLIS = 800;
    private static final long WAIT_MILLIS = 15_000;

    private static CallApi api;
    private final List<Sipp> sipps = new ArrayList<>();
    private final List<RtpPeer> peers = new ArrayList<>();

    private static int agentPhone;

    @BeforeAll
    static void flows() throws Exception
    {
        api = new CallApi(server.httpPort());
        for (final String[] flow : List.of(new String[] {"rate", RATE, NUMBER},
            new String[] {"queue", QUEUE, QUEUE_NUMBER}))
        {
            final CallApi.Reply saved = api.put("/api/flows/" + flow[0], flow[1]);
            assertEquals(200, saved.status(), saved.body()::toString);
            final CallApi.Reply published = api.post("/api/flows/" + flow[0] + "/publish", "{}");
            assertEquals(200, published.status(), published.body()::toString);
            final CallApi.Reply bound = api.put("/api/numbers/" + flow[2], "{\"direction\":\"inbound\",\"flow\":\""
                + flow[0] + "\"}");
            assertEquals(200, bound.status(), bound.body()::toString);
        }
        agentPhone = registerPhone("ivr-survey", "1001");
    }

    @AfterEach
    void cleanUp() throws Exception
    {
        for (final Sipp sipp : sipps)
        {
            if (sipp.await(30) != 0)
            {
                sipp.kill();
            }
        }
        peers.forEach(RtpPeer::close);
        awaitNoActiveCalls();
        assertEquals(200, api.post("/api/agents/S1/state", "{\"state\":\"offline\"}").status());
    }

    @Test
    void whenTheAgentHangsUpTheCallerStaysForTheGroupsSurvey() throws Exception
    {
        final JsonNode groups = api.get("/api/groups").body();
        assertTrue(groups.get(0).get("postCallSurvey").asBoolean(), groups::toString);
        final RtpPeer callerRtp = peer("post-call-caller-rtp");
        final RtpPeer agentRtp = peer("post-call-agent-rtp");
        final Sipp phone = Sipp.scenario("ivr-survey-phone-1001", "ivr/answer-hangup-on-info.xml").port(agentPhone)
            .set("rtpport", agentRtp.port()).start(0);
        sipps.add(phone);
        assertEquals(200, api.post("/api/agents/S1/state", "{\"state\":\"idle\"}").status());
        final Sipp caller = caller("1012", callerRtp, QUEUE_NUMBER);
        final long id = api.callFrom("1012").get("id").asLong();
        api.awaitCall(id, "connected to the agent", c -> c.hasNonNull("callee"));
        final int mark = callerRtp.count();

        api.dtmf(id, "callee", "0");
        assertEquals(0, phone.await(20), "the agent's phone hangs up\n" + phone.traces());
        api.awaitAgent("S1", "released to wrap-up while the caller rates",
            a -> !"on-call".equals(a.get("state").asText()));
        assertTrue(caller.running(), "the caller is still on the line");
        callerRtp.awaitQuiet(mark, "the survey's levels", QUIET_MILLIS, WAIT_MILLIS);
        callerRtp.pressKey(api.call(id).at("/caller/rtpPort").asInt(), EVENTS, 2);
        assertEquals(0, caller.await(30), "the thank-you, then the server hangs up\n" + caller.traces());

        final JsonNode record = recordOf(id);
        assertEquals("S1", record.get("agent").asText(), record::toString);
        assertEquals("support", record.get("group").asText());
        assertEquals("callee-hung-up", record.get("ending").asText());
        assertEquals(2, record.get("satisfaction").get("level").asInt(), record::toString);
        assertEquals("满意 Satisfied", record.get("satisfaction").get("label").asText());
    }

    @Test
    void theCallersKeyIsTheLevelInTheCallsRecord() throws Exception
    {
        final RtpPeer rtp = peer("survey-caller-rtp");
        final Sipp caller = caller("1010", rtp, NUMBER);
        final JsonNode call = api.callFrom("1010");
        rtp.awaitQuiet(0, "the survey's prompt", QUIET_MILLIS, WAIT_MILLIS);
        rtp.pressKey(call.at("/caller/rtpPort").asInt(), EVENTS, 2);
        assertEquals(0, caller.await(30), "the thank-you, then the server hangs up\n" + caller.traces());
        final JsonNode record = recordOf(call.get("id").asLong());
        final JsonNode answer = record.get("satisfaction");
        assertEquals(2, answer.get("level").asInt(), record::toString);
        assertEquals(5, answer.get("levels").asInt());
        assertEquals("满意 Satisfied", answer.get("label").asText());
        assertEquals("2", record.get("flowKeys").get(0).asText(), record::toString);
    }

    @Test
    void aCallerWhoPressesNothingIsLetGoWithoutAnAnswer() throws Exception
    {
        final RtpPeer rtp = peer("survey-silent-rtp");
        final Sipp caller = caller("1011", rtp, NUMBER);
        final JsonNode call = api.callFrom("1011");
        assertEquals(0, caller.await(30), "the server hangs up after the thank-you\n" + caller.traces());
        final JsonNode record = recordOf(call.get("id").asLong());
        assertFalse(record.has("satisfaction"), record::toString);
        assertTrue(rtp.count() > 50, "the prompts were played: " + rtp.count() + " packets");
    }

    private static JsonNode recordOf(final long id) throws Exception
    {
        return Await.until("the call's record", Duration.ofSeconds(20), () ->
        {
            for (final JsonNode record : api.get("/api/records?type=call").body().get("records"))
            {
                if (record.get("id").asLong() == id)
                {
                    return record;
                }
            }
            return null;
        }, java.util.Objects::nonNull);
    }

    private Sipp caller(final String extension, final RtpPeer rtp, final String number) throws Exception
    {
        final Sipp sipp = Sipp.scenario("ivr-survey-caller-" + extension, "ivr/caller.xml")
            .credentials(extension, "demo-" + extension).service(number).port(Sipp.freeUdpPort())
            .set("rtpport", rtp.port()).start(server.sipUdpPort());
        sipps.add(sipp);
        return sipp;
    }

    private RtpPeer peer(final String name) throws Exception
    {
        final RtpPeer peer = new RtpPeer(name);
        peers.add(peer);
        return peer;
    }
}

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
 */
@Timeout(90)
@ServerSystemTest.Tenant(IvrSurveySystemTest.TENANT)
class IvrSurveySystemTest extends ServerSystemTest
{
    static final String TENANT = """
        , "ivr": { "flowsDir": "target/ivr-survey/flows", "audioDir": "target/ivr-survey/audio",
                   "speechCacheDir": "target/ivr-survey/tts" }
        """;
    private static final String NUMBER = "5100";
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

    @BeforeAll
    static void flow() throws Exception
    {
        api = new CallApi(server.httpPort());
        final CallApi.Reply saved = api.put("/api/flows/rate", RATE);
        assertEquals(200, saved.status(), saved.body()::toString);
        final CallApi.Reply published = api.post("/api/flows/rate/publish", "{}");
        assertEquals(200, published.status(), published.body()::toString);
        final CallApi.Reply bound = api.put("/api/numbers/" + NUMBER, "{\"direction\":\"inbound\",\"flow\":\"rate\"}");
        assertEquals(200, bound.status(), bound.body()::toString);
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
    }

    @Test
    void theCallersKeyIsTheLevelInTheCallsRecord() throws Exception
    {
        final RtpPeer rtp = peer("survey-caller-rtp");
        final Sipp caller = caller("1010", rtp);
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
        final Sipp caller = caller("1011", rtp);
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

    private Sipp caller(final String extension, final RtpPeer rtp) throws Exception
    {
        final Sipp sipp = Sipp.scenario("ivr-survey-caller-" + extension, "ivr/caller.xml")
            .credentials(extension, "demo-" + extension).service(NUMBER).port(Sipp.freeUdpPort())
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

package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.core.recording.Recorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Call recording over real sockets: a SIPp caller of the queue playing Debian's A-law speech pcap, answered by an
 * agent whose phone (SIPp for SIP, a Java RTP endpoint for its media) sends a 1 kHz tone, gives a stereo WAV whose
 * left channel is the caller's speech and right channel the agent's tone; a call put on hold and transferred to a
 * second agent gives one recording with hold, unhold and transfer marks; a group whose recording is off records
 * nothing. Each service record links its recording.
 * <p>
 * Tenant: A1 (1001) in {@code support} (4000, recorded) and {@code private} (4001, not recorded), A2 (1002) in
 * {@code support}.
 */
@Timeout(120)
@ServerSystemTest.Tenant(RecordingSystemTest.TENANT)
class RecordingSystemTest extends ServerSystemTest
{
    static final String TENANT = ", \"recording\": { \"enabled\": true, \"minFreeMegabytes\": 0 }, " + """
          "acd": { "ringTimeoutSeconds": 20, "wrapUpSeconds": 1,
            "groups": [ { "name": "support", "fallback": "hangup" },
                        { "name": "private", "fallback": "hangup", "recording": false } ],
            "agents": [
              { "staffNo": "A1", "name": "Agent One", "email": "one@demo.example", "extension": "1001",
                "groups": ["support", "private"] },
              { "staffNo": "A2", "name": "Agent Two", "email": "two@demo.example", "extension": "1002",
                "groups": ["support"] }
            ],
            "numbers": [ { "number": "4000", "group": "support" }, { "number": "4001", "group": "private" } ]
          }
        """;
    private static final Path SIP_TESTER = Path.of("/usr/share/sip-tester");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CallApi api;
    private final TestResources cleanup = new TestResources();
    private final List<Sipp> sipps = new ArrayList<>();

    @BeforeAll
    static void api() throws Exception
    {
        api = new CallApi(server.httpPort());
    }

    @AfterEach
    void cleanUp() throws Exception
    {
        cleanup.close();
        hangUpEverything(api, sipps);
        for (final String agent : List.of("A1", "A2"))
        {
            api.post("/api/agents/" + agent + "/state", "{\"state\":\"offline\"}");
        }
    }

    @Test
    void shouldRecordTheCallerLeftAndTheAgentRight() throws Exception
    {
        assumeTrue(MediaSystemTest.mayUseRawSockets(), "SIPp plays pcaps through a raw socket (CAP_NET_RAW)");
        final RtpPeer agentRtp = cleanup.peer("recording-agent-rtp");
        agentPhone("recorded", "1001", agentRtp);
        idle("A1");
        final Sipp caller = cleanup.started(Sipp.scenario("recording-pcap-caller", "media/caller-pcap.xml")
            .credentials("1011", "demo-1011").service("4000").port(Sipp.freeUdpPort())
            .arg("-mp", Integer.toString(Sipp.freeMediaPort())).start(server.sipUdpPort()));
        final long id = api.awaitAgent("A1", "on the call", a -> "on-call".equals(a.get("state").asText()))
            .get("call").asLong();
        final JsonNode call = api.awaitCall(id, "bridged to A1", c -> c.at("/callee/codec").isTextual());
        agentRtp.startSending(call.at("/callee/rtpPort").asInt(), 0, RecordingChecks::toneFrame);
        // The caller plays 7 s of speech and some keys, then hangs up by itself.
        assertEquals(0, caller.await(40), caller::traces);
        agentRtp.stopSending();

        final Path wav = recordingOf(id);
        final short[][] channels = RecordingChecks.channels(wav);
        assertTrue(channels[0].length > 3 * 8000, "some seconds recorded: " + channels[0].length + " frames");
        final short[] speech = RecordingChecks.decodedAlaw(Pcap.rtp(SIP_TESTER.resolve("g711a.pcap")));
        final int loud = RecordingChecks.loudest(channels[0], 4000);
        final double correlation = RecordingChecks.bestCorrelation(channels[0], loud, 4000, speech);
        assertTrue(correlation > 0.9, "the left channel is the caller's speech: correlation " + correlation);
        assertTrue(RecordingChecks.share(channels[0], loud, 4000, RecordingChecks.TONE_HZ) < 0.1,
            "and not the agent's tone");
        final int toneAt = RecordingChecks.loudest(channels[1], 4000);
        final double tone = RecordingChecks.share(channels[1], toneAt, 4000, RecordingChecks.TONE_HZ);
        assertTrue(tone > 0.8, "the right channel is the agent's 1 kHz tone: share " + tone);
        assertTrue(RecordingChecks.bestCorrelation(channels[1], toneAt, 800, speech) < 0.5,
            "and not the caller's speech");
        assertEquals("{\"marks\":[]}", marksOf(wav).toString());
    }

    @Test
    void shouldKeepOneRecordingAcrossHoldAndATransfer() throws Exception
    {
        final RtpPeer callerRtp = cleanup.peer("recording-transfer-caller-rtp");
        final RtpPeer firstRtp = cleanup.peer("recording-transfer-a1-rtp");
        final RtpPeer secondRtp = cleanup.peer("recording-transfer-a2-rtp");
        final Sipp first = agentPhone("transfer", "1001", firstRtp);
        final Sipp second = agentPhone("transfer", "1002", secondRtp);
        idle("A1");
        final Sipp caller = cleanup.started(Sipp.scenario("recording-transfer-caller", "media/caller.xml")
            .credentials("1012", "demo-1012").service("4000").port(Sipp.freeUdpPort())
            .arg("-mp", Integer.toString(Sipp.freeMediaPort())).set("rtpport", callerRtp.port())
            .start(server.sipUdpPort()));
        final long id = api.awaitAgent("A1", "on the call", a -> "on-call".equals(a.get("state").asText()))
            .get("call").asLong();
        final JsonNode call = api.awaitCall(id, "bridged to A1", c -> c.at("/callee/codec").isTextual());
        callerRtp.startSending(call.at("/caller/rtpPort").asInt(), 0, n -> MediaChecks.frame(1, n));
        firstRtp.startSending(call.at("/callee/rtpPort").asInt(), 0, RecordingChecks::toneFrame);
        firstRtp.await(0, "the caller's audio at A1", got -> got.size() >= 25);

        api.ok(id, "hold", "callee");
        int mark = callerRtp.count();
        callerRtp.await(mark, "hold music at the caller", got -> got.size() >= 25);
        api.ok(id, "unhold", "callee");
        mark = firstRtp.count();
        firstRtp.await(mark, "the caller's audio at A1 again", got -> got.size() >= 25);

        idle("A2");
        final CallApi.Reply moved = api.post("/api/calls/" + id + "/transfer", "{\"agent\":\"A2\"}");
        assertEquals(200, moved.status(), moved.body()::toString);
        assertEquals(0, first.await(20), () -> "A1's phone released\n" + first.traces());
        firstRtp.stopSending();
        final JsonNode bridged = api.awaitCall(id, "bridged to A2",
            c -> "A2".equals(c.at("/callee/agent").asText()) && c.at("/callee/codec").isTextual());
        secondRtp.startSending(bridged.at("/callee/rtpPort").asInt(), 0, RecordingChecks::toneFrame);
        secondRtp.await(0, "the caller's audio at A2", got -> got.size() >= 25);
        api.dtmf(id, "caller", "0");
        assertEquals(0, caller.await(20), caller::traces);
        assertEquals(0, second.await(20), second::traces);

        final Path wav = recordingOf(id);
        assertEquals(List.of(wav), RecordingChecks.wavsOf(server.recordings().root(), id), "one recording");
        final List<String> kinds = new ArrayList<>();
        String transferredTo = null;
        int transferAt = 0;
        for (final JsonNode m : marksOf(wav).get("marks"))
        {
            kinds.add(m.get("kind").asText());
            if ("transfer".equals(m.get("kind").asText()))
            {
                transferredTo = m.get("detail").asText();
                transferAt = (int)(m.get("atSeconds").asDouble() * 8000);
            }
        }
        assertEquals(List.of("hold", "unhold", "transfer"), kinds);
        assertEquals("A2", transferredTo);
        final short[][] channels = RecordingChecks.channels(wav);
        final short[] afterTransfer = java.util.Arrays.copyOfRange(channels[1], transferAt, channels[1].length);
        final int loud = RecordingChecks.loudest(afterTransfer, 1600);
        assertTrue(RecordingChecks.share(afterTransfer, loud, 1600, RecordingChecks.TONE_HZ) > 0.8,
            "A2's tone on the right channel after the transfer");
    }

    @Test
    void shouldNotRecordAGroupWhoseRecordingIsOff() throws Exception
    {
        final int phone = registerPhone("recording-off", "1001");
        idle("A1");
        answeredBy(api, "recording-off", "1013", "4001", "A1", phone, sipps);
        final JsonNode record = Await.until("the call's record", () -> recordWith("caller", "1013"),
            java.util.Objects::nonNull);
        assertFalse(record.has("recording") && !record.get("recording").isNull(), record::toString);
        assertEquals(List.of(), RecordingChecks.wavsOf(server.recordings().root(), record.get("id").asLong()));
    }

    /** The call's record links its recording; once the writer closed it, the WAV is where the record says. */
    private static Path recordingOf(final long id) throws Exception
    {
        final JsonNode record = Await.until("call " + id + "'s record", () -> recordWith("id", Long.toString(id)),
            java.util.Objects::nonNull);
        final String path = record.path("recording").asText();
        assertEquals(Recorder.pathOf(id, record.get("startedAt").asLong(), ZoneId.systemDefault()), path,
            record::toString);
        Await.until("the recording closed", () -> server.recordings().writer().openCount(), open -> open == 0);
        final Path wav = server.recordings().root().resolve(path);
        assertTrue(Files.isRegularFile(wav), wav::toString);
        return wav;
    }

    private static JsonNode marksOf(final Path wav) throws Exception
    {
        final String name = wav.getFileName().toString().replace(".wav", ".json");
        return JSON.readTree(wav.resolveSibling(name).toFile());
    }

    /** The latest record whose {@code field} is {@code value}, or null. */
    private static JsonNode recordWith(final String field, final String value) throws Exception
    {
        for (final JsonNode record : api.get("/api/records?limit=100").body().get("records"))
        {
            if (value.equals(record.path(field).asText()))
            {
                return record;
            }
        }
        return null;
    }

    private static void idle(final String agent) throws Exception
    {
        assertEquals(200, api.post("/api/agents/" + agent + "/state", "{\"state\":\"idle\"}").status());
    }

    /** An agent's phone: registered, then a SIPp answering one call for the RTP endpoint {@code rtp}. */
    private Sipp agentPhone(final String test, final String extension, final RtpPeer rtp) throws Exception
    {
        final int port = registerPhone("recording-" + test, extension);
        final Sipp phone = Sipp.scenario("recording-" + test + "-phone-" + extension, "media/callee.xml").port(port)
            .arg("-mp", Integer.toString(Sipp.freeMediaPort())).set("rtpport", rtp.port()).set("codec", "PCMU")
            .set("pt", 0).set("tept", 101).start(0);
        sipps.add(phone);
        return phone;
    }
}

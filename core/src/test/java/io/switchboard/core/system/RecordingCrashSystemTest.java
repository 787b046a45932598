package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.core.recording.Recorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.BufferedInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A recording's promise, with the real server in a process of its own: during a recorded call (both phones talking,
 * Java RTP endpoints) the server is killed with SIGKILL. The WAV it leaves is playable as it is (a header whose sizes
 * the file holds, read by the JDK's audio reader), with both channels' audio, and it misses at most about the last
 * second before the kill (the test allows two, for a loaded machine); the marks' sidecar is whole.
 */
@Tag("system")
@Timeout(120)
class RecordingCrashSystemTest
{
    private static final String TENANT = ", \"recording\": { \"enabled\": true, \"minFreeMegabytes\": 0 }, " + """
          "acd": { "groups": [ { "name": "support", "fallback": "hangup" } ],
            "agents": [ { "staffNo": "A1", "name": "Agent One", "email": "one@demo.example", "extension": "1001",
                          "groups": ["support"] } ],
            "numbers": [ { "number": "4000", "group": "support" } ]
          }
        """;

    private final TestResources cleanup = new TestResources();
    private ServerProcess.Rig rig;

    @AfterEach
    void cleanUp() throws Exception
    {
        cleanup.close();
        if (rig != null)
        {
            rig.close();
        }
    }

    @Test
    void shouldLeaveAPlayableRecordingWhenKilledDuringTheCall() throws Exception
    {
        rig = new ServerProcess.Rig("switchboard-recording-crash", TENANT);
        final Path dataDir = rig.dataDir;
        final int sipPort = rig.sipPort;
        final ServerProcess server = rig.start("server.log");
        final CallApi api = new CallApi(rig.httpPort);

        final RtpPeer callerRtp = cleanup.peer("recording-crash-caller-rtp");
        final RtpPeer agentRtp = cleanup.peer("recording-crash-agent-rtp");
        final int phonePort = Sipp.freeUdpPort();
        final Sipp register = Sipp.scenario("recording-crash-register", "register/register.xml")
            .registering("1001", 600).credentials("1001", "demo-1001").port(phonePort);
        assertEquals(0, register.run(sipPort), register::traces);
        cleanup.started(Sipp.scenario("recording-crash-phone", "media/callee.xml").port(phonePort)
            .arg("-mp", Integer.toString(Sipp.freeMediaPort())).set("rtpport", agentRtp.port()).set("codec", "PCMU")
            .set("pt", 0).set("tept", 101).start(0));
        assertEquals(200, api.post("/api/agents/A1/state", "{\"state\":\"idle\"}").status());
        cleanup.started(Sipp.scenario("recording-crash-caller", "media/caller.xml").credentials("1011", "demo-1011")
            .service("4000").port(Sipp.freeUdpPort()).arg("-mp", Integer.toString(Sipp.freeMediaPort()))
            .set("rtpport", callerRtp.port()).start(sipPort));
        final long id = api.awaitAgent("A1", "on the call", a -> "on-call".equals(a.get("state").asText()))
            .get("call").asLong();
        final JsonNode call = api.awaitCall(id, "bridged", c -> c.at("/callee/codec").isTextual());
        final long answeredSeen = System.nanoTime();
        callerRtp.startSending(call.at("/caller/rtpPort").asInt(), 0, n -> MediaChecks.frame(1, n));
        agentRtp.startSending(call.at("/callee/rtpPort").asInt(), 0, RecordingChecks::toneFrame);
        final Path wav = dataDir.resolve("data/recordings")
            .resolve(Recorder.pathOf(id, call.get("startedAt").asLong(), ZoneId.systemDefault()));
        Await.until("three seconds of the call flushed", () -> Files.exists(wav) ? Files.size(wav) : 0L,
            size -> size >= 44 + 3 * 8000 * 4);

        server.kill();
        final double talked = (System.nanoTime() - answeredSeen) / 1e9;
        callerRtp.stopSending();
        agentRtp.stopSending();

        final byte[] bytes = Files.readAllBytes(wav);
        final int dataBytes = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(40);
        assertTrue(dataBytes <= bytes.length - 44 && dataBytes % 4 == 0, "the header's sizes are in the file: "
            + dataBytes + " of " + (bytes.length - 44));
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new BufferedInputStream(Files.newInputStream(wav))))
        {
            assertEquals(dataBytes / 4, in.getFrameLength(), "a player reads every frame the header names");
            assertEquals(2, in.getFormat().getChannels());
        }
        final double recorded = dataBytes / 4 / 8000.0;
        assertTrue(recorded >= talked - 2.0, "recorded " + recorded + " s of " + talked + " s talked before the kill");
        final short[][] channels = RecordingChecks.channels(wav);
        final int loud = RecordingChecks.loudest(channels[1], 4000);
        assertTrue(RecordingChecks.share(channels[1], loud, 4000, RecordingChecks.TONE_HZ) > 0.8, "the agent's tone");
        assertTrue(RecordingChecks.loudest(channels[0], 4000) >= 0 && energy(channels[0]) > 0, "the caller's audio");
        final JsonNode marks = new ObjectMapper().readTree(wav.resolveSibling(id + ".json").toFile());
        assertTrue(marks.get("marks").isArray(), marks::toString);
    }

    private static double energy(final short[] samples)
    {
        double energy = 0;
        for (final short s : samples)
        {
            energy += (double)s * s;
        }
        return energy;
    }
}

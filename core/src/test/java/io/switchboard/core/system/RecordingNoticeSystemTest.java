package io.switchboard.core.system;

import io.switchboard.core.SwitchboardServer;
import io.switchboard.core.flows.SpeechSynthesizer;
import io.switchboard.ivr.flow.Prompt;
import io.switchboard.media.audio.AudioClip;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.switchboard.core.system.MediaChecks.atLeastAfterFirst;
import static io.switchboard.core.system.MediaChecks.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The recording notice of a transfer node ({@code "announceRecording": true}) through the running server: a SIPp
 * caller (its media a Java {@link RtpPeer}) of a flow that goes straight to a queue hears "本次通话可能会被录音" when
 * the flow speaks Mandarin, "This call may be recorded" when it speaks English: byte for byte espeak-ng's rendering
 * of the notice in that voice (rendered here on its own), not the other language's, and then the queue's music, in
 * the group's queue.
 */
@Timeout(90)
@Tag("system")
class RecordingNoticeSystemTest
{
    private static final long WAIT_MILLIS = 20_000;
    private static final String FLOW = """
        { "name": "%s", "nodes": [
          { "type": "start", "id": "start", "next": "queue" },
          { "type": "transfer", "id": "queue", "group": "support", "announceRecording": true, "announceSeconds": 30,
            "positionPrompt": { "text": "%s", "voice": "%s" } } ] }
        """;

    private static SwitchboardServer server;
    private static CallApi api;
    private static ExecutorService renderer;
    private static SpeechSynthesizer speech;
    private final List<Sipp> sipps = new ArrayList<>();
    private final List<RtpPeer> peers = new ArrayList<>();

    @BeforeAll
    static void flowsAndNumbers() throws Exception
    {
        renderer = Executors.newSingleThreadExecutor();
        final Path dir = Files.createTempDirectory("switchboard-notice");
        speech = new SpeechSynthesizer(dir.resolve("expected"), renderer);
        assumeTrue(speech.available(), "the notice is spoken by espeak-ng");
        server = TestServers.start("""
            , "acd": { "groups": [ { "name": "support" } ] },
              "ivr": { "flowsDir": "%s", "audioDir": "%s", "speechCacheDir": "%s" }
            """.formatted(dir.resolve("flows"), dir.resolve("audio"), dir.resolve("tts")));
        api = new CallApi(server.httpPort());
        flow("notice-zh", "您前面还有${WaitNo}位客户。", "zh", "5100");
        flow("notice-en", "There are ${WaitNo} callers ahead of you.", "en", "5101");
    }

    private static void flow(final String name, final String text, final String voice, final String number)
        throws Exception
    {
        final CallApi.Reply saved = api.put("/api/flows/" + name, FLOW.formatted(name, text, voice));
        assertEquals(200, saved.status(), saved.body()::toString);
        assertEquals(0, saved.body().get("problems").size(), saved.body()::toString);
        assertEquals(200, api.post("/api/flows/" + name + "/publish", "{}").status());
        assertEquals(200, api.put("/api/numbers/" + number, "{\"direction\":\"inbound\",\"flow\":\"" + name + "\"}")
            .status());
    }

    @AfterEach
    void cleanUp() throws Exception
    {
        api.hangUpAll();
        for (final Sipp sipp : sipps)
        {
            if (sipp.await(10) != 0)
            {
                sipp.kill();
            }
        }
        peers.forEach(RtpPeer::close);
        Await.until("no active calls", () -> server.stats().active(), active -> active == 0);
    }

    @AfterAll
    static void stop()
    {
        if (server != null)
        {
            server.close();
        }
        renderer.shutdownNow();
    }

    @Test
    void aMandarinFlowSaysTheNoticeInMandarinBeforeQueueing() throws Exception
    {
        heardBeforeTheQueue("1011", "5100", notice("zh"), notice("en"));
    }

    @Test
    void anEnglishFlowSaysTheNoticeInEnglishBeforeQueueing() throws Exception
    {
        heardBeforeTheQueue("1012", "5101", notice("en"), notice("zh"));
    }

    /** Calls the number: the notice is heard whole, not the other one, then the queue's music, queued in support. */
    private void heardBeforeTheQueue(final String extension, final String number, final AudioClip expected,
        final AudioClip other) throws Exception
    {
        final RtpPeer rtp = new RtpPeer("notice-" + extension);
        peers.add(rtp);
        sipps.add(Sipp.scenario("recording-notice-" + extension, "ivr/caller.xml")
            .credentials(extension, "demo-" + extension).service(number).port(Sipp.freeUdpPort())
            .set("rtpport", rtp.port()).start(server.sipUdpPort()));
        final List<RtpPeer.Packet> heard = rtp.await(0, "the notice, then the queue's music", WAIT_MILLIS,
            atLeastAfterFirst(in(MediaChecks.musicFrames()), 25));
        final List<byte[]> beforeMusic = DemoLanguageSystemTest.payloads(heard.subList(0,
            MediaChecks.firstIndex(heard, in(MediaChecks.musicFrames()))));
        assertTrue(DemoLanguageSystemTest.at(beforeMusic, expected) >= 0, "the notice " + expected.name()
            + " heard whole before the music (" + beforeMusic.size() + " frames)");
        assertTrue(DemoLanguageSystemTest.at(beforeMusic, other) < 0, "not the other language's notice");
        final long id = api.callFrom(extension).get("id").asLong();
        final com.fasterxml.jackson.databind.JsonNode queue = api.get("/api/groups/support/queue").body();
        assertEquals(1, queue.size(), queue::toString);
        assertEquals(id, queue.get(0).get("call").asLong(), "queued after the notice: " + queue);
    }

    private static AudioClip notice(final String voice) throws Exception
    {
        final Prompt prompt = Prompt.recordingNotice(voice);
        return speech.clip(prompt.voiceOrDefault(), prompt.text()).get(30, TimeUnit.SECONDS);
    }
}

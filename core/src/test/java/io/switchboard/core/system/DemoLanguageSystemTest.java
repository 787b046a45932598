package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.core.config.ConfigLoader;
import io.switchboard.core.config.IvrSettings;
import io.switchboard.core.flows.SpeechSynthesizer;
import io.switchboard.media.audio.AudioClip;
import io.switchboard.media.codec.G711;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo's voice flows in both languages, chosen per number, as the shipped configuration has them: the server
 * runs the demo's own flow files ({@code conf/flows}) and the numbers of {@code conf/switchboard.conf}'s
 * {@code tenant.ivr.numbers}. A SIPp caller (its media a Java {@link RtpPeer}, PCMU) dials the English and then the
 * Mandarin number; what it hears must be, byte for byte, espeak-ng's rendering of the flow's welcome text in the
 * flow's voice, rendered here on its own (a separate cache), and not the other language's. Proves the Mandarin
 * number speaks Mandarin (voice {@code cmn}), not merely some audio; every other prompt of the Mandarin flow (menu,
 * misses, the queues' hold, place and answer prompts) has the Mandarin voice too.
 */
@Timeout(90)
@ServerSystemTest.Tenant(DemoLanguageSystemTest.TENANT)
class DemoLanguageSystemTest extends ServerSystemTest
{
    /** The demo's groups (its flows transfer to them) and its flow directory; core/ is the tests' working dir. */
    static final String TENANT = """
        , "acd": { "groups": [ { "name": "support" }, { "name": "sales" } ] },
          "ivr": { "flowsDir": "../conf/flows", "audioDir": "target/demo-language/audio",
                   "speechCacheDir": "target/demo-language/tts" }
        """;
    private static final Path CONF = Path.of("../conf");
    private static final int PCMU = 0;
    /** Mean |sample| of a frame above which it is speech: where the comparison starts. */
    private static final double SPEECH_LEVEL = 500;
    /** Share of the prompt's bytes that must be identical (G.711 of the same samples: all of them). */
    private static final double SAME = 0.98;
    private static final long WAIT_MILLIS = 20_000;

    private static CallApi api;
    private static ExecutorService renderer;
    private static SpeechSynthesizer speech;
    private final List<Sipp> sipps = new ArrayList<>();
    private final List<RtpPeer> peers = new ArrayList<>();

    /** The demo configuration's numbers, bound through the API as the server binds them from the file. */
    @BeforeAll
    static void demoNumbers() throws Exception
    {
        api = new CallApi(server.httpPort());
        for (final IvrSettings.NumberBinding number : demoNumbers(CONF.resolve("switchboard.conf")))
        {
            final CallApi.Reply bound = api.put("/api/numbers/" + number.number,
                "{\"direction\":\"" + number.direction + "\",\"flow\":\"" + number.flow + "\"}");
            assertEquals(200, bound.status(), bound.body()::toString);
        }
        renderer = Executors.newSingleThreadExecutor();
        speech = new SpeechSynthesizer(Path.of("target/demo-language/expected"), renderer);
        assertTrue(speech.available(), "espeak-ng is installed");
    }

    @AfterAll
    static void stopRenderer()
    {
        renderer.shutdownNow();
    }

    @AfterEach
    void cleanUp() throws Exception
    {
        hangUpEverything(api, sipps);
        peers.forEach(RtpPeer::close);
    }

    @Test
    void theMandarinNumberWelcomesInMandarin() throws Exception
    {
        assertTrue(api.get("/api/flows/demo-zh").body().get("state").asText().matches("published|in-use"));
        final AudioClip mandarin = welcome("demo-zh");
        final AudioClip english = welcome("demo");
        final List<byte[]> heard = call("1011", numberOf("demo-zh"), mandarin);
        assertTrue(at(heard, english) < 0, "the English welcome is not played on the Mandarin number");
        // the rest of the Mandarin flow (menu, misses, the queues' hold, place and answer prompts) speaks Mandarin too
        final List<String> voices = voices("demo-zh");
        assertEquals(voices("demo").size(), voices.size(), "as many prompts as the English flow: " + voices);
        assertTrue(voices.stream().allMatch("zh"::equals), voices::toString);
    }

    /** The voice of every spoken prompt of the demo flow {@code name}, node by node. */
    private static List<String> voices(final String name) throws Exception
    {
        final JsonNode flow = new ObjectMapper().readTree(CONF.resolve("flows/" + name + ".json").toFile());
        final List<String> voices = new ArrayList<>();
        for (final JsonNode node : flow.get("nodes"))
        {
            for (final JsonNode field : node)
            {
                if (field.has("text"))
                {
                    voices.add(field.path("voice").asText("en"));
                }
            }
        }
        return voices;
    }

    @Test
    void theEnglishNumberWelcomesInEnglish() throws Exception
    {
        final AudioClip mandarin = welcome("demo-zh");
        final AudioClip english = welcome("demo");
        final List<byte[]> heard = call("1012", numberOf("demo"), english);
        assertTrue(at(heard, mandarin) < 0, "the Mandarin welcome is not played on the English number");
    }

    /** Calls {@code number} from {@code extension} until {@code expected} was heard whole; returns what came. */
    private List<byte[]> call(final String extension, final String number, final AudioClip expected)
        throws Exception
    {
        final RtpPeer rtp = new RtpPeer("demo-language-" + extension);
        peers.add(rtp);
        sipps.add(Sipp.scenario("demo-language-" + extension, "ivr/caller.xml")
            .credentials(extension, "demo-" + extension).service(number).port(Sipp.freeUdpPort())
            .set("rtpport", rtp.port()).start(server.sipUdpPort()));
        final List<RtpPeer.Packet> packets = rtp.await(0, "the welcome " + expected.name() + " heard whole",
            WAIT_MILLIS, p -> at(payloads(p), expected) >= 0);
        return payloads(packets);
    }

    /**
     * Where the whole of {@code clip} (its G.711 bytes from its first spoken frame) begins in what was heard, with
     * at least {@link #SAME} of its bytes identical; -1 when it was not (or not yet wholly) heard.
     */
    static int at(final List<byte[]> heard, final AudioClip clip)
    {
        final byte[] all = concat(heard);
        final int first = firstSpeech(clip);
        final int length = clip.samples() - first;
        final int anchor = Math.min(AudioClip.FRAME_SAMPLES, length);
        for (int start = 0; start + length <= all.length; start++)
        {
            boolean anchored = true;
            for (int i = 0; i < anchor && anchored; i++)
            {
                anchored = all[start + i] == clip.ulawAt(first + i);
            }
            if (anchored)
            {
                int same = 0;
                for (int i = 0; i < length; i++)
                {
                    same += all[start + i] == clip.ulawAt(first + i) ? 1 : 0;
                }
                if (same >= SAME * length)
                {
                    return start;
                }
            }
        }
        return -1;
    }

    /** The first sample of the clip's first frame loud enough to be speech (silence would match anywhere). */
    private static int firstSpeech(final AudioClip clip)
    {
        for (int frame = 0; (frame + 1) * AudioClip.FRAME_SAMPLES <= clip.samples(); frame++)
        {
            long sum = 0;
            for (int i = 0; i < AudioClip.FRAME_SAMPLES; i++)
            {
                sum += Math.abs(G711.ulawToLinear(clip.ulawAt(frame * AudioClip.FRAME_SAMPLES + i)));
            }
            if (sum / (double)AudioClip.FRAME_SAMPLES > SPEECH_LEVEL)
            {
                return frame * AudioClip.FRAME_SAMPLES;
            }
        }
        throw new AssertionError("the clip " + clip + " is silent");
    }

    static List<byte[]> payloads(final List<RtpPeer.Packet> packets)
    {
        return packets.stream().filter(p -> p.pt() == PCMU).map(RtpPeer.Packet::payload).toList();
    }

    private static byte[] concat(final List<byte[]> parts)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** The welcome node's prompt of the demo flow {@code name} (conf/flows), rendered here in its voice. */
    private static AudioClip welcome(final String name) throws Exception
    {
        final JsonNode flow = new ObjectMapper().readTree(CONF.resolve("flows/" + name + ".json").toFile());
        for (final JsonNode node : flow.get("nodes"))
        {
            if ("welcome".equals(node.get("id").asText()))
            {
                final JsonNode prompt = node.get("prompt");
                final String voice = prompt.hasNonNull("voice") ? prompt.get("voice").asText() : "en";
                return speech.clip(voice, prompt.get("text").asText()).get(30, TimeUnit.SECONDS);
            }
        }
        throw new AssertionError("flow " + name + " has no welcome node");
    }

    /** The demo configuration's number that runs {@code flow}. */
    private static String numberOf(final String flow) throws Exception
    {
        final String number = demoNumbers(CONF.resolve("switchboard.conf")).stream()
            .filter(n -> flow.equals(n.flow)).map(n -> n.number).findFirst().orElse(null);
        assertNotNull(number, "conf/switchboard.conf binds a number to " + flow);
        return number;
    }

    private static List<IvrSettings.NumberBinding> demoNumbers(final Path conf) throws Exception
    {
        return ConfigLoader.load(conf).tenant.ivr.numbers;
    }
}

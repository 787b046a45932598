package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.core.flows.AudioStoreTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audio library as 001 (管理音频) describes it, over HTTP: a WAV and an MP3 uploaded with their names; the list
 * shows name, type, size, uploader, state and the flows that use each; a download gives back the very bytes
 * uploaded, with their type and file name (the converted copy still plays); a rename keeps the id; deleting an audio
 * a flow plays is refused with 409 {@code in_use} naming the flow, deleting an unused one works; after a restart the
 * library is the same.
 */
@Timeout(90)
@ServerSystemTest.Tenant(AudioLibrarySystemTest.TENANT)
class AudioLibrarySystemTest extends ServerSystemTest
{
    static final String TENANT = """
        , "ivr": { "flowsDir": "target/audio-library-system/flows", "audioDir": "target/audio-library-system/audio",
                   "speechCacheDir": "target/audio-library-system/tts" }
        """;
    private static final Path FILES = Path.of("target/audio-library-system");

    private static final String FLOW = """
        { "name": "welcome", "nodes": [
          { "type": "start", "id": "start", "next": "hello" },
          { "type": "play", "id": "hello", "prompt": { "audio": "greeting" }, "next": "bye" },
          { "type": "end", "id": "bye" }
        ] }
        """;

    private static String q(final String value)
    {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static JsonNode find(final JsonNode list, final String id)
    {
        for (final JsonNode audio : list)
        {
            if (id.equals(audio.path("id").asText()))
            {
                return audio;
            }
        }
        return null;
    }

    @Test
    void shouldKeepNamesOriginalsAndUsesAndRefuseDeletingAudioInUse() throws Exception
    {
        server.close();
        if (Files.exists(FILES))
        {
            try (Stream<Path> files = Files.walk(FILES))
            {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        server = TestServers.start(TENANT, Files.createTempDirectory("switchboard-test").toString());
        CallApi api = new CallApi(server.httpPort());

        final byte[] wav = AudioStoreTest.wav16k(400);
        final byte[] mp3 = AudioStoreTest.mp3();
        final CallApi.Reply uploaded = api.upload("/api/audio/greeting?name=" + q("欢迎语 Welcome") + "&filename="
            + q("welcome 2024.wav"), wav, "audio/wav");
        assertEquals(201, uploaded.status(), uploaded.body()::toString);
        assertEquals("欢迎语 Welcome", uploaded.body().get("name").asText());
        assertEquals(201, api.upload("/api/audio/music?name=Hold", mp3, "audio/mpeg").status());
        assertEquals("approved", api.post("/api/audio/greeting/approve", "{}").body().get("state").asText());
        assertEquals(400, api.post("/api/audio/music/rename", "{\"name\":\"  \"}").status());
        assertEquals("Hold music", api.post("/api/audio/music/rename", "{\"name\":\"Hold music\"}").body()
            .get("name").asText());
        assertEquals(200, api.put("/api/flows/welcome", FLOW).status());
        assertEquals(200, api.post("/api/flows/welcome/publish", "{}").status());

        final JsonNode list = api.get("/api/audio").body();
        final JsonNode greeting = find(list, "greeting");
        assertEquals("audio/wav", greeting.get("type").asText(), list::toString);
        assertEquals(wav.length, greeting.get("size").asLong(), list::toString);
        assertEquals(DemoAccounts.ADMIN, greeting.get("uploader").asText(), list::toString);
        assertEquals("approved", greeting.get("state").asText(), list::toString);
        assertEquals("welcome", greeting.get("usedBy").get(0).get("name").asText(), list::toString);
        final JsonNode music = find(list, "music");
        assertEquals("audio/mpeg", music.get("type").asText(), list::toString);
        assertEquals("pending", music.get("state").asText(), list::toString);
        assertEquals("Hold music", music.get("name").asText(), list::toString);
        assertEquals(0, music.get("usedBy").size(), list::toString);

        final HttpResponse<byte[]> original = api.download("/api/audio/greeting/original");
        assertEquals(200, original.statusCode());
        assertArrayEquals(wav, original.body(), "the download is the uploaded file");
        assertEquals("audio/wav", original.headers().firstValue("Content-Type").orElse(""));
        assertTrue(original.headers().firstValue("Content-Disposition").orElse("").contains("welcome%202024.wav"),
            original.headers()::toString);
        assertArrayEquals(mp3, api.download("/api/audio/music/original").body(), "the MP3 as uploaded");
        final byte[] converted = api.download("/api/audio/greeting/file").body();
        assertFalse(java.util.Arrays.equals(wav, converted), "the copy that plays is the converted one");

        final CallApi.Reply refused = api.delete("/api/audio/greeting");
        assertEquals(409, refused.status(), refused.body()::toString);
        assertEquals("in_use", refused.error());
        assertTrue(refused.body().get("message").asText().contains("welcome"), refused.body()::toString);
        assertEquals(201, api.upload("/api/audio/spare", wav, "audio/wav").status());
        final CallApi.Reply deleted = api.delete("/api/audio/spare");
        assertEquals(200, deleted.status(), deleted.body()::toString);
        assertEquals(null, find(deleted.body(), "spare"), deleted.body()::toString);

        final JsonNode before = api.get("/api/audio").body();
        final String dataDir = server.config().dataDir;
        server.close();
        server = TestServers.start(TENANT, dataDir);
        api = new CallApi(server.httpPort());
        assertEquals(before, api.get("/api/audio").body(), "the same library after a restart");
        assertArrayEquals(wav, api.download("/api/audio/greeting/original").body());
        assertEquals(409, api.delete("/api/audio/greeting").status());
    }
}

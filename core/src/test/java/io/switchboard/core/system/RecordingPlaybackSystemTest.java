package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.core.SwitchboardServer;
import io.switchboard.core.journal.ChronicleJournal;
import io.switchboard.core.records.ServiceRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Playing a call's recording through the running server: records with recordings are journalled and their WAV
 * files written under {@code recordings/} before the server starts (as the recorder leaves them); then whole files,
 * byte ranges (206, {@code Content-Range}, 416 past the end), downloads (attachment), the marks beside a recording,
 * who may hear what (an agent its own calls' only, 404 alike for another's, a supervisor and an administrator
 * every call's), clear errors for bad ids and parameters, and the audit log: every answer written as a JSON line and
 * listed newest first by {@code GET /api/audit}, for administrators only.
 */
@Timeout(60)
@Tag("system")
class RecordingPlaybackSystemTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final long NOW = System.currentTimeMillis();
    /** A1's recorded call, with marks. */
    static final long OWN = 101;
    /** A2's recorded call. */
    static final long OTHER = 102;
    /** A call without a recording. */
    static final long UNRECORDED = 103;
    /** A recorded call whose file is gone. */
    static final long GONE = 104;

    private static Path data;
    private static SwitchboardServer server;
    private static byte[] wav;
    private static String admin;
    private static String agent;
    private static String supervisor;

    @BeforeAll
    static void recordsAndServer() throws Exception
    {
        data = Files.createTempDirectory("switchboard-playback");
        wav = stereoWav(2.0);
        final String day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString().replace('-', '/');
        try (ChronicleJournal journal = ChronicleJournal.open(data.resolve("journal")))
        {
            journal(journal, record(OWN, "A1").withRecording(day + "/" + OWN + ".wav"));
            journal(journal, record(OTHER, "A2").withRecording(day + "/" + OTHER + ".wav"));
            journal(journal, record(UNRECORDED, "A1"));
            journal(journal, record(GONE, "A1").withRecording(day + "/" + GONE + ".wav"));
        }
        final Path folder = Files.createDirectories(data.resolve("recordings").resolve(day));
        Files.write(folder.resolve(OWN + ".wav"), wav);
        Files.write(folder.resolve(OTHER + ".wav"), wav);
        Files.writeString(folder.resolve(OWN + ".json"), "{\"marks\":[{\"atSeconds\":0.5,\"kind\":\"hold\"},"
            + "{\"atSeconds\":1.25,\"kind\":\"unhold\",\"detail\":\"by the agent\"}]}");
        server = TestServers.start(RecordsSystemTest.ACD, data.toString());
        admin = CallApi.login(server.httpPort(), DemoAccounts.ADMIN, DemoAccounts.ADMIN_PASSWORD);
        agent = CallApi.login(server.httpPort(), DemoAccounts.email("1001"), DemoAccounts.password("1001"));
        final CallApi.Reply created = new CallApi(server.httpPort(), admin).post("/api/accounts",
            "{\"email\":\"lead@demo.switchboard\",\"name\":\"Team lead\",\"role\":\"supervisor\"}");
        assertEquals(201, created.status(), created.body()::toString);
        supervisor = CallApi.login(server.httpPort(), "lead@demo.switchboard",
            created.body().get("password").asText());
    }

    @AfterAll
    static void stop()
    {
        if (server != null)
        {
            server.close();
        }
    }

    @Test
    void shouldServeTheWholeFileAndRangesForSeeking() throws Exception
    {
        final HttpResponse<byte[]> whole = get(admin, "/api/records/" + OWN + "/recording", null);
        assertEquals(200, whole.statusCode());
        assertEquals("audio/wav", whole.headers().firstValue("Content-Type").orElse(""));
        assertEquals("bytes", whole.headers().firstValue("Accept-Ranges").orElse(""));
        assertTrue(whole.headers().firstValue("Content-Disposition").orElse("").startsWith("inline"));
        assertArrayEquals(wav, whole.body());

        final HttpResponse<byte[]> range = get(admin, "/api/records/" + OWN + "/recording", "bytes=44-1043");
        assertEquals(206, range.statusCode());
        assertEquals("bytes 44-1043/" + wav.length, range.headers().firstValue("Content-Range").orElse(""));
        assertArrayEquals(Arrays.copyOfRange(wav, 44, 1044), range.body());

        final HttpResponse<byte[]> open = get(admin, "/api/records/" + OWN + "/recording", "bytes=60000-");
        assertEquals(206, open.statusCode());
        assertEquals("bytes 60000-" + (wav.length - 1) + "/" + wav.length,
            open.headers().firstValue("Content-Range").orElse(""));
        assertArrayEquals(Arrays.copyOfRange(wav, 60000, wav.length), open.body());

        final HttpResponse<byte[]> suffix = get(admin, "/api/records/" + OWN + "/recording", "bytes=-100");
        assertEquals(206, suffix.statusCode());
        assertArrayEquals(Arrays.copyOfRange(wav, wav.length - 100, wav.length), suffix.body());

        final HttpResponse<byte[]> past = get(admin, "/api/records/" + OWN + "/recording", "bytes=99999999-");
        assertEquals(416, past.statusCode());
        assertEquals("bytes */" + wav.length, past.headers().firstValue("Content-Range").orElse(""));
        assertEquals("range_not_satisfiable", error(past));
        assertEquals(400, get(admin, "/api/records/" + OWN + "/recording", "bytes=a-b").statusCode());
    }

    @Test
    void shouldDownloadAsAnAttachmentAndShowTheMarks() throws Exception
    {
        final HttpResponse<byte[]> download = get(supervisor, "/api/records/" + OTHER + "/recording?download=1",
            null);
        assertEquals(200, download.statusCode());
        assertEquals("attachment; filename=\"call-" + OTHER + ".wav\"",
            download.headers().firstValue("Content-Disposition").orElse(""));
        assertArrayEquals(wav, download.body());

        final JsonNode marks = json(get(agent, "/api/records/" + OWN + "/recording/marks", null));
        assertEquals(2, marks.get("marks").size(), marks::toString);
        assertEquals("hold", marks.at("/marks/0/kind").asText());
        assertEquals(1.25, marks.at("/marks/1/atSeconds").asDouble());
        assertEquals("by the agent", marks.at("/marks/1/detail").asText());
        assertEquals(0, json(get(admin, "/api/records/" + OTHER + "/recording/marks", null)).get("marks").size(),
            "no sidecar: no marks");
    }

    @Test
    void shouldLetAnAgentHearOnlyItsOwnCallsAndAnswerBadIdsClearly() throws Exception
    {
        assertEquals(206, get(agent, "/api/records/" + OWN + "/recording", "bytes=0-99").statusCode());
        final HttpResponse<byte[]> other = get(agent, "/api/records/" + OTHER + "/recording", null);
        final HttpResponse<byte[]> missing = get(agent, "/api/records/999999/recording", null);
        assertEquals(404, other.statusCode());
        assertEquals(404, missing.statusCode());
        assertEquals("unknown_record", error(other));
        assertEquals("unknown_record", error(missing), "not yours is answered as unknown");
        assertEquals(404, get(agent, "/api/records/" + OTHER + "/recording/marks", null).statusCode());
        assertEquals(200, get(supervisor, "/api/records/" + OTHER + "/recording", null).statusCode());
        assertEquals(200, get(supervisor, "/api/records/" + OWN + "/recording", null).statusCode());

        assertEquals("unknown_record", error(get(admin, "/api/records/abc/recording", null)));
        assertEquals("unknown_record", error(get(admin, "/api/records/chat-1/recording", null)));
        assertEquals("no_recording", error(get(admin, "/api/records/" + UNRECORDED + "/recording", null)));
        assertEquals("recording_gone", error(get(admin, "/api/records/" + GONE + "/recording", null)));
        final HttpResponse<byte[]> badFlag = get(admin, "/api/records/" + OWN + "/recording?download=yes", null);
        assertEquals(400, badFlag.statusCode());
        assertEquals("bad_request", error(badFlag));
        assertEquals(400, get(admin, "/api/records/" + OWN + "/recording?speed=2", null).statusCode());
        assertEquals(401, get(null, "/api/records/" + OWN + "/recording", null).statusCode());
    }

    @Test
    void shouldWriteEveryPlaybackAndDownloadToTheAuditLogAndListItToAdministrators() throws Exception
    {
        assertEquals(206, get(agent, "/api/records/" + OWN + "/recording", "bytes=0-99").statusCode());
        assertEquals(200, get(supervisor, "/api/records/" + OTHER + "/recording?download=1", null).statusCode());
        assertEquals(404, get(agent, "/api/records/" + OTHER + "/recording", null).statusCode());

        final JsonNode page = json(get(admin, "/api/audit?limit=2", null));
        assertTrue(page.get("total").asInt() >= 2, page::toString);
        assertEquals(2, page.get("entries").size(), page::toString);
        final JsonNode download = page.at("/entries/0");
        assertEquals("lead@demo.switchboard", download.get("account").asText(), download::toString);
        assertEquals("supervisor", download.get("role").asText());
        assertEquals(OTHER, download.get("recordId").asLong());
        assertEquals("download", download.get("action").asText());
        assertFalse(download.has("range"), "the whole file: " + download);
        assertEquals("127.0.0.1", download.get("address").asText());
        final JsonNode play = page.at("/entries/1");
        assertEquals(DemoAccounts.email("1001"), play.get("account").asText(), play::toString);
        assertEquals("agent", play.get("role").asText());
        assertEquals("A1", play.get("staffNo").asText());
        assertEquals(OWN, play.get("recordId").asLong());
        assertEquals("play", play.get("action").asText());
        assertEquals("bytes 0-99/" + wav.length, play.get("range").asText());
        assertTrue(play.get("at").asLong() >= NOW && play.get("at").asLong() <= download.get("at").asLong());

        final String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        final List<String> lines = Files.readAllLines(data.resolve("audit").resolve(today + ".jsonl"));
        assertTrue(lines.size() >= 2, lines::toString);
        assertEquals(download, JSON.readTree(lines.get(lines.size() - 1)), "the newest line of the file");

        assertEquals(0, json(get(admin, "/api/audit?to=" + NOW, null)).get("total").asInt(), "none before the test");
        assertEquals(403, get(supervisor, "/api/audit", null).statusCode());
        assertEquals(403, get(agent, "/api/audit", null).statusCode());
        assertEquals(400, get(admin, "/api/audit?from=yesterday", null).statusCode());
        assertEquals(400, get(admin, "/api/audit?limit=0", null).statusCode());
        assertEquals(400, get(admin, "/api/audit?who=me", null).statusCode());
    }

    // ------------------------------------------------------------------------------------------------ fixture

    static ServiceRecord record(final long id, final String staffNo)
    {
        return new ServiceRecord(id, NOW - 60_000, NOW - 50_000, "inbound", "1011", "1001", "4000", List.of(),
            "support", staffNo, true, 2, 8, 0, 3, "caller-hung-up", List.of());
    }

    static void journal(final ChronicleJournal journal, final ServiceRecord record) throws Exception
    {
        journal.append(ServiceRecord.JOURNAL_TYPE, record.toJson()).get(5, TimeUnit.SECONDS);
    }

    /** A stereo 8 kHz 16-bit WAV as the recorder writes it: a tone on the left (customer), another on the right. */
    static byte[] stereoWav(final double seconds)
    {
        final int frames = (int)(8000 * seconds);
        final ByteBuffer out = ByteBuffer.allocate(44 + frames * 4).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + frames * 4)
            .put("WAVE".getBytes(StandardCharsets.US_ASCII)).put("fmt ".getBytes(StandardCharsets.US_ASCII))
            .putInt(16).putShort((short)1).putShort((short)2).putInt(8000).putInt(8000 * 4).putShort((short)4)
            .putShort((short)16).put("data".getBytes(StandardCharsets.US_ASCII)).putInt(frames * 4);
        for (int i = 0; i < frames; i++)
        {
            out.putShort((short)(8000 * Math.sin(2 * Math.PI * 440 * i / 8000)));
            out.putShort((short)(i % 8000 < 4000 ? 6000 * Math.sin(2 * Math.PI * 660 * i / 8000) : 0));
        }
        return out.array();
    }

    private static HttpResponse<byte[]> get(final String token, final String path, final String range)
        throws Exception
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + server.httpPort() + path)).GET();
        if (token != null)
        {
            request.header("Authorization", "Bearer " + token);
        }
        if (range != null)
        {
            request.header("Range", range);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(final HttpResponse<byte[]> response) throws Exception
    {
        assertEquals(200, response.statusCode(), () -> new String(response.body(), StandardCharsets.UTF_8));
        return JSON.readTree(response.body());
    }

    private static String error(final HttpResponse<byte[]> response) throws Exception
    {
        return JSON.readTree(response.body()).path("error").asText();
    }
}

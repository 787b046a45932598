package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Images, files and recalls in chats over real sockets (issue 16): an agent's image reaches the visitor, who fetches
 * it (another visitor cannot, an agent who did not serve the session cannot, an administrator can); a visitor's file
 * is stored with its sniffed type and a clean name, served as an attachment; too large (413 with a JSON error) and
 * not an image (400) are refused, as is a page of another site; an agent recalls its message, both sides see the
 * notice, a recall crossing the visitor's reply keeps both in order, and another's message cannot be recalled.
 */
@Timeout(120)
@ServerSystemTest.Tenant(ChatFilesSystemTest.TENANT)
class ChatFilesSystemTest extends ServerSystemTest
{
    static final String TENANT = """
        , "acd": { "chatAutoAccept": true,
                   "groups": [ { "name": "support", "concurrency": 5, "chatAcceptTimeoutSeconds": 0 } ],
                   "agents": [ { "staffNo": "A1", "extension": "1001", "groups": ["support"] },
                               { "staffNo": "A2", "extension": "1002", "groups": ["support"] } ] }
        , "chat": { "flowsDir": "src/test/resources/chat-flows", "fileLimitMb": 1,
                    "channels": [ { "name": "shop", "domain": "127.0.0.1", "flow": "shop" } ] }
        """;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A PNG's signature and the start of its header: what the server sniffs. */
    private static final byte[] PNG = {(byte)0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D',
        'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0};

    @Test
    void anAgentsImageIsShownToItsVisitorAndReadOnlyByTheSessionsPeopleAndAdministrators() throws Exception
    {
        final CallApi admin = online();
        final VisitorClient visitor = asksForAPerson("visitor-files-0000001");
        final long session = servedByA1(admin);
        final String a1 = CallApi.login(server.httpPort(), DemoAccounts.email("1001"), DemoAccounts.password("1001"));
        final String a2 = CallApi.login(server.httpPort(), DemoAccounts.email("1002"), DemoAccounts.password("1002"));

        final HttpResponse<byte[]> sent = post("/api/agents/A1/chats/" + session + "/files?kind=image&name="
            + URLEncoder.encode("产品图.png", StandardCharsets.UTF_8), PNG, a1, null);
        assertEquals(200, sent.statusCode(), () -> new String(sent.body(), StandardCharsets.UTF_8));
        final JsonNode message = JSON.readTree(sent.body());
        assertEquals("image", message.get("kind").asText());
        assertEquals("image/png", message.at("/file/type").asText());
        assertEquals(PNG.length, message.at("/file/size").asInt());
        final String fileId = message.at("/file/id").asText();
        final JsonNode shown = visitor.await("the image", f -> fileId.equals(f.at("/file/id").asText()));
        assertEquals("产品图.png", shown.at("/file/name").asText());

        final HttpResponse<byte[]> own = get("/chat/files/" + fileId + "?visitor=visitor-files-0000001&session="
            + session, null);
        assertEquals(200, own.statusCode());
        assertArrayEquals(PNG, own.body());
        assertEquals("image/png", own.headers().firstValue("content-type").orElse(""));
        assertEquals("nosniff", own.headers().firstValue("x-content-type-options").orElse(""));
        assertTrue(own.headers().firstValue("content-disposition").orElse("").startsWith("inline"));

        final VisitorClient other = asksForAPerson("visitor-files-0000002");
        final long otherSession = other.await("its session", f -> "chat.session".equals(f.path("type").asText()))
            .get("session").asLong();
        assertEquals(404, get("/chat/files/" + fileId + "?visitor=visitor-files-0000002&session=" + otherSession,
            null).statusCode(), "another visitor, with its own session");
        assertEquals(404, get("/chat/files/" + fileId + "?visitor=visitor-files-0000002&session=" + session,
            null).statusCode(), "another visitor naming this session");
        final HttpResponse<byte[]> byA2 = get("/api/chat-files/" + fileId, a2);
        assertEquals(404, byA2.statusCode(), "A2 did not serve the session");
        assertEquals("unknown_file", JSON.readTree(byA2.body()).get("error").asText());
        assertEquals(200, get("/api/chat-files/" + fileId, a1).statusCode());
        assertEquals(200, get("/api/chat-files/" + fileId, admin.token()).statusCode());
        assertEquals(401, get("/api/chat-files/" + fileId, null).statusCode());
        List.of(visitor, other).forEach(VisitorClient::close);
    }

    @Test
    void aVisitorsFileIsStoredWithItsSniffedTypeAndTheWrongOnesAreRefused() throws Exception
    {
        final CallApi admin = online();
        final VisitorClient visitor = asksForAPerson("visitor-files-0000003");
        final long session = servedByA1(admin);
        final String upload = "/chat/files?channel=shop&visitor=visitor-files-0000003&session=" + session;
        final byte[] text = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);

        final HttpResponse<byte[]> sent = post(upload + "&kind=file&name=..%2F..%2Fnotes.html", text, null,
            "http://127.0.0.1");
        assertEquals(200, sent.statusCode(), () -> new String(sent.body(), StandardCharsets.UTF_8));
        final JsonNode ack = JSON.readTree(sent.body());
        assertEquals("notes.html", ack.at("/file/name").asText(), "no path in the name");
        assertEquals("application/octet-stream", ack.at("/file/type").asText(), "sniffed, not named");
        final JsonNode atAgent = Await.until("the file at A1", WAIT, () -> admin.get("/api/agents/A1/chats/"
            + session + "/messages").body(), list -> ack.at("/file/id").asText().equals(
            list.get(list.size() - 1).at("/file/id").asText()));
        assertEquals("file", atAgent.get(atAgent.size() - 1).get("kind").asText());
        final HttpResponse<byte[]> download = get("/api/chat-files/" + ack.at("/file/id").asText(), admin.token());
        assertEquals("application/octet-stream", download.headers().firstValue("content-type").orElse(""));
        assertTrue(download.headers().firstValue("content-disposition").orElse("").startsWith("attachment"));

        final HttpResponse<byte[]> notAnImage = post(upload + "&kind=image&name=cat.png", text, null,
            "http://127.0.0.1");
        assertEquals(400, notAnImage.statusCode());
        assertEquals("not_an_image", JSON.readTree(notAnImage.body()).get("error").asText());
        final HttpResponse<byte[]> tooLargeFile = post(upload + "&kind=file&name=big.bin", new byte[(1 << 20) + 1],
            null, "http://127.0.0.1");
        assertEquals(413, tooLargeFile.statusCode(), "over the tenant's 1 MB");
        assertTrue(JSON.readTree(tooLargeFile.body()).get("message").asText().contains("1 MB"));
        final byte[] huge = Arrays.copyOf(PNG, (5 << 20) + 1);
        final HttpResponse<byte[]> tooLargeImage = post("/api/agents/A1/chats/" + session
            + "/files?kind=image&name=big.png", huge, admin.token(), null);
        assertEquals(413, tooLargeImage.statusCode(), "over 5 MB");
        assertEquals("too_large", JSON.readTree(tooLargeImage.body()).get("error").asText());
        assertEquals(403, post(upload + "&kind=file&name=a.txt", text, null, "http://evil.example").statusCode(),
            "a page of another site");
        assertEquals(404, post("/chat/files?channel=shop&visitor=visitor-files-0000009&session=" + session
            + "&kind=file&name=a.txt", text, null, "http://127.0.0.1").statusCode(), "not this visitor's session");
        visitor.close();
    }

    @Test
    void anAgentRecallsItsMessageBothSidesSeeTheNoticeAndACrossingReplyKeepsItsPlace() throws Exception
    {
        final CallApi admin = online();
        final VisitorClient visitor = asksForAPerson("visitor-files-0000004");
        final long session = servedByA1(admin);
        final String base = "/api/agents/A1/chats/" + session;
        final long sent = admin.post(base + "/messages", "{\"text\":\"wrong price: 5\"}").body().get("id").asLong();
        visitor.await("the agent's message", f -> f.path("id").asLong() == sent);

        final CompletableFuture<CallApi.Reply> recall = CompletableFuture.supplyAsync(() ->
            call(() -> admin.post(base + "/messages/" + sent + "/recall", "{}")));
        visitor.text("how much?", "crossing");
        final long reply = visitor.await("ack", f -> "crossing".equals(f.path("ref").asText())).get("id").asLong();
        assertEquals(200, recall.join().status(), recall.join().body()::toString);
        assertTrue(recall.join().body().get("recalled").asBoolean());

        final JsonNode notice = visitor.await("the recall", f -> "chat.recalled".equals(f.path("type").asText()));
        assertEquals(sent, notice.get("id").asLong());
        assertEquals("消息已撤回 / message recalled", notice.get("text").asText());
        final JsonNode messages = admin.get(base + "/messages").body();
        assertTrue(messages.get((int)sent - 1).get("recalled").asBoolean(), messages::toString);
        assertEquals(sent + 1, reply, "the reply came next; the recall took no id");
        assertEquals("how much?", messages.get((int)reply - 1).get("text").asText());

        assertEquals(409, admin.post(base + "/messages/" + sent + "/recall", "{}").status(), "recalled already");
        final CallApi.Reply notMine = admin.post(base + "/messages/" + reply + "/recall", "{}");
        assertEquals(403, notMine.status(), "the visitor's message");
        assertEquals("not_yours", notMine.error());
        assertEquals(404, admin.post("/api/agents/A2/chats/" + session + "/messages/" + sent + "/recall", "{}")
            .status(), "not A2's chat");
        visitor.close();
    }

    /** Every session ended and finished: the next test starts with free agents (the server is the class's). */
    @AfterEach
    void finishAll() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        for (final String agent : List.of("A1", "A2"))
        {
            for (final JsonNode chat : admin.get("/api/agents/" + agent + "/chats").body())
            {
                final String base = "/api/agents/" + agent + "/chats/" + chat.get("session").asLong();
                admin.post(base + "/end", "{}");
                admin.post(base + "/finish", "{}");
            }
            Await.until(agent + " free", WAIT, () -> admin.agent(agent).get("openChats").asInt(), n -> n == 0);
        }
    }

    /** A1 takes the chats; A2 is signed in but not available, so it serves none. */
    private CallApi online() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        registerPhone("chat-files", "1001");
        final CallApi.Reply idle = admin.post("/api/agents/A1/state", "{\"state\":\"idle\"}");
        assertTrue(idle.status() == 200 || idle.status() == 409, idle.body()::toString);
        return admin;
    }

    private VisitorClient asksForAPerson(final String visitorId) throws Exception
    {
        final VisitorClient visitor = VisitorClient.open(server.httpPort(), "http://127.0.0.1",
            "channel=shop&visitor=" + visitorId);
        visitor.await("the menu", f -> "1 人工".equals(f.path("text").asText()));
        visitor.text("1", "r1");
        visitor.await("ack", f -> "r1".equals(f.path("ref").asText()));
        return visitor;
    }

    private static long servedByA1(final CallApi admin) throws Exception
    {
        return Await.until("a session served by A1", WAIT, () ->
        {
            final JsonNode chats = admin.get("/api/agents/A1/chats").body();
            for (final JsonNode chat : chats)
            {
                if ("serving".equals(chat.path("state").asText()))
                {
                    return chat;
                }
            }
            return null;
        }, Objects::nonNull).get("session").asLong();
    }

    private HttpResponse<byte[]> post(final String path, final byte[] body, final String token, final String origin)
        throws Exception
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + server.httpPort() + path)).timeout(WAIT).header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null)
        {
            request.header("Authorization", "Bearer " + token);
        }
        if (origin != null)
        {
            request.header("Origin", origin);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> get(final String path, final String token) throws Exception
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + server.httpPort() + path)).timeout(WAIT).GET();
        if (token != null)
        {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static <T> T call(final java.util.concurrent.Callable<T> request)
    {
        try
        {
            return request.call();
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}

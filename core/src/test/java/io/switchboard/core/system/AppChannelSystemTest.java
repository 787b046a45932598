package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.core.chat.AppTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app channel over real sockets (issue 16, spec §1, §9): an administrator creates it and sees its secret once;
 * the user's token is taken, and refused when expired, badly signed, signed with another channel's secret or
 * missing; an agent opens a session with a user who is not connected (counted against the agent's capacity: at the
 * group's limit it is refused), writes twice, and the user's app, connecting with its token, gets the session and
 * both messages and answers; another user gets only its own session. "Chat again" from a record of an app user opens
 * a session while the user is away, the session survives a restart, and the user gets it afterwards.
 */
@Timeout(180)
@ServerSystemTest.Tenant(AppChannelSystemTest.TENANT)
class AppChannelSystemTest extends ServerSystemTest
{
    static final String TENANT = """
        , "acd": { "chatAutoAccept": true,
                   "groups": [ { "name": "support", "concurrency": 2, "chatAcceptTimeoutSeconds": 0 } ],
                   "agents": [ { "staffNo": "A1", "extension": "1001", "groups": ["support"] } ] }
        , "chat": { "flowsDir": "src/test/resources/chat-flows",
                    "channels": [ { "name": "shop", "domain": "127.0.0.1", "flow": "shop" } ] }
        """;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private String secret;
    private String otherSecret;

    /** The channels exist (made once, kept by the journal); each test takes a fresh secret, shown once. */
    @BeforeEach
    void channels() throws Exception
    {
        secret = create("mobile");
        otherSecret = create("partner");
    }

    @Test
    void tokensAreCheckedAndAnOfflineUserGetsTheSessionAnAgentOpenedWithBothMessages() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        final JsonNode listed = admin.get("/api/chat/channels").body();
        final JsonNode row = find(listed, "mobile");
        assertEquals("app", row.get("kind").asText(), listed::toString);
        assertFalse(row.has("secret"), "the secret is shown only when made");
        assertEquals("website", find(listed, "shop").get("kind").asText());
        assertEquals(401, refused("channel=mobile&token=" + token(secret, "mobile", "U1", -60)), "expired");
        final String good = token(secret, "mobile", "U1", 3600);
        final String tampered = good.substring(0, good.length() - 2) + (good.endsWith("AA") ? "BB" : "AA");
        assertEquals(401, refused("channel=mobile&token=" + tampered), "a bad signature");
        assertEquals(401, refused("channel=mobile&token=" + token(otherSecret, "mobile", "U1", 3600)),
            "another channel's secret");
        assertEquals(401, refused("channel=mobile&token=" + token(otherSecret, "partner", "U1", 3600)),
            "another channel's token");
        assertEquals(401, refused("channel=mobile&visitor=visitor-anonymous-000001"), "no token");
        assertEquals(401, refused("channel=mobile&token=garbage"));

        final CallApi agent = online();
        final CallApi.Reply opened = agent.post("/api/chat/app-sessions",
            "{\"channel\":\"mobile\",\"userId\":\"U123\",\"text\":\"Hello Ann\"}");
        assertEquals(200, opened.status(), opened.body()::toString);
        assertEquals("serving", opened.body().get("state").asText());
        assertEquals("U123", opened.body().get("userId").asText());
        assertEquals("A1", opened.body().get("openedBy").asText());
        final long session = opened.body().get("session").asLong();
        assertEquals(200, agent.post("/api/agents/A1/chats/" + session + "/messages",
            "{\"text\":\"Your order has shipped\"}").status());

        final CallApi.Reply second = agent.post("/api/chat/app-sessions",
            "{\"channel\":\"mobile\",\"userId\":\"U-ghost\",\"text\":\"Hi\"}");
        assertEquals(200, second.status(), second.body()::toString);
        assertEquals(fields(opened.body()), fields(second.body()), "the same answer for any user id");
        final CallApi.Reply full = agent.post("/api/chat/app-sessions",
            "{\"channel\":\"mobile\",\"userId\":\"U-third\",\"text\":\"Hi\"}");
        assertEquals(409, full.status(), full.body()::toString);
        assertEquals("no_agent", full.error(), "at the group's concurrency: opened sessions count");
        final JsonNode a1 = Await.until("A1 full", WAIT, () -> agentRow(admin), r -> r.get("openChats").asInt() == 2);
        assertTrue(a1.get("chatsFull").asBoolean(), a1::toString);
        assertEquals(400, agent.post("/api/chat/app-sessions", "{\"channel\":\"mobile\",\"text\":\"x\"}").status());
        assertEquals(404, agent.post("/api/chat/app-sessions",
            "{\"channel\":\"shop\",\"userId\":\"U1\",\"text\":\"x\"}").status(), "not an app channel");
        assertEquals(403, admin.post("/api/chat/app-sessions",
            "{\"channel\":\"mobile\",\"userId\":\"U1\",\"text\":\"x\"}").status(), "only an agent");

        final VisitorClient app = VisitorClient.open(server.httpPort(), null, "channel=mobile&token="
            + token(secret, "mobile", "U123", 3600));
        assertEquals("app:mobile:U123", app.await("hello", f -> "hello".equals(f.path("type").asText()))
            .get("visitor").asText());
        app.await("the second message", f -> "Your order has shipped".equals(f.path("text").asText()));
        final JsonNode state = app.of("chat.session").get(0);
        assertEquals(session, state.get("session").asLong(), state::toString);
        assertEquals("serving", state.get("state").asText());
        assertEquals("A1", state.get("staffNo").asText());
        assertEquals(List.of("Hello Ann", "Your order has shipped"), app.texts());
        app.text("Thanks!", "r1");
        app.await("ack", f -> "r1".equals(f.path("ref").asText()) && "ack".equals(f.path("type").asText()));
        Await.until("A1 sees the answer", WAIT, () -> messageTexts(agent.get("/api/agents/A1/chats/" + session
            + "/messages").body()), texts -> texts.contains("Thanks!"));

        assertEquals(200, upload(session, token(secret, "mobile", "U123", 3600)), "the app sends a file, no Origin");
        assertEquals(401, upload(session, tampered));
        assertEquals(404, upload(session, token(secret, "mobile", "U999", 3600)), "not another user's session");

        final VisitorClient other = VisitorClient.open(server.httpPort(), null, "channel=mobile&token="
            + token(secret, "mobile", "U999", 3600));
        other.await("its own flow", f -> "1 人工".equals(f.path("text").asText()));
        assertNotEquals(session, other.of("chat.session").get(0).get("session").asLong());
        assertFalse(other.texts().contains("Hello Ann"), "another user reads nothing of it");
        other.close();

        assertEquals(200, agent.post("/api/agents/A1/chats/" + session + "/end", "{}").status());
        app.await("the end message", f -> "再见".equals(f.path("text").asText()));
        assertEquals(200, agent.post("/api/agents/A1/chats/" + session + "/finish", "{}").status());
        final JsonNode record = Await.until("the record", WAIT, () -> admin.get("/api/records/chat-" + session),
            r -> r.status() == 200).body();
        assertEquals("U123", record.get("chat").get("userId").asText(), record::toString);
        assertEquals("app:mobile:U123", record.get("chat").get("visitorId").asText());
        app.close();
    }

    @Test
    void chatAgainReachesTheUserWhileAwayAndThePendingSessionSurvivesARestart() throws Exception
    {
        final CallApi agent = online();
        final String bob = token(secret, "mobile", "U200", 3600);
        final VisitorClient first = VisitorClient.open(server.httpPort(), null, "channel=mobile&token=" + bob
            + "&name=ignored");
        first.await("the menu", f -> "1 人工".equals(f.path("text").asText()));
        first.text("1", "r1");
        first.await("served", f -> "客服A1为您服务".equals(f.path("text").asText()));
        final long served = first.of("chat.session").get(0).get("session").asLong();
        assertEquals(200, agent.post("/api/agents/A1/chats/" + served + "/end", "{}").status());
        assertEquals(200, agent.post("/api/agents/A1/chats/" + served + "/finish", "{}").status());
        first.close();
        final String record = "/api/records/chat-" + served;
        final JsonNode chat = Await.until("the record", WAIT, () -> agent.get(record), r -> r.status() == 200).body()
            .get("chat");
        assertEquals("Bob", chat.get("visitorName").asText(), "the token's nickname, not the query's");
        assertEquals("U200", chat.get("userId").asText());

        final CallApi.Reply again = agent.post(record + "/chat-again", "{\"text\":\"We have news\"}");
        assertEquals(200, again.status(), again.body()::toString);
        final long session = again.body().get("session").asLong();
        assertNotEquals(served, session);
        assertEquals("serving", again.body().get("state").asText());

        final String dataDir = server.config().dataDir;
        server.close();
        server = TestServers.start(TENANT, dataDir);
        final CallApi after = online();
        Await.until("A1 serves it again", WAIT, () -> after.get("/api/agents/A1/chats").body(),
            list -> list.size() == 1 && list.get(0).get("session").asLong() == session);
        assertEquals(200, after.post("/api/agents/A1/chats/" + session + "/messages", "{\"text\":\"Still there?\"}")
            .status());

        final VisitorClient stranger = VisitorClient.open(server.httpPort(), null, "channel=mobile&token="
            + token(secret, "mobile", "U201", 3600));
        stranger.await("its own flow", f -> "1 人工".equals(f.path("text").asText()));
        assertNotEquals(session, stranger.of("chat.session").get(0).get("session").asLong());
        stranger.close();

        final VisitorClient back = VisitorClient.open(server.httpPort(), null, "channel=mobile&token=" + bob);
        back.await("the message after the restart", f -> "Still there?".equals(f.path("text").asText()));
        assertEquals(session, back.of("chat.session").get(0).get("session").asLong());
        assertEquals(List.of("We have news", "Still there?"), back.texts());
        back.text("Tell me", "r2");
        Await.until("A1 sees the answer", WAIT, () -> messageTexts(after.get("/api/agents/A1/chats/" + session
            + "/messages").body()), texts -> texts.contains("Tell me"));
        back.close();
    }

    @Test
    void theSecretIsShownOnceAndRotatingItRefusesTheOldTokens() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        final CallApi.Reply again = admin.put("/api/chat/channels/mobile", "{\"kind\":\"app\",\"flow\":\"shop\"}");
        assertEquals(200, again.status(), again.body()::toString);
        assertNull(again.body().get("secret"), "a change keeps the secret and does not show it");
        final VisitorClient before = VisitorClient.open(server.httpPort(), null, "channel=mobile&token="
            + token(secret, "mobile", "U300", 3600));
        before.await("the menu", f -> "1 人工".equals(f.path("text").asText()));
        before.close();
        final String rotated = admin.post("/api/chat/channels/mobile/secret", "{}").body().get("secret").asText();
        assertNotEquals(secret, rotated);
        assertEquals(401, refused("channel=mobile&token=" + token(secret, "mobile", "U300", 3600)));
        assertEquals(400, admin.put("/api/chat/channels/mobile", "{\"domain\":\"127.0.0.1\",\"flow\":\"shop\"}")
            .status(), "one name, one kind");
        assertEquals(404, admin.post("/api/chat/channels/shop/secret", "{}").status(), "a website has no secret");
        assertEquals(403, online().post("/api/chat/channels/mobile/secret", "{}").status(), "administrators only");
        secret = rotated;
    }

    /** Every session ended and finished: the next test starts with a free agent. */
    @AfterEach
    void finishAll() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        for (final JsonNode chat : admin.get("/api/agents/A1/chats").body())
        {
            final String base = "/api/agents/A1/chats/" + chat.get("session").asLong();
            admin.post(base + "/end", "{}");
            admin.post(base + "/finish", "{}");
        }
    }

    /** Makes the app channel, or rotates its secret if it exists: the secret it answers. */
    private static String create(final String name) throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        final CallApi.Reply made = admin.put("/api/chat/channels/" + name, "{\"kind\":\"app\",\"flow\":\"shop\"}");
        assertEquals(200, made.status(), made.body()::toString);
        final JsonNode secret = made.body().has("secret") ? made.body().get("secret")
            : admin.post("/api/chat/channels/" + name + "/secret", "{}").body().get("secret");
        assertEquals(43, secret.asText().length(), made.body()::toString);
        return secret.asText();
    }

    private static String token(final String secret, final String channel, final String userId,
        final long validSeconds)
    {
        final String token = AppTokens.sign(channel, secret, userId, "U200".equals(userId) ? "Bob" : "Ann",
            System.currentTimeMillis() / 1000 + validSeconds);
        return URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    /** The status of an app user's file upload to the session ({@code Authorization: Bearer}, no Origin). */
    private static int upload(final long session, final String token) throws Exception
    {
        final HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort()
            + "/chat/files?channel=mobile&session=" + session + "&kind=file&name=notes.txt"))
            .header("Authorization", "Bearer " + token).timeout(WAIT)
            .POST(HttpRequest.BodyPublishers.ofByteArray("my notes".getBytes(StandardCharsets.UTF_8))).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The status an app socket's upgrade is refused with. */
    private static int refused(final String query)
    {
        final ExecutionException refused = assertThrows(ExecutionException.class,
            () -> VisitorClient.open(server.httpPort(), null, query));
        return ((WebSocketHandshakeException)refused.getCause()).getResponse().statusCode();
    }

    private static CallApi online() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        registerPhone("app-channel", "1001");
        final CallApi.Reply reply = admin.post("/api/agents/A1/state", "{\"state\":\"idle\"}");
        assertTrue(reply.status() == 200 || reply.status() == 409, reply.body()::toString);
        return new CallApi(server.httpPort(), CallApi.login(server.httpPort(), DemoAccounts.email("1001"),
            DemoAccounts.password("1001")));
    }

    private static JsonNode agentRow(final CallApi admin) throws Exception
    {
        return find(admin.get("/api/agents").body(), null);
    }

    private static JsonNode find(final JsonNode list, final String name)
    {
        for (final JsonNode row : list)
        {
            if (name == null ? "A1".equals(row.path("staffNo").asText()) : name.equals(row.path("name").asText()))
            {
                return row;
            }
        }
        throw new AssertionError("not listed: " + name + " in " + list);
    }

    private static List<String> messageTexts(final JsonNode messages)
    {
        final List<String> texts = new ArrayList<>();
        messages.forEach(message -> texts.add(message.path("text").asText()));
        return texts;
    }

    private static List<String> fields(final JsonNode body)
    {
        final List<String> names = new ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

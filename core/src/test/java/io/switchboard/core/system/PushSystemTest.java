package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.core.SwitchboardServer;
import io.switchboard.core.config.ConfigLoader;
import io.switchboard.core.config.SwitchboardConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Web Push of chat offers over real sockets. The test is agent A1's browser (its own P-256 keys and auth secret,
 * {@link PushBrowser}) and its push service (a loopback HTTP server the subscription's endpoint names, allowed by
 * {@code push.allowLoopbackHttp}). A1 subscribes; a visitor's chat is offered to A1; the push service receives the
 * POST: its VAPID token verifies with the key of {@code GET /api/push/key}, for the service's origin, and the body
 * decrypts to the offer of that session. Endpoints a browser may not give are refused; the key and the subscription
 * outlive a restart; a 410 from the push service removes that subscription (a second browser's), not the others.
 */
@Tag("system")
@Timeout(120)
class PushSystemTest
{
    static final String TENANT = """
        , "acd": { "groups": [ { "name": "support", "concurrency": 3, "chatAcceptTimeoutSeconds": 60 } ],
                   "agents": [ { "staffNo": "A1", "extension": "1001", "groups": ["support"] } ] }
        , "chat": { "flowsDir": "src/test/resources/chat-flows",
                    "channels": [ { "name": "shop", "domain": "127.0.0.1", "flow": "shop" } ] }
        """;
    private static final String ORIGIN = "http://127.0.0.1";
    private static final Duration LONG = Duration.ofSeconds(30);

    /** What the fake push service was sent. */
    private record Pushed(String path, Map<String, String> headers, byte[] body)
    {
    }

    /** Everything the push service was sent, in order. */
    private final List<Pushed> pushed = new CopyOnWriteArrayList<>();
    private SwitchboardServer server;
    private HttpServer pushService;

    @AfterEach
    void stop()
    {
        if (server != null)
        {
            server.close();
        }
        if (pushService != null)
        {
            pushService.stop(0);
        }
    }

    @Test
    void chatOffersArePushedEncryptedAndSignedKeptAcrossARestartAndGoneOn410() throws Exception
    {
        startPushService();
        final String dataDir = Files.createTempDirectory("switchboard-push").toString();
        server = start(dataDir);
        final CallApi a1 = new CallApi(server.httpPort(), CallApi.login(server.httpPort(),
            DemoAccounts.email("1001"), DemoAccounts.password("1001")));
        final String key = a1.get("/api/push/key").body().get("publicKey").asText();
        final PushBrowser browser = new PushBrowser();
        final String origin = "http://127.0.0.1:" + pushService.getAddress().getPort();
        final String endpoint = origin + "/push/a1-phone";

        refusals(a1, browser);
        final CallApi.Reply subscribed = a1.post("/api/push/subscriptions", browser.subscription(endpoint));
        assertEquals(200, subscribed.status(), subscribed.body()::toString);
        assertEquals("A1", subscribed.body().get("agent").asText());

        final long session = chatOfferedToA1("visitor-push-0123456789");
        final Pushed message = awaitPushed("/push/a1-phone", browser, session);
        assertEquals("aes128gcm", message.headers().get("content-encoding"));
        assertEquals("60", message.headers().get("ttl"));
        assertEquals("high", message.headers().get("urgency"));
        PushBrowser.verifyVapid(message.headers().get("authorization"), key, origin);
        final JsonNode offer = browser.decrypt(message.body());
        assertEquals("chat-offer", offer.get("type").asText(), offer::toString);
        assertEquals("shop", offer.get("channel").asText());
        assertEquals("support", offer.get("group").asText());
        assertEquals("1", offer.get("text").asText(), "the visitor's last words");

        server.close();
        server = start(dataDir);
        final CallApi again = new CallApi(server.httpPort(), CallApi.login(server.httpPort(),
            DemoAccounts.email("1001"), DemoAccounts.password("1001")));
        final JsonNode kept = again.get("/api/push/key").body();
        assertEquals(key, kept.get("publicKey").asText(), "the same VAPID key after the restart");
        assertEquals(1, kept.get("subscriptions").asInt(), "the subscription too");

        // a second browser whose push service answers 410 Gone (its path ends in -gone)
        final PushBrowser desk = new PushBrowser();
        assertEquals(200, again.post("/api/push/subscriptions", desk.subscription(origin + "/push/a1-desk-gone"))
            .status());
        final long next = chatOfferedToA1("visitor-push-gone-01234567");
        awaitPushed("/push/a1-phone", browser, next);
        Await.until("the gone subscription removed", LONG, () -> again.get("/api/push/key").body(),
            body -> body.get("subscriptions").asInt() == 1);
        final JsonNode counters = new CallApi(server.httpPort()).get("/api/push/counters").body();
        assertEquals(1, counters.get("gone").asInt(), counters::toString);
        assertEquals(1, counters.get("subscriptions").asInt(), counters::toString);
        assertEquals(0, counters.get("failed").asInt(), counters::toString);
    }

    /** Waits until the push service was sent the offer of {@code session} for the browser at {@code path}. */
    private Pushed awaitPushed(final String path, final PushBrowser browser, final long session) throws Exception
    {
        final Predicate<Pushed> wanted = message ->
        {
            try
            {
                return message.path().equals(path)
                    && browser.decrypt(message.body()).get("session").asLong() == session;
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException("a push message for " + path + " does not decrypt", ex);
            }
        };
        final List<Pushed> all = Await.until("the offer of " + session + " pushed to " + path, LONG,
            () -> List.copyOf(pushed), list -> list.stream().anyMatch(wanted));
        return all.stream().filter(wanted).findFirst().orElseThrow();
    }

    /** What a browser may not subscribe, and who may not; a deletion of what is not there. */
    private void refusals(final CallApi a1, final PushBrowser browser) throws Exception
    {
        assertEquals(400, a1.post("/api/push/subscriptions", browser.subscription("http://push.example.com/x"))
            .status(), "plain http off loopback");
        assertEquals(400, a1.post("/api/push/subscriptions", browser.subscription("http://10.1.2.3:80/x")).status());
        assertEquals(400, a1.post("/api/push/subscriptions", browser.subscription("file:///etc/passwd")).status());
        assertEquals(400, a1.post("/api/push/subscriptions", "{\"endpoint\":\"https://push.example.com/x\","
            + "\"keys\":{\"p256dh\":\"AAAA\",\"auth\":\"AAAA\"}}").status(), "keys that are no keys");
        assertEquals(400, a1.post("/api/push/subscriptions", "[1,2]").status());
        final CallApi.Reply admin = new CallApi(server.httpPort()).post("/api/push/subscriptions",
            browser.subscription("https://push.example.com/x"));
        assertEquals(403, admin.status(), "an account with no agent");
        assertEquals("not_an_agent", admin.error());
        assertEquals(401, new CallApi(server.httpPort(), null).get("/api/push/key").status());
        assertEquals(404, a1.delete("/api/push/subscriptions", "{\"endpoint\":\"https://push.example.com/none\"}")
            .status());
    }

    /** A1's phone registered and A1 idle, a visitor asks for a person: the session offered to A1. */
    private long chatOfferedToA1(final String visitorId) throws Exception
    {
        register();
        final CallApi admin = new CallApi(server.httpPort());
        assertEquals(200, admin.post("/api/agents/A1/state", "{\"state\":\"idle\"}").status());
        final VisitorClient visitor = VisitorClient.open(server.httpPort(), ORIGIN, "channel=shop&visitor="
            + visitorId);
        visitor.await("the menu", f -> "1 人工".equals(f.path("text").asText()));
        visitor.text("1", "r1");
        final long session = visitor.await("the session", f -> "chat.session".equals(f.path("type").asText()))
            .get("session").asLong();
        Await.until("offered to A1", LONG, () -> admin.get("/api/agents/A1/chats").body(),
            list -> list.findValues("session").stream().anyMatch(s -> s.asLong() == session));
        visitor.close();
        return session;
    }

    private void register() throws Exception
    {
        final Sipp sipp = Sipp.scenario("push-register-1001", "register/register.xml")
            .registering("1001", 600).credentials("1001", "demo-1001").port(Sipp.freeUdpPort());
        assertEquals(0, sipp.run(server.sipUdpPort()), sipp::traces);
    }

    private static SwitchboardServer start(final String dataDir) throws Exception
    {
        final SwitchboardConfig config = ConfigLoader.parse(TestServers.configJson(TENANT, dataDir, 0, 0));
        config.push.allowLoopbackHttp = true;
        return SwitchboardServer.start(config.conclude());
    }

    /** The push service: records each POST, answers 201, or 410 to a path ending in {@code -gone}. */
    private void startPushService() throws Exception
    {
        pushService = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pushService.createContext("/push/", exchange ->
        {
            final Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT),
                values.get(0)));
            pushed.add(new Pushed(exchange.getRequestURI().getPath(), headers,
                exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().endsWith("-gone") ? 410 : 201, -1);
            exchange.close();
        });
        pushService.start();
    }
}

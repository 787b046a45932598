package io.switchboard.core.system;

import io.switchboard.core.Main;
import io.switchboard.core.SwitchboardServer;
import io.switchboard.core.auth.DemoPasswords;
import io.switchboard.core.auth.LoginThrottleFile;
import io.switchboard.core.config.ConfigLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The security defaults over real sockets (issue 19, item 6): the demo's passwords refused beyond loopback unless
 * allowed, the session cookie's flags, the CSRF check of changes made with the cookie, and failed log-ins that
 * outlive a restart.
 */
@Tag("system")
@Timeout(120)
class SecurityDefaultsSystemTest
{
    private final List<SwitchboardServer> servers = new ArrayList<>();

    @AfterEach
    void closeServers()
    {
        Collections.reverse(servers);
        servers.forEach(SwitchboardServer::close);
        servers.clear();
    }

    private SwitchboardServer started(final SwitchboardServer server)
    {
        servers.add(server);
        return server;
    }

    /**
     * An IPv4 address of this machine beyond loopback (an interface that is up), or the wildcard 0.0.0.0 when it has
     * none: both count as beyond loopback, and the wildcard is reached through 127.0.0.1.
     */
    private static String beyondLoopback() throws Exception
    {
        for (final NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces()))
        {
            if (!nic.isUp() || nic.isLoopback())
            {
                continue;
            }
            for (final InetAddress address : Collections.list(nic.getInetAddresses()))
            {
                if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                {
                    return address.getHostAddress();
                }
            }
        }
        return "0.0.0.0";
    }

    @Test
    void shouldRefuseTheDemoPasswordsBeyondLoopbackAndStartWithTheFlag(@TempDir final Path dir) throws Exception
    {
        final String address = beyondLoopback();
        final String reach = "0.0.0.0".equals(address) ? "127.0.0.1" : address;
        final Path file = dir.resolve("switchboard.conf");
        Files.writeString(file, TestServers.configJson("", dir.resolve("data").toString(), 0, 0)
            .replace("\"sip\": { \"bindAddress\": \"127.0.0.1\"", "\"sip\": { \"bindAddress\": \"" + address + "\"")
            .replace("\"http\": { \"bindAddress\": \"127.0.0.1\"", "\"http\": { \"bindAddress\": \"" + address + "\""));

        final DemoPasswords.Refused refused = assertThrows(DemoPasswords.Refused.class,
            () -> started(SwitchboardServer.start(Main.configuration(file, false))));
        assertTrue(refused.getMessage().contains("sip.bindAddress " + address + " and extensions 1001, 1002"),
            refused.getMessage());
        assertTrue(refused.getMessage().contains("http.bindAddress " + address + " and accounts "
            + "admin@demo.switchboard, 1001@demo.switchboard"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--allow-demo-passwords"), refused.getMessage());

        final SwitchboardServer server = started(SwitchboardServer.start(Main.configuration(file, true)));
        final LoopbackHttp client = new LoopbackHttp(reach, reach, server.httpPort());
        final LoopbackHttp.Reply login = client.login(DemoAccounts.ADMIN, DemoAccounts.ADMIN_PASSWORD);
        assertEquals(200, login.status(), login.body()::toString);
        assertEquals(200, options(reach, server.sipUdpPort()), "SIP answers on " + reach);
    }

    @Test
    void shouldStartTheDemoOnLoopbackWithoutTheFlag(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("switchboard.conf");
        Files.writeString(file, TestServers.configJson("", dir.resolve("data").toString(), 0, 0));
        final SwitchboardServer server = started(SwitchboardServer.start(Main.configuration(file, false)));
        assertEquals(200, options("127.0.0.1", server.sipUdpPort()));
    }

    @Test
    void shouldSetTheSessionCookieHttpOnlyStrictAndSecureOverHttps(@TempDir final Path dir) throws Exception
    {
        final SwitchboardServer server = started(TestServers.start("", dir.toString()));
        final LoopbackHttp client = new LoopbackHttp("127.0.0.61", server.httpPort());
        final LoopbackHttp.Reply plain = client.login("1001@demo.switchboard", "Demo#1001");
        assertEquals("sb_session=" + plain.body().get("token").asText() + "; HttpOnly; SameSite=Strict; Path=/",
            plain.header("Set-Cookie"), "plain HTTP: not Secure, or the browser would never send it back");

        final String json = "{\"email\":\"1001@demo.switchboard\",\"password\":\"Demo#1001\"}";
        final LoopbackHttp.Reply proxied = client.send("POST", "/api/login", Map.of("X-Forwarded-Proto", "https"),
            null, json);
        assertEquals("sb_session=" + proxied.body().get("token").asText()
            + "; HttpOnly; SameSite=Strict; Path=/; Secure", proxied.header("Set-Cookie"), "behind a TLS proxy");
        final LoopbackHttp.Reply httpsPage = client.send("POST", "/api/login",
            Map.of("Origin", "https://cc.example.com"), null, json);
        assertTrue(httpsPage.header("Set-Cookie").endsWith("; Secure"), httpsPage.header("Set-Cookie"));
        final LoopbackHttp.Reply out = client.send("POST", "/api/logout", Map.of("X-Forwarded-Proto", "https"),
            proxied.body().get("token").asText(), null);
        assertEquals("sb_session=; Max-Age=0; HttpOnly; SameSite=Strict; Path=/; Secure", out.header("Set-Cookie"));

        final String configured = TestServers.configJson("", dir.resolve("other").toString(), 0, 0).replace(
            "\"http\": { \"bindAddress\": \"127.0.0.1\", \"port\": 0 }",
            "\"http\": { \"bindAddress\": \"127.0.0.1\", \"port\": 0, \"publicOrigin\": \"https://cc.example.com\" }");
        assertTrue(configured.contains("publicOrigin"), configured);
        final SwitchboardServer behindProxy = started(SwitchboardServer.start(
            ConfigLoader.parse(configured).conclude()));
        final LoopbackHttp.Reply secure = new LoopbackHttp("127.0.0.62", behindProxy.httpPort())
            .login("1001@demo.switchboard", "Demo#1001");
        assertTrue(secure.header("Set-Cookie").endsWith("; HttpOnly; SameSite=Strict; Path=/; Secure"),
            "http.publicOrigin https: " + secure.header("Set-Cookie"));
    }

    @Test
    void shouldRefuseACrossOriginChangeMadeWithTheCookie(@TempDir final Path dir) throws Exception
    {
        final SwitchboardServer server = started(TestServers.start("", dir.toString()));
        final LoopbackHttp client = new LoopbackHttp("127.0.0.71", server.httpPort());
        final String token = client.login("1002@demo.switchboard", "Demo#1002").body().get("token").asText();
        final String cookie = "sb_session=" + token;
        final String zh = "{\"language\":\"zh-CN\"}";

        // a page of another origin (another port of this host is the same site: SameSite lets the cookie go)
        final LoopbackHttp.Reply forged = client.send("POST", "/api/me",
            Map.of("Cookie", cookie, "Origin", "http://127.0.0.1:9"), null, zh);
        assertEquals(403, forged.status(), forged.body()::toString);
        assertEquals("csrf", forged.error());
        final LoopbackHttp.Reply patched = client.send("PATCH", "/api/me", Map.of("Cookie", cookie), null, zh);
        assertEquals("csrf", patched.error(), "every change, not only POST");
        final LoopbackHttp.Reply read = client.send("GET", "/api/me", Map.of("Cookie", cookie), null, null);
        assertEquals(200, read.status(), "reading needs nothing more");
        assertTrue(read.body().path("language").isNull(), "the refused changes changed nothing: " + read.body());

        // the page's own requests (its fetch helper sends the header), and an API client with its bearer token
        final LoopbackHttp.Reply own = client.send("POST", "/api/me",
            Map.of("Cookie", cookie, "X-Requested-With", "switchboard"), null, zh);
        assertEquals(200, own.status(), own.body()::toString);
        assertEquals("zh-CN", own.body().path("language").asText());
        final LoopbackHttp.Reply bearer = client.post("/api/me", token, "{\"language\":\"en\"}");
        assertEquals(200, bearer.status(), bearer.body()::toString);
        assertEquals(401, client.send("POST", "/api/me", Map.of("Cookie", "sb_session=ended"), null, zh).status(),
            "no session: still 401 first");
    }

    @Test
    void shouldKeepFailedLogInsAcrossARestart(@TempDir final Path dir) throws Exception
    {
        final SwitchboardServer first = started(TestServers.start("", dir.toString()));
        for (int i = 1; i <= 5; i++)
        {
            final LoopbackHttp from = new LoopbackHttp("127.0.0.8" + i, first.httpPort());
            assertEquals(401, from.login("1005@demo.switchboard", "Wrong#" + i).status());
            assertEquals(401, from.login("nobody@demo.switchboard", "Wrong#" + i).status());
        }
        final LoopbackHttp guesser = new LoopbackHttp("127.0.0.91", first.httpPort());
        for (int i = 1; i <= 5; i++)
        {
            assertEquals(401, guesser.login("guess" + i + "@demo.switchboard", "Demo#1007").status());
        }
        first.close();
        servers.remove(first);
        assertTrue(Files.exists(dir.resolve(LoginThrottleFile.NAME)));
        final String saved = Files.readString(dir.resolve(LoginThrottleFile.NAME));
        assertFalse(saved.contains("1005") || saved.contains("127.0.0.91"), "kept as digests: " + saved);

        final SwitchboardServer second = started(TestServers.start("", dir.toString()));
        final LoopbackHttp elsewhere = new LoopbackHttp("127.0.0.92", second.httpPort());
        final LoopbackHttp.Reply account = elsewhere.login("1005@demo.switchboard", "Demo#1005");
        assertEquals(429, account.status(), "the account's block outlived the restart: " + account.body());
        assertEquals("too_many_attempts", account.error());
        final long retryAfter = Long.parseLong(account.header("Retry-After"));
        assertTrue(retryAfter > 200 && retryAfter <= 300, "what is left of the 5-minute block: " + retryAfter);
        final LoopbackHttp.Reply unknown = elsewhere.login("nobody@demo.switchboard", "Demo#1005");
        assertEquals(account.status(), unknown.status(), "an unknown e-mail is blocked alike: nothing tells");
        assertEquals(account.error(), unknown.error());
        assertEquals(429, new LoopbackHttp("127.0.0.91", second.httpPort())
            .login("1007@demo.switchboard", "Demo#1007").status(), "the guessing address is still blocked");
        assertEquals(200, elsewhere.login("1007@demo.switchboard", "Demo#1007").status(),
            "the account it tried last is not");
    }

    /** The status of an OPTIONS sent over UDP to the server at {@code host}. */
    private static int options(final String host, final int port) throws Exception
    {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(host), 0)))
        {
            socket.setSoTimeout(5000);
            final String request = "OPTIONS sip:" + host + ":" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + host + ":" + socket.getLocalPort() + ";branch=z9hG4bKsecure1;rport\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:probe@" + host + ">;tag=p1\r\nTo: <sip:" + host + ">\r\n"
                + "Call-ID: security-defaults-options\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
            final byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getByName(host), port));
            final byte[] buffer = new byte[8192];
            final DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
            socket.receive(answer);
            final String text = new String(buffer, 0, answer.getLength(), StandardCharsets.US_ASCII);
            return Integer.parseInt(text.substring(8, 11));
        }
    }
}

package io.switchboard.core.system;

import io.switchboard.core.SwitchboardServer;
import io.switchboard.core.config.ConfigLoader;
import io.switchboard.sip.SipCounters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Browsers' and WebRTC softphones' SIP (RFC 7118) end to end on a server with ws, wss and TLS on: a phone registers
 * over the WebSocket with digest, a SIPp caller over UDP calls it, and the INVITE, ACK and BYE reach it over its
 * connection (its Contact is an unreachable {@code .invalid} host) while its answers reach the caller. The server's
 * self-signed certificate is made in the data directory at first start.
 */
@Tag("system")
@Timeout(60)
class WebSocketSystemTest
{
    private static final String DOMAIN = "demo.switchboard";

    private SwitchboardServer server;
    private Path data;

    @BeforeEach
    void start() throws Exception
    {
        data = Files.createTempDirectory("switchboard-ws");
        final String json = TestServers.configJson("", data.toString(), 0, 0)
            .replace("\"workers\": 2 }", "\"workers\": 2, \"tlsPort\": 0, \"wsPort\": 0, \"wssPort\": 0 }");
        server = SwitchboardServer.start(ConfigLoader.parse(json).conclude());
    }

    @AfterEach
    void stop()
    {
        server.close();
    }

    @Test
    void aPhoneOnTheWebSocketIsCalledOverItsConnection() throws Exception
    {
        callThePhoneOver(URI.create("ws://127.0.0.1:" + server.wsPort() + "/ws"), null);
    }

    @Test
    void aPhoneOnTheSecureWebSocketIsCalledOverItsConnection() throws Exception
    {
        assertTrue(Files.exists(data.resolve("tls/server.crt")), "the self-signed certificate made at start");
        callThePhoneOver(URI.create("wss://127.0.0.1:" + server.wssPort() + "/ws"), trusting(data.resolve(
            "tls/server.crt")));
        assertEquals(0, server.counters().get(SipCounters.Id.TLS_HANDSHAKE_FAILURES));
    }

    /**
     * The workbench's phone: a signed-in agent gets a password for its extension that works while its session lives
     * (its page registers with it over the WebSocket), never the extension's own; after log-out the same password is
     * refused. An account without an extension gets none.
     */
    @Test
    void theWorkbenchPhoneRegistersWithItsSessionsTokenUntilLogOut() throws Exception
    {
        final CallApi agent = new CallApi(server.httpPort(), CallApi.login(server.httpPort(), "1005@" + DOMAIN,
            "Demo#1005"));
        final CallApi.Reply issued = agent.post("/api/me/web-phone", "{}");
        assertEquals(200, issued.status(), issued.body()::toString);
        assertEquals("1005", issued.body().get("extension").asText());
        assertEquals(DOMAIN, issued.body().get("domain").asText());
        assertEquals(server.wsPort(), issued.body().get("wsPort").asInt());
        assertEquals(server.wssPort(), issued.body().get("wssPort").asInt());
        assertEquals("/ws", issued.body().get("path").asText());
        final String token = issued.body().get("password").asText();
        assertNotEquals("demo-1005", token);
        assertEquals(token, agent.post("/api/me/web-phone", "{}").body().get("password").asText(), "same session");

        final URI uri = URI.create("ws://127.0.0.1:" + server.wsPort() + "/ws");
        final String origin = "http://127.0.0.1:" + server.httpPort();
        try (WebSocketPhone phone = WebSocketPhone.connect(uri, origin, null, "1005"))
        {
            final String registered = phone.register(DOMAIN, token);
            assertTrue(registered.startsWith("SIP/2.0 200"), registered);
        }
        assertEquals(409, new CallApi(server.httpPort()).post("/api/me/web-phone", "{}").status(),
            "the administrator has no extension");

        assertEquals(200, agent.post("/api/logout", "{}").status());
        try (WebSocketPhone phone = WebSocketPhone.connect(uri, origin, null, "1005"))
        {
            final String refused = phone.register(DOMAIN, token);
            assertTrue(refused.startsWith("SIP/2.0 401") || refused.startsWith("SIP/2.0 403"), refused);
        }
        try (WebSocketPhone phone = WebSocketPhone.connect(uri, origin, null, "1005"))
        {
            final String registered = phone.register(DOMAIN, "demo-1005");
            assertTrue(registered.startsWith("SIP/2.0 200"), "the extension's own password still works: "
                + registered);
        }
    }

    private void callThePhoneOver(final URI uri, final SSLContext tls) throws Exception
    {
        try (WebSocketPhone phone = WebSocketPhone.connect(uri, "http://127.0.0.1:" + server.httpPort(), tls,
            "1005"))
        {
            final String registered = phone.register(DOMAIN, "demo-1005");
            assertTrue(registered.startsWith("SIP/2.0 200"), registered);
            assertTrue(registered.contains(".invalid;transport=ws"), registered);

            final Sipp caller = Sipp.scenario("ws-caller-" + uri.getScheme(), "call/caller.xml")
                .credentials("1001", "demo-1001").service("1005").port(Sipp.freeUdpPort()).arg("-d", "300")
                .start(server.sipUdpPort());
            final String invite = phone.take("INVITE");
            assertTrue(invite.startsWith("INVITE sip:1005x@"), invite);
            assertTrue(invite.contains("Via: SIP/2.0/" + uri.getScheme().toUpperCase()), invite);
            // A browser gets a WebRTC offer: DTLS-SRTP over ICE-lite, the server the DTLS server.
            for (final String line : new String[] {"UDP/TLS/RTP/SAVPF", "a=ice-lite", "a=ice-ufrag:",
                "a=fingerprint:sha-256 ", "a=setup:actpass", "a=rtcp-mux", "typ host"})
            {
                assertTrue(invite.contains(line), line + " in\n" + invite);
            }
            phone.answer(invite, 180, "Ringing", null);
            // It answers as a browser does (its ICE and DTLS never start here: only the signalling is tested).
            phone.answer(invite, 200, "OK", "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                + "a=group:BUNDLE 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0 101\r\nc=IN IP4 0.0.0.0\r\n"
                + "a=ice-ufrag:brws\r\na=ice-pwd:0123456789abcdefghijkl\r\na=fingerprint:sha-256 "
                + "AB:".repeat(31) + "AB\r\na=setup:active\r\na=mid:0\r\na=sendrecv\r\na=rtcp-mux\r\n"
                + "a=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n");
            final String ack = phone.take("ACK");
            assertTrue(ack.startsWith("ACK "), ack);
            final String bye = phone.take("BYE");
            assertTrue(bye.startsWith("BYE "), bye);
            phone.answer(bye, 200, "OK", null);
            assertEquals(0, caller.await(20), caller::traces);
        }
        Await.until("no call left", () -> server.stats().active(), active -> active == 0);
    }

    private static SSLContext trusting(final Path certificate) throws Exception
    {
        final KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(certificate))
        {
            store.setCertificateEntry("switchboard", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        final TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}

package io.switchboard.sip.transport;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.netty.channel.EventLoopGroup;
import io.switchboard.sip.SipCounters;
import io.switchboard.sip.message.SipFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIP over TLS (RFC 3261 §26) and over WebSocket, plain and secure (RFC 7118), over real sockets on loopback: a
 * message in, the answer back over the same connection; the refusals (plain text on the TLS port, an upgrade without
 * the sip subprotocol, a foreign page's origin), each counted; keep-alives; a send with no connection left.
 */
@Timeout(30)
class SecureTransportsTest
{
    private record Received(SIPMessage message, Flow flow)
    {
    }

    private static TlsIdentity identity;
    private static SSLContext trusting;

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final SipCounters counters = new SipCounters();
    private EventLoopGroup group;
    private SipTransports transports;

    @BeforeAll
    static void certificate() throws Exception
    {
        identity = TlsIdentity.generate(List.of("127.0.0.1", "localhost"));
        final KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("switchboard", identity.leaf());
        final TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        trusting = SSLContext.getInstance("TLS");
        trusting.init(null, trust.getTrustManagers(), null);
    }

    @BeforeEach
    void start() throws Exception
    {
        group = SipTransports.newEventLoopGroup(2);
        transports = SipTransports.start(group, SipTransportConfig.defaults()
                .withBindAddress(InetAddress.getLoopbackAddress()).withPorts(0, 0)
                .withSecure(0, 0, 0, new WebSocketOptions("/ws", List.of("https://crm.example.com"), 30), identity),
            (message, flow) -> received.add(new Received((SIPMessage)message, flow)), counters);
    }

    @AfterEach
    void stop()
    {
        transports.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private Received take() throws InterruptedException
    {
        final Received r = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(r, "no message received");
        return r;
    }

    private static SIPResponse ok(final SIPMessage request) throws Exception
    {
        final SIPResponse response = (SIPResponse)SipFactories.MESSAGES.createResponse(200, (SIPRequest)request);
        response.getTo().setTag("sw1");
        return response;
    }

    @Test
    void sipOverTlsIsAnsweredOverTheSameConnection() throws Exception
    {
        try (SSLSocket phone = (SSLSocket)trusting.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
            transports.tlsPort()))
        {
            phone.setSoTimeout(10_000);
            phone.startHandshake();
            assertTrue(List.of("TLSv1.3", "TLSv1.2").contains(phone.getSession().getProtocol()));
            phone.getOutputStream().write(Captured.options("tls-1").replace("/UDP", "/TLS")
                .getBytes(StandardCharsets.ISO_8859_1));
            phone.getOutputStream().flush();
            final Received r = take();
            assertEquals("tls-1", r.message().getCallId().getCallId());
            assertEquals("TLS", r.flow().transport().name());
            assertTrue(r.flow().isReliable());

            transports.send(ok(r.message()), r.flow().asTarget(), null);
            final String answer = readMessage(phone.getInputStream());
            assertTrue(answer.startsWith("SIP/2.0 200 OK\r\n"), answer);
            assertTrue(answer.contains("Via: SIP/2.0/TLS"), answer);
        }
        assertEquals(0, counters.get(SipCounters.Id.TLS_HANDSHAKE_FAILURES));
    }

    @Test
    void plainTextOnTheTlsPortIsRefusedAndCounted() throws Exception
    {
        try (Socket scanner = new Socket(InetAddress.getLoopbackAddress(), transports.tlsPort()))
        {
            scanner.setSoTimeout(10_000);
            scanner.getOutputStream().write(Captured.options("plain-1").getBytes(StandardCharsets.ISO_8859_1));
            scanner.getOutputStream().flush();
            assertTrue(drainUntilClosed(scanner.getInputStream()), "the connection is closed");
        }
        Await.until(() -> counters.get(SipCounters.Id.TLS_HANDSHAKE_FAILURES) == 1);
        assertTrue(received.isEmpty(), "nothing reached the SIP layer");
    }

    @Test
    void aBrowserPageOfTheServersHostRegistersOverWsAndIsAnsweredOverItsConnection() throws Exception
    {
        final Frames frames = new Frames();
        final WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("sip")
            .header("Origin", "http://127.0.0.1:8080")
            .buildAsync(URI.create("ws://127.0.0.1:" + transports.wsPort() + "/ws"), frames).get(10, TimeUnit.SECONDS);
        assertEquals("sip", socket.getSubprotocol(), "RFC 7118 §4.1: the subprotocol echoed in the 101");
        socket.sendText(Captured.options("ws-1").replace("SIP/2.0/UDP 192.0.2.1:5060",
            "SIP/2.0/WS df7jal23ls0d.invalid"), true).get(10, TimeUnit.SECONDS);
        final Received r = take();
        assertEquals("ws-1", r.message().getCallId().getCallId());
        assertEquals("WS", r.flow().transport().name());
        assertEquals(1, transports.webSocketConnections());

        // Its Contact is unreachable ("...invalid;transport=ws"): what goes to it follows the flow.
        transports.send(ok(r.message()), new Target("WS", null, r.flow()), null);
        final String answer = frames.take();
        assertTrue(answer.startsWith("SIP/2.0 200 OK\r\n"), answer);
        assertTrue(answer.contains("ws-1"), answer);

        socket.sendText("\r\n\r\n", true).get(10, TimeUnit.SECONDS);
        assertEquals("\r\n", frames.take(), "a CRLF keep-alive gets its pong (RFC 5626 §3.5.1)");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
        Await.until(() -> transports.webSocketConnections() == 0);

        final CompletableFuture<Throwable> failed = new CompletableFuture<>();
        transports.send(ok(r.message()), new Target("WS", r.flow().remote(), r.flow()),
            (message, target, cause) -> failed.complete(cause));
        assertInstanceOf(IOException.class, failed.get(10, TimeUnit.SECONDS), "no connection left to send over");
    }

    @Test
    void secureWebSocketsCarrySipToo() throws Exception
    {
        final Frames frames = new Frames();
        final WebSocket socket = HttpClient.newBuilder().sslContext(trusting).build().newWebSocketBuilder()
            .subprotocols("sip").header("Origin", "https://crm.example.com")
            .buildAsync(URI.create("wss://127.0.0.1:" + transports.wssPort() + "/ws"), frames)
            .get(10, TimeUnit.SECONDS);
        socket.sendText(Captured.options("wss-1").replace("SIP/2.0/UDP 192.0.2.1:5060", "SIP/2.0/WSS a1.invalid"),
            true).get(10, TimeUnit.SECONDS);
        final Received r = take();
        assertEquals("WSS", r.flow().transport().name());
        transports.send(ok(r.message()), r.flow().asTarget(), null);
        assertTrue(frames.take().contains("wss-1"));
    }

    @Test
    void upgradesWithoutTheSipSubprotocolOrFromAForeignPageAreRefused() throws Exception
    {
        final URI uri = URI.create("ws://127.0.0.1:" + transports.wsPort() + "/ws");
        final ExecutionException noSip = assertThrows(ExecutionException.class, () -> HttpClient.newHttpClient()
            .newWebSocketBuilder().buildAsync(uri, new Frames()).get(10, TimeUnit.SECONDS));
        assertEquals(400, ((WebSocketHandshakeException)noSip.getCause()).getResponse().statusCode());

        final ExecutionException foreign = assertThrows(ExecutionException.class, () -> HttpClient.newHttpClient()
            .newWebSocketBuilder().subprotocols("sip").header("Origin", "https://evil.example.net")
            .buildAsync(uri, new Frames()).get(10, TimeUnit.SECONDS));
        assertEquals(403, ((WebSocketHandshakeException)foreign.getCause()).getResponse().statusCode());

        final ExecutionException elsewhere = assertThrows(ExecutionException.class, () -> HttpClient.newHttpClient()
            .newWebSocketBuilder().subprotocols("sip")
            .buildAsync(URI.create("ws://127.0.0.1:" + transports.wsPort() + "/other"), new Frames())
            .get(10, TimeUnit.SECONDS));
        assertEquals(404, ((WebSocketHandshakeException)elsewhere.getCause()).getResponse().statusCode());

        assertEquals(3, counters.get(SipCounters.Id.WEBSOCKET_REFUSED));
        assertEquals(0, transports.webSocketConnections());
    }

    @Test
    void garbageInAFrameIsCountedAndTheConnectionKeepsWorking() throws Exception
    {
        final Frames frames = new Frames();
        final WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("sip")
            .buildAsync(URI.create("ws://127.0.0.1:" + transports.wsPort() + "/ws"), frames).get(10, TimeUnit.SECONDS);
        socket.sendText("this is not SIP at all\r\n\r\n", true).get(10, TimeUnit.SECONDS);
        socket.sendText(Captured.options("ws-after").replace("SIP/2.0/UDP 192.0.2.1:5060", "SIP/2.0/WS b.invalid"),
            true).get(10, TimeUnit.SECONDS);
        assertEquals("ws-after", take().message().getCallId().getCallId());
        assertEquals(1, counters.get(SipCounters.Id.MALFORMED_DROPPED)
            + counters.get(SipCounters.Id.MALFORMED_ANSWERED_400));
    }

    /** The text messages a WebSocket client receives, one whole message per entry. */
    private static final class Frames implements WebSocket.Listener
    {
        private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(final WebSocket socket, final CharSequence data, final boolean last)
        {
            partial.append(data);
            if (last)
            {
                texts.add(partial.toString());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        String take() throws InterruptedException
        {
            final String text = texts.poll(10, TimeUnit.SECONDS);
            assertNotNull(text, "no WebSocket message received");
            return text;
        }
    }

    /** Polls a condition (bounded) for what the server does after the client's last step. */
    private static final class Await
    {
        static void until(final java.util.function.BooleanSupplier done) throws InterruptedException
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!done.getAsBoolean())
            {
                assertTrue(System.nanoTime() < deadline, "timed out");
                Thread.sleep(10);
            }
        }
    }

    private static boolean drainUntilClosed(final InputStream in) throws IOException
    {
        final byte[] buffer = new byte[1024];
        while (true)
        {
            try
            {
                if (in.read(buffer) < 0)
                {
                    return true;
                }
            }
            catch (final java.net.SocketException reset)
            {
                return true;
            }
        }
    }

    private static String readMessage(final InputStream in) throws IOException
    {
        final StringBuilder sb = new StringBuilder();
        while (!sb.toString().contains("\r\n\r\n"))
        {
            final int b = in.read();
            if (b < 0)
            {
                break;
            }
            sb.append((char)b);
        }
        return sb.toString();
    }
}

package io.switchboard.media.engine;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.switchboard.media.audio.Tones;
import io.switchboard.media.dtls.DtlsSrtpClient;
import io.switchboard.media.dtls.DtlsCertificate;
import io.switchboard.media.dtls.SrtpKeys;
import io.switchboard.media.ice.ConnectivityCheck;
import io.switchboard.media.ice.IceLiteAgent;
import io.switchboard.media.sdp.Codec;
import io.switchboard.media.sdp.Direction;
import io.switchboard.media.sdp.Negotiated;
import io.switchboard.media.srtp.SrtpContext;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.UDPTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A WebRTC leg on the engine over real loopback sockets, against a browser played by a test socket: its STUN check is
 * answered, its DTLS handshake (BouncyCastle's client) completes with the certificates both SDPs named, its SRTP
 * reaches the plain RTP phone on the other leg in clear, and the phone's RTP reaches it as SRTP it can open. Nothing
 * is sent to the browser before its check, and its DTLS from an unverified address is ignored.
 */
@Timeout(30)
class WebRtcLegTest
{
    private static final String UFRAG = "srv1";
    private static final String PWD = "0123456789abcdefghijklmn";

    private EventLoopGroup group;
    private EventLoop loop;
    private MediaEngine engine;
    private MediaSession session;
    private TestPhone phone;
    private DatagramSocket browser;
    private final DtlsCertificate browserCertificate = DtlsCertificate.generate();
    /** Moves the engine's clock ahead of the real one (consent is counted on it). */
    private final java.util.concurrent.atomic.AtomicLong skewNs = new java.util.concurrent.atomic.AtomicLong();

    @BeforeEach
    void setUp() throws Exception
    {
        group = new NioEventLoopGroup(1);
        loop = group.next();
        engine = new MediaEngine(new MediaOptions("127.0.0.1", "127.0.0.1", 41300, 41399, Tones.holdMusic()),
            () -> System.nanoTime() + skewNs.get());
        session = onLoop(() -> engine.open(loop, (endpoint, digit) -> { }));
        phone = new TestPhone();
        phone.target(session.second().port());
        browser = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        browser.setSoTimeout(5000);
        browser.connect(InetAddress.getLoopbackAddress(), session.first().port());
        onLoop(() ->
        {
            session.first().secure(IceLiteAgent.withCredentials(UFRAG, PWD), browserCertificate.fingerprint());
            session.first().apply(new Negotiated(null, Codec.PCMU, 126, Direction.SENDRECV, Direction.SENDRECV, 20,
                0));
            session.second().apply(new Negotiated(phone.address(), Codec.PCMU, 101, Direction.SENDRECV,
                Direction.SENDRECV, 20, 0));
            session.bridge();
            return null;
        });
    }

    @AfterEach
    void tearDown() throws Exception
    {
        onLoop(() ->
        {
            session.close();
            return null;
        });
        phone.close();
        browser.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void iceThenDtlsThenSrtpBothWays() throws Exception
    {
        // Before any check, what the phone sends reaches the engine but nothing is sent to the browser.
        phone.send(0, false, 1, 160, 99, new byte[160]);
        Await.until(() -> onLoop(() -> session.second().packetsIn() == 1));
        assertEquals(0, (long)onLoop(() -> session.first().packetsOut()), "nothing before ICE");

        browser.send(new DatagramPacket(check(), check().length));
        final byte[] response = receive();
        assertEquals(0x0101, (response[0] & 0xFF) << 8 | response[1] & 0xFF, "Binding success");

        final DtlsSrtpClient dtls = new DtlsSrtpClient(browserCertificate,
            engine.dtls().certificate().fingerprint(), true);
        new DTLSClientProtocol().connect(dtls, new UDPTransport(browser, 1200));
        final SrtpKeys keys = dtls.keys();
        Await.until(() -> onLoop(() -> session.first().secured()));

        // Browser to phone: SRTP opened by the server, relayed in clear.
        final SrtpContext browserOut = SrtpContext.of(keys.localKey(), keys.localSalt());
        final byte[] payload = new byte[160];
        Arrays.fill(payload, (byte)0x55);
        for (int i = 0; i < 3; i++)
        {
            final byte[] packet = rtp(0, 100 + i, 0xB0B0, payload);
            final int length = browserOut.protectRtp(packet, 0, 172);
            browser.send(new DatagramPacket(packet, length));
        }
        // (The engine fills the phone's silence with its own frames until the browser's audio comes.)
        final var relayed = phone.receiveUntil(3, rtp -> rtp.payload().length == 160 && rtp.payload()[0] == 0x55,
            10_000);
        assertArrayEquals(payload, relayed.get(relayed.size() - 1).payload());

        // Phone to browser: RTP protected by the server, opened by the browser's keys.
        final byte[] tone = new byte[160];
        Arrays.fill(tone, (byte)0x7A);
        phone.send(0, false, 2, 320, 99, tone);
        final SrtpContext browserIn = SrtpContext.of(keys.remoteKey(), keys.remoteSalt());
        final byte[] srtp = receive();
        final int plain = browserIn.unprotectRtp(srtp, 0, srtp.length);
        assertEquals(172, plain, "the browser opens what the server protected");
        assertArrayEquals(tone, Arrays.copyOfRange(srtp, 12, 172));

        // A forged packet (its tag broken) is dropped and counted; the phone gets nothing from it.
        final long refusedBefore = engine.webRtcRefused();
        final long inBefore = onLoop(() -> session.first().packetsIn());
        final byte[] forged = rtp(0, 200, 0xB0B0, payload);
        final int forgedLength = browserOut.protectRtp(forged, 0, 172);
        forged[forgedLength - 1] ^= 1;
        browser.send(new DatagramPacket(forged, forgedLength));
        Await.until(() -> engine.webRtcRefused() == refusedBefore + 1);
        assertEquals(inBefore, (long)onLoop(() -> session.first().packetsIn()), "the forged packet is not relayed");
    }

    @Test
    void dtlsFromAnAddressThatPassedNoCheckIsIgnored() throws Exception
    {
        try (DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
        {
            final byte[] clientHello = {22, (byte)0xFE, (byte)0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0};
            stranger.send(new DatagramPacket(clientHello, clientHello.length, InetAddress.getLoopbackAddress(),
                session.first().port()));
        }
        Await.until(() -> engine.webRtcRefused() == 1);
        assertFalse(onLoop(() -> session.first().secured()), "no handshake with an unverified address");
        assertEquals(0, (long)onLoop(() -> session.first().packetsOut()), "nothing sent to it");
    }

    /**
     * RFC 7675: consent lasts 30 s from the browser's last verified check. Before the first check the leg has not
     * expired (it never had consent); 29 s after it, it still has; 30 s after it, it has expired, and a new check
     * renews it.
     */
    @Test
    void consentExpiresThirtySecondsAfterTheLastCheck() throws Exception
    {
        assertFalse(onLoop(() -> session.first().consentExpired()), "no consent yet is not an expired one");
        browser.send(new DatagramPacket(check(), check().length));
        receive();
        assertFalse(onLoop(() -> session.first().consentExpired()));
        skewNs.set(TimeUnit.SECONDS.toNanos(29));
        assertFalse(onLoop(() -> session.first().consentExpired()), "29 s after the check");
        skewNs.set(TimeUnit.SECONDS.toNanos(30));
        assertTrue(onLoop(() -> session.first().consentExpired()), "30 s after the check");
        assertFalse(onLoop(() -> session.second().consentExpired()), "a plain RTP leg has no consent to lose");
        browser.send(new DatagramPacket(check(), check().length));
        receive();
        assertFalse(onLoop(() -> session.first().consentExpired()), "a new check renews it");
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /** A browser's Binding request: USERNAME ours:theirs, ICE-CONTROLLING, USE-CANDIDATE, integrity, fingerprint. */
    private static byte[] check()
    {
        return ConnectivityCheck.request(UFRAG, "brws", PWD);
    }


    private static byte[] rtp(final int pt, final int seq, final int ssrc, final byte[] payload)
    {
        final ByteBuffer packet = ByteBuffer.allocate(12 + payload.length + 10);
        packet.put((byte)0x80).put((byte)pt).putShort((short)seq).putInt(seq * 160).putInt(ssrc).put(payload);
        return packet.array();
    }

    private byte[] receive() throws Exception
    {
        final DatagramPacket in = new DatagramPacket(new byte[2048], 2048);
        browser.receive(in);
        return Arrays.copyOf(in.getData(), in.getLength());
    }

    private <T> T onLoop(final Callable<T> work) throws Exception
    {
        return loop.submit(work).get(5, TimeUnit.SECONDS);
    }

    /** Bounded polling of the loop's state after the browser's last step. */
    private static final class Await
    {
        static void until(final Callable<Boolean> done) throws Exception
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!done.call())
            {
                assertTrue(System.nanoTime() < deadline, "timed out");
                Thread.sleep(10);
            }
        }
    }
}

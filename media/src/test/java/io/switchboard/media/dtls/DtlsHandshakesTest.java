package io.switchboard.media.dtls;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import io.switchboard.media.srtp.SrtpContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DTLS-SRTP between our server side and a BouncyCastle DTLS client playing the browser, in process, over a pair of
 * {@link HandshakeDatagrams}: the keys both export agree (ours are the client's remote ones), a client whose
 * certificate is not the SDP's fingerprint is refused, and so is one that offers no SRTP profile we speak.
 */
@Timeout(30)
class DtlsHandshakesTest
{
    private final DtlsHandshakes handshakes = new DtlsHandshakes(DtlsCertificate.generate(), 2, 4);

    @AfterEach
    void close()
    {
        handshakes.close();
    }

    @Test
    void theBrowsersHandshakeGivesBothSidesTheSameSrtpKeys() throws Exception
    {
        final DtlsCertificate browser = DtlsCertificate.generate();
        final Wire wire = new Wire();
        final CompletableFuture<SrtpKeys> ours = handshakes.accept(browser.fingerprint(), wire.server);
        final DtlsSrtpClient client = new DtlsSrtpClient(browser, handshakes.certificate().fingerprint(), true);
        new DTLSClientProtocol().connect(client, wire.client);

        final SrtpKeys keys = ours.get(10, TimeUnit.SECONDS);
        final SrtpKeys theirs = SrtpKeys.split(client.exported(), false);
        assertArrayEquals(theirs.localKey(), keys.remoteKey(), "the client's key is what we receive with");
        assertArrayEquals(theirs.localSalt(), keys.remoteSalt());
        assertArrayEquals(theirs.remoteKey(), keys.localKey(), "ours is what the client receives with");
        assertEquals(16, keys.localKey().length);
        assertEquals(14, keys.localSalt().length);
        assertTrue(handshakes.certificate().fingerprint().matches("sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}"));

        // What the browser protects with its keys, our leg's receiving context opens.
        final byte[] packet = new byte[12 + 160 + 10];
        packet[0] = (byte)0x80;
        packet[11] = 7;
        final int sent = SrtpContext.of(theirs.localKey(), theirs.localSalt()).protectRtp(packet, 0, 172);
        assertEquals(172, SrtpContext.of(keys.remoteKey(), keys.remoteSalt()).unprotectRtp(packet, 0, sent));
    }

    @Test
    void aCertificateThatIsNotTheFingerprintsIsRefused()
    {
        final Wire wire = new Wire();
        final CompletableFuture<SrtpKeys> ours = handshakes.accept(DtlsCertificate.generate().fingerprint(),
            wire.server);
        final DtlsSrtpClient impostor = new DtlsSrtpClient(DtlsCertificate.generate(),
            handshakes.certificate().fingerprint(), true);
        final TlsFatalAlertReceived alert = assertThrows(TlsFatalAlertReceived.class,
            () -> new DTLSClientProtocol().connect(impostor, wire.client));
        assertEquals(AlertDescription.bad_certificate, alert.getAlertDescription(), "the alert our side sent");
        final ExecutionException failed = assertThrows(ExecutionException.class, () -> ours.get(10,
            TimeUnit.SECONDS));
        assertInstanceOf(TlsFatalAlert.class, failed.getCause());
        assertEquals(1, handshakes.failures());
    }

    @Test
    void aClientWithoutOurSrtpProfileIsRefused()
    {
        final DtlsCertificate browser = DtlsCertificate.generate();
        final Wire wire = new Wire();
        final CompletableFuture<SrtpKeys> ours = handshakes.accept(browser.fingerprint(), wire.server);
        assertThrows(IOException.class, () -> new DTLSClientProtocol().connect(
            new DtlsSrtpClient(browser, handshakes.certificate().fingerprint(), false), wire.client));
        assertThrows(ExecutionException.class, () -> ours.get(10, TimeUnit.SECONDS));
    }

    /** Two handshake transports wired back to back, as the browser's socket and the leg's port would be. */
    private static final class Wire
    {
        private final HandshakeDatagrams[] ends = new HandshakeDatagrams[2];
        final HandshakeDatagrams server;
        final HandshakeDatagrams client;

        Wire()
        {
            server = new HandshakeDatagrams(datagram -> ends[1].offer(datagram));
            client = new HandshakeDatagrams(datagram -> ends[0].offer(datagram));
            ends[0] = server;
            ends[1] = client;
        }
    }
}

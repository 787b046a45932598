package io.switchboard.media.dtls;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import io.switchboard.media.srtp.SrtpContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Hashtable;
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
        final Browser client = new Browser(browser, handshakes.certificate().fingerprint(), true);
        new DTLSClientProtocol().connect(client, wire.client);

        final SrtpKeys keys = ours.get(10, TimeUnit.SECONDS);
        final SrtpKeys theirs = SrtpKeys.split(client.exported, false);
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
        final Browser impostor = new Browser(DtlsCertificate.generate(), handshakes.certificate().fingerprint(),
            true);
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
            new Browser(browser, handshakes.certificate().fingerprint(), false), wire.client));
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

    /** The browser's side: DTLS 1.2, its own certificate, use_srtp with (or without) the 80-bit profile. */
    private static final class Browser extends DefaultTlsClient
    {
        private final DtlsCertificate certificate;
        private final String serverFingerprint;
        private final boolean offersOurProfile;
        byte[] exported;

        Browser(final DtlsCertificate certificate, final String serverFingerprint, final boolean offersOurProfile)
        {
            super(new BcTlsCrypto(new SecureRandom()));
            this.certificate = certificate;
            this.serverFingerprint = serverFingerprint;
            this.offersOurProfile = offersOurProfile;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions()
        {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        @SuppressWarnings("unchecked")
        public Hashtable getClientExtensions() throws IOException
        {
            final Hashtable extensions = DtlsSrtpServer.TlsExtensions.orEmpty(super.getClientExtensions());
            TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(new int[] {offersOurProfile
                ? SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80 : SRTPProtectionProfile.SRTP_AEAD_AES_256_GCM},
                TlsUtils.EMPTY_BYTES));
            return extensions;
        }

        @Override
        public TlsAuthentication getAuthentication()
        {
            return new TlsAuthentication()
            {
                @Override
                public void notifyServerCertificate(final TlsServerCertificate server) throws IOException
                {
                    final String seen = DtlsCertificate.Fingerprint.sha256(server.getCertificate()
                        .getCertificateAt(0).getEncoded());
                    if (!DtlsCertificate.Fingerprint.same(seen, serverFingerprint))
                    {
                        throw new TlsFatalAlert(AlertDescription.bad_certificate);
                    }
                }

                @Override
                public TlsCredentials getClientCredentials(final CertificateRequest request) throws IOException
                {
                    final BcTlsCrypto crypto = (BcTlsCrypto)getCrypto();
                    return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto,
                        certificate.key(), certificate.chain(crypto), SignatureAndHashAlgorithm.getInstance(
                            HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
                }
            };
        }

        @Override
        public void notifyHandshakeComplete() throws IOException
        {
            super.notifyHandshakeComplete();
            exported = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, SrtpKeys.EXPORTED);
        }
    }
}

package io.switchboard.media.dtls;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

import java.io.IOException;
import java.util.Hashtable;

/**
 * Our side of one DTLS-SRTP handshake as the DTLS server (RFC 5763 §5: the browser is the client when we answer
 * {@code a=setup:passive}): DTLS 1.2 with ECDHE-ECDSA, our {@link DtlsCertificate}, a certificate asked of the
 * client and accepted only if its SHA-256 fingerprint is the one its SDP gave (RFC 5763 §6.7.1: anything else ends
 * the handshake with bad_certificate), the {@code use_srtp} extension (RFC 5764 §4.1.1) agreeing on
 * {@code SRTP_AES128_CM_HMAC_SHA1_80} or failing, and the SRTP keys exported once it is done. One per handshake.
 */
final class DtlsSrtpServer extends DefaultTlsServer
{
    private static final int[] CIPHER_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
    };

    private final DtlsCertificate certificate;
    private final String remoteFingerprint;
    private boolean clientVerified;
    private SrtpKeys keys;

    DtlsSrtpServer(final BcTlsCrypto crypto, final DtlsCertificate certificate, final String remoteFingerprint)
    {
        super(crypto);
        this.certificate = certificate;
        this.remoteFingerprint = remoteFingerprint;
    }

    /** A browser that stops answering does not hold a handshake thread for long (RFC 6347 §4.2.4 retransmits). */
    static final int HANDSHAKE_TIMEOUT_MS = 15_000;

    @Override
    public int getHandshakeTimeoutMillis()
    {
        return HANDSHAKE_TIMEOUT_MS;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions()
    {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites()
    {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), CIPHER_SUITES);
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException
    {
        final BcTlsCrypto crypto = (BcTlsCrypto)getCrypto();
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, certificate.key(),
            certificate.chain(crypto), SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256,
                SignatureAlgorithm.ecdsa));
    }

    @Override
    public CertificateRequest getCertificateRequest()
    {
        return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
            TlsUtils.getDefaultSupportedSignatureAlgorithms(context), null);
    }

    @Override
    public void notifyClientCertificate(final Certificate clientCertificate) throws IOException
    {
        if (clientCertificate == null || clientCertificate.isEmpty() || !DtlsCertificate.Fingerprint.same(
            DtlsCertificate.Fingerprint.sha256(clientCertificate.getCertificateAt(0).getEncoded()), remoteFingerprint))
        {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "not the certificate of the SDP's fingerprint");
        }
        clientVerified = true;
    }

    @Override
    public void processClientExtensions(final Hashtable clientExtensions) throws IOException
    {
        super.processClientExtensions(clientExtensions);
        final UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        if (offered == null || !contains(offered.getProtectionProfiles(),
            SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80))
        {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "no SRTP_AES128_CM_HMAC_SHA1_80 in use_srtp");
        }
    }

    private static boolean contains(final int[] profiles, final int wanted)
    {
        for (final int profile : profiles)
        {
            if (profile == wanted)
            {
                return true;
            }
        }
        return false;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Hashtable getServerExtensions() throws IOException
    {
        final Hashtable extensions = TlsExtensions.orEmpty(super.getServerExtensions());
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(
            new int[] {SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80}, TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    public void notifyHandshakeComplete() throws IOException
    {
        super.notifyHandshakeComplete();
        if (!clientVerified)
        {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "the client sent no certificate");
        }
        keys = SrtpKeys.split(context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, SrtpKeys.EXPORTED), true);
    }

    /** The SRTP keys, once the handshake completed; null before. */
    SrtpKeys keys()
    {
        return keys;
    }

    /** BouncyCastle hands out null where no extension was made. */
    static final class TlsExtensions
    {
        private TlsExtensions()
        {
        }

        @SuppressWarnings("rawtypes")
        static Hashtable orEmpty(final Hashtable extensions)
        {
            return extensions != null ? extensions : new Hashtable();
        }
    }
}

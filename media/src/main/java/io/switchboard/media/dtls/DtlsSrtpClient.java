package io.switchboard.media.dtls;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
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
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Hashtable;

/**
 * The DTLS client's side of DTLS-SRTP (RFC 5763 §5, the {@code a=setup:active} end) on BouncyCastle's DTLS client:
 * DTLS 1.2, our certificate, {@code use_srtp} offering {@code SRTP_AES128_CM_HMAC_SHA1_80} (or, to test a server's
 * refusal, a profile it does not speak), the server's certificate checked against its SDP fingerprint, and the
 * exported keys afterwards. What a browser does facing our server; the tests and the handshake benchmark play the
 * browser with it. One per handshake; run by {@code DTLSClientProtocol.connect}, which blocks.
 */
public final class DtlsSrtpClient extends DefaultTlsClient
{
    private final DtlsCertificate certificate;
    private final String serverFingerprint;
    private final boolean offersOurProfile;
    private byte[] exported;

    public DtlsSrtpClient(final DtlsCertificate certificate, final String serverFingerprint,
        final boolean offersOurProfile)
    {
        super(new BcTlsCrypto(new SecureRandom()));
        this.certificate = certificate;
        this.serverFingerprint = serverFingerprint;
        this.offersOurProfile = offersOurProfile;
    }

    /** The 60 exported octets, after the handshake. */
    public byte[] exported()
    {
        return exported;
    }

    /** The keys as the browser uses them (it was the DTLS client). */
    public SrtpKeys keys()
    {
        return SrtpKeys.split(exported, false);
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
                final String seen = DtlsCertificate.Fingerprint.sha256(server.getCertificate().getCertificateAt(0)
                    .getEncoded());
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

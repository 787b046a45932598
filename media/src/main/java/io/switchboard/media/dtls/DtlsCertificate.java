package io.switchboard.media.dtls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The certificate our side of DTLS-SRTP presents (RFC 5763 §5): self-signed ECDSA P-256 (what browsers make too),
 * made at start and used for every leg, identified in the SDP by its SHA-256 fingerprint (RFC 8122), which is all a
 * browser checks. Immutable; any thread.
 */
public final class DtlsCertificate
{
    private final byte[] der;
    private final AsymmetricKeyParameter key;
    private final String fingerprint;

    private DtlsCertificate(final byte[] der, final AsymmetricKeyParameter key)
    {
        this.der = der;
        this.key = key;
        this.fingerprint = Fingerprint.sha256(der);
    }

    /** A new certificate valid for 30 days (a server restarted at least that often makes a new one). */
    public static DtlsCertificate generate()
    {
        try
        {
            final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            final KeyPair pair = generator.generateKeyPair();
            final X500Name name = new X500Name("CN=switchboard-dtls");
            final Instant now = Instant.now();
            final X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(30))), name, pair.getPublic());
            final X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(pair.getPrivate()));
            return new DtlsCertificate(holder.getEncoded(), PrivateKeyFactory.createKey(pair.getPrivate()
                .getEncoded()));
        }
        catch (final GeneralSecurityException | IOException | org.bouncycastle.operator.OperatorCreationException ex)
        {
            throw new IllegalStateException("cannot make the DTLS certificate: " + ex.getMessage(), ex);
        }
    }

    /** {@code a=fingerprint} value: {@code sha-256 AB:CD:...}. */
    public String fingerprint()
    {
        return fingerprint;
    }

    Certificate chain(final BcTlsCrypto crypto) throws IOException
    {
        return new Certificate(new TlsCertificate[] {crypto.createCertificate(der)});
    }

    AsymmetricKeyParameter key()
    {
        return key;
    }

    /** Fingerprints as RFC 8122 writes them. */
    static final class Fingerprint
    {
        private Fingerprint()
        {
        }

        static String sha256(final byte[] der)
        {
            try
            {
                return "sha-256 " + HexFormat.ofDelimiter(":").withUpperCase().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(der));
            }
            catch (final GeneralSecurityException ex)
            {
                throw new IllegalStateException(ex);
            }
        }

        /** Whether two fingerprints name the same hash and value (case and spacing do not matter). */
        static boolean same(final String a, final String b)
        {
            return a != null && b != null && normal(a).equals(normal(b));
        }

        private static String normal(final String fingerprint)
        {
            return fingerprint.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        }
    }
}

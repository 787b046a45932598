package io.switchboard.sip.transport;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The server's TLS certificate and key, for SIP over TLS (RFC 3261 §26) and secure WebSockets (RFC 7118): read from
 * PEM files the configuration names, or, when it names none, a self-signed ECDSA P-256 certificate made at first
 * start and kept in a directory (renewed when it has expired). Its SHA-256 fingerprint is logged so that a client
 * that pins it can check it. TLS 1.2 and 1.3 only.
 */
public final class TlsIdentity
{
    private static final Logger LOG = LoggerFactory.getLogger(TlsIdentity.class);
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final Duration SELF_SIGNED_VALIDITY = Duration.ofDays(397);

    private final List<X509Certificate> chain;
    private final PrivateKey key;

    private TlsIdentity(final List<X509Certificate> chain, final PrivateKey key)
    {
        this.chain = List.copyOf(chain);
        this.key = key;
    }

    /** The certificate chain (leaf first) and key in the PEM files given. */
    public static TlsIdentity fromPem(final Path certificates, final Path privateKey) throws IOException
    {
        final List<X509Certificate> chain = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(certificates); PEMParser pem = new PEMParser(reader))
        {
            for (Object item = pem.readObject(); item != null; item = pem.readObject())
            {
                if (item instanceof X509CertificateHolder holder)
                {
                    chain.add(new JcaX509CertificateConverter().getCertificate(holder));
                }
            }
        }
        catch (final CertificateException ex)
        {
            throw new IOException("not a certificate in " + certificates + ": " + ex.getMessage(), ex);
        }
        if (chain.isEmpty())
        {
            throw new IOException("no certificate in " + certificates);
        }
        return new TlsIdentity(chain, readKey(privateKey));
    }

    /**
     * The self-signed identity kept in {@code directory} ({@code server.crt}, {@code server.key}), made now if
     * there is none or it has expired; {@code hosts} are its subject alternative names (DNS names or IP literals).
     */
    public static TlsIdentity selfSigned(final Path directory, final List<String> hosts) throws IOException
    {
        final Path certificate = directory.resolve("server.crt");
        final Path key = directory.resolve("server.key");
        if (Files.exists(certificate) && Files.exists(key))
        {
            final TlsIdentity kept = fromPem(certificate, key);
            if (kept.leaf().getNotAfter().toInstant().isAfter(Instant.now()))
            {
                kept.logFingerprint("self-signed, kept in " + directory);
                return kept;
            }
        }
        final TlsIdentity made = generate(hosts);
        Files.createDirectories(directory);
        Files.writeString(certificate, made.certificatePem());
        Files.writeString(key, made.keyPem());
        ownerOnly(key);
        made.logFingerprint("self-signed, made now in " + directory);
        return made;
    }

    private static void ownerOnly(final Path file) throws IOException
    {
        try
        {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
        catch (final UnsupportedOperationException notPosix)
        {
            // Windows: the data directory's own permissions protect it.
        }
    }

    /** A new self-signed ECDSA P-256 identity for these host names and addresses (nothing written). */
    public static TlsIdentity generate(final List<String> hosts) throws IOException
    {
        try
        {
            final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            final KeyPair pair = generator.generateKeyPair();
            final Instant now = Instant.now();
            final X500Name subject = new X500Name("CN=" + (hosts.isEmpty() ? "switchboard" : hosts.get(0))
                + ", O=Switchboard self-signed");
            final JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(SELF_SIGNED_VALIDITY)), subject, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(hosts));
            final X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new TlsIdentity(List.of(certificate), pair.getPrivate());
        }
        catch (final GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException ex)
        {
            throw new IOException("cannot make a self-signed certificate: " + ex.getMessage(), ex);
        }
    }

    private static GeneralNames alternativeNames(final List<String> hosts)
    {
        final List<GeneralName> names = new ArrayList<>();
        for (final String host : hosts.isEmpty() ? List.of("localhost") : hosts)
        {
            final boolean literal = io.netty.util.NetUtil.isValidIpV4Address(host)
                || io.netty.util.NetUtil.isValidIpV6Address(host);
            names.add(new GeneralName(literal ? GeneralName.iPAddress : GeneralName.dNSName, host));
        }
        return new GeneralNames(names.toArray(new GeneralName[0]));
    }

    private static PrivateKey readKey(final Path file) throws IOException
    {
        try (Reader reader = Files.newBufferedReader(file); PEMParser pem = new PEMParser(reader))
        {
            final Object item = pem.readObject();
            final JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (item instanceof PEMKeyPair pair)
            {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (item instanceof PrivateKeyInfo info)
            {
                return converter.getPrivateKey(info);
            }
            throw new IOException("no private key in " + file);
        }
    }

    public X509Certificate leaf()
    {
        return chain.get(0);
    }

    /** The leaf certificate's SHA-256 fingerprint as {@code AB:CD:...} (what RFC 4572 and browsers show). */
    public String fingerprint()
    {
        try
        {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(leaf().getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** The server side of TLS 1.2/1.3 with this certificate (for the TLS listener and wss). */
    public SslContext serverContext() throws SSLException
    {
        return SslContextBuilder.forServer(key, chain.toArray(new X509Certificate[0])).protocols(PROTOCOLS).build();
    }

    /**
     * The client side for connections we open (to a phone or carrier reached over TLS): the JDK's trusted
     * authorities, TLS 1.2/1.3, our certificate offered if asked for.
     */
    public SslContext clientContext() throws SSLException
    {
        return SslContextBuilder.forClient().keyManager(key, chain.toArray(new X509Certificate[0]))
            .protocols(PROTOCOLS).build();
    }

    public String certificatePem() throws IOException
    {
        final StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out))
        {
            for (final X509Certificate certificate : chain)
            {
                writer.writeObject(certificate);
            }
        }
        return out.toString();
    }

    /** The key as unencrypted PKCS#8 PEM (what Netty and OpenSSL read). */
    public String keyPem() throws IOException
    {
        final StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out))
        {
            writer.writeObject(new JcaPKCS8Generator(key, null));
        }
        return out.toString();
    }

    private void logFingerprint(final String where)
    {
        LOG.info("TLS certificate {} ({}), valid until {}, SHA-256 fingerprint {}",
            leaf().getSubjectX500Principal().getName(), where, leaf().getNotAfter().toInstant(),
            fingerprint().toLowerCase(Locale.ROOT));
    }
}

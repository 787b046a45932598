package io.switchboard.sip.transport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server's certificate: made once and kept in the data directory, or read from the PEM files configured. */
class TlsIdentityTest
{
    @Test
    void aSelfSignedCertificateIsMadeAtFirstStartAndKeptAfter(@TempDir final Path data) throws Exception
    {
        final TlsIdentity first = TlsIdentity.selfSigned(data.resolve("tls"), List.of("127.0.0.1", "pbx.example"));
        assertTrue(Files.exists(data.resolve("tls/server.crt")));
        assertTrue(Files.readString(data.resolve("tls/server.key")).startsWith("-----BEGIN PRIVATE KEY-----"),
            "PKCS#8, what Netty and OpenSSL read");
        assertEquals("EC", first.leaf().getPublicKey().getAlgorithm());
        final Collection<List<?>> names = first.leaf().getSubjectAlternativeNames();
        assertTrue(names.contains(List.of(7, "127.0.0.1")), names::toString);
        assertTrue(names.contains(List.of(2, "pbx.example")), names::toString);
        assertTrue(first.fingerprint().matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), first.fingerprint());

        final TlsIdentity second = TlsIdentity.selfSigned(data.resolve("tls"), List.of("127.0.0.1"));
        assertEquals(first.fingerprint(), second.fingerprint(), "the same certificate after a restart");

        Files.delete(data.resolve("tls/server.key"));
        assertNotEquals(first.fingerprint(), TlsIdentity.selfSigned(data.resolve("tls"), List.of()).fingerprint());
    }

    @Test
    void configuredPemFilesAreReadAndServe(@TempDir final Path dir) throws Exception
    {
        final TlsIdentity made = TlsIdentity.generate(List.of("localhost"));
        Files.writeString(dir.resolve("chain.pem"), made.certificatePem());
        Files.writeString(dir.resolve("key.pem"), made.keyPem());
        final TlsIdentity read = TlsIdentity.fromPem(dir.resolve("chain.pem"), dir.resolve("key.pem"));
        assertEquals(made.fingerprint(), read.fingerprint());
        assertTrue(read.serverContext().isServer());

        Files.writeString(dir.resolve("empty.pem"), "not a certificate\n");
        assertThrows(java.io.IOException.class, () -> TlsIdentity.fromPem(dir.resolve("empty.pem"),
            dir.resolve("key.pem")));
    }
}

package io.switchboard.core.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The VAPID key pair kept across starts, and the ES256 token a push service verifies (RFC 8292). */
class VapidTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void shouldMakeTheKeysOnceReadableByTheServerOnlyAndReadThemAgain() throws Exception
    {
        final VapidKeys made = VapidKeys.loadOrCreate(dir.resolve("push"));
        final Path file = dir.resolve("push").resolve(VapidKeys.FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        final VapidKeys read = VapidKeys.loadOrCreate(dir.resolve("push"));
        assertEquals(made.publicKeyBase64Url(), read.publicKeyBase64Url());
        assertArrayEquals(made.privateKey().getEncoded(), read.privateKey().getEncoded());
        assertEquals(65, P256.fromBase64Url(read.publicKeyBase64Url()).length);
    }

    @Test
    void shouldSignATokenForTheEndpointsOriginThatItsPublicKeyVerifies() throws Exception
    {
        final VapidKeys keys = VapidKeys.loadOrCreate(dir);
        final long now = 1_733_000_000L;
        final String header = VapidToken.authorization(keys, URI.create("https://push.example.net:8443/wpush/v2/abc"
            + "?x=1"), "mailto:ops@example.com", now);
        assertTrue(header.startsWith("vapid t="), header);
        final String jwt = header.substring("vapid t=".length(), header.indexOf(", k="));
        assertEquals(keys.publicKeyBase64Url(), header.substring(header.indexOf(", k=") + 4));

        final String[] parts = jwt.split("\\.");
        assertEquals(3, parts.length);
        final JsonNode head = JSON.readTree(P256.fromBase64Url(parts[0]));
        assertEquals("ES256", head.get("alg").asText());
        assertEquals("JWT", head.get("typ").asText());
        final JsonNode claims = JSON.readTree(P256.fromBase64Url(parts[1]));
        assertEquals("https://push.example.net:8443", claims.get("aud").asText());
        assertEquals("mailto:ops@example.com", claims.get("sub").asText());
        final long exp = claims.get("exp").asLong();
        assertTrue(exp > now && exp <= now + 24 * 3600, "exp within 24 hours: " + exp);

        final byte[] signature = P256.fromBase64Url(parts[2]);
        assertEquals(64, signature.length, "ES256 is r || s");
        final Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(P256.publicKey(P256.fromBase64Url(keys.publicKeyBase64Url())));
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(verifier.verify(signature));
    }

    @Test
    void shouldNameTheOriginWithoutTheSchemesDefaultPort()
    {
        assertEquals("https://fcm.googleapis.com",
            VapidToken.audience(URI.create("https://fcm.googleapis.com/fcm/send/x")));
        assertEquals("https://web.push.apple.com", VapidToken.audience(URI.create("https://Web.Push.Apple.com:443/Q")));
        assertEquals("http://127.0.0.1:9000", VapidToken.audience(URI.create("http://127.0.0.1:9000/p")));
    }
}

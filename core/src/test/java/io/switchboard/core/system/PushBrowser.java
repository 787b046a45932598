package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.core.push.P256;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A browser's side of Web Push, as the system tests play it: its own P-256 key pair and 16-byte auth secret (what
 * {@code PushSubscription.toJSON()} gives the server), the decryption of a push message (RFC 8291 §3.4 with RFC
 * 5869's HKDF, RFC 8188's one record) and the check of the VAPID header a push service would make (RFC 8292).
 */
final class PushBrowser
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeyPair keys;
    private final byte[] auth = new byte[16];

    PushBrowser() throws Exception
    {
        keys = P256.generate();
        new SecureRandom().nextBytes(auth);
    }

    /** The subscription's JSON for an endpoint of the fake push service. */
    String subscription(final String endpoint) throws Exception
    {
        return JSON.writeValueAsString(Map.of("endpoint", endpoint, "expirationTime", JSON.nullNode(),
            "keys", Map.of("p256dh", P256.base64Url(P256.point((ECPublicKey)keys.getPublic())),
                "auth", P256.base64Url(auth))));
    }

    /** The message in an {@code aes128gcm} body sent to this browser. */
    JsonNode decrypt(final byte[] body) throws Exception
    {
        final ByteBuffer in = ByteBuffer.wrap(body);
        final byte[] salt = new byte[16];
        in.get(salt);
        assertEquals(4096, in.getInt(), "rs");
        final byte[] sender = new byte[in.get()];
        in.get(sender);
        final byte[] ciphertext = new byte[in.remaining()];
        in.get(ciphertext);

        final KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(keys.getPrivate());
        agreement.doPhase(P256.publicKey(sender), true);
        final byte[] receiver = P256.point((ECPublicKey)keys.getPublic());
        final byte[] info = ByteBuffer.allocate(14 + 65 + 65).put("WebPush: info\0".getBytes(StandardCharsets.US_ASCII))
            .put(receiver).put(sender).array();
        final byte[] ikm = hkdf(auth, agreement.generateSecret(), info, 32);
        final byte[] cek = hkdf(salt, ikm, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
        final byte[] nonce = hkdf(salt, ikm, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);

        final Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
        final byte[] record = cipher.doFinal(ciphertext);
        int end = record.length - 1;
        while (end > 0 && record[end] == 0)
        {
            end--;
        }
        assertEquals(2, record[end], "the last record's delimiter");
        return JSON.readTree(Arrays.copyOf(record, end));
    }

    /** RFC 5869: extract, then expand to {@code length} bytes (one block is enough here). */
    private static byte[] hkdf(final byte[] salt, final byte[] secret, final byte[] info, final int length)
        throws Exception
    {
        final Mac extract = Mac.getInstance("HmacSHA256");
        extract.init(new SecretKeySpec(salt, "HmacSHA256"));
        final byte[] prk = extract.doFinal(secret);
        final Mac expand = Mac.getInstance("HmacSHA256");
        expand.init(new SecretKeySpec(prk, "HmacSHA256"));
        expand.update(info);
        expand.update((byte)1);
        return Arrays.copyOf(expand.doFinal(), length);
    }

    /**
     * Checks the {@code Authorization: vapid t=..., k=...} header as a push service does: k is the server's key, the
     * ES256 signature verifies with it, aud is the endpoint's origin, exp within 24 hours. Returns the claims.
     */
    static JsonNode verifyVapid(final String authorization, final String publicKey, final String audience)
        throws Exception
    {
        assertTrue(authorization != null && authorization.startsWith("vapid t="), "vapid: " + authorization);
        final int k = authorization.indexOf(", k=");
        assertEquals(publicKey, authorization.substring(k + 4), "k is the key of GET /api/push/key");
        final String[] jwt = authorization.substring(8, k).split("\\.");
        final Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
        signature.initVerify(P256.publicKey(P256.fromBase64Url(publicKey)));
        signature.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(signature.verify(P256.fromBase64Url(jwt[2])), "the token's ES256 signature");
        assertEquals("ES256", JSON.readTree(P256.fromBase64Url(jwt[0])).get("alg").asText());
        final JsonNode claims = JSON.readTree(P256.fromBase64Url(jwt[1]));
        assertEquals(audience, claims.get("aud").asText());
        final long now = System.currentTimeMillis() / 1000;
        final long exp = claims.get("exp").asLong();
        assertTrue(exp > now && exp <= now + 24 * 3600, "exp within 24 hours: " + claims);
        assertTrue(claims.get("sub").asText().startsWith("mailto:"), claims::toString);
        return claims;
    }
}

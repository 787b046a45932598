package io.switchboard.core.push;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPublicKeySpec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** RFC 8291's message encryption against its Appendix A test vector, byte for byte. */
class PushMessageEncryptionTest
{
    // RFC 8291 Appendix A
    private static final String PLAINTEXT = "When I grow up, I want to be a watermelon";
    private static final String AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    private static final String AS_PUBLIC =
        "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    private static final String UA_PUBLIC =
        "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    private static final String SALT = "DGv6ra1nlYgDCS1FRnbzlw";
    private static final String AUTH = "BTBZMqHH6r4Tts7J_aSIgg";
    private static final String BODY = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6"
        + "e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_"
        + "Qulcy4a-fN";

    @Test
    void shouldEncryptTheRfc8291AppendixAMessageExactly() throws Exception
    {
        final byte[] body = PushMessageEncryption.encrypt(PLAINTEXT.getBytes(StandardCharsets.UTF_8),
            P256.fromBase64Url(UA_PUBLIC), P256.fromBase64Url(AUTH), senderKeys(), P256.fromBase64Url(SALT));
        assertEquals(BODY, P256.base64Url(body));
    }

    @Test
    void shouldWriteTheHeaderOfOneRecordOf4096Bytes() throws Exception
    {
        final byte[] body = new PushMessageEncryption(new SecureRandom()).encrypt(new byte[100],
            P256.fromBase64Url(UA_PUBLIC), P256.fromBase64Url(AUTH));
        assertEquals(16 + 4 + 1 + 65 + 100 + 1 + 16, body.length, "header, payload, delimiter, tag");
        assertEquals(4096, ((body[16] & 0xff) << 24) | ((body[17] & 0xff) << 16) | ((body[18] & 0xff) << 8)
            | (body[19] & 0xff));
        assertEquals(65, body[20]);
        assertEquals(0x04, body[21], "the key id is the ephemeral key's uncompressed point");
        final byte[] again = new PushMessageEncryption(new SecureRandom()).encrypt(new byte[100],
            P256.fromBase64Url(UA_PUBLIC), P256.fromBase64Url(AUTH));
        assertNotEquals(P256.base64Url(body), P256.base64Url(again), "a fresh salt and key each time");
    }

    @Test
    void shouldRefuseAPayloadLargerThanOneRecordAndAPointOffTheCurve()
    {
        final PushMessageEncryption encryption = new PushMessageEncryption(new SecureRandom());
        assertThrows(GeneralSecurityException.class, () -> encryption.encrypt(
            new byte[PushMessageEncryption.MAX_PAYLOAD + 1], P256.fromBase64Url(UA_PUBLIC), P256.fromBase64Url(AUTH)));
        final byte[] off = P256.fromBase64Url(UA_PUBLIC);
        off[64] ^= 1;
        assertThrows(GeneralSecurityException.class, () -> encryption.encrypt(new byte[1], off,
            P256.fromBase64Url(AUTH)));
    }

    @Test
    void shouldWriteAndReadPublicKeysAsUncompressedPoints() throws Exception
    {
        final KeyPair pair = P256.generate();
        final byte[] point = P256.point((ECPublicKey)pair.getPublic());
        assertEquals(65, point.length);
        assertArrayEquals(pair.getPublic().getEncoded(), P256.publicKey(point).getEncoded());
    }

    /** The sender's key pair of the appendix, its public key derived from the private scalar. */
    private static KeyPair senderKeys() throws Exception
    {
        final ECPrivateKey privateKey = P256.privateKey(P256.fromBase64Url(AS_PRIVATE));
        final ECPublicKey publicKey = P256.publicKey(P256.fromBase64Url(AS_PUBLIC));
        assertEquals(publicKey.getW(), ((ECPublicKey)KeyFactory.getInstance("EC").generatePublic(
            new ECPublicKeySpec(publicKey.getW(), publicKey.getParams()))).getW());
        return new KeyPair(publicKey, privateKey);
    }
}

package io.switchboard.core.push;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;

/**
 * Message encryption for Web Push, RFC 8291 over the {@code aes128gcm} content coding of RFC 8188: an ephemeral
 * P-256 key pair per message, ECDH with the browser's {@code p256dh}, and the browser's 16-byte {@code auth} secret
 * mixed in by HKDF-SHA-256 (RFC 5869) exactly as RFC 8291 §3.4 writes it:
 * <pre>
 *   PRK_key = HMAC-SHA-256(auth_secret, ecdh_secret)
 *   key_info = "WebPush: info" || 0x00 || ua_public || as_public
 *   IKM = HMAC-SHA-256(PRK_key, key_info || 0x01)
 *   PRK = HMAC-SHA-256(salt, IKM)
 *   CEK = HMAC-SHA-256(PRK, "Content-Encoding: aes128gcm" || 0x00 || 0x01)[0..15]
 *   NONCE = HMAC-SHA-256(PRK, "Content-Encoding: nonce" || 0x00 || 0x01)[0..11]
 * </pre>
 * The body is one record: the header {@code salt(16) || rs(4) || idlen(1) || keyid (as_public, 65)}, then
 * AES-128-GCM of the payload followed by the last record's padding delimiter {@code 0x02} (RFC 8188 §2). A message
 * fits one record of {@value #RECORD_SIZE} bytes, so the payload may be at most {@value #MAX_PAYLOAD} bytes.
 */
public final class PushMessageEncryption
{
    /** RFC 8188 {@code rs}: the record size written in the header. */
    public static final int RECORD_SIZE = 4096;
    /** The largest payload: the record less the delimiter and the 16-byte tag. */
    public static final int MAX_PAYLOAD = RECORD_SIZE - 1 - 16;
    public static final int AUTH_BYTES = 16;
    public static final int SALT_BYTES = 16;

    private static final byte[] KEY_INFO = "WebPush: info\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CEK_INFO = "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NONCE_INFO = "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte LAST_RECORD = 0x02;

    private final SecureRandom random;

    public PushMessageEncryption(final SecureRandom random)
    {
        this.random = random;
    }

    /** The encrypted body of {@code payload} for the browser's {@code p256dh} key and {@code auth} secret. */
    public byte[] encrypt(final byte[] payload, final byte[] uaPublic, final byte[] authSecret)
        throws GeneralSecurityException
    {
        final byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return encrypt(payload, uaPublic, authSecret, P256.generate(), salt);
    }

    /** The same with a given ephemeral key pair and salt (RFC 8291 Appendix A's test vector fixes both). */
    public static byte[] encrypt(final byte[] payload, final byte[] uaPublic, final byte[] authSecret,
        final KeyPair ephemeral, final byte[] salt) throws GeneralSecurityException
    {
        if (payload.length > MAX_PAYLOAD)
        {
            throw new GeneralSecurityException("a push payload is at most " + MAX_PAYLOAD + " bytes");
        }
        if (authSecret.length != AUTH_BYTES || salt.length != SALT_BYTES)
        {
            throw new GeneralSecurityException("the auth secret and the salt are 16 bytes each");
        }
        final byte[] asPublic = P256.point((ECPublicKey)ephemeral.getPublic());
        final KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(ephemeral.getPrivate());
        agreement.doPhase(P256.publicKey(uaPublic), true);
        final byte[] ecdhSecret = agreement.generateSecret();

        final byte[] prkKey = hmac(authSecret, ecdhSecret);
        final byte[] ikm = hmac(prkKey, KEY_INFO, uaPublic, asPublic, new byte[] {1});
        final byte[] prk = hmac(salt, ikm);
        final byte[] cek = Arrays.copyOf(hmac(prk, CEK_INFO, new byte[] {1}), 16);
        final byte[] nonce = Arrays.copyOf(hmac(prk, NONCE_INFO, new byte[] {1}), 12);

        final Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
        final byte[] record = Arrays.copyOf(payload, payload.length + 1);
        record[payload.length] = LAST_RECORD;
        final byte[] ciphertext = cipher.doFinal(record);

        final ByteBuffer body = ByteBuffer.allocate(SALT_BYTES + 4 + 1 + asPublic.length + ciphertext.length);
        body.put(salt).putInt(RECORD_SIZE).put((byte)asPublic.length).put(asPublic).put(ciphertext);
        return body.array();
    }

    /** HMAC-SHA-256 of the parts one after the other: HKDF's extract, and its expand for one block. */
    static byte[] hmac(final byte[] key, final byte[]... parts) throws GeneralSecurityException
    {
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        for (final byte[] part : parts)
        {
            mac.update(part);
        }
        return mac.doFinal();
    }
}

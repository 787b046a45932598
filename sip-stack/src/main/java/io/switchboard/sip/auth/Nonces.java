package io.switchboard.sip.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Stateless, self-validating nonces (RFC 2617 §3.2.1 suggests this construction): nothing is stored per challenge.
 * A nonce is base64url of {@code timestamp(8) | salt(8) | HMAC-SHA256(secret, timestamp | salt)[0..16]}. The secret
 * is random and made at start-up, so nonces of a previous run, or forged ones, fail the HMAC check; the timestamp
 * says when the nonce goes stale. The salt makes nonces issued in the same millisecond distinct, so that each
 * client's nonce-count is tracked apart.
 * <p>
 * Thread safety: immutable apart from one {@link Mac} per thread, so any event loop may issue and check nonces.
 */
final class Nonces
{
    /** Returned by {@link #issuedAtMs(String)} for a nonce we did not issue. */
    static final long FORGED = Long.MIN_VALUE;

    private static final int TIMESTAMP_AND_SALT = 16;
    private static final int MAC_BYTES = 16;
    private static final int LENGTH = TIMESTAMP_AND_SALT + MAC_BYTES;
    private static final String HMAC = "HmacSHA256";

    private final ThreadLocal<Mac> mac;

    Nonces(final byte[] secret)
    {
        final SecretKeySpec key = new SecretKeySpec(secret.clone(), HMAC);
        this.mac = ThreadLocal.withInitial(() -> newMac(key));
    }

    /** A fresh nonce stamped with {@code nowMs}. */
    String issue(final long nowMs)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(LENGTH);
        buffer.putLong(nowMs).putLong(ThreadLocalRandom.current().nextLong());
        buffer.put(sign(buffer.array()), 0, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    /**
     * Checks that we issued a nonce and tells when.
     *
     * @param nonce the nonce from credentials.
     * @return its issue time, or {@link #FORGED} if it is malformed or its HMAC is wrong.
     */
    long issuedAtMs(final String nonce)
    {
        final byte[] bytes;
        try
        {
            bytes = Base64.getUrlDecoder().decode(nonce);
        }
        catch (final IllegalArgumentException ex)
        {
            return FORGED;
        }
        if (bytes.length != LENGTH)
        {
            return FORGED;
        }
        final byte[] expected = Arrays.copyOf(sign(bytes), MAC_BYTES);
        final byte[] actual = Arrays.copyOfRange(bytes, TIMESTAMP_AND_SALT, LENGTH);
        if (!MessageDigest.isEqual(expected, actual))
        {
            return FORGED;
        }
        return ByteBuffer.wrap(bytes).getLong();
    }

    private byte[] sign(final byte[] bytes)
    {
        final Mac m = mac.get();
        m.update(bytes, 0, TIMESTAMP_AND_SALT);
        return m.doFinal();
    }

    private static Mac newMac(final SecretKeySpec key)
    {
        try
        {
            final Mac m = Mac.getInstance(HMAC);
            m.init(key);
            return m;
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("every Java platform has " + HMAC, ex);
        }
    }
}

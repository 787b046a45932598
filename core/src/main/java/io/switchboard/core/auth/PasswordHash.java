package io.switchboard.core.auth;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Password hashes: PBKDF2 with HMAC-SHA-256 from the JDK, a random 16-byte salt and 210,000 iterations (OWASP's
 * figure for this function), stored as {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (base64 without padding) so
 * that a later, higher iteration count still verifies older hashes. Hashing takes about a tenth of a second on
 * purpose: never call it on an event loop (see {@link PasswordHasher}).
 */
public final class PasswordHash
{
    public static final int ITERATIONS = 210_000;
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    /** Iterations accepted when verifying: below the floor a stored hash is refused as too weak; above, too slow. */
    private static final int MIN_ITERATIONS = 100_000;
    private static final int MAX_ITERATIONS = 10_000_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private PasswordHash()
    {
    }

    /** A new salted hash of the password, in the stored form. */
    public static String hash(final String password)
    {
        final byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return SCHEME + "$" + ITERATIONS + "$" + ENCODER.encodeToString(salt) + "$"
            + ENCODER.encodeToString(derive(password, salt, ITERATIONS, HASH_BITS));
    }

    /**
     * Whether the password matches the stored hash, compared in constant time; false for a malformed hash. A null
     * stored hash (no such account) is checked against a decoy so that it takes as long.
     */
    public static boolean verify(final String password, final String stored)
    {
        final Parsed parsed = parse(stored == null ? Decoy.HASH : stored);
        if (parsed == null || password == null)
        {
            return false;
        }
        final byte[] actual = derive(password, parsed.salt, parsed.iterations, parsed.hash.length * 8);
        return MessageDigest.isEqual(actual, parsed.hash) && stored != null;
    }

    /** Whether the text is a hash in the stored form that {@link #verify} accepts (configuration checks). */
    public static boolean wellFormed(final String stored)
    {
        return stored != null && parse(stored) != null;
    }

    /**
     * Verified against when the account does not exist, so that an unknown e-mail costs as much time as a wrong
     * password and the answer's timing does not tell which accounts exist. Made on first use (it is slow).
     */
    private static final class Decoy
    {
        static final String HASH = hash("not a password of anyone");
    }

    private record Parsed(int iterations, byte[] salt, byte[] hash)
    {
    }

    private static Parsed parse(final String stored)
    {
        final String[] parts = stored.split("\\$", -1);
        if (parts.length != 4 || !SCHEME.equals(parts[0]))
        {
            return null;
        }
        try
        {
            final int iterations = Integer.parseInt(parts[1]);
            final byte[] salt = DECODER.decode(parts[2]);
            final byte[] hash = DECODER.decode(parts[3]);
            if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS || salt.length < SALT_BYTES
                || hash.length < 16 || hash.length > 64)
            {
                return null;
            }
            return new Parsed(iterations, salt, hash);
        }
        catch (final IllegalArgumentException ex)
        {
            return null;
        }
    }

    private static byte[] derive(final String password, final byte[] salt, final int iterations, final int bits)
    {
        final PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, bits);
        try
        {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", ex);
        }
        finally
        {
            spec.clearPassword();
        }
    }
}

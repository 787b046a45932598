package io.switchboard.core.auth;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHashTest
{
    @Test
    void hashIsSelfDescribingAndSalted()
    {
        final String hash = PasswordHash.hash("Demo#1001");
        final String[] parts = hash.split("\\$");
        assertEquals(4, parts.length, hash);
        assertEquals("pbkdf2-sha256", parts[0]);
        assertTrue(Integer.parseInt(parts[1]) >= 210_000, hash);
        assertEquals(16, java.util.Base64.getDecoder().decode(parts[2]).length);
        assertEquals(32, java.util.Base64.getDecoder().decode(parts[3]).length);
        assertNotEquals(hash, PasswordHash.hash("Demo#1001"), "a new salt each time");
        assertTrue(PasswordHash.wellFormed(hash));
    }

    @Test
    void verifiesOnlyTheRightPassword()
    {
        final String hash = PasswordHash.hash("Demo#1001");
        assertTrue(PasswordHash.verify("Demo#1001", hash));
        assertFalse(PasswordHash.verify("Demo#1002", hash));
        assertFalse(PasswordHash.verify("demo#1001", hash));
        assertFalse(PasswordHash.verify("", hash));
        assertFalse(PasswordHash.verify(null, hash));
    }

    @Test
    void noAccountAndMalformedHashesNeverVerify()
    {
        assertFalse(PasswordHash.verify("not a password of anyone", null), "the decoy never lets anyone in");
        assertFalse(PasswordHash.verify("x", "plain"));
        assertFalse(PasswordHash.verify("x", "pbkdf2-sha256$210000$!!$!!"));
        assertFalse(PasswordHash.wellFormed("md5$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA"));
        final String hash = PasswordHash.hash("Demo#1001");
        final String weak = hash.replace("$210000$", "$1000$");
        assertFalse(PasswordHash.wellFormed(weak), "too few iterations are refused, not trusted");
        assertFalse(PasswordHash.verify("Demo#1001", weak));
    }

    @Test
    void verifiesAHashMadeWithOtherIterations() throws Exception
    {
        // The count is part of the stored form, so raising ITERATIONS later keeps old hashes working.
        final byte[] salt = new byte[16];
        final javax.crypto.spec.PBEKeySpec spec = new javax.crypto.spec.PBEKeySpec("Demo#1001".toCharArray(), salt,
            300_000, 256);
        final byte[] key = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec)
            .getEncoded();
        final java.util.Base64.Encoder b64 = java.util.Base64.getEncoder().withoutPadding();
        final String stored = "pbkdf2-sha256$300000$" + b64.encodeToString(salt) + "$" + b64.encodeToString(key);
        assertTrue(PasswordHash.verify("Demo#1001", stored));
    }
}

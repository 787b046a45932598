package io.switchboard.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The digest algorithms we offer: MD5 (RFC 2617 §3.2.1, the RFC 3261 §22.4 default) and SHA-256 (RFC 8760 §2.2).
 * The {@code -sess} variants are not offered and so not accepted.
 */
public enum DigestAlgorithm
{
    MD5("MD5", "MD5"),
    SHA_256("SHA-256", "SHA-256");

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final String token;
    private final String jcaName;

    DigestAlgorithm(final String token, final String jcaName)
    {
        this.token = token;
        this.jcaName = jcaName;
    }

    /** The {@code algorithm} token as written in challenges and credentials. */
    public String token()
    {
        return token;
    }

    /**
     * The algorithm named by a credentials' {@code algorithm} parameter: absent means MD5 (RFC 2617 §3.2.1).
     *
     * @param token the parameter value, or null when absent.
     * @return the algorithm, or null if it is not one we know.
     */
    public static DigestAlgorithm fromToken(final String token)
    {
        if (token == null || token.isEmpty())
        {
            return MD5;
        }
        for (final DigestAlgorithm algorithm : values())
        {
            if (algorithm.token.equalsIgnoreCase(token))
            {
                return algorithm;
            }
        }
        return null;
    }

    /** H(data) as lower-case hex, the form used throughout RFC 2617 §3.2.2.1. */
    public String hashHex(final String data)
    {
        final MessageDigest digest = newDigest();
        final byte[] hash = digest.digest(data.getBytes(StandardCharsets.UTF_8));
        final char[] out = new char[hash.length * 2];
        for (int i = 0; i < hash.length; i++)
        {
            out[2 * i] = HEX[(hash[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[hash[i] & 0xF];
        }
        return new String(out);
    }

    private MessageDigest newDigest()
    {
        try
        {
            return MessageDigest.getInstance(jcaName);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("every Java platform has " + jcaName, ex);
        }
    }
}

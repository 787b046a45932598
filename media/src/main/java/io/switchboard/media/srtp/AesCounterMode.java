package io.switchboard.media.srtp;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;

/**
 * AES in counter mode as SRTP uses it (RFC 3711 §4.1.1): the IV is {@code salt * 2^16 XOR SSRC * 2^64 XOR index *
 * 2^16} and the keystream is XORed over the bytes in place. One instance per context (it keeps its cipher and IV).
 */
final class AesCounterMode
{
    private final Cipher cipher;
    private final byte[] iv = new byte[16];

    AesCounterMode()
    {
        try
        {
            cipher = Cipher.getInstance("AES/CTR/NoPadding");
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("AES-CTR is part of every JDK", ex);
        }
    }

    /** Encrypts or decrypts (the same operation) {@code count} bytes at {@code from}, with a 14-octet salt. */
    void crypt(final SecretKeySpec key, final byte[] salt, final int ssrc, final long index, final byte[] bytes,
        final int from, final int count)
    {
        if (count <= 0)
        {
            return;
        }
        System.arraycopy(salt, 0, iv, 0, 14);
        iv[14] = 0;
        iv[15] = 0;
        for (int i = 0; i < 4; i++)
        {
            iv[4 + i] ^= (byte)(ssrc >>> 24 - 8 * i);
        }
        for (int i = 0; i < 6; i++)
        {
            iv[8 + i] ^= (byte)(index >>> 40 - 8 * i);
        }
        try
        {
            cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
            cipher.doFinal(bytes, from, count, bytes, from);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}

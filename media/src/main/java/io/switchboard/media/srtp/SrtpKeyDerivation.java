package io.switchboard.media.srtp;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;

/**
 * RFC 3711 §4.3: the session keys from a master key and salt with the AES-CM PRF, key derivation rate 0 (what DTLS-SRTP
 * uses: one derivation per session). {@code x = label << 48 XOR master salt} (the label right-aligned in the
 * 14-octet salt at octet 7), the PRF's output the AES-CTR keystream from {@code x * 2^16}.
 */
public final class SrtpKeyDerivation
{
    /** §4.3.1 and §4.3.2 labels. */
    public static final int RTP_ENCRYPTION = 0x00;
    public static final int RTP_AUTHENTICATION = 0x01;
    public static final int RTP_SALT = 0x02;
    public static final int RTCP_ENCRYPTION = 0x03;
    public static final int RTCP_AUTHENTICATION = 0x04;
    public static final int RTCP_SALT = 0x05;

    private SrtpKeyDerivation()
    {
    }

    /** {@code length} octets of the session key, salt or authentication key of {@code label}. */
    public static byte[] derive(final byte[] masterKey, final byte[] masterSalt, final int label, final int length)
    {
        final byte[] iv = new byte[16];
        System.arraycopy(masterSalt, 0, iv, 0, Math.min(masterSalt.length, 14));
        iv[7] ^= (byte)label;
        try
        {
            final Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(masterKey, "AES"), new IvParameterSpec(iv));
            return aes.doFinal(new byte[length]);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalArgumentException("cannot derive SRTP keys: " + ex.getMessage(), ex);
        }
    }
}

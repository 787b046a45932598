package io.switchboard.media.srtp;

/**
 * The one protection profile this stack speaks: {@code SRTP_AES128_CM_HMAC_SHA1_80} (RFC 5764 §4.1.2, id 0x0001):
 * 128-bit AES counter mode, a 112-bit salt, HMAC-SHA1 with a 160-bit key truncated to an 80-bit tag on SRTP and
 * SRTCP. What Chrome and Firefox accept from a DTLS-SRTP server that offers only it.
 */
public final class SrtpPolicy
{
    public static final int PROFILE_ID = 0x0001;
    public static final int KEY_LENGTH = 16;
    public static final int SALT_LENGTH = 14;
    public static final int AUTH_KEY_LENGTH = 20;
    public static final int TAG_LENGTH = 10;
    /** What protect adds to an RTP packet (the tag) and to an RTCP one (E flag and index, then the tag). */
    public static final int RTP_OVERHEAD = TAG_LENGTH;
    public static final int RTCP_OVERHEAD = 4 + TAG_LENGTH;

    private SrtpPolicy()
    {
    }
}

package io.switchboard.media.srtp;

import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * One direction of an SRTP session (RFC 3711) with {@link SrtpPolicy}: what we send to a browser ({@link #protectRtp},
 * {@link #protectRtcp}) or what it sends us ({@link #unprotectRtp}, {@link #unprotectRtcp}), each in place in the
 * packet's own buffer. Per SSRC it keeps the rollover counter and highest sequence number (§3.3.1, the estimate of
 * Appendix A) and a 64-packet replay window (§3.3.2) for SRTP and another for SRTCP. A packet that fails its tag,
 * replays or is too old is refused (a negative result) and changes nothing. Owned by the leg's event loop.
 */
public final class SrtpContext
{
    /** Results of unprotect below zero. */
    public static final int MALFORMED = -1;
    public static final int AUTHENTICATION_FAILED = -2;
    public static final int REPLAYED = -3;

    private static final int WINDOW = 64;

    private final SecretKeySpec rtpKey;
    private final byte[] rtpSalt;
    private final SecretKeySpec rtcpKey;
    private final byte[] rtcpSalt;
    private final Mac rtpMac;
    private final Mac rtcpMac;
    private final AesCounterMode aesCm = new AesCounterMode();
    private final byte[] tag = new byte[20];
    private final byte[] word = new byte[4];
    private final SsrcStates streams = new SsrcStates();

    private SrtpContext(final byte[] masterKey, final byte[] masterSalt) throws GeneralSecurityException
    {
        rtpKey = new SecretKeySpec(SrtpKeyDerivation.derive(masterKey, masterSalt, SrtpKeyDerivation.RTP_ENCRYPTION,
            SrtpPolicy.KEY_LENGTH), "AES");
        rtpSalt = SrtpKeyDerivation.derive(masterKey, masterSalt, SrtpKeyDerivation.RTP_SALT, SrtpPolicy.SALT_LENGTH);
        rtcpKey = new SecretKeySpec(SrtpKeyDerivation.derive(masterKey, masterSalt,
            SrtpKeyDerivation.RTCP_ENCRYPTION, SrtpPolicy.KEY_LENGTH), "AES");
        rtcpSalt = SrtpKeyDerivation.derive(masterKey, masterSalt, SrtpKeyDerivation.RTCP_SALT,
            SrtpPolicy.SALT_LENGTH);
        rtpMac = mac(SrtpKeyDerivation.derive(masterKey, masterSalt, SrtpKeyDerivation.RTP_AUTHENTICATION,
            SrtpPolicy.AUTH_KEY_LENGTH));
        rtcpMac = mac(SrtpKeyDerivation.derive(masterKey, masterSalt, SrtpKeyDerivation.RTCP_AUTHENTICATION,
            SrtpPolicy.AUTH_KEY_LENGTH));
    }

    /** A context keyed with a 16-octet master key and 14-octet master salt (DTLS-SRTP's exported material). */
    public static SrtpContext of(final byte[] masterKey, final byte[] masterSalt)
    {
        if (masterKey.length != SrtpPolicy.KEY_LENGTH || masterSalt.length != SrtpPolicy.SALT_LENGTH)
        {
            throw new IllegalArgumentException("AES_CM_128_HMAC_SHA1_80 takes a 16-octet key and a 14-octet salt");
        }
        try
        {
            return new SrtpContext(masterKey, masterSalt);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("AES-CTR and HMAC-SHA1 are part of every JDK", ex);
        }
    }

    private static Mac mac(final byte[] key) throws GeneralSecurityException
    {
        final Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key, "HmacSHA1"));
        return mac;
    }

    /**
     * Encrypts the payload and appends the tag (§3.1): {@code bytes} must have {@link SrtpPolicy#RTP_OVERHEAD} octets
     * free after the packet. Returns the SRTP packet's length, or {@link #MALFORMED}.
     */
    public int protectRtp(final byte[] bytes, final int offset, final int length)
    {
        final int header = RtpHeaderLength.of(bytes, offset, length);
        if (header < 0 || bytes.length - offset - length < SrtpPolicy.RTP_OVERHEAD)
        {
            return MALFORMED;
        }
        final SsrcStates.State state = streams.get(ssrc(bytes, offset));
        final int seq = seq(bytes, offset);
        final int roc = state.sending(seq);
        crypt(rtpKey, rtpSalt, ssrc(bytes, offset), (long)roc << 16 | seq, bytes, offset + header, length - header);
        authenticate(rtpMac, bytes, offset, length, roc, true);
        System.arraycopy(tag, 0, bytes, offset + length, SrtpPolicy.TAG_LENGTH);
        return length + SrtpPolicy.TAG_LENGTH;
    }

    /** Checks the tag, refuses replays, decrypts in place (§3.3); the RTP packet's length or a negative result. */
    public int unprotectRtp(final byte[] bytes, final int offset, final int length)
    {
        final int plain = length - SrtpPolicy.TAG_LENGTH;
        final int header = plain < 12 ? -1 : RtpHeaderLength.of(bytes, offset, plain);
        if (header < 0)
        {
            return MALFORMED;
        }
        final int ssrc = ssrc(bytes, offset);
        final SsrcStates.State state = streams.get(ssrc);
        final int seq = seq(bytes, offset);
        final int roc = state.estimateRoc(seq);
        final long index = (long)roc << 16 | seq;
        if (!state.rtpWindow.fresh(index))
        {
            return REPLAYED;
        }
        authenticate(rtpMac, bytes, offset, plain, roc, true);
        if (!MessageDigest.isEqual(tagBytes(), java.util.Arrays.copyOfRange(bytes, offset + plain, offset + length)))
        {
            return AUTHENTICATION_FAILED;
        }
        crypt(rtpKey, rtpSalt, ssrc, index, bytes, offset + header, plain - header);
        state.received(roc, seq);
        state.rtpWindow.accept(index);
        return plain;
    }

    /**
     * Encrypts an RTCP compound packet after its first 8 octets and appends E=1 with the SRTCP index, then the tag
     * (§3.4): {@code bytes} must have {@link SrtpPolicy#RTCP_OVERHEAD} octets free. The new length, or MALFORMED.
     */
    public int protectRtcp(final byte[] bytes, final int offset, final int length)
    {
        if (length < 8 || bytes.length - offset - length < SrtpPolicy.RTCP_OVERHEAD)
        {
            return MALFORMED;
        }
        final int ssrc = rtcpSsrc(bytes, offset);
        final int index = streams.get(ssrc).nextRtcpIndex();
        crypt(rtcpKey, rtcpSalt, ssrc, index, bytes, offset + 8, length - 8);
        writeInt(bytes, offset + length, 0x80000000 | index);
        authenticate(rtcpMac, bytes, offset, length + 4, 0, false);
        System.arraycopy(tag, 0, bytes, offset + length + 4, SrtpPolicy.TAG_LENGTH);
        return length + SrtpPolicy.RTCP_OVERHEAD;
    }

    /** Checks, refuses replays, decrypts in place; the RTCP packet's length or a negative result. */
    public int unprotectRtcp(final byte[] bytes, final int offset, final int length)
    {
        final int plain = length - SrtpPolicy.RTCP_OVERHEAD;
        if (plain < 8)
        {
            return MALFORMED;
        }
        final int trailer = readInt(bytes, offset + plain);
        final int index = trailer & 0x7FFFFFFF;
        final SsrcStates.State state = streams.get(rtcpSsrc(bytes, offset));
        if (!state.rtcpWindow.fresh(index))
        {
            return REPLAYED;
        }
        authenticate(rtcpMac, bytes, offset, plain + 4, 0, false);
        if (!MessageDigest.isEqual(tagBytes(), java.util.Arrays.copyOfRange(bytes, offset + plain + 4,
            offset + length)))
        {
            return AUTHENTICATION_FAILED;
        }
        if (trailer < 0)
        {
            crypt(rtcpKey, rtcpSalt, rtcpSsrc(bytes, offset), index, bytes, offset + 8, plain - 8);
        }
        state.rtcpWindow.accept(index);
        return plain;
    }

    private void crypt(final SecretKeySpec key, final byte[] salt, final int ssrc, final long index,
        final byte[] bytes, final int from, final int count)
    {
        aesCm.crypt(key, salt, ssrc, index, bytes, from, count);
    }

    /** HMAC-SHA1 over the authenticated portion, and the ROC after it for SRTP (§4.2), into {@link #tag}. */
    private void authenticate(final Mac mac, final byte[] bytes, final int offset, final int length, final int roc,
        final boolean withRoc)
    {
        mac.update(bytes, offset, length);
        if (withRoc)
        {
            writeInt(word, 0, roc);
            mac.update(word, 0, 4);
        }
        try
        {
            mac.doFinal(tag, 0);
        }
        catch (final ShortBufferException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private byte[] tagBytes()
    {
        return java.util.Arrays.copyOf(tag, SrtpPolicy.TAG_LENGTH);
    }

    private static int seq(final byte[] bytes, final int offset)
    {
        return (bytes[offset + 2] & 0xFF) << 8 | bytes[offset + 3] & 0xFF;
    }

    /** The SSRC of an RTP packet (octets 8-11). */
    private static int ssrc(final byte[] bytes, final int offset)
    {
        return readInt(bytes, offset + 8);
    }

    /** The sender's SSRC of an RTCP packet (octets 4-7). */
    private static int rtcpSsrc(final byte[] bytes, final int offset)
    {
        return readInt(bytes, offset + 4);
    }

    private static int readInt(final byte[] bytes, final int at)
    {
        return (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8
            | bytes[at + 3] & 0xFF;
    }

    private static void writeInt(final byte[] bytes, final int at, final int value)
    {
        bytes[at] = (byte)(value >>> 24);
        bytes[at + 1] = (byte)(value >>> 16);
        bytes[at + 2] = (byte)(value >>> 8);
        bytes[at + 3] = (byte)value;
    }
}

package io.switchboard.media.ice;

import javax.crypto.Mac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * A received STUN message (RFC 5389 §6), read in place from the bytes of one datagram: its class and method, its
 * transaction id, and the attributes connectivity checks carry (USERNAME, MESSAGE-INTEGRITY, FINGERPRINT, PRIORITY,
 * USE-CANDIDATE, ICE-CONTROLLING/CONTROLLED). {@link #parse} refuses (null) anything that is not a well-formed STUN
 * message: wrong first bits, a length that is not the datagram's, a missing magic cookie, an attribute that runs past
 * the end, an attribute after FINGERPRINT, or after MESSAGE-INTEGRITY other than FINGERPRINT (§15.4).
 */
public final class StunMessage
{
    static final int HEADER = 20;
    static final int MAGIC_COOKIE = 0x2112A442;
    static final int FINGERPRINT_XOR = 0x5354554E;

    public static final int BINDING_REQUEST = 0x0001;
    public static final int BINDING_SUCCESS = 0x0101;
    public static final int BINDING_ERROR = 0x0111;
    public static final int BINDING_INDICATION = 0x0011;

    static final int MAPPED_ADDRESS = 0x0001;
    static final int USERNAME = 0x0006;
    static final int MESSAGE_INTEGRITY = 0x0008;
    static final int ERROR_CODE = 0x0009;
    static final int XOR_MAPPED_ADDRESS = 0x0020;
    static final int PRIORITY = 0x0024;
    static final int USE_CANDIDATE = 0x0025;
    static final int SOFTWARE = 0x8022;
    static final int FINGERPRINT = 0x8028;
    static final int ICE_CONTROLLED = 0x8029;
    static final int ICE_CONTROLLING = 0x802A;

    private final byte[] bytes;
    private final int offset;
    private final int length;
    private final int type;
    private int username = -1;
    private int usernameLength;
    private int integrity = -1;
    private int fingerprint = -1;
    private long priority = -1;
    private boolean useCandidate;
    private boolean controlling;

    private StunMessage(final byte[] bytes, final int offset, final int length)
    {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.type = u16(offset);
    }

    /** Whether a datagram starting with this byte is STUN by RFC 7983's demultiplexing (0-3). */
    public static boolean isStun(final int firstByte)
    {
        return (firstByte & 0xFF) < 4;
    }

    /** The message in {@code bytes[offset, offset + length)}, or null if it is not well-formed STUN. */
    public static StunMessage parse(final byte[] bytes, final int offset, final int length)
    {
        if (length < HEADER || (bytes[offset] & 0xC0) != 0)
        {
            return null;
        }
        final StunMessage message = new StunMessage(bytes, offset, length);
        if (message.u16(offset + 2) != length - HEADER || (length & 3) != 0
            || message.u32(offset + 4) != MAGIC_COOKIE || !message.readAttributes())
        {
            return null;
        }
        return message;
    }

    private boolean readAttributes()
    {
        int at = offset + HEADER;
        final int end = offset + length;
        while (at < end)
        {
            if (at + 4 > end || fingerprint >= 0)
            {
                return false;
            }
            final int attribute = u16(at);
            final int size = u16(at + 2);
            final int value = at + 4;
            if (value + size > end || integrity >= 0 && attribute != FINGERPRINT)
            {
                return false;
            }
            read(attribute, value, size);
            at = value + (size + 3 & ~3);
        }
        return at == end;
    }

    private void read(final int attribute, final int value, final int size)
    {
        switch (attribute)
        {
            case USERNAME -> {
                username = value;
                usernameLength = size;
            }
            case MESSAGE_INTEGRITY -> integrity = size == 20 ? value - 4 : Integer.MAX_VALUE;
            case FINGERPRINT -> fingerprint = size == 4 ? value - 4 : Integer.MAX_VALUE;
            case PRIORITY -> priority = size == 4 ? u32(value) & 0xFFFFFFFFL : -1;
            case USE_CANDIDATE -> useCandidate = true;
            case ICE_CONTROLLING -> controlling = true;
            default -> {
                // Comprehension-optional or unknown: ignored (a request with an unknown comprehension-required
                // attribute would deserve 420; browsers send none in checks).
            }
        }
    }

    public int type()
    {
        return type;
    }

    public boolean isBindingRequest()
    {
        return type == BINDING_REQUEST;
    }

    /** The 12-byte transaction id, copied. */
    public byte[] transactionId()
    {
        return Arrays.copyOfRange(bytes, offset + 8, offset + HEADER);
    }

    /** USERNAME as UTF-8, or null. */
    public String username()
    {
        return username < 0 ? null : new String(bytes, username, usernameLength, StandardCharsets.UTF_8);
    }

    public long priority()
    {
        return priority;
    }

    public boolean useCandidate()
    {
        return useCandidate;
    }

    /** The sender says it is the controlling agent (a browser facing an ICE-lite server always is). */
    public boolean controlling()
    {
        return controlling;
    }

    public boolean hasIntegrity()
    {
        return integrity >= 0 && integrity != Integer.MAX_VALUE;
    }

    /**
     * Checks MESSAGE-INTEGRITY (RFC 5389 §15.4): HMAC-SHA1 with {@code mac} (keyed with the short-term password)
     * over the message up to the attribute, with the header's length covering the attribute itself.
     */
    public boolean integrityMatches(final Mac mac)
    {
        if (!hasIntegrity())
        {
            return false;
        }
        mac.reset();
        final int covered = integrity - offset + 24 - HEADER;
        mac.update(bytes, offset, 2);
        mac.update((byte)(covered >>> 8));
        mac.update((byte)covered);
        mac.update(bytes, offset + 4, integrity - offset - 4);
        final byte[] expected = mac.doFinal();
        return MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, integrity + 4, integrity + 24));
    }

    /** FINGERPRINT absent, or right (RFC 5389 §15.5): CRC-32 of what precedes it, XOR 0x5354554E. */
    public boolean fingerprintMatches()
    {
        if (fingerprint < 0)
        {
            return true;
        }
        if (fingerprint == Integer.MAX_VALUE)
        {
            return false;
        }
        final CRC32 crc = new CRC32();
        crc.update(bytes, offset, fingerprint - offset);
        return ((int)crc.getValue() ^ FINGERPRINT_XOR) == u32(fingerprint + 4);
    }

    /** Whether it carried a FINGERPRINT (ICE requires one on every connectivity check). */
    public boolean hasFingerprint()
    {
        return fingerprint >= 0;
    }

    private int u16(final int at)
    {
        return (bytes[at] & 0xFF) << 8 | bytes[at + 1] & 0xFF;
    }

    private int u32(final int at)
    {
        return (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8
            | bytes[at + 3] & 0xFF;
    }
}

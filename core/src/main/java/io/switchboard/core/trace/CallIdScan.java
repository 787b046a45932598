package io.switchboard.core.trace;

import java.nio.charset.StandardCharsets;

/**
 * Finds the Call-ID header's value (RFC 3261 §20.8, compact form {@code i}) in a message's raw bytes without
 * parsing it or allocating, so that the trace can tag what the transports send, of which it sees bytes only.
 */
final class CallIdScan
{
    /** FNV-1a 64's offset basis and prime. */
    private static final long FNV_BASIS = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private CallIdScan()
    {
    }

    /**
     * The value's position: {@code start << 32 | end} (end exclusive), or -1 when the headers have no Call-ID.
     */
    static long find(final byte[] bytes, final int offset, final int length)
    {
        final int limit = offset + length;
        int line = offset;
        while (line < limit)
        {
            if (bytes[line] == '\r' || bytes[line] == '\n')
            {
                return -1;
            }
            final int colon = nameEnd(bytes, line, limit);
            if (colon > 0)
            {
                int start = colon + 1;
                while (start < limit && (bytes[start] == ' ' || bytes[start] == '\t'))
                {
                    start++;
                }
                int end = start;
                while (end < limit && bytes[end] != '\r' && bytes[end] != '\n')
                {
                    end++;
                }
                while (end > start && (bytes[end - 1] == ' ' || bytes[end - 1] == '\t'))
                {
                    end--;
                }
                return (long)start << 32 | end;
            }
            while (line < limit && bytes[line] != '\n')
            {
                line++;
            }
            line++;
        }
        return -1;
    }

    /** The colon's index when the line starting at {@code line} is a Call-ID header, else -1. */
    private static int nameEnd(final byte[] bytes, final int line, final int limit)
    {
        int i = line;
        if (matches(bytes, i, limit, "call-id"))
        {
            i += 7;
        }
        else if (i < limit && (bytes[i] | 0x20) == 'i')
        {
            i++;
        }
        else
        {
            return -1;
        }
        while (i < limit && (bytes[i] == ' ' || bytes[i] == '\t'))
        {
            i++;
        }
        return i < limit && bytes[i] == ':' ? i : -1;
    }

    private static boolean matches(final byte[] bytes, final int at, final int limit, final String lowerName)
    {
        if (at + lowerName.length() > limit)
        {
            return false;
        }
        for (int k = 0; k < lowerName.length(); k++)
        {
            if ((bytes[at + k] | 0x20) != lowerName.charAt(k) && !(lowerName.charAt(k) == '-' && bytes[at + k] == '-'))
            {
                return false;
            }
        }
        return true;
    }

    /** The Call-ID's hash (FNV-1a 64 over its bytes), or 0 when there is none. */
    static long hash(final byte[] bytes, final int offset, final int length)
    {
        final long span = find(bytes, offset, length);
        return span < 0 ? 0 : hashRange(bytes, (int)(span >>> 32), (int)span);
    }

    static long hashRange(final byte[] bytes, final int start, final int end)
    {
        long h = FNV_BASIS;
        for (int i = start; i < end; i++)
        {
            h = (h ^ (bytes[i] & 0xff)) * FNV_PRIME;
        }
        return h == 0 ? 1 : h;
    }

    /** The hash of a Call-ID given as text, equal to the one of the same value in a message. */
    static long hash(final String callId)
    {
        final byte[] bytes = callId.getBytes(StandardCharsets.UTF_8);
        return hashRange(bytes, 0, bytes.length);
    }

    /** The Call-ID as text, or null. */
    static String value(final byte[] bytes, final int offset, final int length)
    {
        final long span = find(bytes, offset, length);
        return span < 0 ? null : new String(bytes, (int)(span >>> 32), (int)span - (int)(span >>> 32),
            StandardCharsets.UTF_8);
    }
}

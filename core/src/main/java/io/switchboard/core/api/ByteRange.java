package io.switchboard.core.api;

import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.Map;

/**
 * One range of a file's bytes asked for by a {@code Range} header (RFC 9110 §14.1.2): {@code bytes=first-last},
 * {@code bytes=first-} or {@code bytes=-suffix}, so that a browser's {@code <audio>} seeks in a recording without
 * loading it whole. Several ranges in one header are answered as the whole file (RFC 9110 lets a server ignore
 * Range); a range that starts past the end is 416 with {@code Content-Range: bytes *}{@code /size}. An open range
 * ({@code first-}) is answered with at most {@link #OPEN_CHUNK} bytes: the browser asks for the rest as it plays,
 * and no request holds a whole long recording in memory.
 *
 * @param first the first byte, from 0
 * @param last  the last byte, inclusive
 * @param size  the file's size
 */
public record ByteRange(long first, long last, long size)
{
    /** The most bytes an open range ({@code bytes=N-}) is answered with. */
    public static final long OPEN_CHUNK = 1 << 20;

    /** How many bytes the range holds. */
    public long length()
    {
        return last - first + 1;
    }

    /** The {@code Content-Range} header's value. */
    public String contentRange()
    {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /**
     * The range a header asks for in a file of {@code size} bytes; null for none (no header, an unknown unit or
     * several ranges: the whole file). Throws 416 {@code range_not_satisfiable} for a range outside the file, 400
     * for a malformed one.
     */
    public static ByteRange parse(final String header, final long size)
    {
        if (header == null || header.isBlank())
        {
            return null;
        }
        final String value = header.trim();
        if (!value.regionMatches(true, 0, "bytes=", 0, 6) || value.indexOf(',') >= 0)
        {
            return null;
        }
        final String spec = value.substring(6).trim();
        final int dash = spec.indexOf('-');
        if (dash < 0)
        {
            throw ApiException.badRequest("Range must be bytes=first-last, bytes=first- or bytes=-suffix");
        }
        final long first = number(spec.substring(0, dash));
        final long last = number(spec.substring(dash + 1));
        if (first < 0 && last < 0)
        {
            throw ApiException.badRequest("Range must be bytes=first-last, bytes=first- or bytes=-suffix");
        }
        if (first < 0)
        {
            if (last == 0 || size == 0)
            {
                throw unsatisfiable(size);
            }
            return new ByteRange(Math.max(0, size - last), size - 1, size);
        }
        if (first >= size || last >= 0 && last < first)
        {
            throw unsatisfiable(size);
        }
        final long end = last < 0 ? Math.min(size - 1, first + OPEN_CHUNK - 1) : Math.min(size - 1, last);
        return new ByteRange(first, end, size);
    }

    /** A position of the spec: -1 when empty, else digits only (400 otherwise). */
    private static long number(final String text)
    {
        final String digits = text.trim();
        if (digits.isEmpty())
        {
            return -1;
        }
        if (digits.length() > 18 || !digits.chars().allMatch(Character::isDigit))
        {
            throw ApiException.badRequest("Range positions must be whole numbers of bytes");
        }
        return Long.parseLong(digits);
    }

    private static ApiException unsatisfiable(final long size)
    {
        return new ApiException(HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "range_not_satisfiable",
            "the recording has " + size + " bytes", Map.of("Content-Range", "bytes */" + size));
    }
}

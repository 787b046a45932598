package io.switchboard.sip.transport;

import io.netty.buffer.ByteBuf;
import io.switchboard.sip.message.HeaderLines;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What framing needs from a header block: where it ends, how many header fields it has, and the body length from
 * Content-Length or its compact form {@code l} (RFC 3261 §7.5, §18.3, §20.14). Shared by the datagram decoder
 * and the stream framer.
 *
 * @param headers       header fields (lines, continuations not counted), start line excluded
 * @param contentLength body length, or {@link #MISSING} or {@link #INVALID}
 */
record HeaderBlock(int headers, int contentLength)
{
    static final int MISSING = -1;
    static final int INVALID = -2;

    /**
     * The index just after the blank line ending the headers (CRLFCRLF, tolerating bare LFs), searching
     * {@code [from, to)}, or -1 when not there yet.
     */
    static int endOfHeaders(final ByteBuf buf, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            if (buf.getByte(i) != '\n')
            {
                continue;
            }
            if (i + 1 < to && buf.getByte(i + 1) == '\n')
            {
                return i + 2;
            }
            if (i + 2 < to && buf.getByte(i + 1) == '\r' && buf.getByte(i + 2) == '\n')
            {
                return i + 3;
            }
        }
        return -1;
    }

    /** Scans the header block {@code [start, start + length)}: start line, headers and the blank line. */
    static HeaderBlock scan(final ByteBuf buf, final int start, final int length)
    {
        final List<String> lines = HeaderLines.unfold(buf.toString(start, length, StandardCharsets.ISO_8859_1));
        int contentLength = MISSING;
        for (int i = 1; i < lines.size(); i++)
        {
            final String line = lines.get(i);
            final int colon = line.indexOf(':');
            if (colon <= 0 || !isContentLength(line, colon))
            {
                continue;
            }
            final int value = parseLength(line.substring(colon + 1).trim());
            if (value == INVALID || (contentLength != MISSING && contentLength != value))
            {
                return new HeaderBlock(lines.size() - 1, INVALID);
            }
            contentLength = value;
        }
        return new HeaderBlock(lines.size() - 1, contentLength);
    }

    private static boolean isContentLength(final String line, final int colon)
    {
        final String name = line.substring(0, colon).trim();
        return name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("l");
    }

    private static int parseLength(final String value)
    {
        if (value.isEmpty() || value.length() > 9)
        {
            return INVALID;
        }
        int n = 0;
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c < '0' || c > '9')
            {
                return INVALID;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}

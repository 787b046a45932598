package io.switchboard.sip.message;

import java.nio.charset.StandardCharsets;

/**
 * Two RFC 3261 rules the RI lets through, checked on the raw header block (one pass, no copy of the block, a name
 * decoded only for lines that start with a letter one of the names below starts with):
 * <ul>
 *   <li>a header that takes one value appears once (§7.3.1: only comma-separated lists may repeat; RFC 4475
 *   §3.3.8 "multiple values in single-value required fields" and §3.3.9 "multiple Content-Length values");</li>
 *   <li>the display name of From and To is a quoted string or tokens (§25.1 {@code display-name}): the RI reads
 *   {@code From: Bell, Alexander <sip:...>} as if it were quoted, RFC 4475 §3.1.2.15 says to refuse it.</li>
 * </ul>
 */
final class HeaderBlockChecks
{
    private static final String[] NAMES = {"From", "To", "Call-ID", "CSeq", "Max-Forwards", "Content-Type",
        "Content-Length"};
    private static final int FROM = 0;
    private static final int TO = 1;
    /** Longer than any name above (with spaces before the colon), so a longer header name is never decoded. */
    private static final int LONGEST = 16;
    /** RFC 3261 §25.1 token characters besides alphanumerics. */
    private static final String TOKEN_MARKS = "-.!%*_+`'~";

    private HeaderBlockChecks()
    {
    }

    /**
     * What is wrong with the header block in {@code bytes[0..end)} (the start line and the headers), as a reason
     * for a 400, or null.
     */
    static String problem(final byte[] bytes, final int end)
    {
        int seen = 0;
        boolean startLine = true;
        for (int i = 0; i < end; i++)
        {
            if (startLine || bytes[i - 1] != '\n')
            {
                startLine = startLine && bytes[i] != '\n';
                continue;
            }
            final int colon = colon(bytes, i, end);
            final int index = colon < 0 ? -1 : indexOf(bytes, i, colon);
            if (index < 0)
            {
                continue;
            }
            if ((seen & 1 << index) != 0)
            {
                return "More than one " + NAMES[index];
            }
            seen |= 1 << index;
            if ((index == FROM || index == TO) && !displayNameIsWellFormed(bytes, colon + 1, end))
            {
                return "Malformed " + NAMES[index] + " display name";
            }
        }
        return null;
    }

    /** Where the name of the header line starting at {@code start} ends, if it may be one of ours; else -1. */
    private static int colon(final byte[] bytes, final int start, final int end)
    {
        final byte first = (byte)(bytes[start] | 0x20);
        if (first != 'f' && first != 't' && first != 'c' && first != 'i' && first != 'm' && first != 'l')
        {
            return -1;
        }
        int colon = start;
        while (colon < end && bytes[colon] != ':' && bytes[colon] != '\n' && colon - start < LONGEST)
        {
            colon++;
        }
        return colon < end && bytes[colon] == ':' ? colon : -1;
    }

    private static int indexOf(final byte[] bytes, final int start, final int colon)
    {
        final String name = HeaderNames.canonical(new String(bytes, start, colon - start, StandardCharsets.US_ASCII));
        for (int n = 0; n < NAMES.length; n++)
        {
            if (NAMES[n].equals(name))
            {
                return n;
            }
        }
        return -1;
    }

    /**
     * Whatever stands before a {@code <} on the value's first line is a quoted string or tokens and spaces. A value
     * without {@code <} on its first line (an addr-spec, a folded value) is left to the RI.
     */
    private static boolean displayNameIsWellFormed(final byte[] bytes, final int from, final int end)
    {
        int i = from;
        while (i < end && (bytes[i] == ' ' || bytes[i] == '\t'))
        {
            i++;
        }
        if (i < end && bytes[i] == '"')
        {
            return true;
        }
        for (int j = i; j < end && bytes[j] != '\r' && bytes[j] != '\n'; j++)
        {
            if (bytes[j] == '<')
            {
                return isTokensAndSpaces(bytes, i, j);
            }
        }
        return true;
    }

    private static boolean isTokensAndSpaces(final byte[] bytes, final int from, final int to)
    {
        for (int k = from; k < to; k++)
        {
            final char c = (char)(bytes[k] & 0xff);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ' ' || c == '\t'
                || TOKEN_MARKS.indexOf(c) >= 0))
            {
                return false;
            }
        }
        return true;
    }
}

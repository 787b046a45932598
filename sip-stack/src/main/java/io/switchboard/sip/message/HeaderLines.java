package io.switchboard.sip.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the start line and header block of a raw message into lines (RFC 3261 §7.3.1), for the simple scans
 * done without the full parser: framing and answering malformed requests.
 */
public final class HeaderLines
{
    private HeaderLines()
    {
    }

    /**
     * The start line and header lines, with folded continuation lines (leading SP or HT) joined to the line before
     * by one space; skips leading empty lines and stops at the blank line ending the headers. CRLF or bare LF
     * both end a line.
     */
    public static List<String> unfold(final String text)
    {
        final List<String> lines = new ArrayList<>(16);
        int start = 0;
        while (start < text.length() && (text.charAt(start) == '\r' || text.charAt(start) == '\n'))
        {
            start++;
        }
        while (start < text.length())
        {
            int end = text.indexOf('\n', start);
            if (end < 0)
            {
                end = text.length();
            }
            final String line = text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end);
            start = end + 1;
            if (line.isEmpty())
            {
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !lines.isEmpty())
            {
                final int last = lines.size() - 1;
                lines.set(last, lines.get(last) + ' ' + line.trim());
            }
            else
            {
                lines.add(line);
            }
        }
        return lines;
    }
}

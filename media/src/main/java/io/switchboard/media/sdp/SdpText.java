package io.switchboard.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks SDP text line by line and rewrites it into what the JAIN-SIP parser accepts. The JAIN-SIP parser accepts
 * any text without a single valid line as an empty description, reports a bad line only as "Could not parse
 * message" (and prints a stack trace), rejects unknown line types although RFC 4566 §5 says to ignore them, and
 * truncates 20-digit session ids. So, here:
 * <ul>
 *   <li>CRLF, LF or CR line ends; blank lines and leading and trailing spaces go; runs of spaces become one;</li>
 *   <li>the first line must be {@code v=0} and there must be one well-formed {@code o=}, parsed here;</li>
 *   <li>{@code m=}, {@code c=} and {@code a=} lines are checked so that the error names the line;</li>
 *   <li>only the lines media anchoring reads are passed on ({@code v s c m a}): a broken {@code b=}, {@code t=} or
 *   unknown line cannot fail a call, and missing {@code s=} or {@code t=} lines do not matter.</li>
 * </ul>
 */
final class SdpText
{
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");
    private static final Pattern SPACES = Pattern.compile("[ \t]+");
    private static final Pattern TYPED = Pattern.compile("[a-z]=.*");
    private static final Pattern ORIGIN = Pattern.compile("o=(\\S+) (\\d+) (\\d+) IN IP[46] (\\S+)");
    // Tokens are limited to the characters real SDP uses: the JAIN-SIP lexer rejects others with a stack trace.
    private static final Pattern MEDIA =
        Pattern.compile("m=[\\w.-]+ (\\d{1,5})(/\\d+)? [\\w./-]+( [\\w.*-]+)+");
    private static final Pattern CONNECTION = Pattern.compile("c=IN IP[46] [\\w.:-]+(/\\d+){0,2}");
    private static final Pattern ATTRIBUTE = Pattern.compile("a=[\\w-]+(:.*)?");
    private static final String PASSED_ON = "vscma";

    private final Origin origin;
    private final String text;

    private SdpText(final Origin origin, final String text)
    {
        this.origin = origin;
        this.text = text;
    }

    static SdpText normalise(final String raw) throws SdpException
    {
        if (raw == null || raw.isBlank())
        {
            throw new SdpException("empty SDP body");
        }
        final List<String> lines = new ArrayList<>();
        Origin origin = null;
        int number = 0;
        for (final String rawLine : LINE_BREAK.split(raw))
        {
            number++;
            final String line = SPACES.matcher(rawLine.strip()).replaceAll(" ");
            if (line.isEmpty())
            {
                continue;
            }
            if (!TYPED.matcher(line).matches())
            {
                throw new SdpException("SDP line " + number + " is not <type>=<value>: " + abbreviate(line));
            }
            final char type = line.charAt(0);
            if (lines.isEmpty() ? !"v=0".equals(line) : type == 'v')
            {
                throw new SdpException(lines.isEmpty() ? "SDP does not start with v=0: " + abbreviate(line) :
                    "SDP line " + number + " repeats v=");
            }
            if (type == 'o')
            {
                origin = origin(line, origin);
            }
            checkLine(type, line);
            if (PASSED_ON.indexOf(type) >= 0)
            {
                lines.add(line);
            }
        }
        if (origin == null)
        {
            throw new SdpException("SDP without an o= line");
        }
        return new SdpText(origin, String.join("\r\n", lines) + "\r\n");
    }

    Origin origin()
    {
        return origin;
    }

    /** The checked lines, CRLF-terminated, without o= (parsed here instead). */
    String text()
    {
        return text;
    }

    private static Origin origin(final String line, final Origin previous) throws SdpException
    {
        if (previous != null)
        {
            throw new SdpException("SDP with more than one o= line");
        }
        final var matcher = ORIGIN.matcher(line);
        if (!matcher.matches())
        {
            throw new SdpException("malformed SDP origin: " + abbreviate(line));
        }
        return new Origin(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4));
    }

    private static void checkLine(final char type, final String line) throws SdpException
    {
        if (type == 'm')
        {
            final var matcher = MEDIA.matcher(line);
            if (!matcher.matches() || Integer.parseInt(matcher.group(1)) > 65535)
            {
                throw new SdpException("malformed SDP media line: " + abbreviate(line));
            }
        }
        else if (type == 'c' && !CONNECTION.matcher(line).matches())
        {
            throw new SdpException("malformed SDP connection line: " + abbreviate(line));
        }
        else if (type == 'a' && !ATTRIBUTE.matcher(line).matches())
        {
            throw new SdpException("malformed SDP attribute: " + abbreviate(line));
        }
    }

    /** Error messages quote the line, but a hostile body must not fill the log. */
    private static String abbreviate(final String line)
    {
        return line.length() <= 80 ? line : line.substring(0, 80) + "...";
    }
}

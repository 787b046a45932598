package io.switchboard.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Builds a {@code 400 Bad Request} for a request the parser rejected, from its raw bytes (RFC 3261 §8.2.6.2,
 * §21.4.1): if Via and CSeq can be found by simple line scans, the response copies them and whichever of Call-ID,
 * From and To there are (all Via values, in order, so it routes back per §18.2.2), adds a To tag when there is
 * none, and says in the reason phrase what was wrong, e.g. {@code "Bad Request (Malformed CSeq)"}.
 *
 * <p>Answers null, and the caller drops and counts, when Via or CSeq is missing, when the message is a response
 * (never answer a response, §8.1.3.1 drops bad ones) or an ACK (never answered, §17.1.1.3).
 * Stateless and thread-safe.
 */
public final class BadRequestResponder
{
    private static final Pattern TAG = Pattern.compile(";\\s*tag\\s*=", Pattern.CASE_INSENSITIVE);
    private static final int MAX_REASON = 100;

    /** The 400 for a malformed message, or null when it cannot or must not be answered. */
    public String respond(final Malformed malformed)
    {
        return respond(malformed.bytes(), malformed.status() == Malformed.VERSION_NOT_SUPPORTED ?
            null : malformed.reason(), malformed.status());
    }

    /**
     * The 400 for a malformed request, or null.
     *
     * @param raw    the bytes of the message as received
     * @param reason what was wrong, put in parentheses after "Bad Request"; may be null
     */
    public String respond(final byte[] raw, final String reason)
    {
        return respond(raw, reason, 400);
    }

    private String respond(final byte[] raw, final String reason, final int status)
    {
        final List<String> lines = HeaderLines.unfold(new String(raw, StandardCharsets.ISO_8859_1));
        if (lines.isEmpty() || !isAnswerableRequestLine(lines.get(0)))
        {
            return null;
        }
        final Copied copied = Copied.from(lines);
        if (copied.vias.isEmpty() || copied.cseq == null || copied.vias.contains("") || copied.cseq.isEmpty())
        {
            return null;
        }
        final StringBuilder sb = new StringBuilder(256);
        sb.append(status == Malformed.VERSION_NOT_SUPPORTED ? "SIP/2.0 505 Version Not Supported"
            : "SIP/2.0 400 " + reasonPhrase(reason)).append("\r\n");
        for (final String via : copied.vias)
        {
            sb.append("Via: ").append(via).append("\r\n");
        }
        // What is missing is left out (RFC 4475 §3.3.1 "ideally ... 400"): the client matches the answer by its Via
        // branch and CSeq method (RFC 3261 §17.1.3), which are there.
        if (copied.from != null && !copied.from.isEmpty())
        {
            sb.append("From: ").append(copied.from).append("\r\n");
        }
        if (copied.to != null && !copied.to.isEmpty())
        {
            sb.append("To: ").append(copied.to);
            if (!TAG.matcher(copied.to).find())
            {
                sb.append(";tag=").append(Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));
            }
            sb.append("\r\n");
        }
        if (copied.callId != null && !copied.callId.isEmpty())
        {
            sb.append("Call-ID: ").append(copied.callId).append("\r\n");
        }
        return sb.append("CSeq: ").append(copied.cseq).append("\r\nContent-Length: 0\r\n\r\n").toString();
    }

    /** The headers a response copies (RFC 3261 §8.2.6.2) from the raw lines: every Via, the first of others. */
    private static final class Copied
    {
        final List<String> vias = new ArrayList<>(2);
        String from;
        String to;
        String callId;
        String cseq;

        static Copied from(final List<String> lines)
        {
            final Copied copied = new Copied();
            for (int i = 1; i < lines.size(); i++)
            {
                final String line = lines.get(i);
                final int colon = line.indexOf(':');
                if (colon > 0)
                {
                    copied.take(HeaderNames.canonical(line.substring(0, colon)), line.substring(colon + 1).trim());
                }
            }
            return copied;
        }

        private static boolean hasControlCharacter(final String value)
        {
            for (int i = 0; i < value.length(); i++)
            {
                final char c = value.charAt(i);
                if (c < 0x20 && c != '\t' || c == 0x7F)
                {
                    return true;
                }
            }
            return false;
        }

        /**
         * A value with a control character (a bare CR, NUL; HT is whitespace) is never copied: a bare CR ends a
         * line for some parsers, so it would put a header of the sender's choosing into our answer (found by
         * {@code SipParserFuzzTest}, issue 19). Such a Via or CSeq leaves the request unanswerable; such a From, To
         * or Call-ID is left out like a missing one.
         */
        private void take(final String name, final String raw)
        {
            final String value = hasControlCharacter(raw) ? null : raw;
            switch (name)
            {
                case "Via" -> vias.add(value == null ? "" : value);
                case "From" -> from = from == null ? value : from;
                case "To" -> to = to == null ? value : to;
                case "Call-ID" -> callId = callId == null ? value : callId;
                case "CSeq" -> cseq = cseq == null ? (value == null ? "" : value) : cseq;
                default ->
                {
                }
            }
        }
    }

    /** The same as {@link #respond(byte[], String)}, as bytes ready for the wire, or null. */
    public byte[] respondBytes(final Malformed malformed)
    {
        final String text = respond(malformed);
        return text == null ? null : text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** "Bad Request" or "Bad Request (reason)", with control characters removed and the length capped. */
    static String reasonPhrase(final String reason)
    {
        if (reason == null || reason.isBlank())
        {
            return "Bad Request";
        }
        final StringBuilder sb = new StringBuilder("Bad Request (");
        final String trimmed = reason.trim();
        for (int i = 0; i < trimmed.length() && i < MAX_REASON; i++)
        {
            final char c = trimmed.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return sb.append(')').toString();
    }

    private static boolean isAnswerableRequestLine(final String line)
    {
        final int space = line.indexOf(' ');
        if (space <= 0 || line.regionMatches(true, 0, "SIP/", 0, 4))
        {
            return false;
        }
        final String method = line.substring(0, space);
        return !method.toUpperCase(Locale.ROOT).equals("ACK");
    }
}

package io.switchboard.sip.message;

import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.netty.util.concurrent.FastThreadLocal;

import java.text.ParseException;
import java.util.Arrays;

/**
 * {@link SipParser} over JAIN-SIP RI's {@code StringMsgParser}, plus the checks the RI lets through:
 * <ul>
 *   <li>the mandatory headers Via, CSeq, Call-ID, From and To (RFC 3261 §8.1.1; Max-Forwards is tolerated);</li>
 *   <li>at most one of each header that takes a single value, and From and To display names that are quoted or
 *       tokens ({@link HeaderBlockChecks});</li>
 *   <li>a Content-Length no larger than the body received (RFC 3261 §18.3: on UDP, a shorter body is an error;
 *       bytes beyond Content-Length are discarded).</li>
 * </ul>
 * Any header the RI cannot parse makes the whole message malformed, with the header's name in the reason, except
 * the informational headers the server never reads ({@link #IGNORED_WHEN_MALFORMED}: a non-GMT Date, RFC 4475
 * §3.1.2.12), which are left out of the parsed message instead. Whether a request's CSeq method matches its
 * Request-Line is checked after the method itself ({@code StatelessResponder}: an unknown method is 501 first).
 *
 * <p>The RI is asked not to read the body ({@code readBody = false}): when it does, it replaces the declared
 * Content-Length with the number of bytes left in the buffer, so neither a short body nor trailing bytes could be
 * seen any more. We take the body ourselves from {@link SIPMessage#getSize()} (where the RI stopped, just after the
 * empty line) for exactly Content-Length bytes. Without a Content-Length header the body is the rest of the
 * datagram (RFC 3261 §18.3; the TCP framer never passes a message without one).
 *
 * <p>{@code StringMsgParser} keeps per-parse state and is not thread-safe, so we keep one per thread in a Netty
 * {@link FastThreadLocal} (an indexed array read on event-loop threads). {@code SipParserBenchmark} in {@code bench}
 * found the reuse worth little: a new parser per call costs 16 to 48 more bytes per message and no time that two
 * cores could tell apart from noise, next to about 10 µs and 20 to 25 KB for the parse itself (bench/RESULTS.md).
 */
public final class JainSipParser implements SipParser
{
    private static final FastThreadLocal<StringMsgParser> PARSERS = new FastThreadLocal<>()
    {
        @Override
        protected StringMsgParser initialValue()
        {
            return new StringMsgParser();
        }
    };

    /** Headers nothing here reads: one that cannot be parsed is dropped, the message is not refused for it. */
    static final java.util.Set<String> IGNORED_WHEN_MALFORMED = java.util.Set.of("Date", "Subject", "Organization",
        "User-Agent", "Server", "Warning", "Timestamp", "Priority", "In-Reply-To");

    /** Aborts the parse at the first bad header, keeping which header it was, unless nothing reads that header. */
    private static final ParseExceptionListener STRICT = (ex, message, headerClass, headerText, messageText) ->
    {
        if (!IGNORED_WHEN_MALFORMED.contains(headerName(headerClass, headerText)))
        {
            throw new HeaderParseException(ex, headerClass, headerText);
        }
    };

    @Override
    public ParseResult parse(final byte[] bytes, final int offset, final int length)
    {
        final byte[] exact = offset == 0 && length == bytes.length ?
            bytes : Arrays.copyOfRange(bytes, offset, offset + length);
        final SIPMessage message;
        try
        {
            message = PARSERS.get().parseSIPMessage(exact, false, false, STRICT);
        }
        catch (final HeaderParseException ex)
        {
            return new Malformed("Malformed " + headerName(ex.headerClass, ex.headerText), exact);
        }
        catch (final ParseException | RuntimeException ex)
        {
            // the RI throws ParseException for a bad start line, and sometimes runtime exceptions on garbage
            return new Malformed(startLineIsBad(exact) ? "Malformed Request-Line" : "Malformed message", exact);
        }
        if (message == null)
        {
            return new Malformed("Empty message", exact);
        }
        if (message instanceof gov.nist.javax.sip.message.SIPRequest && !isSip20RequestLine(exact))
        {
            // the RI reads any version as 2.0: the request line's own bytes tell (RFC 4475 §3.1.2.16)
            return new Malformed("Version Not Supported", exact, Malformed.VERSION_NOT_SUPPORTED);
        }
        final String problem = MandatoryHeaders.problem(message, exact);
        return problem == null ? ParseResult.parsed(message) : new Malformed(problem, exact);
    }

    /** Whether the first line of a request ends in SIP/2.0 (trailing spaces allowed, RFC 4475 §3.1.2.10). */
    private static boolean isSip20RequestLine(final byte[] bytes)
    {
        int start = 0;
        while (start < bytes.length && (bytes[start] == '\r' || bytes[start] == '\n'))
        {
            start++; // CRLFs before a message are skipped (RFC 3261 §7.5)
        }
        int end = start;
        while (end < bytes.length && bytes[end] != '\n')
        {
            end++;
        }
        while (end > 0 && (bytes[end - 1] == '\r' || bytes[end - 1] == '\n' || bytes[end - 1] == ' '))
        {
            end--;
        }
        final byte[] version = {'S', 'I', 'P', '/', '2', '.', '0'};
        if (end < version.length)
        {
            return false;
        }
        for (int i = 0; i < version.length; i++)
        {
            if ((bytes[end - version.length + i] | (i < 3 ? 0x20 : 0)) != (version[i] | (i < 3 ? 0x20 : 0)))
            {
                return false;
            }
        }
        return true;
    }

    private static String headerName(final Class<?> headerClass, final String headerText)
    {
        if (headerClass == RequestLine.class)
        {
            return "Request-Line";
        }
        if (headerClass == StatusLine.class)
        {
            return "Status-Line";
        }
        if (headerText == null)
        {
            return "header";
        }
        final int colon = headerText.indexOf(':');
        return colon > 0 ? HeaderNames.canonical(headerText.substring(0, colon)) : "header";
    }

    private static boolean startLineIsBad(final byte[] bytes)
    {
        return bytes.length > 0 && bytes[0] != '\r' && bytes[0] != '\n';
    }

    private static final class HeaderParseException extends ParseException
    {
        private static final long serialVersionUID = 1L;
        private final transient Class<?> headerClass;
        private final String headerText;

        HeaderParseException(final ParseException cause, final Class<?> headerClass, final String headerText)
        {
            super(cause.getMessage(), cause.getErrorOffset());
            this.headerClass = headerClass;
            this.headerText = headerText;
        }

        @Override
        public synchronized Throwable fillInStackTrace()
        {
            return this;
        }
    }

    /** The RFC 3261 rules the RI does not enforce when parsing. */
    static final class MandatoryHeaders
    {
        private MandatoryHeaders()
        {
        }

        /** A short reason if the message breaks a rule, else null. */
        static String problem(final SIPMessage message, final byte[] bytes)
        {
            final StringBuilder missing = new StringBuilder();
            missing(message.getTopmostVia() == null, "Via", missing);
            missing(message.getCSeq() == null, "CSeq", missing);
            missing(message.getCallId() == null, "Call-ID", missing);
            missing(message.getFrom() == null, "From", missing);
            missing(message.getTo() == null, "To", missing);
            if (missing.length() > 0)
            {
                return "Missing " + missing;
            }
            final String raw = HeaderBlockChecks.problem(bytes, message.getSize() > 0 ? message.getSize()
                : bytes.length);
            if (raw != null)
            {
                return raw;
            }
            return attachBody(message, bytes);
        }

        private static void missing(final boolean absent, final String name, final StringBuilder missing)
        {
            if (absent)
            {
                missing.append(missing.length() == 0 ? "" : ", ").append(name);
            }
        }

        /** True if a Content-Length (or compact {@code l}) header line stands before {@code end}. */
        private static boolean hasContentLength(final byte[] bytes, final int end)
        {
            int line = 0;
            for (int i = 0; i < end; i++)
            {
                if (bytes[i] == '\n')
                {
                    line = i + 1;
                    continue;
                }
                if (i == line && (bytes[i] == 'l' || bytes[i] == 'L' || bytes[i] == 'c' || bytes[i] == 'C'))
                {
                    final String name = headerName(bytes, i, end);
                    if ("l".equals(name) || "content-length".equals(name))
                    {
                        return true;
                    }
                }
            }
            return false;
        }

        private static String headerName(final byte[] bytes, final int start, final int end)
        {
            int i = start;
            while (i < end && bytes[i] != ':' && bytes[i] != '\n' && i - start < 16)
            {
                i++;
            }
            if (i >= end || bytes[i] != ':')
            {
                return "";
            }
            return new String(bytes, start, i - start, java.nio.charset.StandardCharsets.US_ASCII).trim()
                .toLowerCase(java.util.Locale.ROOT);
        }

        /** Sets the body to exactly Content-Length bytes after the headers, or says why it cannot. */
        private static String attachBody(final SIPMessage message, final byte[] bytes)
        {
            final int bodyStart = message.getSize();
            if (bodyStart > 0 && bodyStart < bytes.length && !hasContentLength(bytes, bodyStart))
            {
                // RFC 3261 §18.3: on UDP a message without Content-Length ends with the datagram.
                final byte[] rest = Arrays.copyOfRange(bytes, bodyStart, bytes.length);
                message.setContentLength(new ContentLength(rest.length));
                message.setMessageContent(rest);
                return null;
            }
            final int declared = message.getContentLength() == null ? 0 : message.getContentLength().getContentLength();
            if (declared <= 0)
            {
                return null;
            }
            if (bodyStart < 0 || bodyStart > bytes.length || declared > bytes.length - bodyStart)
            {
                return "Content-Length larger than body";
            }
            message.setMessageContent(Arrays.copyOfRange(bytes, bodyStart, bodyStart + declared));
            return null;
        }
    }
}

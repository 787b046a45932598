package io.switchboard.sip.message;

import java.nio.charset.StandardCharsets;

/**
 * A message that could not be parsed or breaks RFC 3261 rules, with a short reason suitable for a 400 reason
 * phrase ("Malformed CSeq", "Missing Call-ID") and the raw bytes, from which {@link BadRequestResponder} may still
 * build an answer.
 *
 * @param reason short human readable reason, without CR or LF
 * @param bytes  the raw message as received (not copied: do not modify)
 * @param status the answer: 400, or 505 for a request in another SIP version than 2.0
 */
public record Malformed(String reason, byte[] bytes, int status) implements ParseResult
{
    /** A request in a SIP version other than 2.0 (RFC 3261 §21.5.7). */
    public static final int VERSION_NOT_SUPPORTED = 505;

    /** Malformed, to be answered with 400 if it can be. */
    public Malformed(final String reason, final byte[] bytes)
    {
        this(reason, bytes, 400);
    }

    /** True when the first non-empty line does not look like a status line (RFC 3261 §7.2 starts with "SIP/"). */
    public boolean isRequest()
    {
        int i = 0;
        while (i < bytes.length && (bytes[i] == '\r' || bytes[i] == '\n'))
        {
            i++;
        }
        return bytes.length - i >= 4 && !new String(bytes, i, 4, StandardCharsets.ISO_8859_1).equalsIgnoreCase("SIP/");
    }

    @Override
    public String toString()
    {
        return "Malformed[" + reason + ", " + bytes.length + " bytes]";
    }
}

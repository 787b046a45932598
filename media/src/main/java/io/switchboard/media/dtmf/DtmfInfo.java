package io.switchboard.media.dtmf;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * DTMF in SIP INFO bodies (RFC 6086 leaves the format to the package; these two are what phones send):
 * <ul>
 *   <li>{@code application/dtmf-relay} (Cisco's, the most common): lines {@code Signal=5} and {@code Duration=160}
 *   (milliseconds), keys case-insensitive, spaces around the value allowed, CRLF or LF.</li>
 *   <li>{@code application/dtmf}: the body is the digit, or its event number ({@code 10} for *, {@code 11} for #).
 *   </li>
 * </ul>
 * A Signal given as an event number 0..15 is accepted in both. Only strings and bytes here, no SIP classes; INFO
 * is signalling, not the media hot path, so this may allocate.
 */
public final class DtmfInfo
{
    /** The Content-Type of {@link #relayBody(char, int)}. */
    public static final String DTMF_RELAY = "application/dtmf-relay";
    /** The Content-Type whose body is just the digit. */
    public static final String DTMF = "application/dtmf";

    private DtmfInfo()
    {
    }

    /**
     * @param contentType the INFO's Content-Type, parameters allowed.
     * @param body        the INFO's body.
     * @return the digit (A-D in upper case), or '\0' if the type is unknown or the body unparseable.
     */
    public static char parse(final String contentType, final byte[] body)
    {
        final String type = mediaType(contentType);
        if (DTMF_RELAY.equals(type))
        {
            final String signal = value(body, "signal");
            return signal == null ? '\0' : digit(signal);
        }
        if (DTMF.equals(type))
        {
            return digit(text(body).trim());
        }
        return '\0';
    }

    /**
     * @param contentType   the INFO's Content-Type.
     * @param body          the INFO's body.
     * @param defaultMillis what to return when the body has no usable duration ({@code application/dtmf} never has).
     * @return the tone duration in milliseconds.
     */
    public static int durationMillis(final String contentType, final byte[] body, final int defaultMillis)
    {
        if (!DTMF_RELAY.equals(mediaType(contentType)))
        {
            return defaultMillis;
        }
        final String duration = value(body, "duration");
        if (duration == null)
        {
            return defaultMillis;
        }
        try
        {
            final int millis = Integer.parseInt(duration);
            return millis > 0 ? millis : defaultMillis;
        }
        catch (final NumberFormatException e)
        {
            return defaultMillis;
        }
    }

    /**
     * @param digit          0-9, *, #, A-D (a-d accepted).
     * @param durationMillis the tone length.
     * @return an {@code application/dtmf-relay} body such as {@code Signal=5\r\nDuration=160\r\n}.
     * @throws IllegalArgumentException if the digit is not a DTMF character.
     */
    public static byte[] relayBody(final char digit, final int durationMillis)
    {
        final int event = TelephoneEvent.eventOf(digit);
        if (event < 0)
        {
            throw new IllegalArgumentException("not a DTMF digit: '" + digit + "'");
        }
        final String body = "Signal=" + TelephoneEvent.digitOf(event) + "\r\nDuration=" + durationMillis + "\r\n";
        return body.getBytes(StandardCharsets.US_ASCII);
    }

    private static String mediaType(final String contentType)
    {
        if (contentType == null)
        {
            return "";
        }
        final int semicolon = contentType.indexOf(';');
        final String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.trim().toLowerCase(Locale.ROOT);
    }

    private static String text(final byte[] body)
    {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    /** The trimmed value of the first {@code key=value} line with that key, or null. */
    private static String value(final byte[] body, final String key)
    {
        for (final String line : text(body).split("\r?\n"))
        {
            final int equals = line.indexOf('=');
            if (equals > 0 && line.substring(0, equals).trim().equalsIgnoreCase(key))
            {
                return line.substring(equals + 1).trim();
            }
        }
        return null;
    }

    private static char digit(final String value)
    {
        if (value.length() == 1)
        {
            final int event = TelephoneEvent.eventOf(value.charAt(0));
            return TelephoneEvent.digitOf(event);
        }
        if (value.length() == 2 && value.charAt(0) == '1' && value.charAt(1) >= '0' && value.charAt(1) <= '5')
        {
            return TelephoneEvent.digitOf(10 + value.charAt(1) - '0');
        }
        return '\0';
    }
}

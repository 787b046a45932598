package io.switchboard.core.trace;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A trace as text, as sngrep saves one: per message a header line (UTC time to the microsecond, source and
 * destination, transport, and whether we sent or received it), the message as it was on the wire, a blank line.
 */
public final class TraceText
{
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSSSSS")
        .withZone(ZoneOffset.UTC);

    private TraceText()
    {
    }

    public static byte[] write(final List<TraceEntry> entries)
    {
        final StringBuilder text = new StringBuilder();
        for (final TraceEntry entry : entries)
        {
            final Instant at = Instant.ofEpochSecond(entry.epochMicros() / 1_000_000L,
                entry.epochMicros() % 1_000_000L * 1000L);
            text.append(TIME.format(at)).append(' ').append(hostPort(entry.source())).append(" -> ")
                .append(hostPort(entry.destination())).append(' ').append(entry.transport())
                .append(entry.sent() ? " sent" : " received").append("\r\n");
            text.append(entry.text());
            text.append("\r\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code host:port}, an IPv6 host in brackets. */
    static String hostPort(final InetSocketAddress address)
    {
        final String host = address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}

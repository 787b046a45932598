package io.switchboard.sip.transport;

import java.util.List;

/**
 * How SIP over WebSocket (RFC 7118) is offered.
 *
 * @param path           the HTTP path of the upgrade, {@code /ws} by default (the Asterisk convention)
 * @param allowedOrigins browser origins allowed besides a page of the server's own host (any port), for example
 *                       {@code https://crm.example.com}; {@code *} allows any (not for production). A client that
 *                       sends no Origin (a desk softphone, SIPp) is not a browser page and is allowed.
 * @param pingSeconds    a WebSocket ping goes to a connection after this long without anything sent (browsers answer
 *                       pings by themselves); a connection from which nothing, not even a pong, came for three times
 *                       this long is closed
 */
public record WebSocketOptions(String path, List<String> allowedOrigins, int pingSeconds)
{
    public static final WebSocketOptions DEFAULTS = new WebSocketOptions("/ws", List.of(), 30);

    public WebSocketOptions
    {
        if (path == null || !path.startsWith("/") || pingSeconds < 1)
        {
            throw new IllegalArgumentException("a WebSocket path starts with / and pings come at least every second");
        }
        allowedOrigins = List.copyOf(allowedOrigins);
    }
}

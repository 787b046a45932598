package io.switchboard.sip.transport;

import java.net.InetSocketAddress;

/**
 * Where to send a message: a transport name, the next hop's address, and optionally an existing flow
 * (a TCP connection) to reuse. A null flow means "open or find a connection to the address".
 *
 * @param transport "UDP", "TCP", ...
 * @param address   next hop address, already resolved
 * @param flow      existing flow to prefer, or null
 */
public record Target(String transport, InetSocketAddress address, Flow flow)
{
    public static Target udp(final InetSocketAddress address)
    {
        return new Target("UDP", address, null);
    }

    /** SIP over WebSocket, ws or wss (RFC 7118): a browser or WebRTC softphone, reached only over its connection. */
    public boolean isWebSocket()
    {
        return isWebSocket(transport);
    }

    /** Whether a transport token is ws or wss, in any case. */
    public static boolean isWebSocket(final String transport)
    {
        return "WS".equalsIgnoreCase(transport) || "WSS".equalsIgnoreCase(transport);
    }

    public boolean isReliable()
    {
        return !"UDP".equalsIgnoreCase(transport);
    }
}

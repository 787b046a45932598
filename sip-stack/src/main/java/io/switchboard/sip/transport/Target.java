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

    public boolean isReliable()
    {
        return !"UDP".equalsIgnoreCase(transport);
    }
}

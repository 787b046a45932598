package io.switchboard.sip.transport;

import io.netty.channel.Channel;

import java.net.InetSocketAddress;

/**
 * Where a message came from: the transport, our local socket address, the peer's address, and for connection
 * oriented transports the connection itself, so that responses go back over it (RFC 3261 §18.2.2).
 *
 * @param transport the transport the message arrived on
 * @param local     our address the message was received on
 * @param remote    the packet source address (the peer, or its NAT)
 * @param channel   the connection for TCP/TLS/WS, or the receiving datagram channel for UDP
 */
public record Flow(Transport transport, InetSocketAddress local, InetSocketAddress remote, Channel channel)
{
    /** The flow of a connection or datagram channel of {@code transport}, from the channel's own addresses. */
    static Flow of(final Transport transport, final Channel channel)
    {
        return new Flow(transport, inet(channel.localAddress()), inet(channel.remoteAddress()), channel);
    }

    private static InetSocketAddress inet(final java.net.SocketAddress address)
    {
        return address instanceof InetSocketAddress inet ? inet : null;
    }

    public boolean isReliable()
    {
        return transport.isReliable();
    }

    /** A target that answers over this flow, for responses and in-dialog requests towards a phone behind NAT. */
    public Target asTarget()
    {
        return new Target(transport.name(), remote, this);
    }
}

package io.switchboard.sip.transport;

import java.net.InetSocketAddress;

/**
 * Told of every message the transports send, on the sending thread, with the bytes as they go on the wire: what a
 * per-call SIP trace records (the layer above decides which call a message belongs to; the transports know none).
 * It must not block and must not modify the bytes; it may keep them (they are never reused for another message).
 */
@FunctionalInterface
public interface MessageTap
{
    /**
     * @param bytes     the whole message
     * @param transport the transport token, upper case ("UDP", "TCP", "TLS", "WS", "WSS")
     * @param local     our address it is sent from (for UDP the address routed towards the peer, with our port)
     * @param remote    where it is sent
     */
    void onSent(byte[] bytes, String transport, InetSocketAddress local, InetSocketAddress remote);
}

package io.switchboard.core.trace;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * One SIP message of a trace, copied out of a worker's {@link SipTraceRing} for the API.
 *
 * @param epochMicros when it was received or handed to the transport, epoch microseconds
 * @param sent        true for a message we sent, false for one we received
 * @param transport   the transport token: UDP, TCP, TLS, WS or WSS
 * @param local       our address
 * @param remote      the peer's address
 * @param bytes       the message as on the wire
 */
public record TraceEntry(long epochMicros, boolean sent, String transport, InetSocketAddress local,
    InetSocketAddress remote, byte[] bytes)
{
    /** The address the message came from. */
    public InetSocketAddress source()
    {
        return sent ? local : remote;
    }

    /** The address the message went to. */
    public InetSocketAddress destination()
    {
        return sent ? remote : local;
    }

    /** The message's text (SIP is UTF-8). */
    public String text()
    {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

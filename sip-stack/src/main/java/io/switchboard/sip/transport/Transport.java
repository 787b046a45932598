package io.switchboard.sip.transport;

/**
 * One SIP transport protocol (RFC 3261 §18): UDP and TCP now, TLS and WebSocket later.
 * Implementations own their Netty channels; everything above them sees only {@link Flow} and {@link Target}.
 */
public interface Transport
{
    /** The transport token as written in a Via header: "UDP", "TCP", "TLS", "WS". */
    String name();

    /** Reliable transports (TCP, TLS, WS) need no retransmission by timers A, E and G (RFC 3261 §17.1.1.2). */
    boolean isReliable();
}

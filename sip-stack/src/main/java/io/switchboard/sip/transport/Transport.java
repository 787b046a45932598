package io.switchboard.sip.transport;

/**
 * One SIP transport protocol (RFC 3261 §18): UDP, TCP, TLS (§26), WS and WSS (RFC 7118).
 * Implementations own their Netty channels; everything above them sees only {@link Flow} and {@link Target}.
 */
public interface Transport
{
    /** The transport token as written in a Via header: "UDP", "TCP", "TLS", "WS", "WSS". */
    String name();

    /** Reliable transports (TCP, TLS, WS) need no retransmission by timers A, E and G (RFC 3261 §17.1.1.2). */
    boolean isReliable();
}

package io.switchboard.sip.transport;

import io.switchboard.sip.message.TransportLimits;

import java.net.InetAddress;

/**
 * Settings for {@link SipTransports}.
 *
 * @param bindAddress    address to bind UDP and TCP on; default the wildcard 0.0.0.0
 * @param udpPort        UDP port; 0 binds an ephemeral port, see {@link SipTransports#udpPort()}; default 5060
 * @param tcpPort        TCP port; 0 binds an ephemeral port, see {@link SipTransports#tcpPort()}; default 5060
 * @param advertisedHost host put in Via and Contact instead of a local address (a public address behind NAT),
 *                       or null
 * @param limits         message size limits; default {@link TransportLimits#DEFAULTS}
 * @param socketBufferBytes SO_RCVBUF and SO_SNDBUF of the UDP sockets; default 4 MiB, so that a burst that
 *                       arrives while a loop is busy waits in the kernel instead of being dropped (the kernel caps
 *                       it at net.core.rmem_max)
 * @param tlsPort        SIP over TLS (RFC 3261 §26), usually 5061; {@link #DISABLED} by default
 * @param wsPort         SIP over WebSocket (RFC 7118), usually 8088; {@link #DISABLED} by default
 * @param wssPort        SIP over secure WebSocket, usually 8089; {@link #DISABLED} by default
 * @param webSocket      the WebSocket path, allowed origins and pings
 * @param tls            the certificate and key of TLS and wss; required when either is on
 */
public record SipTransportConfig(
    InetAddress bindAddress, int udpPort, int tcpPort, String advertisedHost, TransportLimits limits,
    int socketBufferBytes, int tlsPort, int wsPort, int wssPort, WebSocketOptions webSocket, TlsIdentity tls)
{
    public static final int DEFAULT_PORT = 5060;
    /** {@code tcpPort} value that disables TCP. */
    public static final int DISABLED = -1;
    public static final int DEFAULT_SOCKET_BUFFER_BYTES = 4 << 20;

    public SipTransportConfig
    {
        if (bindAddress == null || limits == null || udpPort < 0 || udpPort > 65535 || !portOrOff(tcpPort)
            || socketBufferBytes < 0 || !portOrOff(tlsPort) || !portOrOff(wsPort) || !portOrOff(wssPort)
            || webSocket == null)
        {
            throw new IllegalArgumentException("bad transport config");
        }
        if (tls == null && (tlsPort != DISABLED || wssPort != DISABLED))
        {
            throw new IllegalArgumentException("TLS and wss need a certificate");
        }
    }

    private static boolean portOrOff(final int port)
    {
        return port >= DISABLED && port <= 65535;
    }

    public static SipTransportConfig defaults()
    {
        return new SipTransportConfig(wildcard(), DEFAULT_PORT, DEFAULT_PORT, null, TransportLimits.DEFAULTS,
            DEFAULT_SOCKET_BUFFER_BYTES, DISABLED, DISABLED, DISABLED, WebSocketOptions.DEFAULTS, null);
    }

    public SipTransportConfig withBindAddress(final InetAddress address)
    {
        return new SipTransportConfig(address, udpPort, tcpPort, advertisedHost, limits, socketBufferBytes,
            tlsPort, wsPort, wssPort, webSocket, tls);
    }

    public SipTransportConfig withPorts(final int udp, final int tcp)
    {
        return new SipTransportConfig(bindAddress, udp, tcp, advertisedHost, limits, socketBufferBytes,
            tlsPort, wsPort, wssPort, webSocket, tls);
    }

    public SipTransportConfig withAdvertisedHost(final String host)
    {
        return new SipTransportConfig(bindAddress, udpPort, tcpPort, host, limits, socketBufferBytes,
            tlsPort, wsPort, wssPort, webSocket, tls);
    }

    public SipTransportConfig withLimits(final TransportLimits newLimits)
    {
        return new SipTransportConfig(bindAddress, udpPort, tcpPort, advertisedHost, newLimits, socketBufferBytes,
            tlsPort, wsPort, wssPort, webSocket, tls);
    }

    public SipTransportConfig withSocketBuffer(final int bytes)
    {
        return new SipTransportConfig(bindAddress, udpPort, tcpPort, advertisedHost, limits, bytes,
            tlsPort, wsPort, wssPort, webSocket, tls);
    }

    /** TLS on {@code tlsPort}, ws on {@code ws}, wss on {@code wss} ({@link #DISABLED} for off), with this identity. */
    public SipTransportConfig withSecure(final int tls, final int ws, final int wss, final WebSocketOptions options,
        final TlsIdentity identity)
    {
        return new SipTransportConfig(bindAddress, udpPort, tcpPort, advertisedHost, limits, socketBufferBytes, tls,
            ws, wss, options, identity);
    }

    private static InetAddress wildcard()
    {
        try
        {
            return InetAddress.getByAddress(new byte[4]);
        }
        catch (final java.net.UnknownHostException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}

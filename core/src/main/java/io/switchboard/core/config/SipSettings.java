package io.switchboard.core.config;

/** SIP transports. */
public final class SipSettings
{
    /** Address the UDP and TCP listeners bind to; 0.0.0.0 for all IPv4 addresses, :: for all. */
    public String bindAddress = "0.0.0.0";
    /** UDP port; 0 picks a free one (tests). */
    public int udpPort = 5060;
    /** TCP port; 0 picks a free one (tests); -1 disables TCP. */
    public int tcpPort = 5060;
    /** Host written in Via and Contact; null means the bind address or, if wildcard, the route to the peer. */
    public String advertisedHost;
    /** Largest SIP message accepted, in bytes (a larger TCP message closes the connection). */
    public int maxMessageBytes = 65536;
    /** SO_RCVBUF/SO_SNDBUF of the UDP sockets (the kernel caps it at net.core.rmem_max / wmem_max). */
    public int socketBufferBytes = 4 << 20;
    /**
     * The per-call SIP trace: bytes of each worker's ring of recent messages (sent and received), oldest overwritten;
     * 0 turns the trace off.
     */
    public int traceBytes = 4 << 20;
    /** SIP event loops (threads that own calls); 0 means one per core. */
    public int workers = 0;
    /** RFC 3261 T1 in milliseconds (round-trip estimate). */
    public int t1Millis = 500;
    /**
     * RFC 4028 session timers: the interval (seconds) offered to phones and trunks and accepted at most; the call is
     * refreshed at half of it (by us, or by the phone if it asked to) and ends when a refresh fails or does not come.
     * 0 turns them off.
     */
    public int sessionExpires = 1800;
    /** The smallest interval accepted (Min-SE, 422 below it); RFC 4028 allows no less than 90. */
    public int minSessionExpires = 90;
    /** User-Agent / Server header value. */
    public String serverName = "Switchboard";
    /** SIP over TLS (RFC 3261 §26), usually 5061; -1 = off (the default here; conf/switchboard.conf turns it on). */
    public int tlsPort = -1;
    /** SIP over WebSocket (RFC 7118) for browsers and WebRTC softphones, usually 8088; -1 = off. */
    public int wsPort = -1;
    /** SIP over secure WebSocket, usually 8089; -1 = off. */
    public int wssPort = -1;
    /** The WebSocket's HTTP path. */
    public String webSocketPath = "/ws";
    /**
     * Browser origins (scheme://host[:port]) allowed to open the WebSocket besides pages of the server's own host;
     * "*" allows any.
     */
    public java.util.List<String> allowedOrigins = java.util.List.of();
    /** A quiet WebSocket is pinged after this many seconds and closed after three times as many without a sound. */
    public int webSocketPingSeconds = 30;
    /**
     * PEM files of the certificate chain and private key for TLS and wss; when not set, a self-signed certificate
     * is made at first start in dataDir/tls (fine on loopback and for tests, not for browsers of a real site).
     */
    public String tlsCertificate;
    public String tlsKey;

    void conclude()
    {
        SwitchboardConfig.port(udpPort, "sip.udpPort");
        SwitchboardConfig.require(tcpPort >= -1 && tcpPort <= 65535, "sip.tcpPort must be -1..65535");
        SwitchboardConfig.require(maxMessageBytes >= 1024 && maxMessageBytes <= 1 << 20,
            "sip.maxMessageBytes must be 1024..1048576");
        SwitchboardConfig.require(socketBufferBytes >= 0 && socketBufferBytes <= 1 << 28,
            "sip.socketBufferBytes must be 0..268435456 (0 = the OS default)");
        SwitchboardConfig.require(workers >= 0 && workers <= 256, "sip.workers must be 0..256");
        SwitchboardConfig.require(traceBytes == 0 || traceBytes >= 65536 && traceBytes <= 1 << 30,
            "sip.traceBytes must be 0 (off) or 65536..1073741824");
        for (final int port : new int[] {tlsPort, wsPort, wssPort})
        {
            SwitchboardConfig.require(port >= -1 && port <= 65535, "sip.tlsPort, wsPort and wssPort must be -1..65535");
        }
        SwitchboardConfig.require(webSocketPath != null && webSocketPath.startsWith("/"),
            "sip.webSocketPath must start with /");
        SwitchboardConfig.require(webSocketPingSeconds >= 1 && webSocketPingSeconds <= 3600,
            "sip.webSocketPingSeconds must be 1..3600");
        SwitchboardConfig.require((tlsCertificate == null) == (tlsKey == null),
            "sip.tlsCertificate and sip.tlsKey are set together");
        allowedOrigins = allowedOrigins == null ? java.util.List.of() : java.util.List.copyOf(allowedOrigins);
        SwitchboardConfig.require(t1Millis >= 50 && t1Millis <= 5000, "sip.t1Millis must be 50..5000");
        SwitchboardConfig.require(minSessionExpires >= 90 && minSessionExpires <= 86400,
            "sip.minSessionExpires must be 90..86400 (RFC 4028 §4)");
        SwitchboardConfig.require(sessionExpires == 0 || sessionExpires >= minSessionExpires && sessionExpires <= 86400,
            "sip.sessionExpires must be 0 (off) or sip.minSessionExpires..86400");
        if (workers == 0)
        {
            workers = Runtime.getRuntime().availableProcessors();
        }
    }
}

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
    /** SIP event loops (threads that own calls); 0 means one per core. */
    public int workers = 0;
    /** RFC 3261 T1 in milliseconds (round-trip estimate). */
    public int t1Millis = 500;
    /**
     * SO_RCVBUF requested for each UDP socket, in bytes; 0 keeps the OS default (net.core.rmem_default, ~208 KB on
     * Linux). Linux caps the request at net.core.rmem_max and doubles it. A bigger buffer rides out GC pauses.
     */
    public int udpReceiveBufferBytes = 0;
    /** User-Agent / Server header value. */
    public String serverName = "Switchboard";

    void conclude()
    {
        SwitchboardConfig.port(udpPort, "sip.udpPort");
        SwitchboardConfig.require(tcpPort >= -1 && tcpPort <= 65535, "sip.tcpPort must be -1..65535");
        SwitchboardConfig.require(maxMessageBytes >= 1024 && maxMessageBytes <= 1 << 20,
            "sip.maxMessageBytes must be 1024..1048576");
        SwitchboardConfig.require(workers >= 0 && workers <= 256, "sip.workers must be 0..256");
        SwitchboardConfig.require(udpReceiveBufferBytes >= 0 && udpReceiveBufferBytes <= 1 << 28,
            "sip.udpReceiveBufferBytes must be 0..268435456");
        SwitchboardConfig.require(t1Millis >= 50 && t1Millis <= 5000, "sip.t1Millis must be 50..5000");
        if (workers == 0)
        {
            workers = Runtime.getRuntime().availableProcessors();
        }
    }
}

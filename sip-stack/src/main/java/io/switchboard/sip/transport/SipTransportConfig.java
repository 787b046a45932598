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
 */
public record SipTransportConfig(
    InetAddress bindAddress, int udpPort, int tcpPort, String advertisedHost, TransportLimits limits)
{
    public static final int DEFAULT_PORT = 5060;

    public SipTransportConfig
    {
        if (bindAddress == null || limits == null || udpPort < 0 || udpPort > 65535 || tcpPort < 0 || tcpPort > 65535)
        {
            throw new IllegalArgumentException("bad transport config");
        }
    }

    public static SipTransportConfig defaults()
    {
        return new SipTransportConfig(
            wildcard(), DEFAULT_PORT, DEFAULT_PORT, null, TransportLimits.DEFAULTS);
    }

    public SipTransportConfig withBindAddress(final InetAddress address)
    {
        return new SipTransportConfig(address, udpPort, tcpPort, advertisedHost, limits);
    }

    public SipTransportConfig withPorts(final int udp, final int tcp)
    {
        return new SipTransportConfig(bindAddress, udp, tcp, advertisedHost, limits);
    }

    public SipTransportConfig withAdvertisedHost(final String host)
    {
        return new SipTransportConfig(bindAddress, udpPort, tcpPort, host, limits);
    }

    public SipTransportConfig withLimits(final TransportLimits newLimits)
    {
        return new SipTransportConfig(bindAddress, udpPort, tcpPort, advertisedHost, newLimits);
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

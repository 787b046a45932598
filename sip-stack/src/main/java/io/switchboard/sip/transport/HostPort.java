package io.switchboard.sip.transport;

/**
 * A host (name or literal address, IPv6 without brackets) and port, as used in Via sent-by and Contact.
 */
public record HostPort(String host, int port)
{
    /** The host as it is written in a SIP URI or Via: IPv6 literals in brackets. */
    public String uriHost()
    {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    @Override
    public String toString()
    {
        return uriHost() + ":" + port;
    }
}

package io.switchboard.sip.registrar;

import gov.nist.javax.sip.header.Via;
import io.netty.util.NetUtil;
import io.switchboard.sip.transport.Flow;
import io.switchboard.sip.transport.Target;

import javax.sip.address.SipURI;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where requests for a registered contact are sent (NAT traversal, RFC 3581 and the registrar practice of
 * Kamailio's {@code fix_nated_register}).
 * <p>
 * Decision: when the REGISTER's top Via carried {@code rport} (the client asks for symmetric routing) and the
 * packet's source address or port differs from the Via sent-by, the phone is behind a NAT (or its Contact is
 * otherwise unreachable): the target is the source address over the REGISTER's flow, which keeps the NAT pinhole
 * and a TCP connection in use. Otherwise the target is the Contact URI's host, port and transport, reusing the
 * flow when it is a connection of the same transport (a WebSocket phone's {@code .invalid} Contact is reachable
 * only so). A Contact host that is a name, not an IP literal, is kept
 * unresolved: the router resolves it (RFC 3263) off the registrar's path.
 */
final class ContactTarget
{
    private ContactTarget()
    {
    }

    static Target choose(final Via topVia, final Flow flow, final SipURI contact)
    {
        if (topVia != null && topVia.hasParameter("rport") && !isSentBy(topVia, flow.remote()))
        {
            return flow.asTarget();
        }
        final String transport = contact.getTransportParam() != null ?
            contact.getTransportParam().toUpperCase(Locale.ROOT) :
            (contact.isSecure() ? "TLS" : flow.transport().name());
        final int port = contact.getPort() > 0 ? contact.getPort() : defaultPort(transport);
        final Flow reuse = flow.isReliable() && sameTransport(transport, flow.transport().name()) ? flow : null;
        return new Target(reuse != null ? flow.transport().name() : transport, address(contact.getHost(), port),
            reuse);
    }

    /**
     * Whether a Contact's transport is the flow's: the same token, or ws and wss alike (RFC 7118 clients write
     * {@code transport=ws} in the Contact whichever of the two they are connected over).
     */
    private static boolean sameTransport(final String contact, final String flow)
    {
        return contact.equalsIgnoreCase(flow) || Target.isWebSocket(contact) && Target.isWebSocket(flow);
    }

    /** Whether the Via sent-by names the packet source (RFC 3261 §18.2.1: the comparison behind "received"). */
    static boolean isSentBy(final Via via, final InetSocketAddress source)
    {
        final String host = stripBrackets(via.getHost());
        final byte[] sentBy = NetUtil.createByteArrayFromIpAddressString(host);
        if (sentBy == null || !Arrays.equals(sentBy, source.getAddress().getAddress()))
        {
            return false;
        }
        final int port = via.getPort() > 0 ? via.getPort() : defaultPort(via.getTransport());
        return port == source.getPort();
    }

    private static InetSocketAddress address(final String host, final int port)
    {
        final String literal = stripBrackets(host);
        final byte[] bytes = NetUtil.createByteArrayFromIpAddressString(literal);
        if (bytes == null)
        {
            return InetSocketAddress.createUnresolved(literal, port);
        }
        try
        {
            return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
        }
        catch (final UnknownHostException ex)
        {
            return InetSocketAddress.createUnresolved(literal, port);
        }
    }

    private static int defaultPort(final String transport)
    {
        return "TLS".equalsIgnoreCase(transport) ? 5061 : 5060;
    }

    private static String stripBrackets(final String host)
    {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}

package io.switchboard.sip.transaction;

import javax.sip.message.Response;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.transport.Flow;
import io.switchboard.sip.transport.Target;

import java.net.InetSocketAddress;

/**
 * Where a server transaction sends its responses (RFC 3261 §18.2.2, RFC 3581 §4), from the top Via of the response
 * (a copy of the request's, already stamped by {@link ViaStamp}) and the flow the request came in on.
 * <ul>
 *   <li>Reliable transport: back over the same flow (connection).</li>
 *   <li>Unreliable, Via has {@code rport}: to the packet's source address and port (RFC 3581, symmetric response
 *   routing through NAT).</li>
 *   <li>Unreliable, no {@code rport}: to the {@code received} address, or else the sent-by host, at the sent-by
 *   port, or 5060 when the Via has none.</li>
 * </ul>
 * Datagram responses also carry the flow, so that they leave from the socket the request arrived on. Multicast
 * ({@code maddr}) is not supported.
 */
public final class ResponseTarget
{
    private static final int DEFAULT_PORT = 5060;

    private ResponseTarget()
    {
    }

    public static Target of(final Response responseMessage, final Flow flow)
    {
        final SIPResponse response = (SIPResponse)responseMessage;
        if (flow.isReliable())
        {
            return flow.asTarget();
        }
        final Via via = response.getTopmostVia();
        if (via.hasParameter(Via.RPORT))
        {
            return new Target(flow.transport().name(), flow.remote(), flow);
        }
        final String received = via.getReceived();
        final String host = received != null ? received : via.getHost();
        final int port = via.getPort() > 0 ? via.getPort() : DEFAULT_PORT;
        return new Target(flow.transport().name(), address(host, port), flow);
    }

    /** An address without a DNS lookup on the event loop: literals are parsed, names are left to the transport. */
    static InetSocketAddress address(final String host, final int port)
    {
        final String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return IpLiteral.isLiteral(bare) ?
            new InetSocketAddress(bare, port) : InetSocketAddress.createUnresolved(bare, port);
    }
}

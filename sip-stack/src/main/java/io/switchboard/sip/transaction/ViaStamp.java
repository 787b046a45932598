package io.switchboard.sip.transaction;

import javax.sip.message.Request;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import io.switchboard.sip.transport.Flow;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.text.ParseException;

/**
 * Stamps the top Via of a received request with where it really came from, before any server transaction copies
 * it into responses:
 * <ul>
 *   <li>{@code received=<source IP>} when the sent-by host is not the source IP (RFC 3261 §18.2.1), and always
 *   when the Via has {@code rport} (RFC 3581 §4);</li>
 *   <li>{@code rport=<source port>} when {@code rport} is present without a value (RFC 3581 §4).</li>
 * </ul>
 */
public final class ViaStamp
{
    private ViaStamp()
    {
    }

    public static void stamp(final Request requestMessage, final Flow flow)
    {
        final SIPRequest request = (SIPRequest)requestMessage;
        final Via via = request.getTopmostVia();
        final InetSocketAddress source = flow.remote();
        if (via == null || source == null || source.getAddress() == null)
        {
            return;
        }
        final InetAddress sourceIp = source.getAddress();
        final boolean rport = via.hasParameter(Via.RPORT);
        try
        {
            if (rport || !sameAddress(via.getHost(), sourceIp))
            {
                via.setReceived(sourceIp.getHostAddress());
            }
            if (rport && via.getRPort() <= 0)
            {
                via.setParameter(Via.RPORT, Integer.toString(source.getPort()));
            }
        }
        catch (final ParseException ex)
        {
            throw new IllegalStateException("cannot stamp Via " + via, ex);
        }
    }

    private static boolean sameAddress(final String viaHost, final InetAddress source)
    {
        final String bare = viaHost.startsWith("[") ? viaHost.substring(1, viaHost.length() - 1) : viaHost;
        if (!IpLiteral.isLiteral(bare))
        {
            return false;
        }
        try
        {
            return InetAddress.getByName(bare).equals(source);
        }
        catch (final java.net.UnknownHostException ex)
        {
            return false;
        }
    }
}

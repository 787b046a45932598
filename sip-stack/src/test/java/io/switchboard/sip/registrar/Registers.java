package io.switchboard.sip.registrar;

import io.switchboard.sip.test.TestTransports;
import gov.nist.javax.sip.message.SIPRequest;
import io.switchboard.sip.auth.SipText;
import io.switchboard.sip.transport.Flow;
import io.switchboard.sip.transport.Transport;

import java.net.InetSocketAddress;

/** Test helper: REGISTER requests and flows for registrar tests. */
final class Registers
{
    static final Transport UDP = TestTransports.of("UDP", false);
    static final Transport TCP = TestTransports.of("TCP", true);
    static final InetSocketAddress LOCAL = new InetSocketAddress("192.0.2.1", 5060);

    private Registers()
    {
    }

    /**
     * A REGISTER for user 100 sent from 192.0.2.10:5060 (top Via with rport), with the given extra header lines
     * (Contact, Expires...).
     */
    static SIPRequest register(final String callId, final long cseq, final String... lines)
    {
        return registerVia("SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-" + callId + cseq + ";rport", "100",
            callId, cseq, lines);
    }

    static SIPRequest registerVia(
        final String via, final String toUser, final String callId, final long cseq, final String... lines)
    {
        final StringBuilder text = new StringBuilder()
            .append("REGISTER sip:sb.example SIP/2.0\n")
            .append("Via: ").append(via).append('\n')
            .append("Max-Forwards: 70\n")
            .append("From: <sip:").append(toUser).append("@sb.example>;tag=f-").append(callId).append('\n')
            .append("To: <sip:").append(toUser).append("@sb.example>\n")
            .append("Call-ID: ").append(callId).append('\n')
            .append("CSeq: ").append(cseq).append(" REGISTER\n");
        for (final String line : lines)
        {
            text.append(line).append('\n');
        }
        text.append("Content-Length: 0\n\n");
        return SipText.request(text.toString());
    }

    /** A flow from the given source address. */
    static Flow flow(final Transport transport, final String host, final int port)
    {
        return new Flow(transport, LOCAL, new InetSocketAddress(host, port), null);
    }

    /** The flow a phone at 192.0.2.10:5060 uses without NAT. */
    static Flow direct()
    {
        return flow(UDP, "192.0.2.10", 5060);
    }
}

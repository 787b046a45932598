package io.switchboard.sip.transaction;

import gov.nist.javax.sip.message.SIPRequest;
import io.switchboard.sip.test.SipMessages;
import io.switchboard.sip.test.TxFlows;
import io.switchboard.sip.transport.Flow;
import io.switchboard.sip.transport.Target;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResponseTargetTest
{
    private static SIPRequest optionsVia(final String via)
    {
        return SipMessages.request(
            "OPTIONS sip:bob@biloxi.example.com SIP/2.0\n" +
            "Via: " + via + "\n" +
            "Max-Forwards: 70\n" +
            "To: <sip:bob@biloxi.example.com>\n" +
            "From: <sip:alice@atlanta.example.com>;tag=88\n" +
            "Call-ID: rt-1\n" +
            "CSeq: 1 OPTIONS\n" +
            "Content-Length: 0\n\n");
    }

    private static Target targetFor(final String via, final Flow flow)
    {
        final SIPRequest request = optionsVia(via);
        ViaStamp.stamp(request, flow);
        return ResponseTarget.of(request.createResponse(200), flow);
    }

    @Test
    void shouldUseSourceAddressAndPortWhenRportIsPresent()
    {
        final Flow flow = TxFlows.udpFrom("198.51.100.20", 61002);

        final Target target = targetFor("SIP/2.0/UDP 10.0.0.5:5060;rport;branch=z9hG4bK1", flow);

        assertEquals(new InetSocketAddress("198.51.100.20", 61002), target.address());
        assertSame(flow, target.flow());
        assertEquals("UDP", target.transport());
    }

    @Test
    void shouldUseReceivedAndSentByPortWithoutRport()
    {
        final Flow flow = TxFlows.udpFrom("198.51.100.20", 61002);

        final Target target = targetFor("SIP/2.0/UDP 10.0.0.5:5070;branch=z9hG4bK1", flow);

        assertEquals(new InetSocketAddress("198.51.100.20", 5070), target.address());
    }

    @Test
    void shouldDefaultToPort5060WhenSentByHasNoPort()
    {
        final Flow flow = TxFlows.udpFrom("198.51.100.20", 61002);

        final Target target = targetFor("SIP/2.0/UDP 198.51.100.20;branch=z9hG4bK1", flow);

        assertEquals(new InetSocketAddress("198.51.100.20", 5060), target.address());
    }

    @Test
    void shouldUseSentByHostWithoutReceivedAndNeverResolveNames()
    {
        final Flow flow = TxFlows.udpFrom("198.51.100.20", 61002);
        final SIPRequest request = optionsVia("SIP/2.0/UDP pc33.atlanta.example.com:5062;branch=z9hG4bK1");

        final Target target = ResponseTarget.of(request.createResponse(200), flow);

        assertTrue(target.address().isUnresolved());
        assertEquals("pc33.atlanta.example.com", target.address().getHostString());
        assertEquals(5062, target.address().getPort());
    }

    @Test
    void shouldReuseTheFlowOverReliableTransport()
    {
        final Flow flow = TxFlows.tcpFrom("198.51.100.20", 49152);

        final Target target = targetFor("SIP/2.0/TCP 10.0.0.5:5060;branch=z9hG4bK1", flow);

        assertSame(flow, target.flow());
        assertEquals(new InetSocketAddress("198.51.100.20", 49152), target.address());
        assertEquals("TCP", target.transport());
    }
}

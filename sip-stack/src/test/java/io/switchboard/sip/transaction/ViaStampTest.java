package io.switchboard.sip.transaction;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import io.switchboard.sip.test.SipMessages;
import io.switchboard.sip.test.TxFlows;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ViaStampTest
{
    private static Via stamped(final String sentBy, final String params, final String sourceIp, final int port)
    {
        final SIPRequest request = SipMessages.request(
            "OPTIONS sip:bob@biloxi.example.com SIP/2.0\n" +
            "Via: SIP/2.0/UDP " + sentBy + ";branch=z9hG4bKvs1" + params + "\n" +
            "Max-Forwards: 70\n" +
            "To: <sip:bob@biloxi.example.com>\n" +
            "From: <sip:alice@atlanta.example.com>;tag=88\n" +
            "Call-ID: vs-1\n" +
            "CSeq: 1 OPTIONS\n" +
            "Content-Length: 0\n\n");
        ViaStamp.stamp(request, TxFlows.udpFrom(sourceIp, port));
        return request.getTopmostVia();
    }

    @Test
    void shouldAddReceivedWhenSourceDiffersFromSentBy()
    {
        final Via via = stamped("10.0.0.5:5060", "", "198.51.100.20", 5060);

        assertEquals("198.51.100.20", via.getReceived());
        assertEquals(false, via.hasParameter(Via.RPORT));
    }

    @Test
    void shouldAddReceivedWhenSentByIsAHostName()
    {
        final Via via = stamped("pc33.atlanta.example.com", "", "198.51.100.20", 5060);

        assertEquals("198.51.100.20", via.getReceived());
    }

    @Test
    void shouldNotAddReceivedWhenSourceEqualsSentBy()
    {
        final Via via = stamped("198.51.100.20:5060", "", "198.51.100.20", 5060);

        assertNull(via.getReceived());
    }

    @Test
    void shouldFillEmptyRportAndAlwaysAddReceived()
    {
        final Via via = stamped("198.51.100.20:5060", ";rport", "198.51.100.20", 61002);

        assertEquals(61002, via.getRPort());
        assertEquals("198.51.100.20", via.getReceived());
        assertEquals(true, via.encode().contains("rport=61002"));
    }

    @Test
    void shouldKeepRportThatAlreadyHasAValue()
    {
        final Via via = stamped("10.0.0.5:5060", ";rport=5999", "198.51.100.20", 61002);

        assertEquals(5999, via.getRPort());
    }
}

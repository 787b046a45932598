package io.switchboard.sip.registrar;

import gov.nist.javax.sip.header.Via;
import io.switchboard.sip.message.SipFactories;
import io.switchboard.sip.transport.Flow;
import io.switchboard.sip.transport.Target;
import org.junit.jupiter.api.Test;

import javax.sip.address.SipURI;
import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContactTargetTest
{
    @Test
    void shouldTellWhetherViaSentByIsTheSource()
    {
        final Via via = via("SIP/2.0/UDP 192.0.2.10;branch=z9hG4bK-1;rport");

        assertTrue(ContactTarget.isSentBy(via, new InetSocketAddress("192.0.2.10", 5060)));
        assertFalse(ContactTarget.isSentBy(via, new InetSocketAddress("192.0.2.10", 5062)));
        assertFalse(ContactTarget.isSentBy(via, new InetSocketAddress("203.0.113.7", 5060)));
        assertFalse(ContactTarget.isSentBy(via("SIP/2.0/UDP phone.example;branch=z9hG4bK-1;rport"),
            new InetSocketAddress("192.0.2.10", 5060)));
        assertTrue(ContactTarget.isSentBy(via("SIP/2.0/UDP [2001:db8::1]:5070;branch=z9hG4bK-1"),
            new InetSocketAddress("2001:db8:0:0:0:0:0:1", 5070)));
    }

    @Test
    void shouldUseSourceFlowBehindNat()
    {
        final Flow nat = Registers.flow(Registers.UDP, "203.0.113.7", 40000);

        final Target target = ContactTarget.choose(via("SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-1;rport"), nat,
            uri("sip:100@192.0.2.10:5060"));

        assertEquals(nat.remote(), target.address());
        assertSame(nat, target.flow());
    }

    @Test
    void shouldKeepContactHostNameUnresolved()
    {
        final Target target = ContactTarget.choose(via("SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-1"),
            Registers.direct(), uri("sip:100@phone.example;transport=tcp"));

        assertTrue(target.address().isUnresolved());
        assertEquals("phone.example", target.address().getHostString());
        assertEquals(5060, target.address().getPort());
        assertEquals("TCP", target.transport());
        assertNull(target.flow());
    }

    @Test
    void shouldReachAWebSocketPhoneOnlyOverItsConnectionWhicheverWsSpellingItsContactUses()
    {
        final Flow wss = Registers.flow(io.switchboard.sip.test.TestTransports.of("WSS", true), "198.51.100.4",
            51000);

        // SIP.js writes transport=ws in its Contact over a wss connection, and puts no rport in its Via.
        final Target target = ContactTarget.choose(via("SIP/2.0/WSS q8v2ms0jdrvd.invalid;branch=z9hG4bK-1"), wss,
            uri("sip:ahsw81ma@q8v2ms0jdrvd.invalid;transport=ws"));

        assertEquals("WSS", target.transport());
        assertSame(wss, target.flow());
        assertTrue(target.address().isUnresolved(), "the .invalid host is never looked up");
    }

    private static Via via(final String value)
    {
        return (Via)io.switchboard.sip.auth.SipText.request("OPTIONS sip:x@sb.example SIP/2.0\n" +
            "Via: " + value + "\nFrom: <sip:a@b>;tag=1\nTo: <sip:x@sb.example>\nCall-ID: v\nCSeq: 1 OPTIONS\n" +
            "Content-Length: 0\n\n").getTopmostVia();
    }

    private static SipURI uri(final String text)
    {
        try
        {
            return (SipURI)SipFactories.ADDRESSES.createURI(text);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}

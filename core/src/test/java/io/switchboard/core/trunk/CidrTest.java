package io.switchboard.core.trunk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CidrTest
{
    static InetAddress ip(final String literal)
    {
        try
        {
            return InetAddress.getByName(literal);
        }
        catch (final UnknownHostException ex)
        {
            throw new AssertionError(ex);
        }
    }

    @Test
    void ipv4Block()
    {
        final Cidr c = Cidr.parse("203.0.113.0/24");
        assertTrue(c.contains(ip("203.0.113.0")));
        assertTrue(c.contains(ip("203.0.113.255")));
        assertFalse(c.contains(ip("203.0.114.1")));
        assertFalse(c.contains(ip("2001:db8::1")));
        assertEquals("203.0.113.0/24", c.toString());
    }

    @Test
    void ipv4BlockNotOnAByteBoundaryAndHostBitsIgnored()
    {
        final Cidr c = Cidr.parse("198.51.100.77/27");
        assertEquals("198.51.100.64/27", c.toString());
        assertTrue(c.contains(ip("198.51.100.64")));
        assertTrue(c.contains(ip("198.51.100.95")));
        assertFalse(c.contains(ip("198.51.100.96")));
    }

    @Test
    void singleAddresses()
    {
        assertTrue(Cidr.parse("203.0.113.7").contains(ip("203.0.113.7")));
        assertFalse(Cidr.parse("203.0.113.7").contains(ip("203.0.113.8")));
        assertTrue(Cidr.parse("2001:db8::7").contains(ip("2001:db8:0:0::7")));
        assertFalse(Cidr.parse("2001:db8::7").contains(ip("2001:db8::8")));
        assertEquals(32, Cidr.of(ip("10.0.0.1")).prefixLength());
        assertEquals(128, Cidr.of(ip("::1")).prefixLength());
    }

    @Test
    void ipv6Block()
    {
        final Cidr c = Cidr.parse("2001:db8:abcd::/48");
        assertTrue(c.isIpv6());
        assertTrue(c.contains(ip("2001:db8:abcd:1::5")));
        assertFalse(c.contains(ip("2001:db8:abce::5")));
        assertFalse(c.contains(ip("203.0.113.7")));
        assertTrue(Cidr.parse("::/0").contains(ip("2001:db8::1")));
        assertFalse(Cidr.parse("::/0").contains(ip("10.0.0.1")));
    }

    @Test
    void ipv4MappedAddressesAreIpv4()
    {
        final InetAddress mapped = ip("::ffff:203.0.113.9");
        assertTrue(Cidr.parse("203.0.113.0/24").contains(mapped));
        assertTrue(Cidr.parse("::ffff:203.0.113.0/120").contains(ip("203.0.113.9")));
    }

    @Test
    void zeroLengthIpv4MatchesEveryIpv4Address()
    {
        assertTrue(Cidr.parse("0.0.0.0/0").contains(ip("198.51.100.1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "carrier.example.com", "256.0.0.1", "1.2.3", "1.2.3.4/33", "1.2.3.4/", "1.2.3.4/-1",
        "2001:db8::/129", "2001:::1", "fe80::1%eth0", "1.2.3.4/8/8"})
    void refusesWhatIsNoLiteral(final String text)
    {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
    }
}

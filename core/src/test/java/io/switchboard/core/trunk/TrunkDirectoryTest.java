package io.switchboard.core.trunk;

import io.switchboard.core.config.SwitchboardConfig;
import io.switchboard.core.config.TrunkSettings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static io.switchboard.core.trunk.CidrTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrunkDirectoryTest
{
    /** Resolves the example's carrier-b host only; anything else is unknown (no DNS in unit tests). */
    static InetAddress[] resolve(final String host) throws UnknownHostException
    {
        if ("198.51.100.10".equals(host))
        {
            return new InetAddress[] {ip("198.51.100.10"), ip("2001:db8:b::10")};
        }
        throw new UnknownHostException(host);
    }

    static TrunkDirectory directory() throws IOException
    {
        return new TrunkDirectory(TrunkConfigTest.load(TrunkConfigTest.EXAMPLE).tenant.trunks,
            TrunkDirectoryTest::resolve);
    }

    @Test
    void trunksByName() throws IOException
    {
        final TrunkDirectory d = directory();
        assertEquals(List.of("carrier-a", "carrier-b", "emergency"), d.trunks().stream().map(t -> t.name).toList());
        assertEquals(5080, d.trunk("carrier-b").port);
        assertNull(d.trunk("nope"));
        assertNull(d.trunk(null));
    }

    @Test
    void sourceByCidrV4AndV6() throws IOException
    {
        final TrunkDirectory d = directory();
        assertEquals("carrier-a", d.trunkForSource(ip("203.0.113.99")).name);
        assertEquals("carrier-a", d.trunkForSource(ip("2001:db8:a:ffff::1")).name);
        assertEquals("carrier-a", d.trunkForSource(ip("::ffff:203.0.113.1")).name);
        assertNull(d.trunkForSource(ip("203.0.114.1")));
        assertNull(d.trunkForSource(ip("2001:db8:c::1")));
    }

    @Test
    void absentInboundAddressesMeanTheResolvedHost() throws IOException
    {
        final TrunkDirectory d = directory();
        assertEquals("carrier-b", d.trunkForSource(ip("198.51.100.10")).name);
        assertEquals("carrier-b", d.trunkForSource(ip("2001:db8:b::10")).name);
        assertNull(d.trunkForSource(ip("198.51.100.11")));
        assertEquals(2, d.inboundBlocks("carrier-b").size());
    }

    @Test
    void emptyInboundAddressesMeanOutboundOnly() throws IOException
    {
        final TrunkDirectory d = directory();
        assertNull(d.trunkForSource(ip("192.0.2.1")), "the emergency trunk's own host is not trusted");
        assertTrue(d.inboundBlocks("emergency").isEmpty());
    }

    @Test
    void mostSpecificBlockWins() throws IOException
    {
        final SwitchboardConfig config = TrunkConfigTest.load("""
            {"tenant": {"trunks": [
              {"name": "wide", "host": "h1", "inboundAddresses": ["10.0.0.0/8"]},
              {"name": "narrow", "host": "h2", "inboundAddresses": ["10.1.2.0/24"]},
              {"name": "same", "host": "h3", "inboundAddresses": ["10.1.2.0/24"]}
            ]}}
            """);
        final TrunkDirectory d = new TrunkDirectory(config.tenant.trunks, TrunkDirectoryTest::resolve);
        assertEquals("narrow", d.trunkForSource(ip("10.1.2.3")).name, "longer prefix, then the first listed");
        assertEquals("wide", d.trunkForSource(ip("10.9.9.9")).name);
        assertTrue(d.acceptsFrom("same", ip("10.1.2.3")));
        assertTrue(d.acceptsFrom("wide", ip("10.1.2.3")));
        assertFalse(d.acceptsFrom("narrow", ip("10.9.9.9")));
        assertFalse(d.acceptsFrom("nope", ip("10.9.9.9")));
    }

    @Test
    void numbersBelongToTheirTrunk() throws IOException
    {
        final TrunkDirectory d = directory();
        assertEquals("carrier-a", d.trunkForNumber("+4930123457").name);
        assertEquals("carrier-b", d.trunkForNumber("+4989555000").name);
        assertNull(d.trunkForNumber("+4930999999"));
        assertNull(d.trunkForNumber(null));
    }

    @Test
    void unresolvableHostNamesTheTrunk()
    {
        final TrunkSettings t = new TrunkSettings();
        t.name = "lost";
        t.host = "sip.lost.example";
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new TrunkDirectory(List.of(t), TrunkDirectoryTest::resolve));
        assertTrue(e.getMessage().contains("tenant.trunks.lost: cannot resolve host sip.lost.example"),
            e.getMessage());
    }
}

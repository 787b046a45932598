package io.switchboard.core.trace;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SipTraceRingTest
{
    private static final InetSocketAddress US = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5060);
    private static final InetSocketAddress PHONE = new InetSocketAddress("10.1.2.3", 5062);

    private static byte[] message(final String callId, final int n, final int padding)
    {
        return ("OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/UDP h\r\ncall-id :  " + callId + " \r\nCSeq: " + n
            + " OPTIONS\r\nX-Pad: " + "x".repeat(padding) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldGiveBackACallsMessagesInOrderWithTheirAddresses()
    {
        final SipTraceRing ring = new SipTraceRing(65536);
        ring.record(10, false, "UDP", US, PHONE, message("a@h", 1, 0));
        ring.record(11, true, "TCP", US, PHONE, message("b@h", 2, 0));
        ring.record(12, true, "WSS", US, PHONE, ("SIP/2.0 200 OK\r\ni: a@h\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        final List<TraceEntry> a = ring.entries(Set.of("a@h"));
        assertEquals(2, a.size());
        assertEquals(10, a.get(0).epochMicros());
        assertFalse(a.get(0).sent());
        assertEquals(PHONE, a.get(0).source());
        assertEquals(US, a.get(0).destination());
        assertArrayEquals(message("a@h", 1, 0), a.get(0).bytes());
        assertEquals("WSS", a.get(1).transport());
        assertTrue(a.get(1).sent());
        assertEquals(1, ring.entries(Set.of("b@h", "c@h")).size());
    }

    @Test
    void shouldOverwriteTheOldestAndKeepTheNewestAcrossTheEnd()
    {
        final SipTraceRing ring = new SipTraceRing(4096);
        for (int n = 0; n < 200; n++)
        {
            ring.record(n, true, "UDP", US, PHONE, message(n % 2 == 0 ? "even" : "odd", n, n % 7 * 13));
            final List<TraceEntry> even = ring.entries(Set.of("even"));
            final List<TraceEntry> odd = ring.entries(Set.of("odd"));
            assertFalse(even.isEmpty() && odd.isEmpty());
            final List<TraceEntry> newest = n % 2 == 0 ? even : odd;
            assertEquals(n, newest.get(newest.size() - 1).epochMicros(), "the newest is kept");
            for (int i = 1; i < even.size(); i++)
            {
                assertEquals(even.get(i - 1).epochMicros() + 2, even.get(i).epochMicros(), "no gap, in order");
            }
        }
        assertTrue(ring.entries(Set.of("even")).size() > 3, "a few kilobytes hold several messages");
        ring.record(300, true, "UDP", US, PHONE, message("big", 0, 3900));
        assertEquals(1, ring.entries(Set.of("big")).size(), "nearly the ring's size: alone in it");
        assertEquals(List.of(), ring.entries(Set.of("even")));
        ring.record(301, true, "UDP", US, PHONE, message("huge", 0, 5000));
        assertEquals(1, ring.dropped());
        ring.record(302, true, "UDP", US, PHONE, message("even", 0, 0));
        assertEquals(302, ring.entries(Set.of("even")).get(0).epochMicros());
    }

    @Test
    void shouldWriteAPcapWithIpAndUdpHeaders()
    {
        final byte[] sip = message("a@h", 1, 1);
        final TraceEntry entry = new TraceEntry(1_700_000_000_123_456L, true, "UDP", US, PHONE, sip);
        final ByteBuffer pcap = ByteBuffer.wrap(TracePcap.write(List.of(entry)));
        assertEquals(TracePcap.MAGIC, pcap.getInt(0));
        assertEquals(TracePcap.LINKTYPE_RAW, pcap.getInt(20));
        assertEquals(1_700_000_000, pcap.getInt(24));
        assertEquals(123_456, pcap.getInt(28));
        assertEquals(20 + 8 + sip.length, pcap.getInt(32));
        final int ip = 40;
        assertEquals(0, TracePcap.checksum(pcap.array(), ip, 20, 0), "a valid IPv4 header checksum");
        assertEquals(5060, pcap.getShort(ip + 20) & 0xffff);
        assertEquals(5062, pcap.getShort(ip + 22) & 0xffff);
        final byte[] payload = new byte[sip.length];
        pcap.get(ip + 28, payload);
        assertArrayEquals(sip, payload);
        final TraceEntry v6 = new TraceEntry(1, false, "TCP", new InetSocketAddress("::1", 5060), PHONE, sip);
        final byte[] packet = TracePcap.packet(v6);
        assertEquals(0x60, packet[0] & 0xf0, "IPv6, the IPv4 address mapped");
        assertEquals(40 + 8 + sip.length, packet.length);
    }
}

package io.switchboard.core.trace;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * A trace as a pcap file (the classic format, microsecond times) that Wireshark and sngrep open: link type
 * {@code LINKTYPE_RAW} (101), each message one IPv4 (or IPv6) packet with a UDP header and the message as its
 * payload. Messages that went over TCP, TLS or WebSocket are written as UDP datagrams too (their payload is the SIP
 * message, decrypted and unframed), which both tools decode as SIP on the same ports. With an IPv4 and an IPv6
 * address in one message, the IPv4 one is written IPv4-mapped.
 */
public final class TracePcap
{
    /** The classic pcap magic, microsecond resolution. */
    public static final int MAGIC = 0xa1b2c3d4;
    /** LINKTYPE_RAW: the packet starts with its IP header, version 4 or 6. */
    public static final int LINKTYPE_RAW = 101;
    /** Payloads beyond what one UDP datagram carries are cut to it. */
    private static final int MAX_PAYLOAD = 65_535 - 8 - 40;

    private TracePcap()
    {
    }

    public static byte[] write(final List<TraceEntry> entries)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.BIG_ENDIAN);
        header.putInt(MAGIC).putShort((short)2).putShort((short)4).putInt(0).putInt(0).putInt(65_535)
            .putInt(LINKTYPE_RAW);
        out.writeBytes(header.array());
        for (final TraceEntry entry : entries)
        {
            final byte[] packet = packet(entry);
            final ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN);
            record.putInt((int)(entry.epochMicros() / 1_000_000L)).putInt((int)(entry.epochMicros() % 1_000_000L))
                .putInt(packet.length).putInt(packet.length);
            out.writeBytes(record.array());
            out.writeBytes(packet);
        }
        return out.toByteArray();
    }

    /** The IP packet of one message: IP header, UDP header, the message. */
    static byte[] packet(final TraceEntry entry)
    {
        final InetAddress source = entry.source().getAddress();
        final InetAddress destination = entry.destination().getAddress();
        final int payload = Math.min(entry.bytes().length, MAX_PAYLOAD);
        final boolean v4 = source instanceof Inet4Address && destination instanceof Inet4Address;
        final byte[] src = v4 ? source.getAddress() : v6(source);
        final byte[] dst = v4 ? destination.getAddress() : v6(destination);
        final int udpLength = 8 + payload;
        final ByteBuffer packet = ByteBuffer.allocate((v4 ? 20 : 40) + udpLength).order(ByteOrder.BIG_ENDIAN);
        if (v4)
        {
            packet.put((byte)0x45).put((byte)0).putShort((short)(20 + udpLength)).putShort((short)0)
                .putShort((short)0x4000).put((byte)64).put((byte)17).putShort((short)0).put(src).put(dst);
            packet.putShort(10, (short)checksum(packet.array(), 0, 20, 0));
        }
        else
        {
            packet.putInt(0x60000000).putShort((short)udpLength).put((byte)17).put((byte)64).put(src).put(dst);
        }
        final int udp = packet.position();
        packet.putShort((short)entry.source().getPort()).putShort((short)entry.destination().getPort())
            .putShort((short)udpLength).putShort((short)0).put(entry.bytes(), 0, payload);
        // The pseudo-header's sum (RFC 768, RFC 8200 §8.1), then the datagram's.
        final long pseudo = sum(src) + sum(dst) + 17 + udpLength;
        final int checksum = checksum(packet.array(), udp, udpLength, pseudo);
        packet.putShort(udp + 6, (short)(checksum == 0 ? 0xffff : checksum));
        return packet.array();
    }

    private static byte[] v6(final InetAddress address)
    {
        if (address instanceof Inet6Address)
        {
            return address.getAddress();
        }
        final byte[] mapped = new byte[16];
        mapped[10] = (byte)0xff;
        mapped[11] = (byte)0xff;
        System.arraycopy(address.getAddress(), 0, mapped, 12, 4);
        return mapped;
    }

    private static long sum(final byte[] bytes)
    {
        long total = 0;
        for (int i = 0; i < bytes.length; i += 2)
        {
            total += (bytes[i] & 0xff) << 8 | bytes[i + 1] & 0xff;
        }
        return total;
    }

    /** The Internet checksum (RFC 1071) of {@code length} bytes from {@code offset}, starting from {@code initial}. */
    static int checksum(final byte[] bytes, final int offset, final int length, final long initial)
    {
        long total = initial;
        for (int i = 0; i < length; i += 2)
        {
            final int high = bytes[offset + i] & 0xff;
            final int low = i + 1 < length ? bytes[offset + i + 1] & 0xff : 0;
            total += high << 8 | low;
        }
        while (total >> 16 != 0)
        {
            total = (total & 0xffff) + (total >> 16);
        }
        return (int)~total & 0xffff;
    }
}

package io.switchboard.core.trace;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One worker's SIP trace: every message the worker received or sent, newest overwriting oldest, in one byte array
 * allocated at start. Owned by the worker's loop (no locks): recording copies the message's bytes and a 64-byte
 * header into the array; reading copies a call's entries out, also on the loop.
 *
 * <p>Positions grow without end (as in Agrona's ring buffers); an entry's index is its position modulo the
 * capacity, and an entry never wraps: when it does not fit before the end, a padding entry fills the rest. Before
 * writing, the oldest entries are dropped until the new one fits. Entry layout (8-byte aligned): total length (int),
 * payload length (int; -1 for padding), epoch micros (long), the Call-ID's hash (long), direction, transport, local
 * and remote address families (bytes), local and remote ports (chars), the two addresses (16 bytes each; IPv4 in the
 * first 4), then the message.
 */
public final class SipTraceRing
{
    /** Transport tokens by their code in an entry. */
    static final String[] TRANSPORTS = {"UDP", "TCP", "TLS", "WS", "WSS"};

    private static final int HEADER = 64;
    private static final int PADDING = -1;

    private final byte[] buffer;
    private final int capacity;
    private final long baseMicros;
    private final long baseNanos;
    private long head;
    private long tail;
    private long dropped;

    /** @param capacity bytes, rounded down to a multiple of 8; at least 4096 */
    public SipTraceRing(final int capacity)
    {
        if (capacity < 4096)
        {
            throw new IllegalArgumentException("a trace ring needs at least 4096 bytes");
        }
        this.capacity = capacity & ~7;
        this.buffer = new byte[this.capacity];
        this.baseMicros = System.currentTimeMillis() * 1000L;
        this.baseNanos = System.nanoTime();
    }

    /** Now in epoch microseconds, from the monotonic clock (no allocation). */
    public long nowMicros()
    {
        return baseMicros + (System.nanoTime() - baseNanos) / 1000L;
    }

    /** Messages too large for the ring, not recorded. */
    public long dropped()
    {
        return dropped;
    }

    /** Records one message; the bytes are copied. Call on the owning loop. */
    public void record(final long epochMicros, final boolean sent, final String transport,
        final InetSocketAddress local, final InetSocketAddress remote, final byte[] bytes)
    {
        final int length = align(HEADER + bytes.length);
        if (length > capacity)
        {
            dropped++;
            return;
        }
        final int index = (int)(tail % capacity);
        int padding = index + length > capacity ? capacity - index : 0;
        if (padding + length > capacity)
        {
            // Nearly the whole ring: everything goes, and the entry starts at the array's start.
            tail += padding;
            head = tail;
            padding = 0;
        }
        while (tail + padding + length - head > capacity && head < tail)
        {
            head += intAt((int)(head % capacity));
        }
        if (padding > 0)
        {
            putInt(index, padding);
            putInt(index + 4, PADDING);
            tail += padding;
        }
        final int at = (int)(tail % capacity);
        putInt(at, length);
        putInt(at + 4, bytes.length);
        putLong(at + 8, epochMicros);
        putLong(at + 16, CallIdScan.hash(bytes, 0, bytes.length));
        buffer[at + 24] = (byte)(sent ? 1 : 0);
        buffer[at + 25] = transportCode(transport);
        putAddress(at, 26, 28, 32, local);
        putAddress(at, 27, 30, 48, remote);
        System.arraycopy(bytes, 0, buffer, at + HEADER, bytes.length);
        tail += length;
    }

    /** The entries whose Call-ID is one of {@code callIds}, oldest first, copied out. Call on the owning loop. */
    public List<TraceEntry> entries(final Set<String> callIds)
    {
        final long[] hashes = callIds.stream().mapToLong(CallIdScan::hash).toArray();
        final List<TraceEntry> found = new ArrayList<>();
        for (long position = head; position < tail; )
        {
            final int at = (int)(position % capacity);
            final int length = intAt(at);
            final int payload = intAt(at + 4);
            if (payload != PADDING && contains(hashes, longAt(at + 16))
                && callIds.contains(CallIdScan.value(buffer, at + HEADER, payload)))
            {
                found.add(entry(at, payload));
            }
            position += length;
        }
        return found;
    }

    private TraceEntry entry(final int at, final int payload)
    {
        final byte[] bytes = new byte[payload];
        System.arraycopy(buffer, at + HEADER, bytes, 0, payload);
        final int transport = buffer[at + 25];
        return new TraceEntry(longAt(at + 8), buffer[at + 24] == 1,
            transport >= 0 && transport < TRANSPORTS.length ? TRANSPORTS[transport] : "UDP",
            address(at, 26, 28, 32), address(at, 27, 30, 48), bytes);
    }

    private static boolean contains(final long[] hashes, final long hash)
    {
        for (final long h : hashes)
        {
            if (h == hash)
            {
                return true;
            }
        }
        return false;
    }

    private static byte transportCode(final String transport)
    {
        for (int i = 0; i < TRANSPORTS.length; i++)
        {
            if (TRANSPORTS[i].equalsIgnoreCase(transport))
            {
                return (byte)i;
            }
        }
        return 0;
    }

    /** IPv4 without allocating (an {@link Inet4Address}'s hash is its address); IPv6 through its byte copy. */
    private void putAddress(final int at, final int family, final int port, final int address,
        final InetSocketAddress socket)
    {
        final InetAddress ip = socket == null ? null : socket.getAddress();
        buffer[at + port] = (byte)((socket == null ? 0 : socket.getPort()) >>> 8);
        buffer[at + port + 1] = (byte)(socket == null ? 0 : socket.getPort());
        if (ip instanceof Inet4Address)
        {
            buffer[at + family] = 4;
            putInt(at + address, ip.hashCode());
        }
        else if (ip != null)
        {
            buffer[at + family] = 6;
            System.arraycopy(ip.getAddress(), 0, buffer, at + address, 16);
        }
        else
        {
            buffer[at + family] = 4;
            putInt(at + address, 0);
        }
    }

    private InetSocketAddress address(final int at, final int family, final int port, final int address)
    {
        final int number = (buffer[at + port] & 0xff) << 8 | buffer[at + port + 1] & 0xff;
        final byte[] ip = new byte[buffer[at + family] == 6 ? 16 : 4];
        System.arraycopy(buffer, at + address, ip, 0, ip.length);
        try
        {
            return new InetSocketAddress(InetAddress.getByAddress(ip), number);
        }
        catch (final UnknownHostException impossible)
        {
            throw new IllegalStateException(impossible);
        }
    }

    private static int align(final int length)
    {
        return length + 7 & ~7;
    }

    private int intAt(final int at)
    {
        return (buffer[at] & 0xff) << 24 | (buffer[at + 1] & 0xff) << 16 | (buffer[at + 2] & 0xff) << 8
            | buffer[at + 3] & 0xff;
    }

    private long longAt(final int at)
    {
        return (long)intAt(at) << 32 | intAt(at + 4) & 0xffffffffL;
    }

    private void putInt(final int at, final int value)
    {
        buffer[at] = (byte)(value >>> 24);
        buffer[at + 1] = (byte)(value >>> 16);
        buffer[at + 2] = (byte)(value >>> 8);
        buffer[at + 3] = (byte)value;
    }

    private void putLong(final int at, final long value)
    {
        putInt(at, (int)(value >>> 32));
        putInt(at + 4, (int)value);
    }
}

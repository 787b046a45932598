package io.switchboard.media.engine;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/** A phone's RTP socket in tests: sends packets it builds itself and parses what it receives. */
final class TestPhone implements AutoCloseable
{
    /** One received RTP packet. */
    record Rtp(int payloadType, boolean marker, int sequence, long timestamp, long ssrc, byte[] payload)
    {
    }

    private final DatagramSocket socket;
    private InetSocketAddress target;

    TestPhone() throws IOException
    {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(50);
    }

    InetSocketAddress address()
    {
        return (InetSocketAddress)socket.getLocalSocketAddress();
    }

    void target(final int port)
    {
        target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    void send(final int pt, final boolean marker, final int seq, final long ts, final long ssrc, final byte[] payload)
        throws IOException
    {
        final ByteBuffer buf = ByteBuffer.allocate(12 + payload.length);
        buf.put((byte)0x80).put((byte)((marker ? 0x80 : 0) | pt)).putShort((short)seq).putInt((int)ts)
            .putInt((int)ssrc).put(payload);
        socket.send(new DatagramPacket(buf.array(), buf.position(), target));
    }

    void sendRaw(final byte[] bytes) throws IOException
    {
        socket.send(new DatagramPacket(bytes, bytes.length, target));
    }

    /** The next datagram as it came, or an AssertionError after {@code millis}. */
    byte[] receiveRaw(final long millis) throws IOException
    {
        final long deadline = System.nanoTime() + millis * 1_000_000L;
        final byte[] data = new byte[2048];
        while (System.nanoTime() < deadline)
        {
            final DatagramPacket packet = new DatagramPacket(data, data.length);
            try
            {
                socket.receive(packet);
                return Arrays.copyOf(data, packet.getLength());
            }
            catch (final SocketTimeoutException ex)
            {
                // until the deadline
            }
        }
        throw new AssertionError("nothing received in " + millis + " ms");
    }

    /** The next packet, or null after {@code millis} without one. */
    Rtp receive(final long millis) throws IOException
    {
        final long deadline = System.nanoTime() + millis * 1_000_000L;
        final byte[] data = new byte[2048];
        while (System.nanoTime() < deadline)
        {
            final DatagramPacket packet = new DatagramPacket(data, data.length);
            try
            {
                socket.receive(packet);
            }
            catch (final SocketTimeoutException ex)
            {
                continue;
            }
            final ByteBuffer buf = ByteBuffer.wrap(data, 0, packet.getLength());
            final int b0 = buf.get() & 0xff;
            final int b1 = buf.get() & 0xff;
            final int seq = buf.getShort() & 0xffff;
            final long ts = buf.getInt() & 0xffffffffL;
            final long ssrc = buf.getInt() & 0xffffffffL;
            buf.position(12 + 4 * (b0 & 0x0f));
            return new Rtp(b1 & 0x7f, (b1 & 0x80) != 0, seq, ts, ssrc,
                Arrays.copyOfRange(data, buf.position(), packet.getLength()));
        }
        return null;
    }

    /** Receives until {@code count} packets pass {@code filter}, or fails after {@code millis}; returns them all. */
    List<Rtp> receiveUntil(final int count, final Predicate<Rtp> filter, final long millis) throws IOException
    {
        final List<Rtp> all = new ArrayList<>();
        final long deadline = System.nanoTime() + millis * 1_000_000L;
        int matched = 0;
        while (matched < count && System.nanoTime() < deadline)
        {
            final Rtp rtp = receive(50);
            if (rtp != null)
            {
                all.add(rtp);
                matched += filter.test(rtp) ? 1 : 0;
            }
        }
        if (matched < count)
        {
            throw new AssertionError("only " + matched + " of " + count + " expected packets in " + millis
                + " ms; received " + all.size());
        }
        return all;
    }

    /**
     * Drops whatever is queued: packets until a 30 ms pause, for at most 300 ms (a stream paced every 20 ms never
     * pauses, and what came before the call to drain has been read by then).
     */
    void drain() throws IOException
    {
        final long deadline = System.nanoTime() + 300_000_000L;
        while (System.nanoTime() < deadline && receive(30) != null)
        {
            // discard
        }
    }

    @Override
    public void close()
    {
        socket.close();
    }
}

package io.switchboard.core.system;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The RTP side of a test phone: one UDP socket on loopback (its port goes in the phone's SDP), a reader thread that
 * keeps every RTP packet received, and a sender of 20 ms frames to the server's port for this leg. Tests wait for
 * what they expect with {@link #await}, which is bounded; nothing here sleeps to synchronise.
 */
final class RtpPeer implements AutoCloseable
{
    /** How long {@link #await} waits before failing. */
    static final long WAIT_MILLIS = 5000;
    private static final long FRAME_MILLIS = 20;
    private static final int FRAME_SAMPLES = 160;

    /** One RTP packet (header fields and payload). */
    record Packet(int pt, boolean marker, int seq, long timestamp, long ssrc, byte[] payload)
    {
        /** Parses an RTP packet (version 2, CSRCs, extension and padding honoured); null if it is not one. */
        static Packet parse(final byte[] data, final int length)
        {
            if (length < 12 || (data[0] & 0xc0) != 0x80)
            {
                return null;
            }
            final ByteBuffer b = ByteBuffer.wrap(data, 0, length);
            int offset = 12 + (data[0] & 0x0f) * 4;
            if ((data[0] & 0x10) != 0 && length >= offset + 4)
            {
                offset += 4 + (b.getShort(offset + 2) & 0xffff) * 4;
            }
            int end = length;
            if ((data[0] & 0x20) != 0)
            {
                end -= data[length - 1] & 0xff;
            }
            if (offset > end)
            {
                return null;
            }
            return new Packet(data[1] & 0x7f, (data[1] & 0x80) != 0, b.getShort(2) & 0xffff,
                b.getInt(4) & 0xffffffffL, b.getInt(8) & 0xffffffffL, Arrays.copyOfRange(data, offset, end));
        }

        /** An RFC 4733 event packet's event code. */
        int event()
        {
            return payload[0] & 0xff;
        }

        /** An RFC 4733 event packet's end bit. */
        boolean end()
        {
            return (payload[1] & 0x80) != 0;
        }

        @Override
        public String toString()
        {
            return "pt " + pt + (marker ? " M" : "") + " seq " + seq + " ts " + timestamp + " ssrc " + ssrc + " "
                + payload.length + " bytes";
        }
    }

    private final String name;
    private final DatagramSocket socket;
    private final List<Packet> received = new ArrayList<>();
    /** When each packet of {@link #received} arrived ({@link System#nanoTime}). */
    private final List<Long> arrivals = new ArrayList<>();
    private final Thread reader;
    private final ScheduledExecutorService sender;
    private final long ssrc = ThreadLocalRandom.current().nextLong(1L << 32);
    private int seq = ThreadLocalRandom.current().nextInt(1 << 16);
    private long timestamp = ThreadLocalRandom.current().nextLong(1L << 32);
    private ScheduledFuture<?> sending;
    private volatile int framesSent;
    private volatile boolean closed;

    RtpPeer(final String name) throws SocketException
    {
        this.name = name;
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(100);
        socket.setReceiveBufferSize(1 << 20);
        sender = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, name + "-send"));
        reader = daemon(this::read, name + "-read");
        reader.start();
    }

    private static Thread daemon(final Runnable task, final String threadName)
    {
        final Thread thread = new Thread(task, threadName);
        thread.setDaemon(true);
        return thread;
    }

    int port()
    {
        return socket.getLocalPort();
    }

    private void read()
    {
        final byte[] buffer = new byte[2048];
        while (!closed)
        {
            final DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
            try
            {
                socket.receive(datagram);
            }
            catch (final SocketTimeoutException idle)
            {
                continue;
            }
            catch (final IOException ex)
            {
                return;
            }
            final Packet packet = Packet.parse(buffer, datagram.getLength());
            if (packet != null)
            {
                synchronized (this)
                {
                    received.add(packet);
                    arrivals.add(System.nanoTime());
                    notifyAll();
                }
            }
        }
    }

    /** How many packets were received so far: a mark for {@link #since} and {@link #await}. */
    synchronized int count()
    {
        return received.size();
    }

    synchronized List<Packet> since(final int mark)
    {
        return new ArrayList<>(received.subList(mark, received.size()));
    }

    /**
     * Waits (at most {@link #WAIT_MILLIS}) until the packets received since {@code mark} satisfy the condition, and
     * returns them; fails the test otherwise, saying what was awaited and what came.
     */
    List<Packet> await(final int mark, final String what, final Predicate<List<Packet>> condition)
        throws InterruptedException
    {
        return await(mark, what, WAIT_MILLIS, condition);
    }

    /** As {@link #await(int, String, Predicate)}, waiting at most {@code millis}. */
    synchronized List<Packet> await(final int mark, final String what, final long millis,
        final Predicate<List<Packet>> condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true)
        {
            final List<Packet> packets = since(mark);
            if (condition.test(packets))
            {
                return packets;
            }
            final long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0)
            {
                fail(name + ": timed out waiting for " + what + "; received " + packets.size() + " packets since mark"
                    + (packets.isEmpty() ? "" : ", the last: " + packets.get(packets.size() - 1)));
            }
            wait(Math.max(1, left));
        }
    }

    /** When packet {@code index} (counted from the first received) arrived, in {@link System#nanoTime} terms. */
    synchronized long arrival(final int index)
    {
        return arrivals.get(index);
    }

    /**
     * Waits (at most {@code millis}) until packets came since {@code mark} and then none for {@code quietMillis}:
     * a prompt played through to its end. Returns the packets since {@code mark}; fails the test otherwise.
     */
    synchronized List<Packet> awaitQuiet(final int mark, final String what, final long quietMillis, final long millis)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        final long quiet = TimeUnit.MILLISECONDS.toNanos(quietMillis);
        while (true)
        {
            final long now = System.nanoTime();
            final long sinceLast = received.size() > mark ? now - arrivals.get(arrivals.size() - 1) : -1;
            if (sinceLast >= quiet)
            {
                return since(mark);
            }
            if (now >= deadline)
            {
                fail(name + ": timed out waiting for " + what + " then " + quietMillis + " ms of quiet; received "
                    + (received.size() - mark) + " packets since mark");
            }
            final long untilQuiet = sinceLast < 0 ? quiet : quiet - sinceLast;
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(untilQuiet, deadline - now)) + 1));
        }
    }

    /**
     * Presses a key: an RFC 4733 event with payload type {@code pt} to the server's port, 20 ms apart, as phones
     * send it: the first packet with the marker, the duration growing by 160 (the event's timestamp stays), then
     * three end packets with the final duration. Returns when every packet is out; the stream (SSRC, sequence
     * numbers, timestamps) is the one {@link #startSending} uses, which must not run meanwhile.
     */
    void pressKey(final int serverPort, final int pt, final int event) throws Exception
    {
        final InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort);
        sender.submit(() ->
        {
            final int steps = 4;
            for (int i = 0; i < steps + 3; i++)
            {
                final boolean end = i >= steps;
                final int duration = FRAME_SAMPLES * Math.min(i + 1, steps);
                final ByteBuffer packet = ByteBuffer.allocate(16);
                packet.put((byte)0x80).put((byte)(pt | (i == 0 ? 0x80 : 0))).putShort((short)seq)
                    .putInt((int)timestamp).putInt((int)ssrc)
                    .put((byte)event).put((byte)((end ? 0x80 : 0) | 10)).putShort((short)duration);
                seq = (seq + 1) & 0xffff;
                socket.send(new DatagramPacket(packet.array(), packet.capacity(), to));
                Thread.sleep(FRAME_MILLIS);
            }
            timestamp = (timestamp + (long)FRAME_SAMPLES * (steps + 3)) & 0xffffffffL;
            return null;
        }).get(5, TimeUnit.SECONDS);
    }

    /**
     * Sends frame {@code frames.apply(n)} for n = 0, 1, ... every 20 ms to the server's port, with payload type
     * {@code pt}, one SSRC, consecutive sequence numbers and timestamps 160 apart.
     */
    synchronized void startSending(final int serverPort, final int pt, final IntFunction<byte[]> frames)
    {
        stopSending();
        final InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort);
        framesSent = 0;
        sending = sender.scheduleAtFixedRate(() -> sendFrame(to, pt, frames), 0, FRAME_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void sendFrame(final InetSocketAddress to, final int pt, final IntFunction<byte[]> frames)
    {
        final byte[] payload = frames.apply(framesSent);
        final ByteBuffer packet = ByteBuffer.allocate(12 + payload.length);
        packet.put((byte)0x80).put((byte)(pt | (framesSent == 0 ? 0x80 : 0))).putShort((short)seq)
            .putInt((int)timestamp).putInt((int)ssrc).put(payload);
        seq = (seq + 1) & 0xffff;
        timestamp = (timestamp + FRAME_SAMPLES) & 0xffffffffL;
        try
        {
            socket.send(new DatagramPacket(packet.array(), packet.capacity(), to));
            framesSent++;
        }
        catch (final IOException ex)
        {
            // the socket is closing: the test is over
        }
    }

    /** Frames sent since the last {@link #startSending}. */
    int framesSent()
    {
        return framesSent;
    }

    /** Stops sending; when this returns, no more frames go out. */
    void stopSending()
    {
        final ScheduledFuture<?> current;
        synchronized (this)
        {
            current = sending;
            sending = null;
        }
        if (current != null)
        {
            current.cancel(false);
            try
            {
                // The sender is one thread: once this no-op has run, a frame that was being sent is out.
                sender.submit(() -> 0).get(2, TimeUnit.SECONDS);
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(name + ": sender stuck", ex);
            }
        }
    }

    @Override
    public void close()
    {
        closed = true;
        sender.shutdownNow();
        socket.close();
    }

    @Override
    public String toString()
    {
        return name + " on port " + port();
    }
}

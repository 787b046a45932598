package io.switchboard.media.dtls;

import org.bouncycastle.tls.DatagramTransport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The datagrams of one DTLS handshake, between the leg's event loop and the handshake's thread (BouncyCastle's DTLS
 * blocks on receive): the loop {@link #offer}s what arrives from the browser (a bounded queue: a flood is dropped,
 * never buffered without end), the handshake's sends go to an {@link Outlet} that hands them to the loop.
 * After the handshake the queue is no longer read; {@link #close} ends a handshake that is still waiting.
 */
public final class HandshakeDatagrams implements DatagramTransport
{
    /** Path MTU for DTLS records over UDP on the Internet: 1200 octets keeps every record in one packet. */
    static final int MTU = 1200;
    private static final int QUEUE = 64;
    private static final byte[] CLOSED = new byte[0];

    /** Where the handshake's datagrams go: to the browser's address, sent from the leg's port on its loop. */
    @FunctionalInterface
    public interface Outlet
    {
        void send(byte[] datagram);
    }

    private final BlockingQueue<byte[]> received = new ArrayBlockingQueue<>(QUEUE);
    private final Outlet outlet;
    private volatile boolean closed;

    public HandshakeDatagrams(final Outlet outlet)
    {
        this.outlet = outlet;
    }

    /** A DTLS datagram from the browser; false when the queue is full or the handshake is over (dropped). */
    public boolean offer(final byte[] datagram)
    {
        return !closed && received.offer(datagram);
    }

    @Override
    public int getReceiveLimit()
    {
        return MTU;
    }

    @Override
    public int getSendLimit()
    {
        return MTU;
    }

    @Override
    public int receive(final byte[] buffer, final int offset, final int length, final int waitMillis)
        throws IOException
    {
        final byte[] datagram;
        try
        {
            datagram = received.poll(waitMillis, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("handshake interrupted");
        }
        if (datagram == null)
        {
            return -1;
        }
        if (datagram == CLOSED || closed)
        {
            throw new IOException("the leg was closed during the handshake");
        }
        final int count = Math.min(length, datagram.length);
        System.arraycopy(datagram, 0, buffer, offset, count);
        return count;
    }

    @Override
    public void send(final byte[] buffer, final int offset, final int length) throws IOException
    {
        if (closed)
        {
            throw new IOException("the leg was closed");
        }
        final byte[] datagram = new byte[length];
        System.arraycopy(buffer, offset, datagram, 0, length);
        outlet.send(datagram);
    }

    @Override
    public void close()
    {
        closed = true;
        received.clear();
        received.offer(CLOSED);
    }
}

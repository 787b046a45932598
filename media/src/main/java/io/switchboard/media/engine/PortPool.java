package io.switchboard.media.engine;

import org.jctools.queues.MpmcArrayQueue;

/**
 * The RTP ports of the configured range: even ports for RTP, the odd port above each for RTCP (RFC 3550 §11).
 * Taken and given back from any event loop without locks; the {@link Integer}s are created once, so taking a port
 * allocates nothing. Ports go back to the tail, so a port just freed is reused last (a late packet of the old call
 * does not reach the new one).
 */
public final class PortPool
{
    private final MpmcArrayQueue<Integer> free;
    private final Integer[] boxes = new Integer[65536];
    private final int capacity;

    public PortPool(final int first, final int last)
    {
        if (first < 1024 || last > 65534 || first > last)
        {
            throw new IllegalArgumentException("RTP port range must be within 1024..65534: " + first + ".." + last);
        }
        final int start = first % 2 == 0 ? first : first + 1;
        int count = 0;
        for (int port = start; port + 1 <= last; port += 2)
        {
            count++;
        }
        if (count == 0)
        {
            throw new IllegalArgumentException("RTP port range " + first + ".." + last + " holds no even port");
        }
        capacity = count;
        free = new MpmcArrayQueue<>(Math.max(2, count));
        for (int i = 0, port = start; i < count; i++, port += 2)
        {
            boxes[port] = port;
            free.offer(boxes[port]);
        }
    }

    /** An even RTP port, or -1 when every port is in use. */
    public int take()
    {
        final Integer port = free.poll();
        return port == null ? -1 : port;
    }

    public void give(final int port)
    {
        final Integer box = port >= 0 && port < boxes.length ? boxes[port] : null;
        if (box == null || !free.offer(box))
        {
            throw new IllegalStateException("port " + port + " is not of this pool or was given back twice");
        }
    }

    public int capacity()
    {
        return capacity;
    }

    /** Ports taken and not given back: zero when no call is up, or a port leaked. */
    public int inUse()
    {
        return capacity - free.size();
    }
}

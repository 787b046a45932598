package io.switchboard.media.engine;

import io.netty.buffer.ByteBuf;

import java.util.Arrays;

/**
 * The media of one call: two endpoints, one per leg, owned by one event loop. Until {@link #bridge()} the
 * endpoints only play what they are given; bridged, each relays what it receives to the other.
 */
public final class MediaSession
{
    private final MediaEngine engine;
    private final LoopMedia loop;
    private final MediaListener listener;
    private Endpoint first;
    private Endpoint second;
    private boolean bridged;
    private boolean closed;
    private AudioTap[] taps = new AudioTap[0];

    MediaSession(final MediaEngine engine, final LoopMedia loop, final MediaListener listener)
    {
        this.engine = engine;
        this.loop = loop;
        this.listener = listener;
    }

    void endpoints(final Endpoint a, final Endpoint b)
    {
        first = a;
        second = b;
        a.peer(b);
        b.peer(a);
    }

    /** Adds a tap that hears both phones' audio from now on (on the owner loop). */
    public void addTap(final AudioTap tap)
    {
        final AudioTap[] more = Arrays.copyOf(taps, taps.length + 1);
        more[taps.length] = tap;
        taps = more;
    }

    /** Removes a tap added before; nothing if it was not. */
    public void removeTap(final AudioTap tap)
    {
        for (int i = 0; i < taps.length; i++)
        {
            if (taps[i] == tap)
            {
                final AudioTap[] fewer = new AudioTap[taps.length - 1];
                System.arraycopy(taps, 0, fewer, 0, i);
                System.arraycopy(taps, i + 1, fewer, i, taps.length - i - 1);
                taps = fewer;
                return;
            }
        }
    }

    /** Lends an endpoint's received audio packet to every tap (an array walk: no allocation per packet). */
    void tapAudio(final Endpoint from, final ByteBuf packet, final int payloadIndex,
        final int length, final boolean alaw, final long now)
    {
        for (final AudioTap tap : taps)
        {
            tap.onAudio(from, packet, payloadIndex, length, alaw, now);
        }
    }

    /** The caller's side by convention. */
    public Endpoint first()
    {
        return first;
    }

    /** The callee's side by convention. */
    public Endpoint second()
    {
        return second;
    }

    /** Connects the two parties: from now on each hears the other (unless held or muted). */
    public void bridge()
    {
        if (!bridged && !closed)
        {
            bridged = true;
            first.refresh();
            second.refresh();
        }
    }

    /** Disconnects the parties (each then hears only what is played to it), e.g. while a caller is in an IVR. */
    public void unbridge()
    {
        if (bridged && !closed)
        {
            bridged = false;
            first.refresh();
            second.refresh();
        }
    }

    public boolean bridged()
    {
        return bridged;
    }

    public boolean closed()
    {
        return closed;
    }

    /** Releases the ports, sockets, timers and buffers of both endpoints. Idempotent. */
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        bridged = false;
        first.close();
        second.close();
        engine.closed(this);
    }

    /** RTP packets both endpoints received (on the owner loop, as the endpoints count them). */
    long packetsIn()
    {
        return first.packetsIn() + second.packetsIn();
    }

    /** RTP packets both endpoints sent. */
    long packetsOut()
    {
        return first.packetsOut() + second.packetsOut();
    }

    /** Packets the phones' RTCP reports say they lost of what we sent them, both endpoints. */
    long reportedLost()
    {
        return first.reportedLost() + second.reportedLost();
    }

    /** Datagrams both endpoints dropped (not RTP, a foreign source, a codec not agreed). */
    long dropped()
    {
        return first.dropped() + second.dropped();
    }

    MediaEngine engine()
    {
        return engine;
    }

    Pacer pacer()
    {
        return loop.pacer();
    }

    void pace(final Pacer.Stream stream)
    {
        loop.pace(stream);
    }

    MediaListener listener()
    {
        return listener;
    }
}

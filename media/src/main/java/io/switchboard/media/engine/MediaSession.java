package io.switchboard.media.engine;

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

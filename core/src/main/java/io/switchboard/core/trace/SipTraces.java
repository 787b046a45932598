package io.switchboard.core.trace;

import io.netty.channel.EventLoop;
import io.switchboard.sip.dialog.Identifiers;
import io.switchboard.sip.transport.Flow;
import io.switchboard.sip.transport.MessageTap;

import java.net.InetSocketAddress;
import java.util.function.Function;

/**
 * The SIP workers' trace rings, one per worker loop, and the tap on what the transports send. A message is recorded
 * in the ring of the worker that owns its Call-ID, on that worker's loop: the call layer sends from its own loop, so
 * a sent message is recorded in place; one sent from another thread (rare: nothing of a call) is handed to its owner
 * by its Call-ID. Received messages are recorded by the worker when the dispatcher hands them over.
 */
public final class SipTraces implements MessageTap
{
    private final EventLoop[] loops;
    private final SipTraceRing[] rings;
    private final Function<Flow, InetSocketAddress> localOf;

    /**
     * @param bytesPerWorker each ring's size in bytes
     * @param localOf        our address a message arrived at (the flow's, or the routed one for a wildcard)
     */
    public SipTraces(final EventLoop[] loops, final int bytesPerWorker, final Function<Flow, InetSocketAddress> localOf)
    {
        this.loops = loops.clone();
        this.localOf = localOf;
        this.rings = new SipTraceRing[loops.length];
        for (int i = 0; i < rings.length; i++)
        {
            rings[i] = new SipTraceRing(bytesPerWorker);
        }
    }

    /** Worker {@code i}'s ring: touch it on that worker's loop only. */
    public SipTraceRing ring(final int i)
    {
        return rings[i];
    }

    /** Records a message worker {@code i} received; on that worker's loop. */
    public void received(final int i, final Flow flow, final byte[] raw)
    {
        final SipTraceRing ring = rings[i];
        ring.record(ring.nowMicros(), false, flow.transport().name(), localOf.apply(flow), flow.remote(), raw);
    }

    @Override
    public void onSent(final byte[] bytes, final String transport, final InetSocketAddress local,
        final InetSocketAddress remote)
    {
        for (int i = 0; i < loops.length; i++)
        {
            if (loops[i].inEventLoop())
            {
                final SipTraceRing ring = rings[i];
                ring.record(ring.nowMicros(), true, transport, local, remote, bytes);
                return;
            }
        }
        final String callId = CallIdScan.value(bytes, 0, bytes.length);
        if (callId == null)
        {
            return;
        }
        final int owner = Identifiers.ownerOf(callId, loops.length);
        final SipTraceRing ring = rings[owner];
        final long now = ring.nowMicros();
        loops[owner].execute(() -> ring.record(now, true, transport, local, remote, bytes));
    }
}

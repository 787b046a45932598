package io.switchboard.core.recording;

import io.netty.buffer.ByteBuf;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The way from the SIP workers' loops to the recording writer. Audio goes on a bounded many-to-one ring, copied in
 * place from the packet the media session lends (no allocation per packet); a full ring drops the packet and counts
 * it, and the recording gets a gap mark. The rare moments of a recording (start, marks, stop) go on an unbounded
 * queue of small objects, so that none is ever lost: a recording always ends even when its audio was dropped.
 */
public final class RecordingQueue
{
    /** The ring's message type of an audio packet. */
    static final int AUDIO = 1;
    /** An audio message: recording id (8), arrival since its start in ns (8), channel (1), A-law (1), payload. */
    static final int HEADER_BYTES = 18;
    /** Longer payloads are not 20 ms of G.711 (some 128 ms at most): dropped. */
    static final int MAX_PAYLOAD = 1024;

    /** A recording's moments, in the order its worker told them. */
    sealed interface Control
    {
        long id();
    }

    /** Starts recording {@code id} into {@code path} (under the recordings folder), its clock at {@code startNs}. */
    record Start(long id, String path, long startNs) implements Control
    {
    }

    /** A mark (hold, unhold, transfer, gap) at {@code atNs} after the recording's start. */
    record Mark(long id, long atNs, String kind, String detail) implements Control
    {
    }

    /** The recording ends (its call did): written out and closed once the audio queued before is. */
    record Stop(long id) implements Control
    {
    }

    private final ManyToOneRingBuffer ring;
    private final Queue<Control> controls = new ConcurrentLinkedQueue<>();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean diskLow;

    /** @param bytes the ring's capacity, a power of two */
    public RecordingQueue(final int bytes)
    {
        ring = new ManyToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(bytes + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    /** A scratch buffer for {@link #audio}, one per worker loop (never shared between threads). */
    public static UnsafeBuffer scratch()
    {
        return new UnsafeBuffer(new byte[HEADER_BYTES + MAX_PAYLOAD]);
    }

    /**
     * Queues a packet's G.711 payload for a recording, on the loop that owns the call. False if the ring is full (the
     * packet is dropped and counted) or the payload is too long.
     */
    public boolean audio(final UnsafeBuffer scratch, final long id, final long atNs, final int channel,
        final boolean alaw, final ByteBuf packet, final int index, final int length)
    {
        if (length > MAX_PAYLOAD || length <= 0)
        {
            return true;
        }
        scratch.putLong(0, id);
        scratch.putLong(8, atNs);
        scratch.putByte(16, (byte)channel);
        scratch.putByte(17, (byte)(alaw ? 1 : 0));
        packet.getBytes(index, scratch.byteArray(), HEADER_BYTES, length);
        if (ring.write(AUDIO, scratch, 0, HEADER_BYTES + length))
        {
            return true;
        }
        dropped.incrementAndGet();
        return false;
    }

    /** Queues a start, mark or stop. */
    public void control(final Control control)
    {
        controls.add(control);
    }

    /** Whether new recordings may start: false while the disk is below its free-space threshold. */
    public boolean accepting()
    {
        return !diskLow;
    }

    /** Audio packets dropped because the ring was full. */
    public long dropped()
    {
        return dropped.get();
    }

    public boolean diskLow()
    {
        return diskLow;
    }

    void diskLow(final boolean low)
    {
        diskLow = low;
    }

    ManyToOneRingBuffer ring()
    {
        return ring;
    }

    Control pollControl()
    {
        return controls.poll();
    }
}

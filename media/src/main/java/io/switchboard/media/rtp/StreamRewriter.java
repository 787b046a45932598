package io.switchboard.media.rtp;

import io.netty.buffer.ByteBuf;

/**
 * Makes what leaves one leg a single continuous RTP stream, whatever feeds it: packets relayed from the other leg,
 * a prompt, music, DTMF events. Phones drop audio when the SSRC, sequence number or timestamp jumps (RFC 3550 §5.1:
 * sequence numbers detect loss, timestamps drive the jitter buffer; §8.2: a new SSRC is a new participant), so
 * every packet leaves with our SSRC, the next sequence number, and a timestamp that follows wall time.
 * <p>
 * Each change of source (a new relayed SSRC, {@link #switchSource()}, relayed packets after local ones, the first
 * packet) re-bases: the sequence number continues at last + 1 and the timestamp at last + the wall time elapsed
 * since the last new timestamp, rounded to 20 ms frames of 160 samples at 8 kHz and at least one frame. The marker
 * bit is set on that packet, the start of a talkspurt for the receiver (RFC 3551 §4.1). Between re-bases a relayed
 * source keeps its own sequence and timestamp deltas, so its loss and reordering stay visible to the receiver.
 * <p>
 * Relayed audio should not be interleaved with a DTMF event being sent: each relayed packet after a local one
 * re-bases. Not thread safe: one instance per outgoing stream, used by its event loop. Allocation free.
 */
public final class StreamRewriter
{
    private static final int SAMPLES_PER_FRAME = 160;
    private static final long NANOS_PER_FRAME = 20_000_000L;
    private static final long TIMESTAMP_MASK = 0xFFFF_FFFFL;
    private static final int SEQUENCE_MASK = 0xFFFF;

    private static final int NONE = 0;
    private static final int RELAYED = 1;
    private static final int GENERATED = 2;
    private static final int REPEATED = 3;

    private final long ssrc;
    private final int initialSequence;
    private final long initialTimestamp;

    private int lastKind = NONE;
    private boolean switchPending;
    private long sourceSsrc;
    private int lastSequence;
    private long lastTimestamp;
    private long lastTimestampNanos;
    private boolean timed;
    private int sequenceOffset;
    private long timestampOffset;
    private long packets;
    private long octets;

    /**
     * @param ssrc             our SSRC for this stream (low 32 bits used).
     * @param initialSequence  sequence number of the first packet (RFC 3550 §5.1: should be random).
     * @param initialTimestamp timestamp of the first packet (should be random).
     */
    public StreamRewriter(final long ssrc, final int initialSequence, final long initialTimestamp)
    {
        this.ssrc = ssrc & TIMESTAMP_MASK;
        this.initialSequence = initialSequence & SEQUENCE_MASK;
        this.initialTimestamp = initialTimestamp & TIMESTAMP_MASK;
    }

    /**
     * Rewrites a relayed packet in place: our SSRC, continuous sequence number and timestamp.
     *
     * @param packet   an RTP packet (indexes relative to its readerIndex).
     * @param nowNanos monotonic time of sending ({@link System#nanoTime()} scale).
     */
    public void rewrite(final ByteBuf packet, final long nowNanos)
    {
        final long source = RtpPacket.ssrc(packet);
        final int sourceSequence = RtpPacket.sequence(packet);
        final long sourceTimestamp = RtpPacket.timestamp(packet);
        if (lastKind != RELAYED || switchPending || source != sourceSsrc)
        {
            final int sequence = nextSequence();
            final long timestamp = rebasedTimestamp(nowNanos);
            sequenceOffset = (sequence - sourceSequence) & SEQUENCE_MASK;
            timestampOffset = (timestamp - sourceTimestamp) & TIMESTAMP_MASK;
            sourceSsrc = source;
            switchPending = false;
            RtpPacket.setMarker(packet, true);
        }
        final int sequence = (sourceSequence + sequenceOffset) & SEQUENCE_MASK;
        final long timestamp = (sourceTimestamp + timestampOffset) & TIMESTAMP_MASK;
        RtpPacket.setSequence(packet, sequence);
        RtpPacket.setTimestamp(packet, timestamp);
        RtpPacket.setSsrc(packet, ssrc);
        // A late (reordered) packet must not pull the high-water marks back: the next re-base continues after them.
        if (lastKind != RELAYED || isNewer(sequence, lastSequence))
        {
            lastSequence = sequence;
        }
        if (lastKind != RELAYED || (int)(timestamp - lastTimestamp) > 0)
        {
            lastTimestamp = timestamp;
            lastTimestampNanos = nowNanos;
            timed = true;
        }
        lastKind = RELAYED;
        packets++;
        final int payload = RtpPacket.payloadLength(packet);
        if (payload > 0)
        {
            octets += payload;
        }
    }

    /**
     * Appends the header of a locally generated packet (player, tone, DTMF event start); the caller appends the
     * payload after it and reports its size with {@link #countOctets(int)}.
     *
     * @param out         where to write.
     * @param payloadType 0..127.
     * @param marker      the marker bit; forced on when this packet starts a new source.
     * @param samples     how far this packet's timestamp lies after our previous generated one (normally 160 for
     *                    20 ms); ignored when the previous packet was not generated here, then wall time decides.
     * @param nowNanos    monotonic time of sending.
     */
    public void next(
        final ByteBuf out, final int payloadType, final boolean marker, final int samples, final long nowNanos)
    {
        final int sequence = nextSequence();
        final boolean continuous = lastKind == GENERATED && !switchPending;
        final long timestamp = continuous ? (lastTimestamp + samples) & TIMESTAMP_MASK : rebasedTimestamp(nowNanos);
        RtpPacket.writeHeader(out, payloadType, marker || !continuous, sequence, timestamp, ssrc);
        lastSequence = sequence;
        lastTimestamp = timestamp;
        lastTimestampNanos = nowNanos;
        timed = true;
        lastKind = GENERATED;
        switchPending = false;
        packets++;
    }

    /**
     * Appends the header of a packet that repeats the previous timestamp with the next sequence number: the
     * updates and end packets of an RFC 4733 event all carry the event's start timestamp.
     *
     * @param out         where to write.
     * @param payloadType 0..127.
     * @param marker      the marker bit.
     */
    public void nextSameTimestamp(final ByteBuf out, final int payloadType, final boolean marker)
    {
        final int sequence = nextSequence();
        final long timestamp = lastKind == NONE ? initialTimestamp : lastTimestamp;
        RtpPacket.writeHeader(out, payloadType, marker, sequence, timestamp, ssrc);
        lastSequence = sequence;
        lastTimestamp = timestamp;
        // The time of this timestamp stays the event start, so what follows the event re-bases from there.
        lastKind = REPEATED;
        packets++;
    }

    /** Marks that the next packet, relayed or generated, starts a new source and re-bases. */
    public void switchSource()
    {
        switchPending = true;
    }

    /**
     * Counts the payload of a generated packet for the sender report's octet count (RFC 3550 §6.4.1); relayed
     * packets are counted by {@link #rewrite}.
     *
     * @param payloadOctets payload bytes written after the header.
     */
    public void countOctets(final int payloadOctets)
    {
        octets += payloadOctets;
    }

    /** @return our SSRC. */
    public long ssrc()
    {
        return ssrc;
    }

    /** @return the highest sequence number sent, or the one before the initial if nothing was sent yet. */
    public int lastSequence()
    {
        return lastKind == NONE ? (initialSequence - 1) & SEQUENCE_MASK : lastSequence;
    }

    /** @return the latest timestamp sent, or the initial timestamp if nothing was sent yet. */
    public long lastTimestamp()
    {
        return lastKind == NONE ? initialTimestamp : lastTimestamp;
    }

    /** @return packets sent, for the sender report. */
    public long packets()
    {
        return packets;
    }

    /** @return payload octets sent, for the sender report. */
    public long octets()
    {
        return octets;
    }

    private int nextSequence()
    {
        return lastKind == NONE ? initialSequence : (lastSequence + 1) & SEQUENCE_MASK;
    }

    private long rebasedTimestamp(final long nowNanos)
    {
        if (lastKind == NONE)
        {
            return initialTimestamp;
        }
        if (!timed)
        {
            return (lastTimestamp + SAMPLES_PER_FRAME) & TIMESTAMP_MASK;
        }
        final long frames = Math.max(1L, (nowNanos - lastTimestampNanos + NANOS_PER_FRAME / 2) / NANOS_PER_FRAME);
        return (lastTimestamp + frames * SAMPLES_PER_FRAME) & TIMESTAMP_MASK;
    }

    private static boolean isNewer(final int sequence, final int than)
    {
        final int delta = (sequence - than) & SEQUENCE_MASK;
        return delta != 0 && delta < 0x8000;
    }
}

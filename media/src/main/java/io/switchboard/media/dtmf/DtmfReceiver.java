package io.switchboard.media.dtmf;

import io.netty.buffer.ByteBuf;
import io.switchboard.media.rtp.RtpPacket;

/**
 * Turns the RFC 4733 packets of one incoming stream into key presses, each reported exactly once.
 * <p>
 * A key press is identified by its RTP timestamp (RFC 4733 §2.5.1: all packets of one event share the event's
 * start timestamp). It is reported when its first end packet arrives; the redundant end packets (§2.5.1.4,
 * usually three) and retransmitted updates are then ignored. When a new timestamp starts while the previous event
 * never saw its end (all end packets lost, §2.5.1.5), the previous event is reported then, once. Packets with a
 * timestamp older than the current event (reordered from an earlier press) are ignored.
 * <p>
 * Events other than the 16 DTMF codes (flash, tones of §3.2's other tables) are ignored. The caller must
 * {@link #reset()} when the incoming SSRC changes, since timestamps of a new source are unrelated. Not thread safe;
 * allocation free.
 */
public final class DtmfReceiver
{
    private static final int DTMF_EVENTS = 16;

    private boolean tracking;
    private long timestamp;
    private int event;
    private boolean endSeen;
    private boolean reported;

    /**
     * An RFC 4733 RTP packet (its reader index at the RTP header) of this stream.
     *
     * @return the key ({@code 0-9 * # A-D}) pressed, once per press, else {@code '\0'} (an update, a repeat, a
     *         packet too short to hold an event)
     */
    public char onPacket(final ByteBuf packet)
    {
        final int offset = RtpPacket.payloadOffset(packet);
        if (offset < 0 || RtpPacket.payloadLength(packet) < TelephoneEvent.PAYLOAD_LENGTH)
        {
            return '\0';
        }
        final int index = packet.readerIndex() + offset;
        final int event = onEvent(RtpPacket.timestamp(packet), TelephoneEvent.event(packet, index),
            TelephoneEvent.end(packet, index), TelephoneEvent.duration(packet, index));
        return event >= 0 ? TelephoneEvent.digitOf(event) : '\0';
    }

    /**
     * @param rtpTimestamp the packet's RTP timestamp (unsigned 32 bits).
     * @param event        the event code.
     * @param end          the E bit.
     * @param duration     the duration field; not needed to tell presses apart, accepted for logging and symmetry.
     * @return the event code 0..15 of a key press to report now, or -1.
     */
    public int onEvent(final long rtpTimestamp, final int event, final boolean end, final int duration)
    {
        if (event < 0 || event >= DTMF_EVENTS)
        {
            return -1;
        }
        if (tracking && rtpTimestamp == timestamp)
        {
            if (reported || !(end || endSeen))
            {
                return -1;
            }
            reported = true;
            return this.event;
        }
        if (tracking && (int)(rtpTimestamp - timestamp) < 0)
        {
            return -1;
        }
        final int unended = tracking && !reported ? this.event : -1;
        tracking = true;
        timestamp = rtpTimestamp;
        this.event = event;
        endSeen = end;
        reported = false;
        if (unended >= 0)
        {
            // Two presses to report at once: the lost-end one now, this one with its next packet or flush().
            return unended;
        }
        if (end)
        {
            reported = true;
            return event;
        }
        return -1;
    }

    /**
     * For when the stream stops: reports an event that started but whose end was never seen or not yet reported.
     *
     * @return its event code, or -1 if none.
     */
    public int flush()
    {
        if (tracking && !reported)
        {
            reported = true;
            return event;
        }
        return -1;
    }

    /** Forgets the current event, for a new incoming source. */
    public void reset()
    {
        tracking = false;
        endSeen = false;
        reported = false;
    }
}

package io.switchboard.media.dtmf;

import io.netty.buffer.ByteBuf;

/**
 * Digits waiting to be sent into one stream as RFC 4733 events, one payload per 20 ms packet time.
 * <p>
 * Each digit is a sequence of packets sharing one timestamp (§2.5.1.3): a first packet ({@link #START}: the engine
 * sets the marker and takes a new timestamp) and updates whose duration grows by 160 samples per tick, the first
 * carrying 160; the packet that reaches the tone length is the end packet, sent three times in consecutive ticks
 * with the same duration (§2.5.1.4) so that one lost packet does not leave the far end's tone running. The gap
 * between digits starts with the tone's end, so the two end retransmissions count towards it.
 * <p>
 * The queue is a fixed ring and {@link #tick(ByteBuf)} never allocates. Not thread safe: owned by the stream's
 * event loop.
 */
public final class DtmfSender
{
    /** Nothing written: idle or between digits. */
    public static final int NOTHING = 0;
    /** A payload was written. */
    public static final int PAYLOAD = 1;
    /** First packet of an event: set the marker bit and take a new timestamp. */
    public static final int START = 2;
    /** An end packet (E bit set). */
    public static final int END = 4;

    /** Digits the queue holds. */
    public static final int CAPACITY = 64;

    private static final int MILLIS_PER_TICK = 20;
    private static final int SAMPLES_PER_TICK = 160;
    private static final int END_PACKETS = 3;
    private static final int MAX_DURATION = 0xFFFF;

    private static final int IDLE = 0;
    private static final int TONE = 1;
    private static final int ENDING = 2;

    private final int toneTicks;
    private final int gapTicks;
    private final int volume;
    private final byte[] ring = new byte[CAPACITY];

    private int head;
    private int count;
    private int phase = IDLE;
    private int event;
    private int ticks;
    private int endsSent;
    private int gapLeft;
    private boolean cutShort;

    /** Defaults: 120 ms tones, 80 ms gaps, volume 10 (-10 dBm0), what most gateways send. */
    public DtmfSender()
    {
        this(120, 80, 10);
    }

    /**
     * @param toneMillis tone length, rounded up to 20 ms packets; 20..8180 (the duration field is 16 bits).
     * @param gapMillis  silence between digits, rounded up to 20 ms packets; 0 or more.
     * @param volume     0..63, the power level in -dBm0.
     */
    public DtmfSender(final int toneMillis, final int gapMillis, final int volume)
    {
        final int tone = (toneMillis + MILLIS_PER_TICK - 1) / MILLIS_PER_TICK;
        if (toneMillis <= 0 || tone * SAMPLES_PER_TICK > MAX_DURATION)
        {
            throw new IllegalArgumentException("tone length out of range: " + toneMillis + " ms");
        }
        if (gapMillis < 0)
        {
            throw new IllegalArgumentException("negative gap: " + gapMillis + " ms");
        }
        if (volume < 0 || volume > 63)
        {
            throw new IllegalArgumentException("volume not in 0..63: " + volume);
        }
        this.toneTicks = tone;
        this.gapTicks = (gapMillis + MILLIS_PER_TICK - 1) / MILLIS_PER_TICK;
        this.volume = volume;
    }

    /**
     * Queues digits; all or none.
     *
     * @param digits 0-9, *, #, A-D (a-d accepted).
     * @throws IllegalArgumentException if any character is not a DTMF digit.
     * @throws IllegalStateException    if they do not fit in the queue.
     */
    public void enqueue(final CharSequence digits)
    {
        final int length = digits.length();
        for (int i = 0; i < length; i++)
        {
            if (TelephoneEvent.eventOf(digits.charAt(i)) < 0)
            {
                throw new IllegalArgumentException("not a DTMF digit: '" + digits.charAt(i) + "' in " + digits);
            }
        }
        if (count + length > CAPACITY)
        {
            throw new IllegalStateException("DTMF queue full: " + count + " queued, " + length + " more");
        }
        for (int i = 0; i < length; i++)
        {
            ring[(head + count) % CAPACITY] = (byte)TelephoneEvent.eventOf(digits.charAt(i));
            count++;
        }
    }

    /** @return whether a digit is being sent or waiting, so the engine keeps calling {@link #tick(ByteBuf)}. */
    public boolean active()
    {
        return phase != IDLE || count > 0;
    }

    /** @return digits queued, not counting the one being sent. */
    public int queued()
    {
        return count;
    }

    /**
     * Called once per 20 ms packet time.
     *
     * @param out where to append at most one {@link TelephoneEvent#PAYLOAD_LENGTH}-byte payload.
     * @return {@link #NOTHING}, or {@link #PAYLOAD} combined with {@link #START} and/or {@link #END}.
     */
    public int tick(final ByteBuf out)
    {
        if (phase == IDLE)
        {
            if (gapLeft > 0)
            {
                gapLeft--;
                return NOTHING;
            }
            if (count == 0)
            {
                return NOTHING;
            }
            event = ring[head];
            head = (head + 1) % CAPACITY;
            count--;
            ticks = 0;
            phase = TONE;
        }
        if (phase == TONE)
        {
            ticks++;
            final int flags = PAYLOAD | (ticks == 1 ? START : 0);
            if (ticks < toneTicks && !cutShort)
            {
                TelephoneEvent.write(out, event, false, volume, ticks * SAMPLES_PER_TICK);
                return flags;
            }
            phase = ENDING;
            endsSent = 0;
            cutShort = false;
            return flags | sendEnd(out);
        }
        return sendEnd(out);
    }

    /**
     * Drops queued digits. A digit being sent is cut short rather than dropped: its end packets still go out, so
     * the far end does not hear a tone that never stops.
     */
    public void clear()
    {
        count = 0;
        head = 0;
        cutShort = phase == TONE;
    }

    private int sendEnd(final ByteBuf out)
    {
        TelephoneEvent.write(out, event, true, volume, ticks * SAMPLES_PER_TICK);
        endsSent++;
        if (endsSent == END_PACKETS)
        {
            phase = IDLE;
            gapLeft = Math.max(0, gapTicks - (END_PACKETS - 1));
        }
        return PAYLOAD | END;
    }
}

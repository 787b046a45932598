package io.switchboard.media.engine;

import io.netty.buffer.ByteBuf;
import io.switchboard.media.codec.G711;

/**
 * The arithmetic of a supervised call's mix, without sockets or clocks (so tests drive it frame by frame): three
 * parties (customer, agent, supervisor), each with a small jitter buffer of decoded 16-bit samples filled from the
 * packets its phone sends; every 20 ms {@link #nextFrame()} takes one frame of each, and {@link #mixFor} sums, with
 * 16-bit saturation, what one party hears in a mode. Every buffer is made once: nothing is allocated per packet or
 * per frame. Owned by one event loop.
 *
 * <p>A party's buffer is primed with {@link #PRIME_FRAMES} frames before it is read, so packets that arrive a little
 * early or late against the mixer's clock still make whole frames; it never holds more than {@link #MAX_FRAMES}
 * (a phone whose clock runs fast loses its oldest samples, bounding the delay); a party whose buffer runs dry is
 * silence until it is primed again.
 */
public final class FrameMixer
{
    /** Samples in one 20 ms frame at 8 kHz. */
    public static final int FRAME = 160;
    /** Frames a party's buffer holds before it is read (40 ms of delay at most, for jitter). */
    static final int PRIME_FRAMES = 2;
    /** Frames a party's buffer holds at most; older samples are dropped. */
    static final int MAX_FRAMES = 5;
    private static final int PARTIES = 3;
    private static final int CAPACITY = 8 * FRAME;

    private final short[][] rings = new short[PARTIES][CAPACITY];
    private final int[] head = new int[PARTIES];
    private final int[] size = new int[PARTIES];
    private final boolean[] primed = new boolean[PARTIES];
    private final short[][] frames = new short[PARTIES][FRAME];
    private long underruns;
    private long dropped;

    /** Adds a party's G.711 payload (one byte per sample) to its buffer, decoded. */
    public void offer(final int party, final ByteBuf packet, final int index, final int length, final boolean alaw)
    {
        final short[] ring = rings[party];
        for (int i = 0; i < length; i++)
        {
            final byte sample = packet.getByte(index + i);
            push(party, ring, (short)(alaw ? G711.alawToLinear(sample) : G711.ulawToLinear(sample)));
        }
        final int excess = size[party] - MAX_FRAMES * FRAME;
        if (excess > 0)
        {
            head[party] = (head[party] + excess) % CAPACITY;
            size[party] -= excess;
            dropped += excess;
        }
        if (size[party] >= PRIME_FRAMES * FRAME)
        {
            primed[party] = true;
        }
    }

    /** Adds linear samples to a party's buffer (tests, and anything that has them decoded already). */
    public void offer(final int party, final short[] samples, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            push(party, rings[party], samples[i]);
        }
        if (size[party] >= PRIME_FRAMES * FRAME)
        {
            primed[party] = true;
        }
    }

    private void push(final int party, final short[] ring, final short sample)
    {
        if (size[party] == CAPACITY)
        {
            head[party] = (head[party] + 1) % CAPACITY;
            size[party]--;
            dropped++;
        }
        ring[(head[party] + size[party]) % CAPACITY] = sample;
        size[party]++;
    }

    /** Takes the next 20 ms of every party: its buffered samples, or silence for one not primed or run dry. */
    public void nextFrame()
    {
        for (int party = 0; party < PARTIES; party++)
        {
            final short[] frame = frames[party];
            if (!primed[party] || size[party] < FRAME)
            {
                if (primed[party])
                {
                    underruns++;
                    primed[party] = false;
                }
                java.util.Arrays.fill(frame, (short)0);
                continue;
            }
            final short[] ring = rings[party];
            int at = head[party];
            for (int i = 0; i < FRAME; i++)
            {
                frame[i] = ring[at];
                at = at + 1 == CAPACITY ? 0 : at + 1;
            }
            head[party] = at;
            size[party] -= FRAME;
        }
    }

    /**
     * Writes into {@code out} (at least {@link #FRAME} samples) the sum of the current frames {@code listener} hears
     * in {@code mode}, saturated to 16 bits.
     */
    public void mixFor(final int listener, final SuperviseMode mode, final short[] out)
    {
        final boolean customer = mode.hears(listener, SuperviseMode.CUSTOMER);
        final boolean agent = mode.hears(listener, SuperviseMode.AGENT);
        final boolean supervisor = mode.hears(listener, SuperviseMode.SUPERVISOR);
        final short[] c = frames[SuperviseMode.CUSTOMER];
        final short[] a = frames[SuperviseMode.AGENT];
        final short[] s = frames[SuperviseMode.SUPERVISOR];
        for (int i = 0; i < FRAME; i++)
        {
            int sum = 0;
            if (customer)
            {
                sum += c[i];
            }
            if (agent)
            {
                sum += a[i];
            }
            if (supervisor)
            {
                sum += s[i];
            }
            out[i] = (short)Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sum));
        }
    }

    /** Encodes one frame of linear samples as G.711 into {@code packet} (appended at its writer index). */
    public static void encode(final short[] pcm, final ByteBuf packet, final boolean alaw)
    {
        for (int i = 0; i < FRAME; i++)
        {
            packet.writeByte(alaw ? G711.linearToAlaw(pcm[i]) : G711.linearToUlaw(pcm[i]));
        }
    }

    /** Samples buffered for a party (tests, diagnostics). */
    public int buffered(final int party)
    {
        return size[party];
    }

    /** Times a primed party's buffer ran dry at a frame (its phone's packets late or lost). */
    public long underruns()
    {
        return underruns;
    }

    /** Samples dropped because a party's buffer was full (a phone sending faster than the mixer's clock). */
    public long dropped()
    {
        return dropped;
    }
}

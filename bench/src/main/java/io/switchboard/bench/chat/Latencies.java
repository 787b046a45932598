package io.switchboard.bench.chat;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Message latency from a visitor's send to an agent's receive: each message is numbered (its text is {@code m<seq>}),
 * its send time kept by number (relative to this object's birth, so never 0), and the agent's event for it looked up
 * by that number. Messages before {@code firstMeasured} (the warm-up) are counted but not recorded. Both sides run in
 * this process, so one clock.
 */
final class Latencies
{
    private static final long HIGHEST_NANOS = 600_000_000_000L;

    private final long base = System.nanoTime();
    private final AtomicLongArray sentAt;
    private final long firstMeasured;
    private final Histogram histogram = new SynchronizedHistogram(HIGHEST_NANOS, 3);
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong unknown = new AtomicLong();

    Latencies(final long messages, final long firstMeasured)
    {
        this.sentAt = new AtomicLongArray(Math.toIntExact(messages));
        this.firstMeasured = firstMeasured;
    }

    static String text(final long seq)
    {
        return "m" + seq;
    }

    /** Stamps message {@code seq} as sent now (just before its frame is written). */
    void sent(final long seq)
    {
        sentAt.set((int)seq, now());
    }

    /** An agent received the message with this text now. */
    void received(final String text)
    {
        final long nanos = now();
        final long seq = seq(text);
        if (seq < 0 || seq >= sentAt.length() || sentAt.get((int)seq) == 0)
        {
            unknown.incrementAndGet();
            return;
        }
        // Marks the message as received (a second event for it is a duplicate, not a second sample).
        final long sent = sentAt.getAndSet((int)seq, -1);
        if (sent < 0)
        {
            duplicates.incrementAndGet();
            return;
        }
        received.incrementAndGet();
        if (seq >= firstMeasured)
        {
            histogram.recordValue(Math.min(HIGHEST_NANOS, Math.max(1, nanos - sent)));
        }
    }

    /** Nanoseconds since this object was made, plus one: 0 stays "not sent", -1 "received". */
    private long now()
    {
        return System.nanoTime() - base + 1;
    }

    private static long seq(final String text)
    {
        if (text == null || text.length() < 2 || text.charAt(0) != 'm')
        {
            return -1;
        }
        try
        {
            return Long.parseLong(text, 1, text.length(), 10);
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    long received()
    {
        return received.get();
    }

    long duplicates()
    {
        return duplicates.get();
    }

    long unknown()
    {
        return unknown.get();
    }

    Histogram histogram()
    {
        return histogram;
    }
}

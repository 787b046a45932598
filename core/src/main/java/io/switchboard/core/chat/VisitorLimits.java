package io.switchboard.core.chat;

import java.util.HashMap;
import java.util.Map;

/**
 * Bounds on what the public visitor API lets one party do, on the desk's loop: open widgets per address, and
 * messages per widget (a token bucket: a burst, then a steady rate), uploads per address (another). Beyond them
 * the visitor is told why, nothing more happens, and nothing crashes.
 */
final class VisitorLimits
{
    /** Open visitor sockets from one address. */
    static final int SOCKETS_PER_ADDRESS = 20;
    /** Messages a widget may send at once, and how many a second after that. */
    static final int BURST = 10;
    static final double PER_SECOND = 2.0;

    /** Uploads (images, files) from one address at once, and then how many a second. */
    static final int UPLOAD_BURST = 10;
    static final double UPLOADS_PER_SECOND = 0.2;
    /** Addresses whose upload budgets are kept; beyond it the oldest are forgotten (the map stays bounded). */
    private static final int UPLOAD_ADDRESSES = 10_000;

    private final Map<String, Integer> sockets = new HashMap<>();
    private final Map<String, Bucket> uploads = new java.util.LinkedHashMap<>(16, 0.75f, true);

    /** Counts a new socket from the address; false when it already has its share. */
    boolean open(final String address)
    {
        final int open = sockets.getOrDefault(address, 0);
        if (open >= SOCKETS_PER_ADDRESS)
        {
            return false;
        }
        sockets.put(address, open + 1);
        return true;
    }

    /** Takes an upload from the address's budget; false when it has sent too many too fast. */
    boolean upload(final String address, final long nowNanos)
    {
        final Bucket bucket = uploads.computeIfAbsent(address,
            key -> new Bucket(nowNanos, UPLOAD_BURST, UPLOADS_PER_SECOND));
        if (uploads.size() > UPLOAD_ADDRESSES)
        {
            uploads.remove(uploads.keySet().iterator().next());
        }
        return bucket.take(nowNanos);
    }

    void closed(final String address)
    {
        sockets.computeIfPresent(address, (key, open) -> open <= 1 ? null : open - 1);
    }

    /** One widget's message budget. */
    static final class Bucket
    {
        private final int burst;
        private final double perSecond;
        private double tokens;
        private long lastNanos;

        Bucket(final long nowNanos)
        {
            this(nowNanos, BURST, PER_SECOND);
        }

        Bucket(final long nowNanos, final int burst, final double perSecond)
        {
            this.lastNanos = nowNanos;
            this.burst = burst;
            this.perSecond = perSecond;
            this.tokens = burst;
        }

        /** Takes a token if there is one. */
        boolean take(final long nowNanos)
        {
            tokens = Math.min(burst, tokens + (nowNanos - lastNanos) / 1e9 * perSecond);
            lastNanos = nowNanos;
            if (tokens < 1)
            {
                return false;
            }
            tokens--;
            return true;
        }
    }
}

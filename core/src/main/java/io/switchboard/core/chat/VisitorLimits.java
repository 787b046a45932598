package io.switchboard.core.chat;

import java.util.HashMap;
import java.util.Map;

/**
 * Bounds on what the public visitor API lets one party do, on the desk's loop: open widgets per address, and
 * messages per widget (a token bucket: a burst, then a steady rate). Beyond them the visitor is told why, nothing
 * more happens, and nothing crashes.
 */
final class VisitorLimits
{
    /** Open visitor sockets from one address. */
    static final int SOCKETS_PER_ADDRESS = 20;
    /** Messages a widget may send at once, and how many a second after that. */
    static final int BURST = 10;
    static final double PER_SECOND = 2.0;

    private final Map<String, Integer> sockets = new HashMap<>();

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

    void closed(final String address)
    {
        sockets.computeIfPresent(address, (key, open) -> open <= 1 ? null : open - 1);
    }

    /** One widget's message budget. */
    static final class Bucket
    {
        private double tokens = BURST;
        private long lastNanos;

        Bucket(final long nowNanos)
        {
            this.lastNanos = nowNanos;
        }

        /** Takes a token if there is one. */
        boolean take(final long nowNanos)
        {
            tokens = Math.min(BURST, tokens + (nowNanos - lastNanos) / 1e9 * PER_SECOND);
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

package io.switchboard.core.trunk;

/**
 * Whether an outbound call that failed on one trunk goes on to the next trunk of its {@link Route}, in the spirit of
 * RFC 3261 §16.7: a 5xx or a timeout is the trunk's (or the carrier's) failure, so the next trunk may succeed; any
 * other final response is the callee's answer (busy, declined, no such number) and is given to the caller.
 * A 3xx is not followed either: redirects from a carrier would send calls to addresses nobody configured.
 */
public final class Failover
{
    /** The status a transaction timeout (no final response, Timer B) counts as, as RFC 3261 §16.7 synthesises. */
    public static final int TIMEOUT = 408;

    private Failover()
    {
    }

    /** Whether a final status (or {@link #TIMEOUT}) says: try another trunk. 5xx and 408: yes; anything else: no. */
    public static boolean isTrunkFailure(final int status)
    {
        return status == TIMEOUT || status >= 500 && status <= 599;
    }

    /**
     * The index of the attempt to make after attempt {@code attemptIndex} ended with {@code status}, or -1 to stop
     * (the callee answered, refused, or no trunk is left).
     */
    public static int next(final Route route, final int attemptIndex, final int status)
    {
        return next(route.attempts().size(), attemptIndex, status);
    }

    /** As {@link #next(Route, int, int)} with the number of attempts. */
    public static int next(final int attempts, final int attemptIndex, final int status)
    {
        if (attemptIndex < 0 || attemptIndex >= attempts)
        {
            throw new IllegalArgumentException("attempt " + attemptIndex + " of " + attempts);
        }
        return isTrunkFailure(status) && attemptIndex + 1 < attempts ? attemptIndex + 1 : -1;
    }

    /**
     * The status to answer the caller with when the last attempt ended with {@code status}: the status itself,
     * except 503, which becomes 500 (RFC 3261 §16.7: a 503 would tell the caller that this server is overloaded).
     */
    public static int statusForCaller(final int status)
    {
        return status == 503 ? 500 : status;
    }
}

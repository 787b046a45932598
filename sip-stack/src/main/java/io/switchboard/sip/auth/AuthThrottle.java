package io.switchboard.sip.auth;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Throttles password guessing: after {@code maxFailures} failed authentications from one source IP address within
 * {@code windowMs}, that address is blocked for {@code blockMs}. The authenticator answers blocked addresses with
 * {@code 403 Forbidden} without looking at their credentials (not a silent drop: over UDP a drop only makes the
 * client retransmit, and a 403 is no bigger than the request, so it amplifies nothing). Successes neither reset
 * the failure count nor lift a block, so one valid account cannot be used to keep guessing another's password.
 * <p>
 * Thread safety: shared by all event loops. A {@link ConcurrentHashMap} keyed by address, each update one atomic
 * {@code compute} that replaces an immutable state; no locks of our own. {@link #isBlocked} reads lock-free.
 * <p>
 * Memory is bounded: an entry is dropped once its window and its block are over ({@link #prune(long)}, also run
 * whenever the table is full). If the table is still full of live entries, failures from new addresses are not
 * tracked (failing open: refusing everyone would let an attacker with many addresses lock out the real phones).
 */
public final class AuthThrottle
{
    private record State(long windowStartMs, int failures, long blockedUntilMs)
    {
        boolean isIdle(final long nowMs, final long windowMs)
        {
            return nowMs >= blockedUntilMs && nowMs - windowStartMs >= windowMs;
        }
    }

    private final Map<InetAddress, State> states = new ConcurrentHashMap<>();
    private final int maxFailures;
    private final long windowMs;
    private final long blockMs;
    private final int maxTracked;

    /** A throttle with the limits of a concluded config. */
    public AuthThrottle(final DigestConfig config)
    {
        this(config.throttleMaxFailures(), config.throttleWindowMs(), config.throttleBlockMs(),
            config.throttleMaxTrackedAddresses());
    }

    public AuthThrottle(final int maxFailures, final long windowMs, final long blockMs, final int maxTracked)
    {
        this.maxFailures = maxFailures;
        this.windowMs = windowMs;
        this.blockMs = blockMs;
        this.maxTracked = maxTracked;
    }

    /** True while requests from {@code address} must be refused. */
    public boolean isBlocked(final InetAddress address, final long nowMs)
    {
        final State state = states.get(address);
        return state != null && nowMs < state.blockedUntilMs();
    }

    /**
     * Counts one failed authentication from {@code address}; the failure that reaches the limit within the window
     * starts the block (and a new window).
     *
     * @return true if the address is now blocked.
     */
    public boolean recordFailure(final InetAddress address, final long nowMs)
    {
        if (states.size() >= maxTracked && !states.containsKey(address))
        {
            prune(nowMs);
            if (states.size() >= maxTracked)
            {
                return false;
            }
        }
        final State updated = states.compute(address, (key, state) -> next(state, nowMs));
        return nowMs < updated.blockedUntilMs();
    }

    private State next(final State state, final long nowMs)
    {
        final long blockedUntilMs = state == null ? Long.MIN_VALUE : state.blockedUntilMs();
        final boolean newWindow = state == null || nowMs - state.windowStartMs() >= windowMs;
        final long windowStartMs = newWindow ? nowMs : state.windowStartMs();
        final int failures = newWindow ? 1 : state.failures() + 1;
        if (failures >= maxFailures)
        {
            return new State(nowMs, 0, Math.max(blockedUntilMs, nowMs + blockMs));
        }
        return new State(windowStartMs, failures, blockedUntilMs);
    }

    /** Forgets addresses whose window and block are both over; returns how many. For a housekeeping timer. */
    public int prune(final long nowMs)
    {
        int removed = 0;
        for (final Map.Entry<InetAddress, State> entry : states.entrySet())
        {
            if (entry.getValue().isIdle(nowMs, windowMs) && states.remove(entry.getKey(), entry.getValue()))
            {
                removed++;
            }
        }
        return removed;
    }

    /** How many addresses are tracked now. */
    public int trackedAddresses()
    {
        return states.size();
    }
}

package io.switchboard.sip.auth;

import java.util.List;
import java.util.Objects;

/**
 * Settings of digest authentication (RFC 3261 §22, RFC 2617, RFC 8760) and of the failure throttle, with defaults.
 * Set what differs, then call {@link #conclude()} once at start-up, before any event loop uses it: it checks the
 * ranges and fails fast. Nothing is checked on the request path.
 */
public final class DigestConfig
{
    /** Nonces older than this are stale (re-challenge with {@code stale=true}): 300 s. */
    public static final long DEFAULT_NONCE_TTL_MS = 300_000;
    /** Offered in this order, one challenge header each: SHA-256 first (RFC 8760 §2.4), then MD5. */
    public static final List<DigestAlgorithm> DEFAULT_ALGORITHMS =
        List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);
    /** At most this many nonces have their highest nonce-count remembered: 100,000. */
    public static final int DEFAULT_MAX_TRACKED_NONCES = 100_000;
    /** Failed authentications from one address within the window that block it: 10. */
    public static final int DEFAULT_THROTTLE_MAX_FAILURES = 10;
    /** The window in which failures are counted: 60 s. */
    public static final long DEFAULT_THROTTLE_WINDOW_MS = 60_000;
    /** How long a throttled address gets 403 Forbidden: 60 s. */
    public static final long DEFAULT_THROTTLE_BLOCK_MS = 60_000;
    /** At most this many source addresses are tracked by the throttle: 100,000. */
    public static final int DEFAULT_THROTTLE_MAX_TRACKED_ADDRESSES = 100_000;

    private String realm;
    private long nonceTtlMs = DEFAULT_NONCE_TTL_MS;
    private List<DigestAlgorithm> algorithms = DEFAULT_ALGORITHMS;
    private String opaque;
    private boolean allowRfc2069;
    private int maxTrackedNonces = DEFAULT_MAX_TRACKED_NONCES;
    private int throttleMaxFailures = DEFAULT_THROTTLE_MAX_FAILURES;
    private long throttleWindowMs = DEFAULT_THROTTLE_WINDOW_MS;
    private long throttleBlockMs = DEFAULT_THROTTLE_BLOCK_MS;
    private int throttleMaxTrackedAddresses = DEFAULT_THROTTLE_MAX_TRACKED_ADDRESSES;

    /**
     * Checks every setting; call once at start-up.
     *
     * @return this, for chaining.
     * @throws IllegalStateException naming the first setting out of range.
     */
    public DigestConfig conclude()
    {
        if (realm == null || realm.isBlank() || realm.indexOf('"') >= 0 || realm.indexOf('\\') >= 0)
        {
            throw new IllegalStateException("realm must be set, without quotes or backslashes: " + realm);
        }
        if (opaque != null && (opaque.isEmpty() || opaque.indexOf('"') >= 0 || opaque.indexOf('\\') >= 0))
        {
            throw new IllegalStateException("opaque must be null or a non-empty value without quotes: " + opaque);
        }
        requirePositive("nonceTtlMs", nonceTtlMs);
        if (algorithms == null || algorithms.isEmpty() || algorithms.stream().anyMatch(Objects::isNull) ||
            algorithms.stream().distinct().count() != algorithms.size())
        {
            throw new IllegalStateException("algorithms must list each offered algorithm once: " + algorithms);
        }
        requirePositive("maxTrackedNonces", maxTrackedNonces);
        requirePositive("throttleMaxFailures", throttleMaxFailures);
        requirePositive("throttleWindowMs", throttleWindowMs);
        requirePositive("throttleBlockMs", throttleBlockMs);
        requirePositive("throttleMaxTrackedAddresses", throttleMaxTrackedAddresses);
        return this;
    }

    private static void requirePositive(final String name, final long value)
    {
        if (value <= 0)
        {
            throw new IllegalStateException(name + " must be positive: " + value);
        }
    }

    /** The protection domain (RFC 2617 §3.2.1), typically the tenant's SIP domain. No default: must be set. */
    public String realm()
    {
        return realm;
    }

    public DigestConfig realm(final String realm)
    {
        this.realm = realm;
        return this;
    }

    /** How long a nonce stays fresh, in ms. */
    public long nonceTtlMs()
    {
        return nonceTtlMs;
    }

    public DigestConfig nonceTtlMs(final long nonceTtlMs)
    {
        this.nonceTtlMs = nonceTtlMs;
        return this;
    }

    /** The algorithms offered, in order of preference; one challenge header each. */
    public List<DigestAlgorithm> algorithms()
    {
        return algorithms;
    }

    public DigestConfig algorithms(final List<DigestAlgorithm> algorithms)
    {
        this.algorithms = algorithms == null ? null : List.copyOf(algorithms);
        return this;
    }

    /**
     * The {@code opaque} value put in challenges and required back in credentials, or null (the default) for none.
     * Nonces are already self-validating, so opaque adds nothing but compatibility with clients that want it.
     */
    public String opaque()
    {
        return opaque;
    }

    public DigestConfig opaque(final String opaque)
    {
        this.opaque = opaque;
        return this;
    }

    /**
     * Whether credentials without {@code qop} (RFC 2069 clients) are accepted. Off by default: without qop there is
     * no nonce-count, so a captured request could be replayed until its nonce goes stale.
     */
    public boolean allowRfc2069()
    {
        return allowRfc2069;
    }

    public DigestConfig allowRfc2069(final boolean allowRfc2069)
    {
        this.allowRfc2069 = allowRfc2069;
        return this;
    }

    /** Bound on the nonce-count table (one entry per nonce in use). */
    public int maxTrackedNonces()
    {
        return maxTrackedNonces;
    }

    public DigestConfig maxTrackedNonces(final int maxTrackedNonces)
    {
        this.maxTrackedNonces = maxTrackedNonces;
        return this;
    }

    /** Failures from one address within {@link #throttleWindowMs()} that block it. */
    public int throttleMaxFailures()
    {
        return throttleMaxFailures;
    }

    public DigestConfig throttleMaxFailures(final int throttleMaxFailures)
    {
        this.throttleMaxFailures = throttleMaxFailures;
        return this;
    }

    /** The window in which failures are counted, in ms. */
    public long throttleWindowMs()
    {
        return throttleWindowMs;
    }

    public DigestConfig throttleWindowMs(final long throttleWindowMs)
    {
        this.throttleWindowMs = throttleWindowMs;
        return this;
    }

    /** How long a blocked address stays blocked, in ms. */
    public long throttleBlockMs()
    {
        return throttleBlockMs;
    }

    public DigestConfig throttleBlockMs(final long throttleBlockMs)
    {
        this.throttleBlockMs = throttleBlockMs;
        return this;
    }

    /** Bound on the addresses the throttle remembers. */
    public int throttleMaxTrackedAddresses()
    {
        return throttleMaxTrackedAddresses;
    }

    public DigestConfig throttleMaxTrackedAddresses(final int throttleMaxTrackedAddresses)
    {
        this.throttleMaxTrackedAddresses = throttleMaxTrackedAddresses;
        return this;
    }
}

package io.switchboard.sip.registrar;

/**
 * Settings of the registrar (RFC 3261 §10.3), in seconds, with defaults. Set what differs, then call
 * {@link #conclude()} once at start-up: it checks the ranges and fails fast.
 */
public final class RegistrarConfig
{
    /** Shorter non-zero expiries get {@code 423 Interval Too Brief} with this Min-Expires: 60 s. */
    public static final int DEFAULT_MIN_EXPIRES = 60;
    /** Longer expiries are lowered to this: 3600 s. */
    public static final int DEFAULT_MAX_EXPIRES = 3600;
    /** The expiry of a contact when neither its {@code expires} parameter nor an Expires header gives one: 3600 s. */
    public static final int DEFAULT_DEFAULT_EXPIRES = 3600;
    /** Bindings kept per address-of-record; beyond it the least recently refreshed is dropped: 10. */
    public static final int DEFAULT_MAX_CONTACTS_PER_AOR = 10;

    private int minExpires = DEFAULT_MIN_EXPIRES;
    private int maxExpires = DEFAULT_MAX_EXPIRES;
    private int defaultExpires = DEFAULT_DEFAULT_EXPIRES;
    private int maxContactsPerAor = DEFAULT_MAX_CONTACTS_PER_AOR;

    /**
     * Checks that {@code 0 < minExpires <= defaultExpires <= maxExpires} and {@code maxContactsPerAor >= 1}.
     *
     * @return this, for chaining.
     * @throws IllegalStateException naming the setting out of range.
     */
    public RegistrarConfig conclude()
    {
        if (minExpires <= 0)
        {
            throw new IllegalStateException("minExpires must be positive: " + minExpires);
        }
        if (maxExpires < minExpires)
        {
            throw new IllegalStateException("maxExpires " + maxExpires + " is below minExpires " + minExpires);
        }
        if (defaultExpires < minExpires || defaultExpires > maxExpires)
        {
            throw new IllegalStateException("defaultExpires " + defaultExpires + " is outside [" + minExpires +
                ", " + maxExpires + "]");
        }
        if (maxContactsPerAor < 1)
        {
            throw new IllegalStateException("maxContactsPerAor must be at least 1: " + maxContactsPerAor);
        }
        return this;
    }

    public int minExpires()
    {
        return minExpires;
    }

    public RegistrarConfig minExpires(final int minExpires)
    {
        this.minExpires = minExpires;
        return this;
    }

    public int maxExpires()
    {
        return maxExpires;
    }

    public RegistrarConfig maxExpires(final int maxExpires)
    {
        this.maxExpires = maxExpires;
        return this;
    }

    public int defaultExpires()
    {
        return defaultExpires;
    }

    public RegistrarConfig defaultExpires(final int defaultExpires)
    {
        this.defaultExpires = defaultExpires;
        return this;
    }

    public int maxContactsPerAor()
    {
        return maxContactsPerAor;
    }

    public RegistrarConfig maxContactsPerAor(final int maxContactsPerAor)
    {
        this.maxContactsPerAor = maxContactsPerAor;
        return this;
    }
}

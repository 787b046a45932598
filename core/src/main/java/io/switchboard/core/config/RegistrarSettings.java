package io.switchboard.core.config;

/** Registrar limits (RFC 3261 §10.3). */
public final class RegistrarSettings
{
    /** Shorter registrations are refused with 423 Interval Too Brief. */
    public int minExpires = 60;
    /** Longer registrations are shortened to this. */
    public int maxExpires = 3600;
    /** Used when the REGISTER names no expiry. */
    public int defaultExpires = 3600;
    public int maxContactsPerAor = 10;

    void conclude()
    {
        SwitchboardConfig.require(minExpires >= 1 && minExpires <= maxExpires, "registrar.minExpires 1..maxExpires");
        SwitchboardConfig.require(defaultExpires >= minExpires && defaultExpires <= maxExpires,
            "registrar.defaultExpires must be within minExpires..maxExpires");
        SwitchboardConfig.require(maxContactsPerAor >= 1 && maxContactsPerAor <= 100,
            "registrar.maxContactsPerAor 1..100");
    }
}

package io.switchboard.core.config;

/** Digest authentication of phones (REGISTER and INVITE). */
public final class AuthSettings
{
    /** How long a nonce stays valid; an older one is re-challenged with stale=true. */
    public int nonceTtlSeconds = 300;
    /** Failed authentications from one address within the window before it is blocked. */
    public int failuresBeforeBlock = 10;
    public int failureWindowSeconds = 60;
    public int blockSeconds = 60;
    /**
     * Digest algorithms offered, one challenge header each, in this order. MD5 only by default: baresip 1.0
     * (Debian 12's libre) refuses the whole challenge when any header names an algorithm it lacks, and SIPp 3.6
     * reads only the first header. Add "SHA-256" (RFC 8760) where every phone supports it or ignores what it lacks.
     */
    public java.util.List<String> algorithms = new java.util.ArrayList<>(java.util.List.of("MD5"));

    void conclude()
    {
        SwitchboardConfig.require(nonceTtlSeconds >= 10 && nonceTtlSeconds <= 86400, "auth.nonceTtlSeconds 10..86400");
        SwitchboardConfig.require(failuresBeforeBlock >= 1, "auth.failuresBeforeBlock must be >= 1");
        SwitchboardConfig.require(failureWindowSeconds >= 1, "auth.failureWindowSeconds must be >= 1");
        SwitchboardConfig.require(blockSeconds >= 1, "auth.blockSeconds must be >= 1");
        SwitchboardConfig.require(!algorithms.isEmpty() && algorithms.stream().allMatch(
            a -> "MD5".equalsIgnoreCase(a) || "SHA-256".equalsIgnoreCase(a)), "auth.algorithms: MD5 and/or SHA-256");
    }
}

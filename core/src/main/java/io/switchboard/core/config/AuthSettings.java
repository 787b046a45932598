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
     * Digest algorithms offered, one challenge header each, in this order. MD5 first by default: SIPp 3.6 and many
     * deployed phones answer only the first challenge and know only MD5; RFC 8760 clients pick SHA-256 anyway.
     */
    public java.util.List<String> algorithms = new java.util.ArrayList<>(java.util.List.of("MD5", "SHA-256"));

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

package io.switchboard.core.config;

/** The HTTP API and its sign-in: sessions and the throttling of failed log-ins. */
public final class HttpSettings
{
    public String bindAddress = "127.0.0.1";
    /** 0 picks a free port (tests); -1 disables the API. */
    public int port = 8080;
    /** A session not used for this long ends (each request pushes the end back). */
    public int sessionIdleSeconds = 8 * 3600;
    /** Failed log-ins per account, and per address, within the window before it is refused for the block time. */
    public int loginFailures = 5;
    public int loginWindowSeconds = 300;
    public int loginBlockSeconds = 300;
    /**
     * The address agents open the workbench at when it is not this server's own, such as a TLS proxy's
     * ({@code https://cc.example.com}); null: none. When it is https the session cookie is marked {@code Secure}, so
     * that a browser never sends it over plain HTTP (a request that came over TLS, or whose proxy says
     * {@code X-Forwarded-Proto: https}, gets it marked too).
     */
    public String publicOrigin;

    void conclude()
    {
        SwitchboardConfig.require(port >= -1 && port <= 65535, "http.port must be -1..65535");
        SwitchboardConfig.require(sessionIdleSeconds >= 1, "http.sessionIdleSeconds must be >= 1");
        SwitchboardConfig.require(loginFailures >= 1, "http.loginFailures must be >= 1");
        SwitchboardConfig.require(loginWindowSeconds >= 1, "http.loginWindowSeconds must be >= 1");
        SwitchboardConfig.require(loginBlockSeconds >= 1, "http.loginBlockSeconds must be >= 1");
        SwitchboardConfig.require(publicOrigin == null || publicOrigin.matches("https?://[^/?#\\s]+"),
            "http.publicOrigin must be scheme://host[:port] (http or https, no path), or null");
    }
}

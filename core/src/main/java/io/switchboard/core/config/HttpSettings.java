package io.switchboard.core.config;

/** The HTTP API. Until the API has its own authentication it should stay on loopback. */
public final class HttpSettings
{
    public String bindAddress = "127.0.0.1";
    /** 0 picks a free port (tests); -1 disables the API. */
    public int port = 8080;

    void conclude()
    {
        SwitchboardConfig.require(port >= -1 && port <= 65535, "http.port must be -1..65535");
    }
}

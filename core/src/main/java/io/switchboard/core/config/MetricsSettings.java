package io.switchboard.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /metrics} (Prometheus) and the event-loop watchdog. A scraper is admitted by the bearer token, or by its
 * address: loopback only by default, so that nothing is exposed to the network unless configured.
 */
public final class MetricsSettings
{
    /** The bearer token a scraper sends ({@code Authorization: Bearer ...}); null: no token admits. */
    public String token;
    /** Addresses admitted without a token (exact IP addresses); empty: the token only. */
    public List<String> allow = new ArrayList<>(List.of("127.0.0.1", "::1"));
    /** An event loop that has not run a task for this long is reported as stalled (warning with its stack). */
    public int stallThresholdMillis = 1000;
    /** How often the watchdog sends each loop its no-op task. */
    public int watchdogPeriodMillis = 100;

    void conclude()
    {
        SwitchboardConfig.require(token == null || token.length() >= 16,
            "metrics.token must be at least 16 characters (or null)");
        SwitchboardConfig.require(allow != null, "metrics.allow must be a list (empty: the token only)");
        SwitchboardConfig.require(stallThresholdMillis >= 10, "metrics.stallThresholdMillis must be >= 10");
        SwitchboardConfig.require(watchdogPeriodMillis >= 10 && watchdogPeriodMillis <= stallThresholdMillis,
            "metrics.watchdogPeriodMillis must be 10..stallThresholdMillis");
    }
}

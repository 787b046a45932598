package io.switchboard.core.api;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.core.config.MetricsSettings;
import io.switchboard.core.metrics.ServerMetrics;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * {@code GET /metrics}: the Prometheus text format, for a scraper without an account. Admitted by the metrics token as
 * the bearer (compared in constant time) or from an allowed address (loopback by default); anyone else gets a 401
 * (or 403 with a wrong token) that says nothing about the figures.
 */
public final class MetricsEndpoints
{
    private final ServerMetrics metrics;
    private final byte[] token;
    private final Set<InetAddress> allowed = new HashSet<>();
    private final Executor renderOn;

    /**
     * @param metrics  the figures
     * @param settings the token and the allowed addresses (checked literal addresses: no name is looked up)
     * @param renderOn the API's loop, where the text is written once the ACD answered
     */
    public MetricsEndpoints(final ServerMetrics metrics, final MetricsSettings settings, final Executor renderOn)
    {
        this.metrics = metrics;
        this.token = settings.token == null ? null : settings.token.getBytes(StandardCharsets.UTF_8);
        this.renderOn = renderOn;
        for (final String address : settings.allow)
        {
            final InetAddress parsed = literal(address);
            if (parsed == null)
            {
                throw new IllegalArgumentException("configuration: metrics.allow has " + address
                    + ", which is not an IP address");
            }
            allowed.add(parsed);
        }
    }

    public void register(final ApiRouter router)
    {
        router.get("/metrics", Access.METRICS, request ->
        {
            admit(request);
            return ApiResponse.later(metrics.scrape(renderOn).thenApply(text -> ApiResponse.ok(
                new ApiResponse.Raw(text, ServerMetrics.contentType()))));
        });
    }

    private void admit(final ApiRequest request)
    {
        final String presented = request.token();
        if (presented != null && token != null
            && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8)))
        {
            return;
        }
        final InetAddress from = literal(request.address());
        if (from != null && allowed.contains(from))
        {
            return;
        }
        if (presented != null)
        {
            throw ApiGuard.forbidden("not admitted");
        }
        throw new ApiException(HttpResponseStatus.UNAUTHORIZED, "unauthorized", "not admitted",
            Map.of(HttpHeaderNames.WWW_AUTHENTICATE.toString(), "Bearer"));
    }

    /** The address if it is an IP literal, else null (never a name lookup). */
    private static InetAddress literal(final String address)
    {
        if (address == null || !address.matches("[0-9A-Fa-f.:]+"))
        {
            return null;
        }
        try
        {
            return InetAddress.getByName(address);
        }
        catch (final UnknownHostException ex)
        {
            return null;
        }
    }
}

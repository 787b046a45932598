package io.switchboard.core.api;

import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.switchboard.core.auth.Account;

import java.util.List;
import java.util.Map;

/**
 * A decoded API request as handlers see it.
 *
 * @param method     HTTP method
 * @param path       path without the query
 * @param pathParams values of {@code {name}} segments of the matched route
 * @param query      query parameters
 * @param body       request body bytes (empty if none)
 * @param account    the signed-in account, or null (only on {@link Access#PUBLIC} routes)
 * @param token      the session token the request carried (bearer or cookie), or null
 * @param address    the client's IP address (log-in throttling, the audit log)
 * @param headers    the request's headers (a recording's {@code Range}, {@code Accept} for CSV)
 */
public record ApiRequest(HttpMethod method, String path, Map<String, String> pathParams,
    Map<String, List<String>> query, byte[] body, Account account, String token, String address, HttpHeaders headers)
{
    /** A request without headers of interest (tests that call a handler directly). */
    public ApiRequest(final HttpMethod method, final String path, final Map<String, String> pathParams,
        final Map<String, List<String>> query, final byte[] body, final Account account, final String token,
        final String address)
    {
        this(method, path, pathParams, query, body, account, token, address, EmptyHttpHeaders.INSTANCE);
    }

    /**
     * Whether the client asked for CSV by its {@code Accept} header: {@code text/csv} is listed with a weight above
     * 0 and not below JSON's ({@code application/json} or {@code *}{@code /*} does not outweigh it). A browser's
     * {@code *}{@code /*} alone gets JSON, as before.
     */
    public boolean wantsCsv()
    {
        final String accept = headers.get(HttpHeaderNames.ACCEPT);
        if (accept == null)
        {
            return false;
        }
        double csv = 0;
        double json = 0;
        for (final String range : accept.split(","))
        {
            final String[] parts = range.split(";");
            final String type = parts[0].trim().toLowerCase(java.util.Locale.ROOT);
            final double weight = weight(parts);
            if ("text/csv".equals(type))
            {
                csv = Math.max(csv, weight);
            }
            else if ("application/json".equals(type))
            {
                json = Math.max(json, weight);
            }
        }
        return csv > 0 && csv >= json;
    }

    /** The {@code q} of a media range (RFC 9110 §12.4.2), 1 when absent, 0 when unreadable. */
    private static double weight(final String[] parts)
    {
        for (int i = 1; i < parts.length; i++)
        {
            final String parameter = parts[i].trim();
            if (parameter.startsWith("q="))
            {
                try
                {
                    return Math.max(0, Math.min(1, Double.parseDouble(parameter.substring(2))));
                }
                catch (final NumberFormatException ex)
                {
                    return 0;
                }
            }
        }
        return 1;
    }

    public String pathParam(final String name)
    {
        return pathParams.get(name);
    }

    /** Whether an administrator sent the request. */
    public boolean admin()
    {
        return account != null && account.admin();
    }
}

package io.switchboard.core.api;

import io.netty.handler.codec.http.EmptyHttpHeaders;
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
 * @param headers    the request's headers (a recording's {@code Range})
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

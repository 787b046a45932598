package io.switchboard.core.api;

import io.netty.handler.codec.http.HttpMethod;

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
 */
public record ApiRequest(HttpMethod method, String path, Map<String, String> pathParams,
    Map<String, List<String>> query, byte[] body)
{
    public String pathParam(final String name)
    {
        return pathParams.get(name);
    }
}

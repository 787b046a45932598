package io.switchboard.core.api;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place where API routes are registered: method plus a path pattern whose {@code {name}} segments are
 * captured, and who may use it ({@link Access}: there is no way to register a route without saying). Later features
 * add their endpoints here. Unknown paths are 404, known paths with another method 405, whoever asks.
 */
public final class ApiRouter
{
    /** A registered route as the tests and the documentation list them. */
    public record Route(HttpMethod method, String pattern, Access access)
    {
    }

    private record Entry(Route route, String[] segments, ApiHandler handler)
    {
    }

    /** A matched route, its path parameters and who may use it. */
    public record Match(ApiHandler handler, Map<String, String> params, Access access)
    {
    }

    private final List<Entry> routes = new ArrayList<>();

    public ApiRouter add(final HttpMethod method, final String pattern, final Access access,
        final ApiHandler handler)
    {
        routes.add(new Entry(new Route(method, pattern, access), split(pattern), handler));
        return this;
    }

    public ApiRouter get(final String pattern, final Access access, final ApiHandler handler)
    {
        return add(HttpMethod.GET, pattern, access, handler);
    }

    public ApiRouter post(final String pattern, final Access access, final ApiHandler handler)
    {
        return add(HttpMethod.POST, pattern, access, handler);
    }

    public ApiRouter put(final String pattern, final Access access, final ApiHandler handler)
    {
        return add(HttpMethod.PUT, pattern, access, handler);
    }

    public ApiRouter delete(final String pattern, final Access access, final ApiHandler handler)
    {
        return add(HttpMethod.DELETE, pattern, access, handler);
    }

    /** Every route, in the order registered. */
    public List<Route> routes()
    {
        return routes.stream().map(Entry::route).toList();
    }

    /** Finds the route for a request or throws the 404/405 {@link ApiException}. */
    public Match match(final HttpMethod method, final String path)
    {
        final String[] segments = split(path);
        boolean pathKnown = false;
        for (final Entry entry : routes)
        {
            final Map<String, String> params = matches(entry.segments, segments);
            if (params != null)
            {
                if (entry.route.method().equals(method))
                {
                    return new Match(entry.handler, params, entry.route.access());
                }
                pathKnown = true;
            }
        }
        if (pathKnown)
        {
            throw new ApiException(HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
                method + " is not allowed on " + path);
        }
        throw new ApiException(HttpResponseStatus.NOT_FOUND, "not_found", "no such endpoint: " + path);
    }

    private static Map<String, String> matches(final String[] pattern, final String[] path)
    {
        if (pattern.length != path.length)
        {
            return null;
        }
        final Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.length; i++)
        {
            final String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("}"))
            {
                params.put(p.substring(1, p.length() - 1), path[i]);
            }
            else if (!p.equals(path[i]))
            {
                return null;
            }
        }
        return params;
    }

    private static String[] split(final String path)
    {
        final String trimmed = path.replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/+");
    }
}

package io.switchboard.core.api;

import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler answers: a status, an object that is written as JSON, and headers of its own (cookies). */
public record ApiResponse(HttpResponseStatus status, Object body, Map<String, String> headers)
{
    public ApiResponse(final HttpResponseStatus status, final Object body)
    {
        this(status, body, Map.of());
    }

    public static ApiResponse ok(final Object body)
    {
        return new ApiResponse(HttpResponseStatus.OK, body);
    }

    /** The same answer with one more header. */
    public ApiResponse withHeader(final String name, final String value)
    {
        final Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, body, Map.copyOf(more));
    }

    /** A body sent as it is (a file download), not as JSON. */
    public record Raw(byte[] bytes, String contentType)
    {
    }

    /** An answer computed on another thread: the stage yields an {@link ApiResponse} or a body for 200. */
    public static ApiResponse later(final java.util.concurrent.CompletionStage<?> pending)
    {
        return new ApiResponse(HttpResponseStatus.OK, pending);
    }
}

package io.switchboard.core.api;

import io.netty.handler.codec.http.HttpResponseStatus;

/** What a handler answers: a status and an object that is written as JSON. */
public record ApiResponse(HttpResponseStatus status, Object body)
{
    public static ApiResponse ok(final Object body)
    {
        return new ApiResponse(HttpResponseStatus.OK, body);
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

package io.switchboard.core.api;

import io.netty.handler.codec.http.HttpResponseStatus;

/** What a handler answers: a status and an object that is written as JSON. */
public record ApiResponse(HttpResponseStatus status, Object body)
{
    public static ApiResponse ok(final Object body)
    {
        return new ApiResponse(HttpResponseStatus.OK, body);
    }
}

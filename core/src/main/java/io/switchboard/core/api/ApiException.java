package io.switchboard.core.api;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A request the API refuses: becomes {@code {"error": code, "message": ...}} with the status. Thrown by handlers
 * for bad input; never for server faults (those are 500 with a generic message).
 */
public final class ApiException extends RuntimeException
{
    private final HttpResponseStatus status;
    private final String code;

    public ApiException(final HttpResponseStatus status, final String code, final String message)
    {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public HttpResponseStatus status()
    {
        return status;
    }

    public String code()
    {
        return code;
    }
}

package io.switchboard.core.api;

import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.Map;

/**
 * A request the API refuses: becomes {@code {"error": code, "message": ...}} with the status (and headers, such as
 * {@code Retry-After}). Thrown by handlers for bad input; never for server faults (those are 500 with a generic
 * message).
 */
public final class ApiException extends RuntimeException
{
    private final HttpResponseStatus status;
    private final String code;
    private final Map<String, String> headers;

    /** 400 {@code bad_request}: the request's input is wrong, the message says how. */
    public static ApiException badRequest(final String message)
    {
        return new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_request", message);
    }

    public ApiException(final HttpResponseStatus status, final String code, final String message)
    {
        this(status, code, message, Map.of());
    }

    public ApiException(final HttpResponseStatus status, final String code, final String message,
        final Map<String, String> headers)
    {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    public HttpResponseStatus status()
    {
        return status;
    }

    public String code()
    {
        return code;
    }

    public Map<String, String> headers()
    {
        return headers;
    }
}

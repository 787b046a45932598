package io.switchboard.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.core.api.ApiException;
import io.switchboard.core.api.ApiRequest;

import java.util.List;

/** What the chat endpoints read from a request: the session in the path, {@code after}, a JSON object body. */
final class ChatRequests
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatRequests()
    {
    }

    /** The {@code {id}} path parameter; not a number is an unknown session (404), as a session that is not there. */
    static long sessionId(final ApiRequest request)
    {
        try
        {
            return Long.parseLong(request.pathParam("id"));
        }
        catch (final NumberFormatException ex)
        {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_session", "no such chat");
        }
    }

    /** The {@code after} query parameter: a message id, 0 when left out. */
    static long after(final ApiRequest request)
    {
        final List<String> after = request.query().get("after");
        try
        {
            return after == null || after.isEmpty() ? 0 : Long.parseLong(after.get(0));
        }
        catch (final NumberFormatException ex)
        {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_request", "\"after\" is a message id");
        }
    }

    /** The body as a JSON object, else 400. */
    static JsonNode object(final ApiRequest request)
    {
        final JsonNode body;
        try
        {
            body = JSON.readTree(request.body());
        }
        catch (final java.io.IOException ex)
        {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_request", "the body is not JSON");
        }
        if (body == null || !body.isObject())
        {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_request", "the body is a JSON object");
        }
        return body;
    }

    /** A text field, or null when it is absent, not text or blank (a target or note left out). */
    static String optionalText(final JsonNode body, final String field)
    {
        final JsonNode value = body.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
    }
}

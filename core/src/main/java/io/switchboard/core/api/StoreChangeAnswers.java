package io.switchboard.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.ivr.flow.Problem;
import io.switchboard.ivr.store.FlowStoreException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * How the flow endpoints (voice and session flows, numbers and channels) read a body and answer a committed change:
 * the result as it is once applied; the store's refusal (404, 409, 400 with the flow's problems); 503 {@code
 * not_saved} when the journal did not take it.
 */
final class StoreChangeAnswers
{
    private StoreChangeAnswers()
    {
    }

    /** Answers once the change is committed: {@code body} then, or why not. */
    static ApiResponse later(final CompletableFuture<?> committed, final Supplier<Object> body)
    {
        return ApiResponse.later(committed.handle((done, failure) ->
        {
            if (failure == null)
            {
                return ApiResponse.ok(body.get());
            }
            final Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
            if (cause instanceof FlowStoreException refused)
            {
                return refusal(refused);
            }
            if (cause instanceof IllegalStateException)
            {
                throw new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "not_saved", cause.getMessage());
            }
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_request", String.valueOf(cause.getMessage()));
        }));
    }

    static ApiResponse refusal(final FlowStoreException ex)
    {
        final HttpResponseStatus status = switch (ex.reason())
        {
            case UNKNOWN_FLOW, UNKNOWN_NUMBER, UNKNOWN_CHANNEL -> HttpResponseStatus.NOT_FOUND;
            case WRONG_STATE, DUPLICATE -> HttpResponseStatus.CONFLICT;
            case INVALID -> HttpResponseStatus.BAD_REQUEST;
        };
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", ex.reason() == FlowStoreException.Reason.WRONG_STATE ? "wrong_state"
            : ex.reason().name().toLowerCase(Locale.ROOT));
        body.put("message", ex.getMessage());
        if (!ex.problems().isEmpty())
        {
            body.put("problems", problems(ex.problems()));
        }
        return new ApiResponse(status, body);
    }

    static List<Map<String, Object>> problems(final List<Problem> problems)
    {
        final List<Map<String, Object>> list = new ArrayList<>();
        for (final Problem problem : problems)
        {
            final Map<String, Object> row = new LinkedHashMap<>();
            row.put("node", problem.node());
            row.put("message", problem.message());
            list.add(row);
        }
        return list;
    }

    static JsonNode tree(final ApiRequest request)
    {
        try
        {
            return HttpApi.JSON.readTree(request.body());
        }
        catch (final IOException ex)
        {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_request", "the body is not JSON");
        }
    }

    /** The body as a {@code type}; 400 naming {@code what} when it is not one. */
    static <T> T parse(final ApiRequest request, final Class<T> type, final String what)
    {
        try
        {
            final T value = HttpApi.JSON.readValue(request.body(), type);
            if (value == null)
            {
                throw new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_request", "the body is not " + what);
            }
            return value;
        }
        catch (final IOException ex)
        {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_request",
                "the body is not " + what + ": " + ex.getMessage().split("\n")[0]);
        }
    }
}

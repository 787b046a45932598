package io.switchboard.core.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.ivr.flow.Flow;
import io.switchboard.ivr.flow.Problem;
import io.switchboard.ivr.store.FlowStore;
import io.switchboard.ivr.store.FlowStoreException;
import io.switchboard.ivr.store.NumberDirection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * IVR flows and phone numbers: {@code GET /api/flows}, {@code GET|PUT|DELETE /api/flows/{name}},
 * {@code POST /api/flows/validate}, {@code POST /api/flows/{name}/publish|unpublish}, {@code GET /api/numbers},
 * {@code PUT /api/numbers/{number}}, and for agents {@code GET /api/self-service/flows} (the flows a caller may be sent
 * to: published or in use). The store belongs to the API's loop (every handler runs there); after each
 * change the numbers' flows are handed to the SIP workers as a new immutable map through {@code onChange}.
 */
public final class FlowEndpoints
{
    private final FlowStore store;
    private final Runnable onChange;

    public FlowEndpoints(final FlowStore store, final Runnable onChange)
    {
        this.store = store;
        this.onChange = onChange;
    }

    public void register(final ApiRouter router)
    {
        router.get("/api/flows", Access.ADMIN, request -> ApiResponse.ok(list()));
        router.get("/api/flows/{name}", Access.ADMIN, request ->
            ApiResponse.ok(view(request.pathParam("name"), true)));
        router.put("/api/flows/{name}", Access.ADMIN, this::save);
        router.delete("/api/flows/{name}", Access.ADMIN, request -> change(() ->
            store.delete(request.pathParam("name")), null));
        router.post("/api/flows/validate", Access.ADMIN, request ->
        {
            final List<Problem> problems = store.validate(flow(request), true);
            final Map<String, Object> body = new LinkedHashMap<>();
            body.put("valid", problems.isEmpty());
            body.put("problems", problems(problems));
            return ApiResponse.ok(body);
        });
        router.post("/api/flows/{name}/publish", Access.ADMIN, request -> change(() ->
            store.publish(request.pathParam("name")), request.pathParam("name")));
        router.post("/api/flows/{name}/unpublish", Access.ADMIN, request -> change(() ->
            store.unpublish(request.pathParam("name")), request.pathParam("name")));
        router.get("/api/numbers", Access.ADMIN, request -> ApiResponse.ok(numbers()));
        router.get("/api/self-service/flows", Access.SIGNED_IN, request -> ApiResponse.ok(published()));
        router.put("/api/numbers/{number}", Access.ADMIN, this::bind);
    }

    private ApiResponse save(final ApiRequest request)
    {
        final Flow flow = flow(request);
        if (!request.pathParam("name").equals(flow.name()))
        {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_request",
                "the flow's \"name\" must be the name in the path: " + request.pathParam("name"));
        }
        return change(() -> store.save(flow), flow.name());
    }

    private ApiResponse bind(final ApiRequest request)
    {
        final var body = CallEndpoints.body(request);
        final String number = request.pathParam("number");
        final String direction = body.hasNonNull("direction") ? body.get("direction").asText() : "inbound";
        final NumberDirection parsed;
        try
        {
            parsed = NumberDirection.valueOf(direction.toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_request",
                "\"direction\" must be inbound, outbound or both");
        }
        final String flow = body.hasNonNull("flow") ? body.get("flow").asText() : null;
        return change(() -> store.numberBoundTo(number, parsed, flow), null);
    }

    /** Runs a change; answers with the flow (or the numbers) as they are now, or the store's refusal. */
    private ApiResponse change(final Runnable change, final String flow)
    {
        try
        {
            change.run();
        }
        catch (final FlowStoreException ex)
        {
            return refusal(ex);
        }
        onChange.run();
        return ApiResponse.ok(flow == null ? numbers() : view(flow, false));
    }

    private static ApiResponse refusal(final FlowStoreException ex)
    {
        final HttpResponseStatus status = switch (ex.reason())
        {
            case UNKNOWN_FLOW, UNKNOWN_NUMBER -> HttpResponseStatus.NOT_FOUND;
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

    private static Flow flow(final ApiRequest request)
    {
        try
        {
            final Flow flow = HttpApi.JSON.readValue(request.body(), Flow.class);
            if (flow == null || flow.name() == null)
            {
                throw new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_request", "a flow needs a \"name\"");
            }
            return flow;
        }
        catch (final java.io.IOException ex)
        {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_request",
                "the body is not a flow: " + ex.getMessage().split("\n")[0]);
        }
    }

    /** The flows an agent may send a caller to (published or in use), as {@code GET /api/flows} lists them. */
    private List<Map<String, Object>> published()
    {
        final List<Map<String, Object>> list = new ArrayList<>();
        for (final Map<String, Object> flow : list())
        {
            if (!"unpublished".equals(flow.get("state")))
            {
                list.add(flow);
            }
        }
        return list;
    }

    private List<Map<String, Object>> list()
    {
        final List<Map<String, Object>> list = new ArrayList<>();
        store.flowNames().forEach(name -> list.add(view(name, false)));
        return list;
    }

    private Map<String, Object> view(final String name, final boolean withNodes)
    {
        final Map<String, Object> view = new LinkedHashMap<>();
        try
        {
            view.put("name", name);
            view.put("state", store.state(name).name().toLowerCase(Locale.ROOT).replace('_', '-'));
            view.put("numbers", store.numbersOf(name));
            if (withNodes)
            {
                view.put("flow", store.flow(name));
            }
        }
        catch (final FlowStoreException ex)
        {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_flow", ex.getMessage());
        }
        return view;
    }

    private List<Map<String, Object>> numbers()
    {
        final List<Map<String, Object>> list = new ArrayList<>();
        for (final FlowStore.PhoneNumber number : store.numbers())
        {
            final Map<String, Object> row = new LinkedHashMap<>();
            row.put("number", number.number());
            row.put("direction", number.direction().name().toLowerCase(Locale.ROOT));
            row.put("flow", number.flow());
            list.add(row);
        }
        return list;
    }

    private static List<Map<String, Object>> problems(final List<Problem> problems)
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
}

package io.switchboard.core.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.core.admin.FlowAdmin;
import io.switchboard.core.admin.FlowEvent;
import io.switchboard.ivr.flow.Flow;
import io.switchboard.ivr.flow.Problem;
import io.switchboard.ivr.store.FlowStore;
import io.switchboard.ivr.store.FlowStoreException;
import io.switchboard.ivr.store.NumberDirection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * IVR flows and phone numbers: {@code GET /api/flows}, {@code GET|PUT|DELETE /api/flows/{name}},
 * {@code POST /api/flows/validate}, {@code POST /api/flows/{name}/publish|unpublish}, {@code GET /api/numbers},
 * {@code PUT /api/numbers/{number}}, and for agents {@code GET /api/self-service/flows} (the flows a caller may be sent
 * to: published or in use). The store belongs to the API's loop (every handler runs there); after each
 * change the numbers' flows are handed to the SIP workers as a new immutable map through {@code onChange}.
 * <p>
 * Each change is a {@link FlowEvent} committed through {@link FlowAdmin}: checked, journalled, then applied and
 * answered with the flow (or the numbers) as they are then. A flow is saved as a draft with its problems (the answer,
 * like {@code GET /api/flows/{name}}, lists them); publishing refuses a flow with problems (400 {@code invalid} with
 * them). A refused change journals nothing; a journal that fails changes nothing (503 {@code not_saved}).
 */
public final class FlowEndpoints
{
    private static final Logger LOG = LoggerFactory.getLogger(FlowEndpoints.class);

    private final FlowStore store;
    private final FlowAdmin admin;
    /** The skill groups' queue numbers (number to group), shown with the flows' numbers. */
    private Supplier<Map<String, String>> queueNumbers = Map::of;

    public FlowEndpoints(final FlowStore store, final FlowAdmin admin)
    {
        this.store = store;
        this.admin = admin;
    }

    /** The numbers that queue callers in a skill group ({@code tenant.acd.numbers}), listed by {@code /api/numbers}. */
    public FlowEndpoints queueNumbers(final Supplier<Map<String, String>> numbers)
    {
        this.queueNumbers = numbers;
        return this;
    }

    public void register(final ApiRouter router)
    {
        router.get("/api/flows", Access.ADMIN, request -> ApiResponse.ok(list()));
        router.get("/api/flows/{name}", Access.ADMIN, request ->
            ApiResponse.ok(view(request.pathParam("name"), true)));
        router.put("/api/flows/{name}", Access.ADMIN, this::save);
        router.delete("/api/flows/{name}", Access.ADMIN, this::delete);
        router.post("/api/flows/validate", Access.ADMIN, request ->
        {
            final List<Problem> problems = store.validate(flow(request), true);
            final Map<String, Object> body = new LinkedHashMap<>();
            body.put("valid", problems.isEmpty());
            body.put("problems", StoreChangeAnswers.problems(problems));
            return ApiResponse.ok(body);
        });
        router.post("/api/flows/{name}/publish", Access.ADMIN, request ->
        {
            final String name = request.pathParam("name");
            return change(new FlowEvent.Published(name), name);
        });
        router.post("/api/flows/{name}/unpublish", Access.ADMIN, request ->
        {
            final String name = request.pathParam("name");
            return change(new FlowEvent.Unpublished(name), name);
        });
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
        // a saved draft is answered with its problems, so the editor can show what still keeps it from publishing
        final FlowEvent saved = new FlowEvent.Saved(flow.name(), StoreChangeAnswers.tree(request));
        return StoreChangeAnswers.later(admin.commit(saved), () -> view(flow.name(), true));
    }

    private ApiResponse delete(final ApiRequest request)
    {
        return change(new FlowEvent.Deleted(request.pathParam("name")), null);
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
        return change(FlowEvent.NumberBound.of(number, parsed, flow), null);
    }

    /**
     * Commits the change and answers once it is applied with the flow (or the numbers) as they are then; a refusal
     * is the store's reason, a journal that did not take it a 503.
     */
    private ApiResponse change(final FlowEvent event, final String flow)
    {
        return StoreChangeAnswers.later(admin.commit(event), () -> flow == null ? numbers() : view(flow, false));
    }

    private static Flow flow(final ApiRequest request)
    {
        final Flow flow = StoreChangeAnswers.parse(request, Flow.class, "a flow");
        if (flow.name() == null)
        {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_request", "a flow needs a \"name\"");
        }
        return flow;
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
                view.put("problems", StoreChangeAnswers.problems(store.problems(name)));
            }
        }
        catch (final FlowStoreException ex)
        {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_flow", ex.getMessage());
        }
        return view;
    }

    /**
     * Every number with its direction and what it is bound to: a flow (journalled, {@code PUT /api/numbers/{number}})
     * and, for the skill groups' queue numbers, the group (inbound, from the configuration; {@code group} only on
     * those, so that the flows' rows stay as they were); sorted by number.
     */
    private List<Map<String, Object>> numbers()
    {
        final Map<String, Map<String, Object>> rows = new TreeMap<>();
        for (final FlowStore.PhoneNumber number : store.numbers())
        {
            final Map<String, Object> row = new LinkedHashMap<>();
            row.put("number", number.number());
            row.put("direction", number.direction().name().toLowerCase(Locale.ROOT));
            row.put("flow", number.flow());
            rows.put(number.number(), row);
        }
        queueNumbers.get().forEach((number, group) -> rows.computeIfAbsent(number, n ->
        {
            final Map<String, Object> row = new LinkedHashMap<>();
            row.put("number", n);
            row.put("direction", "inbound");
            row.put("flow", null);
            return row;
        }).put("group", group));
        return new ArrayList<>(rows.values());
    }
}

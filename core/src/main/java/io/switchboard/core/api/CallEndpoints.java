package io.switchboard.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.core.call.CallCommandException;
import io.switchboard.core.call.CallController;
import io.switchboard.core.call.CallStats;
import io.switchboard.core.signalling.CallProxy;
import io.switchboard.core.signalling.SipWorker;
import io.switchboard.core.trace.CallLog;
import org.slf4j.MDC;
import io.switchboard.ivr.flow.Flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Calls in progress and what can be done to them: {@code GET /api/calls}, {@code GET /api/calls/{id}}, and
 * {@code POST /api/calls/{id}/hold|unhold|mute|unmute|dtmf} with {@code {"leg": "caller"|"callee"}} (and
 * {@code "digits"} for DTMF). A call belongs to the SIP worker that owns it, so every command is handed to that
 * worker's loop and answered when it has run there; nothing here touches a call directly.
 * <p>
 * An agent sees and acts on its own calls only ({@link Access#OWN_CALL}): those its extension or its ACD agent takes
 * part in, checked on the owning worker before the command runs; another call is 403 there, and left out of the
 * list. An administrator reaches every call.
 */
public final class CallEndpoints
{
    private final SipWorker[] workers;
    private final io.switchboard.acd.AcdService acd;
    private final io.switchboard.core.agent.AgentDirectory agents;
    private final io.switchboard.ivr.store.FlowStore flows;

    /**
     * @param workers the SIP workers, which own the calls
     * @param acd     the ACD, or null without a call center
     * @param agents  the agents and groups, or null without a call center
     * @param flows   the IVR's flows (self-service), or null without IVR
     */
    public CallEndpoints(final SipWorker[] workers, final io.switchboard.acd.AcdService acd,
        final io.switchboard.core.agent.AgentDirectory agents, final io.switchboard.ivr.store.FlowStore flows)
    {
        this.workers = workers;
        this.acd = acd;
        this.agents = agents;
        this.flows = flows;
    }

    public void register(final ApiRouter router)
    {
        router.get("/api/calls", Access.SIGNED_IN, request -> ApiResponse.later(list(viewScope(request))));
        router.get("/api/calls/{id}", Access.SUPERVISED_CALL, request ->
            ApiResponse.later(find(request, viewScope(request), calls -> supervised(calls,
                calls.commands().describeCall(id(request))))));
        router.post("/api/calls/{id}/hold", Access.OWN_CALL, request ->
            command(request, (c, leg) -> c.commands().hold(id(request), leg, true)));
        router.post("/api/calls/{id}/unhold", Access.OWN_CALL, request ->
            command(request, (c, leg) -> c.commands().hold(id(request), leg, false)));
        router.post("/api/calls/{id}/mute", Access.OWN_CALL, request ->
            command(request, (c, leg) -> c.commands().mute(id(request), leg, true)));
        router.post("/api/calls/{id}/unmute", Access.OWN_CALL, request ->
            command(request, (c, leg) -> c.commands().mute(id(request), leg, false)));
        router.post("/api/calls/{id}/self-service", Access.OWN_CALL, this::selfService);
        // a supervisor transfers any agent's call (its other commands stay the call's agents')
        router.post("/api/calls/{id}/transfer", Access.SUPERVISED_CALL, request ->
        {
            final JsonNode body = body(request);
            final io.switchboard.core.call.TransferTarget target = transferTarget(body);
            final String leg = body.hasNonNull("leg") ? text(body, "leg") : null;
            final long id = id(request);
            return ApiResponse.later(find(request, viewScope(request), calls ->
            {
                if (!calls.commands().hasCall(id))
                {
                    return null;
                }
                calls.commands().transfer(id, leg, target);
                return calls.commands().describeCall(id);
            }));
        });
        router.post("/api/calls/{id}/hangup", Access.OWN_CALL, this::hangUp);
        router.post("/api/calls/{id}/answer", Access.OWN_CALL, this::answer);
        router.post("/api/calls/{id}/dtmf", Access.OWN_CALL, request ->
        {
            final String digits = text(body(request), "digits");
            return command(request, (c, leg) -> c.commands().sendDtmf(id(request), leg, digits));
        });
    }

    /** {@code POST /api/calls/{id}/self-service {"flow"}}: the caller goes to a published flow. */
    private ApiResponse selfService(final ApiRequest request)
    {
        final String name = text(body(request), "flow");
        final Flow flow = publishedFlow(name);
        return ApiResponse.later(find(request, calls ->
        {
            if (!calls.commands().hasCall(id(request)))
            {
                return null;
            }
            calls.commands().selfService(id(request), flow);
            return calls.commands().describeCall(id(request));
        }));
    }

    /** {@code POST /api/calls/{id}/hangup}: the call as it was, now ended. */
    private ApiResponse hangUp(final ApiRequest request)
    {
        return ApiResponse.later(find(request, calls ->
        {
            if (!calls.commands().hasCall(id(request)))
            {
                return null;
            }
            final Map<String, Object> last = calls.commands().describeCall(id(request));
            calls.commands().hangUp(id(request));
            last.put("state", "ended");
            return last;
        }));
    }

    /** {@code POST /api/calls/{id}/answer {"agent"}}: an agent (or an administrator for one) answers on its phone. */
    private ApiResponse answer(final ApiRequest request)
    {
        final JsonNode answerBody = request.body().length == 0 ? null : body(request);
        final String staffNo = answerBody != null && answerBody.has("agent") ? text(answerBody, "agent")
            : request.account() != null ? request.account().staffNo() : null;
        if (request.account() != null && !request.account().admin()
            && !java.util.Objects.equals(staffNo, request.account().staffNo()))
        {
            throw new ApiException(HttpResponseStatus.FORBIDDEN, "forbidden", "an agent answers its own calls");
        }
        final io.switchboard.core.agent.AgentDirectory.Agent agent = agents == null ? null
            : agents.agentByStaffNo(staffNo);
        if (agent == null || staffNo == null)
        {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_agent", "no agent " + staffNo);
        }
        return command(request, (c, ignored) -> c.commands().answerOnPhone(id(request), agent.id()), false);
    }

    /**
     * Where a transfer goes: {@code {"group": name}}, {@code {"agent": staffNo}}, {@code {"extension": "1002"}}
     * (an agent's extension counts as that agent) or {@code {"number": "+4930..."}}.
     */
    private io.switchboard.core.call.TransferTarget transferTarget(final JsonNode body)
    {
        if (body.has("group"))
        {
            final String name = text(body, "group");
            final io.switchboard.core.agent.AgentDirectory.Group group = agents == null ? null : agents.group(name);
            if (group == null || acd == null)
            {
                throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_group", "no group " + name);
            }
            return io.switchboard.core.call.TransferTarget.group(group.id());
        }
        if (body.has("agent"))
        {
            final String staffNo = text(body, "agent");
            final io.switchboard.core.agent.AgentDirectory.Agent agent = agents == null || acd == null ? null
                : agents.agentByStaffNo(staffNo);
            if (agent == null)
            {
                throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_agent", "no agent " + staffNo);
            }
            return io.switchboard.core.call.TransferTarget.agent(agent.id(), agent.extension());
        }
        if (body.has("extension"))
        {
            final String extension = text(body, "extension");
            final io.switchboard.core.agent.AgentDirectory.Agent agent = agents == null || acd == null ? null
                : agents.agentByExtension(extension);
            return agent != null ? io.switchboard.core.call.TransferTarget.agent(agent.id(), extension)
                : io.switchboard.core.call.TransferTarget.extension(extension);
        }
        if (body.has("number"))
        {
            return io.switchboard.core.call.TransferTarget.number(text(body, "number"));
        }
        throw new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_request",
            "say where to: \"group\", \"agent\", \"extension\" or \"number\"");
    }

    /** A published flow by name (read on the API loop, which owns the flow store), or a 404/409. */
    private Flow publishedFlow(final String name)
    {
        final io.switchboard.ivr.store.FlowStore store = flows;
        try
        {
            if (store == null || store.state(name) == io.switchboard.ivr.store.FlowState.UNPUBLISHED)
            {
                throw new ApiException(HttpResponseStatus.CONFLICT, "wrong_state", "flow " + name
                    + " is not published");
            }
            return store.flow(name);
        }
        catch (final io.switchboard.ivr.store.FlowStoreException ex)
        {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_flow", ex.getMessage());
        }
    }

    /** What a command does to the call on its worker. */
    @FunctionalInterface
    private interface Command
    {
        void run(CallController calls, String leg);
    }

    /**
     * Whose calls a request reaches: null for an administrator (all); for an agent, its extension and ACD agent id
     * (-1 if it is none).
     */
    private record Scope(String extension, int agentId)
    {
        boolean reaches(final CallController calls, final long id)
        {
            return calls.commands().involves(id, extension, agentId);
        }
    }

    /** What the caller may see: a supervisor every call (it commands only its own: {@link #scope}). */
    private Scope viewScope(final ApiRequest request)
    {
        return request.account() != null && request.account().supervises() ? null : scope(request);
    }

    private Scope scope(final ApiRequest request)
    {
        if (request.admin())
        {
            return null;
        }
        final String staffNo = request.account().staffNo();
        final io.switchboard.core.agent.AgentDirectory.Agent agent = staffNo == null || agents == null ? null
            : agents.agentByStaffNo(staffNo);
        return new Scope(request.account().extension(), agent == null ? -1 : agent.id());
    }

    private CompletableFuture<List<Map<String, Object>>> list(final Scope scope)
    {
        final List<CompletableFuture<List<Map<String, Object>>>> parts = new ArrayList<>();
        for (final SipWorker worker : workers)
        {
            parts.add(onWorker(worker, calls -> supervised(calls, scope == null ? calls.commands().describeCalls()
                : calls.commands().describeCalls().stream().filter(view -> scope.reaches(calls, (Long)view.get("id")))
                .toList())));
        }
        return CompletableFuture.allOf(parts.toArray(new CompletableFuture[0])).thenApply(done ->
        {
            final List<Map<String, Object>> all = new ArrayList<>();
            parts.forEach(part -> all.addAll(part.join()));
            all.forEach(view -> named(agents, view));
            return all;
        });
    }

    /** Each call's {@code supervision} (mode, supervisor, state), null when nobody supervises it; on its worker. */
    private static List<Map<String, Object>> supervised(final CallController calls,
        final List<Map<String, Object>> views)
    {
        views.forEach(view -> supervised(calls, view));
        return views;
    }

    /** As {@link #supervised(CallController, List)} for one call's view (null: no such call). */
    private static Map<String, Object> supervised(final CallController calls, final Map<String, Object> view)
    {
        if (view != null)
        {
            view.put("supervision", calls.supervisions() == null ? null
                : calls.supervisions().describe((Long)view.get("id")));
        }
        return view;
    }

    /**
     * The call's ids of skill group and agents as names (the directory is readable from any thread): its
     * {@code group}, and each leg's {@code agent} staff number, which the supervisor's page shows.
     */
    static Map<String, Object> named(final io.switchboard.core.agent.AgentDirectory agents,
        final Map<String, Object> view)
    {
        final Object groupId = view.remove("groupId");
        final io.switchboard.core.agent.AgentDirectory.Group group = agents != null && groupId instanceof Integer g
            ? agents.group(g) : null;
        view.put("group", group == null ? null : group.name());
        for (final String side : List.of("caller", "callee"))
        {
            if (view.get(side) instanceof Map<?, ?> leg)
            {
                @SuppressWarnings("unchecked")
                final Map<String, Object> legView = (Map<String, Object>)leg;
                final Object agentId = legView.remove("agentId");
                final io.switchboard.core.agent.AgentDirectory.Agent agent = agents != null
                    && agentId instanceof Integer a ? agents.agent(a) : null;
                legView.put("agent", agent == null ? null : agent.staffNo());
            }
        }
        return view;
    }

    private ApiResponse command(final ApiRequest request, final Command command)
    {
        return command(request, command, true);
    }

    /** A command on one call; {@code withLeg}: the body names the leg it acts on. */
    private ApiResponse command(final ApiRequest request, final Command command, final boolean withLeg)
    {
        final long id = id(request);
        final String leg = withLeg ? text(body(request), "leg") : null;
        return ApiResponse.later(find(request, calls ->
        {
            if (!calls.commands().hasCall(id))
            {
                return null;
            }
            command.run(calls, leg);
            return calls.commands().describeCall(id);
        }));
    }

    /**
     * Runs the action on the worker that owns the request's call (its id says which: {@link CallStats#ownerOf}), on
     * that worker's loop; the owner checks that the call is the agent's first. Refusals become API errors.
     */
    private <T> CompletableFuture<T> find(final ApiRequest request, final Function<CallController, T> action)
    {
        return find(request, scope(request), action);
    }

    /** As {@link #find(ApiRequest, Function)}, for the calls {@code scope} reaches (null: every call). */
    private <T> CompletableFuture<T> find(final ApiRequest request, final Scope scope,
        final Function<CallController, T> action)
    {
        final long id = id(request);
        final SipWorker owner = workers[CallStats.ownerOf(id, workers.length)];
        final CompletableFuture<T> result = onWorker(owner, calls ->
        {
            MDC.put(CallLog.KEY, Long.toString(id));
            try
            {
                if (scope != null && calls.commands().hasCall(id) && !scope.reaches(calls, id))
                {
                    throw ApiGuard.forbidden("call " + id + " is not one of this agent's calls");
                }
                return translate(() -> action.apply(calls));
            }
            finally
            {
                MDC.remove(CallLog.KEY);
            }
        });
        return result.thenApply(found ->
        {
            if (found == null)
            {
                throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_call", "no call " + id);
            }
            if (found instanceof Map<?, ?> view && view.containsKey("groupId"))
            {
                @SuppressWarnings("unchecked")
                final Map<String, Object> callView = (Map<String, Object>)view;
                named(agents, callView);
            }
            return found;
        });
    }

    /** Runs {@code f} on the worker's loop through its {@link CallProxy}; a full proxy is a 503. */
    static <T> CompletableFuture<T> onWorker(final SipWorker worker, final Function<CallController, T> f)
    {
        return worker.proxy().call(f).exceptionallyCompose(failure -> CompletableFuture.failedFuture(
            failure instanceof CallProxy.Overloaded overloaded
                ? new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "overloaded", overloaded.getMessage())
                : failure));
    }

    static <T> T translate(final java.util.function.Supplier<T> action)
    {
        try
        {
            return action.get();
        }
        catch (final CallCommandException ex)
        {
            final HttpResponseStatus status = switch (ex.reason())
            {
                case UNKNOWN_CALL -> HttpResponseStatus.NOT_FOUND;
                case BAD_REQUEST -> HttpResponseStatus.BAD_REQUEST;
                case WRONG_STATE -> HttpResponseStatus.CONFLICT;
                case NOT_FOUND -> HttpResponseStatus.NOT_FOUND;
                case FORBIDDEN -> HttpResponseStatus.FORBIDDEN;
            };
            final String code = switch (ex.reason())
            {
                case UNKNOWN_CALL -> "unknown_call";
                case BAD_REQUEST -> "bad_request";
                case WRONG_STATE -> "wrong_state";
                case NOT_FOUND -> "not_found";
                case FORBIDDEN -> "forbidden";
            };
            throw new ApiException(status, code, ex.getMessage());
        }
    }

    /** The call's id from the path ({@code {id}}), or a 400. */
    static long id(final ApiRequest request)
    {
        try
        {
            return Long.parseLong(request.pathParam("id"));
        }
        catch (final NumberFormatException ex)
        {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_request", "call id must be a number");
        }
    }

    static JsonNode body(final ApiRequest request)
    {
        try
        {
            final JsonNode node = request.body().length == 0 ? null : HttpApi.JSON.readTree(request.body());
            if (node == null || !node.isObject())
            {
                throw new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_request",
                    "the body must be a JSON object such as {\"leg\": \"caller\"}");
            }
            return node;
        }
        catch (final java.io.IOException ex)
        {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_request", "the body is not valid JSON");
        }
    }

    /** A field that may be absent or null (then null), else must be a string (else 400). */
    static String optionalText(final JsonNode body, final String field)
    {
        final JsonNode value = body.get(field);
        if (value == null || value.isNull())
        {
            return null;
        }
        if (!value.isTextual())
        {
            throw ApiException.badRequest("\"" + field + "\" must be a string");
        }
        return value.asText();
    }

    static String text(final JsonNode body, final String field)
    {
        final JsonNode value = body.get(field);
        if (value == null || !value.isTextual())
        {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_request",
                "\"" + field + "\" is required and must be a string");
        }
        return value.asText();
    }
}

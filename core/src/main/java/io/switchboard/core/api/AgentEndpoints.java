package io.switchboard.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.acd.AcdQueries;
import io.switchboard.acd.AcdError;
import io.switchboard.acd.AcdException;
import io.switchboard.acd.AcdService;
import io.switchboard.acd.AgentState;
import io.switchboard.acd.AgentView;
import io.switchboard.acd.Fallback;
import io.switchboard.acd.GroupView;
import io.switchboard.acd.WaitingCall;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.agent.AgentStates;
import io.switchboard.core.journal.ChronicleJournal;
import io.switchboard.core.journal.Journal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Agents, skill groups and queues: {@code GET /api/agents}, {@code GET /api/agents/{staffNo}},
 * {@code POST /api/agents/{staffNo}/state} with {@code {"state": "idle"|"busy"|"break"|"offline", "reason": ...}},
 * {@code POST /api/agents/{staffNo}/wrap-up/end}, {@code POST /api/agents/{staffNo}/wrap-up/extend} with
 * {@code {"seconds": 30}}, {@code POST /api/agents/{staffNo}/wrap-up/keep} (kept open until ended),
 * {@code GET /api/groups}, {@code GET /api/groups/{name}/queue},
 * {@code GET /api/break-reasons} (the tenant's reasons an agent may give for a break). The ACD's state belongs to its
 * engine thread: reads and changes are handed to it and answered when it has run them. A state the agent picks is
 * journalled once the engine accepted it, and answered only when the journal has it (it survives a crash).
 */
public final class AgentEndpoints
{
    private final AcdService acd;
    private final AgentDirectory directory;
    private final Journal journal;

    public AgentEndpoints(final AcdService acd, final AgentDirectory directory, final Journal journal)
    {
        this.acd = acd;
        this.directory = directory;
        this.journal = journal;
    }

    public void register(final ApiRouter router)
    {
        // Every agent's state is for any signed-in account: the transfer dialog shows colleagues with their states.
        // With filters or a page (the administration's list) the answer is {"total","page","size","agents"}.
        router.get("/api/agents", Access.SIGNED_IN, request ->
        {
            final AgentListQuery query = AgentListQuery.of(request);
            return ApiResponse.later(acd.query(view -> query == null ? agents(view) : agents(view, query)));
        });
        router.get("/api/agents/{staffNo}", Access.SUPERVISED_AGENT, request ->
        {
            final AgentDirectory.Agent agent = agent(request);
            return ApiResponse.later(acd.query(view -> agent(view, agent.id())));
        });
        // a supervisor may set any agent's state (a stuck agent made busy or offline) and end its wrap-up
        router.post("/api/agents/{staffNo}/state", Access.SUPERVISED_AGENT, this::setState);
        router.post("/api/agents/{staffNo}/wrap-up/end", Access.SUPERVISED_AGENT, request ->
        {
            final AgentDirectory.Agent agent = agent(request);
            return ApiResponse.later(answer(acd.endWrapUp(agent.id()), agent));
        });
        // 继续话后整理: the countdown stops, the agent stays in wrap-up until it ends it (wrap-up/end)
        router.post("/api/agents/{staffNo}/wrap-up/keep", Access.OWN_AGENT, request ->
        {
            final AgentDirectory.Agent agent = agent(request);
            return ApiResponse.later(answer(acd.keepWrapUp(agent.id()), agent));
        });
        router.post("/api/agents/{staffNo}/wrap-up/extend", Access.OWN_AGENT, request ->
        {
            final AgentDirectory.Agent agent = agent(request);
            final JsonNode seconds = CallEndpoints.body(request).get("seconds");
            if (seconds == null || !seconds.canConvertToInt() || seconds.asInt() < 1 || seconds.asInt() > 90)
            {
                throw new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_request", "\"seconds\" must be 1..90");
            }
            return ApiResponse.later(answer(acd.extendWrapUp(agent.id(), seconds.asInt() * 1000L), agent));
        });
        router.get("/api/break-reasons", Access.SIGNED_IN, request -> ApiResponse.ok(directory.breakReasons()));
        router.get("/api/groups", Access.SIGNED_IN, request ->
            ApiResponse.later(acd.query(view -> groups(view))));
        router.get("/api/groups/{name}/queue", Access.ADMIN, request ->
        {
            final AgentDirectory.Group group = directory.group(request.pathParam("name"));
            if (group == null)
            {
                throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_group",
                    "no group " + request.pathParam("name"));
            }
            return ApiResponse.later(acd.query(view -> queue(view, group.id())));
        });
    }

    private ApiResponse setState(final ApiRequest request)
    {
        final AgentDirectory.Agent agent = agent(request);
        final JsonNode body = CallEndpoints.body(request);
        final String name = CallEndpoints.text(body, "state");
        final AgentState state = switch (name)
        {
            case "idle", "online" -> AgentState.IDLE;
            case "busy" -> AgentState.BUSY;
            case "break" -> AgentState.BREAK;
            case "offline" -> AgentState.OFFLINE;
            default -> throw new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_request",
                "\"state\" must be idle, busy, break or offline (on call and wrap-up are set by the system)");
        };
        int reason = 0;
        if (state == AgentState.BREAK)
        {
            final JsonNode given = body.get("reason");
            reason = given != null && given.isTextual() ? directory.breakReason(given.asText()) : -1;
            if (reason < 0)
            {
                throw new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_request",
                    "a break needs a \"reason\", one of " + directory.breakReasons());
            }
        }
        final String reasonName = state == AgentState.BREAK ? directory.breakReasonName(reason) : null;
        return ApiResponse.later(answer(acd.setAgentState(agent.id(), state, reason).thenCompose(accepted ->
            journal.append(AgentStates.JOURNAL_TYPE, AgentStates.entry(agent.staffNo(), state, reasonName)))
            .thenAccept(position -> { }), agent));
    }

    /** After a change: the agent as it is now, or the engine's refusal as an API error. */
    private CompletionStage<Map<String, Object>> answer(final CompletableFuture<Void> change,
        final AgentDirectory.Agent agent)
    {
        return change.handle((done, failure) ->
        {
            if (failure != null)
            {
                throw refusal(failure);
            }
            return null;
        }).thenCompose(done -> acd.query(view -> agent(view, agent.id())));
    }

    private static RuntimeException refusal(final Throwable failure)
    {
        final Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        if (cause instanceof AcdException ex)
        {
            final HttpResponseStatus status = switch (ex.error())
            {
                case UNKNOWN_AGENT, UNKNOWN_GROUP, UNKNOWN_CALL -> HttpResponseStatus.NOT_FOUND;
                case FORBIDDEN_TRANSITION, DUPLICATE, AGENT_UNAVAILABLE -> HttpResponseStatus.CONFLICT;
                case INVALID -> HttpResponseStatus.BAD_REQUEST;
                case OVERLOADED -> HttpResponseStatus.SERVICE_UNAVAILABLE;
            };
            final String code = ex.error() == AcdError.FORBIDDEN_TRANSITION ? "wrong_state"
                : ex.error().name().toLowerCase(Locale.ROOT);
            return new ApiException(status, code, ex.getMessage());
        }
        if (cause instanceof ChronicleJournal.JournalFullException)
        {
            return new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "overloaded",
                "the change was made but could not be journalled; try again");
        }
        return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }

    private AgentDirectory.Agent agent(final ApiRequest request)
    {
        final AgentDirectory.Agent agent = directory.agentByStaffNo(request.pathParam("staffNo"));
        if (agent == null)
        {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_agent",
                "no agent with staff number " + request.pathParam("staffNo"));
        }
        return agent;
    }

    // ------------------------------------------------------------------------ views, built on the engine thread

    private List<Map<String, Object>> agents(final AcdQueries engine)
    {
        final List<Map<String, Object>> list = new ArrayList<>();
        for (final AgentView view : engine.agents())
        {
            list.add(agentView(engine, view));
        }
        return list;
    }

    private Map<String, Object> agents(final AcdQueries engine, final AgentListQuery query)
    {
        final List<Map<String, Object>> matched = new ArrayList<>();
        for (final AgentView view : engine.agents())
        {
            if (query.matches(directory.agent(view.agentId())))
            {
                matched.add(agentView(engine, view));
            }
        }
        return query.page(matched);
    }

    private Map<String, Object> agent(final AcdQueries engine, final int agentId)
    {
        for (final AgentView view : engine.agents())
        {
            if (view.agentId() == agentId)
            {
                return agentView(engine, view);
            }
        }
        throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_agent", "no agent " + agentId);
    }

    private Map<String, Object> agentView(final AcdQueries engine, final AgentView view)
    {
        final AgentDirectory.Agent agent = directory.agent(view.agentId());
        final Map<String, Object> row = new LinkedHashMap<>();
        row.put("staffNo", view.staffNo());
        row.put("name", agent != null ? agent.name() : null);
        row.put("extension", agent != null ? agent.extension() : null);
        // colleagues find each other by name, staff number or e-mail (the chat transfer dialog)
        row.put("email", agent != null ? agent.email() : null);
        row.put("state", view.state().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        row.put("reason", view.state() == AgentState.BREAK ? directory.breakReasonName(view.reason()) : null);
        final boolean wrapUp = view.state() == AgentState.WRAP_UP;
        final boolean kept = wrapUp && engine.wrapUpKept(view.agentId());
        final long nowNanos = System.nanoTime();
        row.put("wrapUpRemainingSeconds", wrapUp && !kept
            ? (engine.wrapUpRemainingMillis(view.agentId(), nowNanos) + 999) / 1000 : null);
        // a kept wrap-up has no countdown: the page counts up from how long it has lasted
        row.put("wrapUpKept", kept);
        row.put("wrapUpElapsedSeconds", wrapUp ? engine.wrapUpElapsedMillis(view.agentId(), nowNanos) / 1000 : null);
        // how long the agent has been in its state (null: not changed since the server started), for supervisors
        row.put("stateSeconds", view.stateSinceNanos() == 0 ? null
            : Math.max(0, nowNanos - view.stateSinceNanos()) / 1_000_000_000L);
        row.put("callsToday", view.callsToday());
        row.put("call", view.callId().isPresent() ? view.callId().getAsLong() : null);
        row.put("autoAnswer", view.autoAnswer());
        // Chat: open sessions (offered or served) against the limit; at it the agent is "busy (full)".
        row.put("openChats", view.openChats());
        row.put("chatLimit", view.chatLimit());
        row.put("chatsFull", view.chatLimit() > 0 && view.chatsFull());
        row.put("chatReception", view.chatReception());
        final List<String> groups = new ArrayList<>();
        view.groups().forEach(id -> groups.add(directory.group(id) != null ? directory.group(id).name() : "#" + id));
        row.put("groups", groups);
        return row;
    }

    private List<Map<String, Object>> groups(final AcdQueries engine)
    {
        final List<Map<String, Object>> list = new ArrayList<>();
        for (final GroupView view : engine.groups())
        {
            final Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", view.settings().name());
            row.put("policy", view.policy().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            row.put("maxQueueLength", view.settings().maxQueueLength());
            row.put("maxWaitSeconds", view.settings().maxWaitMillis() / 1000);
            final AgentDirectory.Group fallback = view.settings().fallback().action() == Fallback.Action.GROUP
                ? directory.group(view.settings().fallback().groupId()) : null;
            row.put("fallback", fallback == null ? "hangup" : fallback.name());
            row.put("concurrency", view.settings().concurrency());
            row.put("chatAcceptTimeoutSeconds", view.settings().chatAcceptTimeoutMillis() / 1000);
            final AgentDirectory.Group known = directory.group(view.settings().name());
            row.put("postCallSurvey", known != null && known.postCallSurvey());
            row.put("recording", known == null || known.recording());
            row.put("members", view.members());
            row.put("idleAgents", view.idleAgents());
            row.put("queueLength", view.queueLength());
            list.add(row);
        }
        return list;
    }

    private static List<Map<String, Object>> queue(final AcdQueries engine, final int groupId)
    {
        final long now = System.nanoTime();
        final List<Map<String, Object>> list = new ArrayList<>();
        for (final WaitingCall call : engine.queue(groupId))
        {
            final Map<String, Object> row = new LinkedHashMap<>();
            row.put("call", call.callId());
            row.put("ahead", call.ahead());
            row.put("waitingSeconds", (now - call.queuedAtNanos()) / 1_000_000_000L);
            row.put("ringing", call.ringingAgent() >= 0);
            list.add(row);
        }
        return list;
    }
}

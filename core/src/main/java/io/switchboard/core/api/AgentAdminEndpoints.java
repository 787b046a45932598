package io.switchboard.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.acd.AcdException;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.admin.AdminException;
import io.switchboard.core.admin.AgentAdmin;
import io.switchboard.core.admin.AgentCsv;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The administrators' agents page: {@code POST /api/agents} with
 * {@code {"staffNo","name","email","nickname","extension","mobile","role","groups"}} (the agent and its account;
 * answers with the account's first password, shown this once), {@code POST /api/agents/{staffNo}} with
 * {@code {"name","nickname","mobile","groups"}} (staff number, e-mail and role are fixed),
 * {@code DELETE /api/agents/{staffNo}} or {@code POST /api/agents/{staffNo}/delete} (refused while the agent rings or
 * is on a call; its account goes too, its records stay), {@code GET /api/agents/import-template.csv} and
 * {@code POST /api/agents/import} (a CSV file, each row created on its own, answered row by row).
 */
public final class AgentAdminEndpoints
{
    private static final Set<String> CREATE_FIELDS = Set.of("staffNo", "name", "email", "nickname", "extension",
        "mobile", "role", "groups");
    private static final Set<String> EDIT_FIELDS = Set.of("staffNo", "name", "email", "nickname", "mobile", "role",
        "groups");

    private final AgentAdmin admin;
    private final AgentDirectory directory;
    private final Executor loop;

    public AgentAdminEndpoints(final AgentAdmin admin, final AgentDirectory directory, final Executor loop)
    {
        this.admin = admin;
        this.directory = directory;
        this.loop = loop;
    }

    /** Registers the routes; before {@link AgentEndpoints}, whose {@code /api/agents/{staffNo}} would match too. */
    public void register(final ApiRouter router)
    {
        router.get("/api/agents/import-template.csv", Access.ADMIN, request ->
        {
            final AgentDirectory.Agent any = directory.agents().isEmpty() ? null : directory.agents().get(0);
            final String group = directory.groups().isEmpty() ? null : directory.groups().get(0).name();
            return ApiResponse.ok(new ApiResponse.Raw(AgentCsv.template(any == null ? null : any.extension(), group)
                .getBytes(StandardCharsets.UTF_8), "text/csv; charset=utf-8"));
        });
        router.post("/api/agents/import", Access.ADMIN, this::importCsv);
        router.post("/api/agents", Access.ADMIN, request ->
        {
            final AgentAdmin.Input input = input(CallEndpoints.body(request));
            return answer(admin.create(input), created -> new ApiResponse(HttpResponseStatus.CREATED,
                created(created)));
        });
        router.post("/api/agents/{staffNo}", Access.ADMIN, this::edit);
        router.delete("/api/agents/{staffNo}", Access.ADMIN, this::delete);
        router.post("/api/agents/{staffNo}/delete", Access.ADMIN, this::delete);
    }

    private ApiResponse edit(final ApiRequest request)
    {
        final String staffNo = request.pathParam("staffNo");
        final AgentDirectory.Agent known = directory.agentByStaffNo(staffNo);
        if (known == null)
        {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_agent", "no agent with staff number "
                + staffNo);
        }
        final JsonNode body = CallEndpoints.body(request);
        checkFields(body, EDIT_FIELDS);
        fixed(body, "staffNo", known.staffNo());
        fixed(body, "email", known.email());
        fixed(body, "role", known.role() == null ? "agent" : known.role());
        final AgentAdmin.Edit edit = new AgentAdmin.Edit(optional(body, "name"), optional(body, "nickname"),
            optional(body, "mobile"), body.has("groups") ? groups(body) : null);
        return answer(admin.edit(staffNo, edit), AgentAdmin::view);
    }

    private ApiResponse delete(final ApiRequest request)
    {
        return answer(admin.delete(request.pathParam("staffNo")), gone ->
        {
            final Map<String, Object> view = AgentAdmin.view(gone);
            view.put("deleted", true);
            return view;
        });
    }

    private ApiResponse importCsv(final ApiRequest request)
    {
        final List<AgentCsv.Row> rows;
        try
        {
            rows = AgentCsv.rows(new String(request.body(), StandardCharsets.UTF_8));
        }
        catch (final IllegalArgumentException ex)
        {
            throw bad(ex.getMessage());
        }
        final List<Map<String, Object>> report = new ArrayList<>();
        CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
        for (final AgentCsv.Row row : rows)
        {
            done = done.thenComposeAsync(earlier -> createRow(row), loop).thenAccept(report::add);
        }
        return ApiResponse.later(done.thenApplyAsync(all ->
        {
            final long created = report.stream().filter(row -> Boolean.TRUE.equals(row.get("ok"))).count();
            final Map<String, Object> view = new LinkedHashMap<>();
            view.put("created", created);
            view.put("failed", report.size() - created);
            view.put("rows", report);
            return view;
        }, loop));
    }

    /** One row created; its line of the report, whether it was created or not. */
    private CompletableFuture<Map<String, Object>> createRow(final AgentCsv.Row row)
    {
        final CompletableFuture<AgentAdmin.Created> created;
        if (row.values().containsKey(""))
        {
            created = CompletableFuture.failedFuture(new AdminException(AdminException.Reason.INVALID,
                "the row has more fields than the header has columns"));
        }
        else
        {
            created = admin.create(new AgentAdmin.Input(row.get("staffNo"), row.get("name"), row.get("email"),
                row.get("nickname"), row.get("extension"), row.get("mobile"), row.get("role"), row.groups()));
        }
        return created.handle((done, failure) ->
        {
            final Map<String, Object> line = new LinkedHashMap<>();
            line.put("row", row.number());
            line.put("staffNo", row.get("staffNo"));
            line.put("ok", failure == null);
            if (failure == null)
            {
                line.put("firstPassword", done.firstPassword());
            }
            else
            {
                line.put("error", refusal(failure).getMessage());
            }
            return line;
        });
    }

    private static Map<String, Object> created(final AgentAdmin.Created created)
    {
        final Map<String, Object> view = new LinkedHashMap<>();
        view.put("agent", AgentAdmin.view(created.agent()));
        view.put("firstPassword", created.firstPassword());
        return view;
    }

    /** The change's answer, made on the loop once done, or its refusal as an API error. */
    private <T> ApiResponse answer(final CompletableFuture<T> change, final java.util.function.Function<T, Object> view)
    {
        return ApiResponse.later(change.handleAsync((done, failure) ->
        {
            if (failure != null)
            {
                throw refusal(failure);
            }
            return view.apply(done);
        }, loop));
    }

    static RuntimeException refusal(final Throwable failure)
    {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof IllegalStateException)
            && cause.getCause() != null)
        {
            cause = cause.getCause();
        }
        if (cause instanceof AdminException ex)
        {
            return switch (ex.reason())
            {
                case INVALID -> new ApiException(HttpResponseStatus.BAD_REQUEST,
                    ex.code() != null ? ex.code() : "bad_request", ex.getMessage());
                case CONFLICT -> new ApiException(HttpResponseStatus.CONFLICT,
                    ex.code() != null ? ex.code() : "conflict", ex.getMessage());
                case UNKNOWN -> new ApiException(HttpResponseStatus.NOT_FOUND,
                    ex.code() != null ? ex.code() : "not_found", ex.getMessage());
            };
        }
        if (cause instanceof AcdException ex)
        {
            return switch (ex.error())
            {
                case UNKNOWN_AGENT, UNKNOWN_GROUP, UNKNOWN_CALL -> new ApiException(HttpResponseStatus.NOT_FOUND,
                    "not_found", ex.getMessage());
                case OVERLOADED -> new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "overloaded",
                    ex.getMessage());
                default -> new ApiException(HttpResponseStatus.CONFLICT, "wrong_state", ex.getMessage());
            };
        }
        final RuntimeException other = AccountEndpoints.refusal(cause);
        return other instanceof ApiException ? other : new ApiException(HttpResponseStatus.INTERNAL_SERVER_ERROR,
            "failed", failure.getMessage());
    }

    private static AgentAdmin.Input input(final JsonNode body)
    {
        checkFields(body, CREATE_FIELDS);
        return new AgentAdmin.Input(optional(body, "staffNo"), optional(body, "name"), optional(body, "email"),
            optional(body, "nickname"), optional(body, "extension"), optional(body, "mobile"),
            optional(body, "role"), body.has("groups") ? groups(body) : List.of());
    }

    private static void checkFields(final JsonNode body, final Set<String> allowed)
    {
        if (!body.isObject())
        {
            throw bad("the body must be a JSON object");
        }
        for (final Iterator<String> names = body.fieldNames(); names.hasNext(); )
        {
            final String name = names.next();
            if (!allowed.contains(name))
            {
                throw bad("unknown member \"" + name + "\"");
            }
        }
    }

    private static void fixed(final JsonNode body, final String field, final String current)
    {
        final String given = optional(body, field);
        if (given != null && !given.equalsIgnoreCase(current == null ? "" : current))
        {
            throw bad("\"" + field + "\" cannot be changed; only name, nickname, mobile and groups");
        }
    }

    private static List<String> groups(final JsonNode body)
    {
        final JsonNode groups = body.get("groups");
        if (groups == null || !groups.isArray())
        {
            throw bad("\"groups\" must be a list of group names");
        }
        final List<String> list = new ArrayList<>();
        for (final JsonNode group : groups)
        {
            if (!group.isTextual())
            {
                throw bad("\"groups\" must be a list of group names");
            }
            list.add(group.asText());
        }
        return list;
    }

    private static String optional(final JsonNode body, final String field)
    {
        return CallEndpoints.optionalText(body, field);
    }

    private static ApiException bad(final String message)
    {
        return ApiException.badRequest(message);
    }
}

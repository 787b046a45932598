package io.switchboard.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.admin.AgentAdmin;
import io.switchboard.core.admin.GroupAdmin;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The administrators' skill groups: {@code POST /api/groups} with
 * {@code {"name","policy","maxQueueLength","maxWaitSeconds","fallback","concurrency","chatAcceptTimeoutSeconds",
 * "chatPool","postCallSurvey","recording"}} (201; the chat settings default to 3, 30 and no pool, the post-call
 * survey to off, recording to on), {@code POST /api/groups/{name}}
 * with the same members but the name (those left out stay as they are), {@code DELETE /api/groups/{name}} or
 * {@code POST /api/groups/{name}/delete} (its agents leave it, its waiting callers go to its fallback; refused with
 * 409 while a queue number or another group's fallback uses it), {@code POST /api/groups/{name}/members} with
 * {@code {"agent": staffNo}} and {@code DELETE /api/groups/{name}/members/{staffNo}}; {@code POST
 * /api/groups/{name}/rename} with {@code {"name": newName}} (409 {@code group_exists} or {@code group_in_flow}).
 */
public final class GroupAdminEndpoints
{
    private static final Set<String> FIELDS = Set.of("name", "policy", "maxQueueLength", "maxWaitSeconds",
        "fallback", "concurrency", "chatAcceptTimeoutSeconds", "chatPool", "postCallSurvey", "recording");

    private final GroupAdmin admin;
    private final AgentDirectory directory;

    public GroupAdminEndpoints(final GroupAdmin admin, final AgentDirectory directory)
    {
        this.admin = admin;
        this.directory = directory;
    }

    public void register(final ApiRouter router)
    {
        router.post("/api/groups", Access.ADMIN, request ->
        {
            final JsonNode body = object(request);
            final GroupAdmin.Input input = new GroupAdmin.Input(text(body, "name", null), text(body, "policy", null),
                number(body, "maxQueueLength", 0), number(body, "maxWaitSeconds", 0),
                text(body, "fallback", "hangup"), optional(body, "concurrency"),
                optional(body, "chatAcceptTimeoutSeconds"), flag(body, "chatPool"), flag(body, "postCallSurvey"),
                flag(body, "recording"));
            return answer(admin.create(input), group -> new ApiResponse(HttpResponseStatus.CREATED,
                GroupAdmin.view(directory, group)));
        });
        router.post("/api/groups/{name}", Access.ADMIN, request ->
        {
            final String name = request.pathParam("name");
            final AgentDirectory.Group known = directory.group(name);
            if (known == null)
            {
                throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_group", "no group " + name);
            }
            final Map<String, Object> now = GroupAdmin.view(directory, known);
            final JsonNode body = object(request);
            final GroupAdmin.Input input = new GroupAdmin.Input(text(body, "name", name),
                text(body, "policy", (String)now.get("policy")),
                number(body, "maxQueueLength", known.settings().maxQueueLength()),
                number(body, "maxWaitSeconds", (int)(known.settings().maxWaitMillis() / 1000)),
                text(body, "fallback", (String)now.get("fallback")), optional(body, "concurrency"),
                optional(body, "chatAcceptTimeoutSeconds"), flag(body, "chatPool"), flag(body, "postCallSurvey"),
                flag(body, "recording"));
            return answer(admin.update(name, input), group -> GroupAdmin.view(directory, group));
        });
        router.post("/api/groups/{name}/rename", Access.ADMIN, request ->
        {
            final JsonNode body = CallEndpoints.body(request);
            final JsonNode to = body.isObject() ? body.get("name") : null;
            if (to == null || !to.isTextual() || body.size() != 1)
            {
                throw bad("the body must be {\"name\": newName}");
            }
            return answer(admin.rename(request.pathParam("name"), to.asText()),
                group -> GroupAdmin.view(directory, group));
        });
        router.delete("/api/groups/{name}", Access.ADMIN, this::delete);
        router.post("/api/groups/{name}/delete", Access.ADMIN, this::delete);
        router.post("/api/groups/{name}/members", Access.ADMIN, request ->
        {
            final JsonNode body = CallEndpoints.body(request);
            final JsonNode agent = body.isObject() ? body.get("agent") : null;
            if (agent == null || !agent.isTextual() || body.size() != 1)
            {
                throw bad("the body must be {\"agent\": staffNo}");
            }
            return answer(admin.member(request.pathParam("name"), agent.asText(), true),
                changed -> new ApiResponse(HttpResponseStatus.CREATED, AgentAdmin.view(changed)));
        });
        router.delete("/api/groups/{name}/members/{staffNo}", Access.ADMIN, request ->
            answer(admin.member(request.pathParam("name"), request.pathParam("staffNo"), false), AgentAdmin::view));
    }

    private ApiResponse delete(final ApiRequest request)
    {
        return answer(admin.delete(request.pathParam("name")), gone ->
        {
            final Map<String, Object> view = GroupAdmin.view(directory, gone);
            view.put("deleted", true);
            return view;
        });
    }

    private <T> ApiResponse answer(final CompletableFuture<T> change, final Function<T, Object> view)
    {
        return ApiResponse.later(change.handle((done, failure) ->
        {
            if (failure != null)
            {
                throw AgentAdminEndpoints.refusal(failure);
            }
            return view.apply(done);
        }));
    }

    private static JsonNode object(final ApiRequest request)
    {
        final JsonNode body = CallEndpoints.body(request);
        if (!body.isObject())
        {
            throw bad("the body must be a JSON object");
        }
        for (final Iterator<String> names = body.fieldNames(); names.hasNext(); )
        {
            final String name = names.next();
            if (!FIELDS.contains(name))
            {
                throw bad("unknown member \"" + name + "\"");
            }
        }
        return body;
    }

    /** A text member: absent gives the default, null gives null. */
    private static String text(final JsonNode body, final String field, final String absent)
    {
        final JsonNode value = body.get(field);
        if (value == null)
        {
            return absent;
        }
        if (value.isNull())
        {
            return null;
        }
        if (!value.isTextual())
        {
            throw bad("\"" + field + "\" must be a string");
        }
        return value.asText();
    }

    private static int number(final JsonNode body, final String field, final int absent)
    {
        final JsonNode value = body.get(field);
        if (value == null || value.isNull())
        {
            return absent;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt())
        {
            throw bad("\"" + field + "\" must be a whole number");
        }
        return value.asInt();
    }

    /** A whole number that may be left out (null: the default, or what the group has). */
    private static Integer optional(final JsonNode body, final String field)
    {
        final JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : number(body, field, 0);
    }

    /** A true or false member, or null when left out. */
    private static Boolean flag(final JsonNode body, final String field)
    {
        final JsonNode value = body.get(field);
        if (value == null || value.isNull())
        {
            return null;
        }
        if (!value.isBoolean())
        {
            throw bad("\"" + field + "\" must be true or false");
        }
        return value.booleanValue();
    }

    private static ApiException bad(final String message)
    {
        return ApiException.badRequest(message);
    }
}

package io.switchboard.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.chat.desk.ChatDesk;
import io.switchboard.chat.desk.ChatException;
import io.switchboard.chat.session.ChatMessage;
import io.switchboard.chat.session.ChatSession;
import io.switchboard.core.api.Access;
import io.switchboard.core.api.ApiException;
import io.switchboard.core.api.ApiRequest;
import io.switchboard.core.api.ApiResponse;
import io.switchboard.core.api.ApiRouter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The agent's chats (its own; an administrator any agent's): {@code GET /api/agents/{staffNo}/chats}, {@code GET
 * /api/agents/{staffNo}/chats/{id}/messages?after=N}, {@code POST /api/agents/{staffNo}/chats/{id}/accept|messages|
 * end|finish}. Every handler runs on the API's loop, the desk's owner; a message is answered once journalled.
 */
public final class ChatEndpoints
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "/api/agents/{staffNo}/chats";

    private final ChatDesk desk;

    public ChatEndpoints(final ChatDesk desk)
    {
        this.desk = desk;
    }

    public void register(final ApiRouter router)
    {
        router.get(BASE, Access.OWN_AGENT, request -> ApiResponse.ok(sessions(request.pathParam("staffNo"))));
        router.get(BASE + "/{id}/messages", Access.OWN_AGENT, this::messages);
        router.post(BASE + "/{id}/accept", Access.OWN_AGENT, request -> answer(() -> desk.accept(
            ChatRequests.sessionId(request), request.pathParam("staffNo")).thenApply(ChatViews::session)));
        router.post(BASE + "/{id}/messages", Access.OWN_AGENT, request ->
        {
            final ChatSession session = mine(request);
            return answer(() -> desk.agentText(session.id(), request.pathParam("staffNo"), text(request))
                .thenApply(message -> ChatViews.message(session, message)));
        });
        router.post(BASE + "/{id}/end", Access.OWN_AGENT, request -> now(request, () ->
            desk.end(ChatRequests.sessionId(request), request.pathParam("staffNo"))));
        router.post(BASE + "/{id}/finish", Access.OWN_AGENT, request -> now(request, () ->
            desk.finish(ChatRequests.sessionId(request), request.pathParam("staffNo"))));
    }

    private List<Map<String, Object>> sessions(final String staffNo)
    {
        final List<Map<String, Object>> list = new ArrayList<>();
        desk.sessionsOf(staffNo).forEach(session -> list.add(ChatViews.session(session)));
        return list;
    }

    private ApiResponse messages(final ApiRequest request)
    {
        final ChatSession session = mine(request);
        final long seen = ChatRequests.after(request);
        final List<Map<String, Object>> list = new ArrayList<>();
        for (final ChatMessage message : session.transcript().after(seen))
        {
            list.add(ChatViews.message(session, message));
        }
        return ApiResponse.ok(list);
    }

    /** The session, if the agent in the path is the one offered or serving it. */
    private ChatSession mine(final ApiRequest request)
    {
        final ChatSession session = desk.session(ChatRequests.sessionId(request));
        if (session == null || !request.pathParam("staffNo").equals(session.staffNo()))
        {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_session", "no such chat of this agent");
        }
        return session;
    }

    private ApiResponse now(final ApiRequest request, final Runnable command)
    {
        final ChatSession session = mine(request);
        try
        {
            command.run();
        }
        catch (final ChatException ex)
        {
            throw refusal(ex);
        }
        return ApiResponse.ok(ChatViews.session(session));
    }

    /** Answers once the desk's command completes; a refusal, now or then, as its status. */
    static ApiResponse answer(final Supplier<CompletableFuture<?>> command)
    {
        final CompletableFuture<?> pending;
        try
        {
            pending = command.get();
        }
        catch (final ChatException ex)
        {
            throw refusal(ex);
        }
        return ApiResponse.later(pending.handle((body, failure) ->
        {
            if (failure == null)
            {
                return body;
            }
            final Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
            if (cause instanceof ChatException refused)
            {
                throw refusal(refused);
            }
            if (cause instanceof ApiException refused)
            {
                throw refused;
            }
            throw new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "not_saved",
                "the message could not be saved: " + cause.getMessage());
        }));
    }

    static ApiException refusal(final ChatException ex)
    {
        final HttpResponseStatus status = switch (ex.reason())
        {
            case UNKNOWN_SESSION, NO_CHANNEL -> HttpResponseStatus.NOT_FOUND;
            case WRONG_STATE -> HttpResponseStatus.CONFLICT;
            case TOO_MANY_MESSAGES -> HttpResponseStatus.TOO_MANY_REQUESTS;
            case INVALID -> HttpResponseStatus.BAD_REQUEST;
            case NO_AGENT, TOO_LATE -> HttpResponseStatus.CONFLICT;
            case NOT_YOURS -> HttpResponseStatus.FORBIDDEN;
        };
        return new ApiException(status, ex.reason().name().toLowerCase(), ex.getMessage());
    }

    private static String text(final ApiRequest request)
    {
        try
        {
            final JsonNode body = JSON.readTree(request.body());
            if (body == null || !body.path("text").isTextual())
            {
                throw new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_request", "the body is {\"text\"}");
            }
            return body.get("text").asText();
        }
        catch (final java.io.IOException ex)
        {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_request", "the body is not JSON");
        }
    }
}

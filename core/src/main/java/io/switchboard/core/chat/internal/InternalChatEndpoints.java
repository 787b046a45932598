package io.switchboard.core.chat.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.api.Access;
import io.switchboard.core.api.ApiException;
import io.switchboard.core.api.ApiRequest;
import io.switchboard.core.api.ApiResponse;
import io.switchboard.core.api.ApiRouter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Internal chats over the API, each agent its own (an administrator any agent's): {@code GET
 * /api/agents/{staffNo}/internal[?hidden=true]} (its conversations with unread counts and last messages), {@code GET
 * .../internal/{peer}/messages?after=N}, {@code POST .../internal/{peer}/messages} with {@code {"text"}}, {@code POST
 * .../internal/{peer}/read} with an optional {@code {"upTo": id}}, {@code POST .../internal/{peer}/hide}. A
 * conversation is addressed by its two agents, the path's own one first, so an agent cannot even name one it is not
 * part of. Handlers run on the API's loop; a change is answered once journalled.
 */
public final class InternalChatEndpoints
{
    /** The longest message text, as the visitors' chats. */
    static final int MAX_TEXT = 4000;
    /** The most messages one read returns (the workbench pages on with {@code after}). */
    static final int PAGE = 500;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "/api/agents/{staffNo}/internal";

    private final InternalChatService service;
    private final AgentDirectory agents;

    public InternalChatEndpoints(final InternalChatService service, final AgentDirectory agents)
    {
        this.service = service;
        this.agents = agents;
    }

    public void register(final ApiRouter router)
    {
        router.get(BASE, Access.OWN_AGENT, request -> ApiResponse.ok(service.conversations(self(request),
            "true".equals(first(request, "hidden")))));
        router.get(BASE + "/{peer}/messages", Access.OWN_AGENT, this::messages);
        router.post(BASE + "/{peer}/messages", Access.OWN_AGENT, request ->
        {
            final String self = self(request);
            final String peer = peer(request, self);
            final String text = text(body(request));
            return answer(service.send(self, peer, text, null).thenApply(InternalMessage::view));
        });
        router.post(BASE + "/{peer}/read", Access.OWN_AGENT, request ->
        {
            final String self = self(request);
            final JsonNode upTo = body(request).get("upTo");
            if (upTo != null && !upTo.canConvertToLong())
            {
                throw ApiException.badRequest("\"upTo\" is a message id");
            }
            return answer(service.read(self, peer(request, self), upTo == null ? Long.MAX_VALUE : upTo.asLong()));
        });
        router.post(BASE + "/{peer}/hide", Access.OWN_AGENT, request ->
        {
            final String self = self(request);
            final String peer = peer(request, self);
            if (service.messages(self, peer, 0, 1).isEmpty())
            {
                throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_conversation",
                    "no messages with " + peer + " to hide");
            }
            return answer(service.hide(self, peer));
        });
    }

    private ApiResponse messages(final ApiRequest request)
    {
        final String self = self(request);
        final String peer = peer(request, self);
        final String after = first(request, "after");
        final long seen;
        try
        {
            seen = after == null ? 0 : Long.parseLong(after);
        }
        catch (final NumberFormatException ex)
        {
            throw ApiException.badRequest("\"after\" is a message id");
        }
        final List<Map<String, Object>> list = new ArrayList<>();
        service.messages(self, peer, seen, PAGE).forEach(message -> list.add(message.view()));
        return ApiResponse.ok(list);
    }

    /** The path's agent, which must exist (an administrator may name any). */
    private String self(final ApiRequest request)
    {
        final String staffNo = request.pathParam("staffNo");
        if (agents.agentByStaffNo(staffNo) == null)
        {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_agent", "no agent " + staffNo);
        }
        return staffNo;
    }

    /** The colleague: an agent other than {@code self}. */
    private String peer(final ApiRequest request, final String self)
    {
        final String peer = request.pathParam("peer");
        if (peer.equals(self))
        {
            throw ApiException.badRequest("an internal chat is with a colleague, not with oneself");
        }
        if (agents.agentByStaffNo(peer) == null)
        {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_agent", "no agent " + peer);
        }
        return peer;
    }

    /** Answers once journalled; a journal that failed is a 503 (nothing was kept). */
    private static ApiResponse answer(final CompletableFuture<?> pending)
    {
        return ApiResponse.later(pending.handle((body, failure) ->
        {
            if (failure == null)
            {
                return body;
            }
            final Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
            throw new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "not_saved",
                "the change could not be saved: " + cause.getMessage());
        }));
    }

    private static String first(final ApiRequest request, final String name)
    {
        final List<String> values = request.query().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static JsonNode body(final ApiRequest request)
    {
        if (request.body().length == 0)
        {
            return JSON.createObjectNode();
        }
        try
        {
            final JsonNode body = JSON.readTree(request.body());
            if (body == null || !body.isObject())
            {
                throw ApiException.badRequest("the body is a JSON object");
            }
            return body;
        }
        catch (final IOException ex)
        {
            throw ApiException.badRequest("the body is not JSON");
        }
    }

    private static String text(final JsonNode body)
    {
        final JsonNode text = body.get("text");
        if (text == null || !text.isTextual() || text.asText().isBlank())
        {
            throw ApiException.badRequest("the body is {\"text\": \"...\"} with some text");
        }
        if (text.asText().length() > MAX_TEXT)
        {
            throw ApiException.badRequest("a message has at most " + MAX_TEXT + " characters");
        }
        return text.asText();
    }
}

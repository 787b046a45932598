package io.switchboard.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.acd.AcdService;
import io.switchboard.chat.desk.ChatDesk;
import io.switchboard.chat.session.ChatMessage;
import io.switchboard.chat.session.ChatSession;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.api.Access;
import io.switchboard.core.api.ApiException;
import io.switchboard.core.api.ApiRequest;
import io.switchboard.core.api.ApiResponse;
import io.switchboard.core.api.ApiRouter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chats changing hands, for the agent (its own; an administrator any agent's): the reception switch ({@code POST
 * /api/agents/{staffNo}/reception}), a transfer to a colleague or a group ({@code POST .../chats/{id}/transfer}),
 * the unassigned pool of the agent's groups ({@code GET /api/agents/{staffNo}/pool}) and picking from it ({@code
 * POST .../chats/{id}/pick}). On the API's loop, the desk's owner; the ACD has the last word on who can take what.
 */
public final class ChatHandoverEndpoints
{
    private static final String AGENT = "/api/agents/{staffNo}";
    private static final int PREVIEW = 80;

    private final ChatDesk desk;
    private final AcdService acd;
    private final AgentDirectory agents;

    public ChatHandoverEndpoints(final ChatDesk desk, final AcdService acd, final AgentDirectory agents)
    {
        this.desk = desk;
        this.acd = acd;
        this.agents = agents;
    }

    public void register(final ApiRouter router)
    {
        router.post(AGENT + "/reception", Access.OWN_AGENT, this::reception);
        router.post(AGENT + "/chats/{id}/transfer", Access.OWN_AGENT, this::transfer);
        router.get(AGENT + "/pool", Access.OWN_AGENT, request -> ApiResponse.ok(pool(agent(request))));
        router.post(AGENT + "/chats/{id}/pick", Access.OWN_AGENT, request ->
        {
            final AgentDirectory.Agent agent = agent(request);
            return ChatEndpoints.answer(() -> desk.transfers().pick(ChatRequests.sessionId(request),
                agent.staffNo(), new HashSet<>(agent.groups())).thenApply(ChatViews::session));
        });
    }

    private ApiResponse reception(final ApiRequest request)
    {
        final AgentDirectory.Agent agent = agent(request);
        final JsonNode on = ChatRequests.object(request).get("on");
        if (on == null || !on.isBoolean())
        {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_request", "the body is {\"on\": true|false}");
        }
        final Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("staffNo", agent.staffNo());
        answer.put("chatReception", on.booleanValue());
        return ApiResponse.later(acd.chatReception(agent.id(), on.booleanValue()).thenApply(done -> answer));
    }

    private ApiResponse transfer(final ApiRequest request)
    {
        final JsonNode body = ChatRequests.object(request);
        final String toAgent = ChatRequests.optionalText(body, "toAgent");
        final String toGroup = ChatRequests.optionalText(body, "toGroup");
        if (toAgent != null && agents.agentByStaffNo(toAgent) == null
            || toGroup != null && agents.group(toGroup) == null)
        {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, toAgent != null ? "unknown_agent" : "unknown_group",
                "no such " + (toAgent != null ? "agent" : "group"));
        }
        return ChatEndpoints.answer(() -> desk.transfers().transfer(ChatRequests.sessionId(request),
            request.pathParam("staffNo"), toAgent, toGroup, ChatRequests.optionalText(body, "note"))
            .thenApply(ChatViews::session));
    }

    /** The waiting sessions of the agent's groups, oldest first, with what the pool's columns show. */
    private List<Map<String, Object>> pool(final AgentDirectory.Agent agent)
    {
        final Set<String> groups = new HashSet<>(agent.groups());
        final List<Map<String, Object>> rows = new ArrayList<>();
        for (final ChatSession session : desk.transfers().waiting(groups))
        {
            final Map<String, Object> row = ChatViews.session(session);
            row.remove("type");
            final List<ChatMessage> visitorSaid = session.transcript().after(0).stream()
                .filter(m -> m.sender() == io.switchboard.chat.session.Sender.VISITOR).toList();
            final ChatMessage last = visitorSaid.isEmpty() ? null : visitorSaid.get(visitorSaid.size() - 1);
            row.put("lastMessage", last == null ? null : preview(last.text()));
            row.put("lastMessageAt", last == null ? null : last.atMillis());
            row.put("visitorMessages", visitorSaid.size());
            row.put("owner", desk.ownerOf(session.visitorId()));
            rows.add(row);
        }
        return rows;
    }

    private static String preview(final String text)
    {
        return text.length() <= PREVIEW ? text : text.substring(0, PREVIEW) + "…";
    }

    private AgentDirectory.Agent agent(final ApiRequest request)
    {
        final AgentDirectory.Agent agent = agents.agentByStaffNo(request.pathParam("staffNo"));
        if (agent == null)
        {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_agent", "no such agent");
        }
        return agent;
    }
}

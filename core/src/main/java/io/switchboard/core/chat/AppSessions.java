package io.switchboard.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.chat.desk.ChatDesk;
import io.switchboard.chat.flow.ChatFlow;
import io.switchboard.chat.flow.ChatNode;
import io.switchboard.chat.store.AppChannel;
import io.switchboard.chat.store.ChatFlowStore;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.api.Access;
import io.switchboard.core.api.ApiException;
import io.switchboard.core.api.ApiRequest;
import io.switchboard.core.api.ApiResponse;
import io.switchboard.core.api.ApiRouter;

import java.util.Map;

/**
 * An agent contacting an app user first (spec §9, 员工主动联系用户), on the API's loop: {@code POST
 * /api/chat/app-sessions} {@code {"channel","userId","text","name"}} opens a session with the user served by the
 * signed-in agent, whether or not the user is connected ({@link io.switchboard.chat.desk.ChatOutreach}); "chat
 * again" from a record of an app user ({@link VisitorEndpoints}) comes here too. The answer is the session, the same
 * for a user id never seen as for one seen: no user id is looked up. The session is of the first group the
 * channel's flow transfers to that the agent is in (its end node then governs the conversation), else of the agent's
 * first group.
 */
public final class AppSessions
{
    /** The first message when "chat again" gives none. */
    static final String DEFAULT_TEXT = "您好，我是客服%s，想继续和您沟通。 Hello, this is agent %s following up with you.";

    private final ChatDesk desk;
    private final ChatFlowStore channels;
    private final AgentDirectory agents;

    public AppSessions(final ChatDesk desk, final ChatFlowStore channels, final AgentDirectory agents)
    {
        this.desk = desk;
        this.channels = channels;
        this.agents = agents;
    }

    public void register(final ApiRouter router)
    {
        router.post("/api/chat/app-sessions", Access.SIGNED_IN, this::start);
    }

    /** Whether the channel is an app channel (a record of its user is contacted through {@link #open}). */
    boolean appChannel(final String channel)
    {
        return channels.appChannelNamed(channel) != null;
    }

    private ApiResponse start(final ApiRequest request)
    {
        final JsonNode body = ChatRequests.object(request);
        final String staffNo = request.account() == null ? null : request.account().staffNo();
        if (staffNo == null)
        {
            throw new ApiException(HttpResponseStatus.FORBIDDEN, "forbidden", "only an agent opens a chat");
        }
        final String userId = body.path("userId").asText("");
        if (userId.isEmpty() || userId.length() > AppTokens.MAX_USER_ID || userId.chars()
            .anyMatch(Character::isISOControl))
        {
            throw bad("\"userId\" has 1 to " + AppTokens.MAX_USER_ID + " characters");
        }
        final String name = body.path("name").isTextual() ? body.get("name").asText() : null;
        if (name != null && name.length() > AppTokens.MAX_NAME)
        {
            throw bad("\"name\" has at most " + AppTokens.MAX_NAME + " characters");
        }
        return open(body.path("channel").asText(""), userId, name, staffNo, body.path("text").asText(null));
    }

    /**
     * Agent {@code staffNo} opens a session with user {@code userId} of the app channel and writes {@code text}
     * (null: a greeting): answered with the session once the message is journalled.
     */
    ApiResponse open(final String channel, final String userId, final String name, final String staffNo,
        final String text)
    {
        final AppChannel app = channels.appChannelNamed(channel);
        if (app == null)
        {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_channel", "no app channel " + channel);
        }
        final String group = group(app, staffNo);
        final String first = text == null || text.isBlank() ? String.format(DEFAULT_TEXT, staffNo, staffNo) : text;
        return ChatEndpoints.answer(() -> desk.outreach().open(app.name(), app.visitorId(userId), name, staffNo,
            group, first).thenApply(session ->
            {
                final Map<String, Object> view = ChatViews.session(session);
                view.put("userId", userId);
                return view;
            }));
    }

    /** The session's group: the first the channel's flow transfers to that the agent is in, else its first. */
    private String group(final AppChannel app, final String staffNo)
    {
        final AgentDirectory.Agent agent = agents.agentByStaffNo(staffNo);
        if (agent == null || agent.groups().isEmpty())
        {
            throw new ApiException(HttpResponseStatus.FORBIDDEN, "forbidden", "only an agent of a skill group opens "
                + "a chat");
        }
        final ChatFlow flow = channels.flowForChannel(app.name());
        if (flow != null)
        {
            for (final ChatNode node : flow.nodes())
            {
                if (node instanceof ChatNode.Transfer transfer && agent.groups().contains(transfer.group()))
                {
                    return transfer.group();
                }
            }
        }
        return agent.groups().get(0);
    }

    private static ApiException bad(final String message)
    {
        return new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_request", message);
    }
}

package io.switchboard.core.chat;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.chat.desk.ChatException;
import io.switchboard.core.api.Access;
import io.switchboard.core.api.ApiException;
import io.switchboard.core.api.ApiResponse;
import io.switchboard.core.api.ApiRouter;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/agents/{staffNo}/chats/{id}/survey}: the agent (or an administrator for it) sends the satisfaction
 * survey to the visitor of a session it serves or wraps up; 200 {@code {"session","survey":"sent"}}, 404 for
 * another's or an unknown session, 409 when not served or wrapped up or when sent before. On the desk's loop.
 */
final class ChatSurveyEndpoints
{
    private final ChatSurveys surveys;

    ChatSurveyEndpoints(final ChatSurveys surveys)
    {
        this.surveys = surveys;
    }

    void register(final ApiRouter router)
    {
        router.post("/api/agents/{staffNo}/chats/{id}/survey", Access.OWN_AGENT, request ->
        {
            final long id;
            try
            {
                id = Long.parseLong(request.pathParam("id"));
            }
            catch (final NumberFormatException ex)
            {
                throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_session", "no such chat");
            }
            try
            {
                surveys.send(id, request.pathParam("staffNo"));
            }
            catch (final ChatException ex)
            {
                throw ChatEndpoints.refusal(ex);
            }
            final Map<String, Object> view = new LinkedHashMap<>();
            view.put("session", id);
            view.put("survey", "sent");
            return ApiResponse.ok(view);
        });
    }
}

package io.switchboard.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.chat.desk.ChatDesk;
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

/**
 * Supervision of the online service (spec §11), for supervisors and administrators: every live session ({@code GET
 * /api/chats}), any session's conversation as it goes ({@code GET /api/chats/{id}/messages?after=N}; the supervisor's
 * events socket carries every agent's {@code chat.message} too), and a forced transfer of a served session to another
 * agent or group with a note ({@code POST /api/chats/{id}/transfer}); the agent who had it gets {@code
 * chat.transferred} naming the supervisor. On the API's loop, the desk's owner.
 */
public final class SupervisionEndpoints
{
    private final ChatDesk desk;

    public SupervisionEndpoints(final ChatDesk desk)
    {
        this.desk = desk;
    }

    public void register(final ApiRouter router)
    {
        router.get("/api/chats", Access.SUPERVISOR, request -> ApiResponse.ok(live()));
        router.get("/api/chats/{id}/messages", Access.SUPERVISOR, this::messages);
        router.post("/api/chats/{id}/transfer", Access.SUPERVISOR, this::transfer);
    }

    private List<Map<String, Object>> live()
    {
        final List<ChatSession> sessions = new ArrayList<>();
        desk.eachLive(sessions::add);
        sessions.sort((a, b) -> Long.compare(a.id(), b.id()));
        final List<Map<String, Object>> views = new ArrayList<>(sessions.size());
        sessions.forEach(session -> views.add(ChatViews.session(session)));
        return views;
    }

    private ApiResponse messages(final ApiRequest request)
    {
        final ChatSession session = session(request);
        final long after = ChatRequests.after(request);
        final List<Map<String, Object>> list = new ArrayList<>();
        for (final ChatMessage message : session.transcript().after(after))
        {
            list.add(ChatViews.message(session, message));
        }
        return ApiResponse.ok(list);
    }

    private ApiResponse transfer(final ApiRequest request)
    {
        final ChatSession session = session(request);
        final JsonNode body = ChatRequests.object(request);
        final String by = request.account() == null ? "supervisor"
            : request.account().staffNo() != null ? request.account().staffNo() : request.account().email();
        return ChatEndpoints.answer(() -> desk.transfers().transfer(session.id(), session.staffNo(),
            ChatRequests.optionalText(body, "toAgent"), ChatRequests.optionalText(body, "toGroup"),
            ChatRequests.optionalText(body, "note"), by).thenApply(ChatViews::session));
    }

    private ChatSession session(final ApiRequest request)
    {
        final ChatSession session = desk.session(ChatRequests.sessionId(request));
        if (session == null)
        {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_session", "no such live chat");
        }
        return session;
    }
}

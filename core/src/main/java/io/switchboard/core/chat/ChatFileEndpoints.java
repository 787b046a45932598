package io.switchboard.core.chat;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.chat.desk.ChatDesk;
import io.switchboard.chat.session.ChatSession;
import io.switchboard.core.api.Access;
import io.switchboard.core.api.ApiException;
import io.switchboard.core.api.ApiRequest;
import io.switchboard.core.api.ApiResponse;
import io.switchboard.core.api.ApiRouter;

import java.util.List;

/**
 * The agent's side of images, files and recalls: {@code POST /api/agents/{staffNo}/chats/{id}/files?kind=image|file
 * &name=} (the body is the file's bytes, whatever its Content-Type), {@code POST
 * /api/agents/{staffNo}/chats/{id}/messages/{messageId}/recall}, and {@code GET /api/chat-files/{fileId}} for an
 * administrator or an agent who served the file's session (404 for anyone else, as for no file).
 */
final class ChatFileEndpoints
{
    private static final String BASE = "/api/agents/{staffNo}/chats/{id}";

    private final ChatDesk desk;
    private final ChatFiles files;

    ChatFileEndpoints(final ChatDesk desk, final ChatFiles files)
    {
        this.desk = desk;
        this.files = files;
    }

    void register(final ApiRouter router)
    {
        router.post(BASE + "/files", Access.OWN_AGENT, request ->
        {
            final ChatSession session = served(request);
            final String staffNo = request.pathParam("staffNo");
            return ChatEndpoints.answer(() -> files.upload(session, request.body(), first(request, "kind"),
                first(request, "name"), file -> desk.agentFile(session.id(), staffNo, file))
                .thenApply(message -> ChatViews.message(session, message)));
        });
        router.post(BASE + "/messages/{messageId}/recall", Access.OWN_AGENT, request ->
        {
            final ChatSession session = served(request);
            final long messageId = number(request.pathParam("messageId"), "unknown_message", "no such message");
            return ChatEndpoints.answer(() -> desk.recall(session.id(), request.pathParam("staffNo"), messageId)
                .thenApply(message -> ChatViews.message(session, message)));
        });
        router.get("/api/chat-files/{fileId}", Access.SIGNED_IN, request -> ApiResponse.later(
            files.download(request.pathParam("fileId"), stored -> files.agentMay(request.account(), stored))
                .thenApply(loaded ->
                {
                    if (loaded == null)
                    {
                        throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_file",
                            "no such file of a chat this account served");
                    }
                    ApiResponse response = ApiResponse.ok(new ApiResponse.Raw(loaded.bytes(),
                        loaded.stored().file().type()));
                    for (final var header : ChatFiles.headers(loaded.stored().file()).entrySet())
                    {
                        response = response.withHeader(header.getKey(), header.getValue());
                    }
                    return response;
                })));
    }

    /** The live session of the path (the desk refuses it later if this agent does not serve it). */
    private ChatSession served(final ApiRequest request)
    {
        final ChatSession session = desk.session(number(request.pathParam("id"), "unknown_session", "no such chat"));
        if (session == null || !request.pathParam("staffNo").equals(session.staffNo()))
        {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_session", "no such chat of this agent");
        }
        return session;
    }

    private static long number(final String text, final String code, final String message)
    {
        try
        {
            return Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, code, message);
        }
    }

    private static String first(final ApiRequest request, final String name)
    {
        final List<String> values = request.query().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}

package io.switchboard.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.chat.desk.ChatDesk;
import io.switchboard.core.api.Access;
import io.switchboard.core.api.ApiException;
import io.switchboard.core.api.ApiRequest;
import io.switchboard.core.api.ApiResponse;
import io.switchboard.core.api.ApiRouter;
import io.switchboard.core.auth.Account;
import io.switchboard.core.journal.Journal;
import io.switchboard.core.records.ServiceRecord;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Live visitors (spec §12) and contacting a visitor again (spec §9), on the API's loop: {@code GET /api/visitors}
 * (any agent sees every channel's visitors; addresses only for administrators), {@code POST
 * /api/visitors/{visitorId}/invite} (an agent invites; 409 {@code visitor_offline} when the visitor is not on a
 * bound site), {@code POST /api/visitors/block}, {@code /unblock}, {@code GET /api/visitors/blocks} (administrators,
 * journalled) and {@code POST /api/records/chat-N/chat-again} (the agent who served that chat, or an administrator:
 * the visitor is invited by that agent while its page is open; an app user gets a new session served by that agent
 * at once, connected or not: {@link AppSessions}).
 */
public final class VisitorEndpoints
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_VALUE = 512;

    private final ChatDesk desk;
    private final VisitorPresence presence;
    private final VisitorBlocks blocks;
    private final Journal journal;
    private final LongFunction<ServiceRecord> chatRecord;
    private final AppSessions apps;

    public VisitorEndpoints(final ChatDesk desk, final VisitorPresence presence, final VisitorBlocks blocks,
        final Journal journal, final LongFunction<ServiceRecord> chatRecord, final AppSessions apps)
    {
        this.apps = apps;
        this.desk = desk;
        this.presence = presence;
        this.blocks = blocks;
        this.journal = journal;
        this.chatRecord = chatRecord;
    }

    public void register(final ApiRouter router)
    {
        router.get("/api/visitors", Access.SIGNED_IN, this::list);
        router.post("/api/visitors/{visitorId}/invite", Access.SIGNED_IN, request ->
        {
            final JsonNode body = body(request);
            final String channel = body.path("channel").asText(null);
            return ApiResponse.ok(invite(request.pathParam("visitorId"), channel, inviter(request.account(), null),
                body.path("text").asText("")));
        });
        router.post("/api/visitors/block", Access.ADMIN, this::block);
        router.post("/api/visitors/unblock", Access.ADMIN, request ->
        {
            final String[] target = target(body(request));
            final var written = blocks.unblock(journal, target[0], target[1]);
            if (written == null)
            {
                throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_block", "no such block");
            }
            return ApiResponse.later(written.thenApply(position -> Map.of(target[0], target[1])));
        });
        router.get("/api/visitors/blocks", Access.ADMIN, request -> ApiResponse.ok(blocks.list()));
        router.post("/api/records/{recordId}/chat-again", Access.SIGNED_IN, this::chatAgain);
    }

    private ApiResponse list(final ApiRequest request)
    {
        requireAgent(request.account());
        final List<Map<String, Object>> rows = presence.list(visitor -> desk.chatting(visitor.channel, visitor.id));
        if (!request.admin())
        {
            rows.forEach(row -> row.remove("address"));
        }
        return ApiResponse.ok(rows);
    }

    private Map<String, Object> invite(final String visitorId, final String channel, final String staffNo,
        final String text)
    {
        if (text.length() > VisitorPresence.MAX_INVITE_TEXT)
        {
            throw bad("the invitation's text is at most " + VisitorPresence.MAX_INVITE_TEXT + " characters");
        }
        if (!presence.present(visitorId, channel))
        {
            throw new ApiException(HttpResponseStatus.CONFLICT, "visitor_offline",
                "the visitor is not on a bound website now");
        }
        final String shown = text.isBlank() ? "Agent " + staffNo + " would like to help you. 客服" + staffNo
            + "邀请您咨询。" : text;
        final VisitorPresence.Invitation invitation = presence.invite(visitorId, staffNo, shown);
        final Map<String, Object> view = new LinkedHashMap<>();
        view.put("invite", invitation.id());
        view.put("visitorId", visitorId);
        view.put("channel", invitation.channel());
        view.put("staffNo", staffNo);
        view.put("text", shown);
        return view;
    }

    private ApiResponse block(final ApiRequest request)
    {
        final JsonNode body = body(request);
        final String[] target = target(body);
        if (blocks.full())
        {
            throw new ApiException(HttpResponseStatus.CONFLICT, "too_many", "too many blocks: unblock some first");
        }
        final String reason = body.path("reason").asText("");
        if (reason.length() > MAX_VALUE)
        {
            throw bad("the reason is at most " + MAX_VALUE + " characters");
        }
        final VisitorBlocks.Block block = new VisitorBlocks.Block(target[0], target[1], reason,
            request.account() == null ? null : request.account().email(), System.currentTimeMillis());
        final var written = blocks.block(journal, block);
        final List<String> closed = presence.close(idAndAddress -> target[1].equals(
            "visitorId".equals(target[0]) ? idAndAddress[0] : idAndAddress[1]), VisitorSocket::refuseBlocked);
        leave(closed);
        final Map<String, Object> view = block.view();
        view.put("visitorsClosed", closed.size());
        return ApiResponse.later(written.thenApply(position -> view));
    }

    /** The blocked visitors' live chats end as if they had left (a served one goes to the agent's wrap-up). */
    private void leave(final List<String> visitorIds)
    {
        final List<io.switchboard.chat.session.ChatSession> theirs = new java.util.ArrayList<>();
        desk.eachLive(session ->
        {
            if (visitorIds.contains(session.visitorId()))
            {
                theirs.add(session);
            }
        });
        theirs.forEach(session -> desk.visitorLeft(session.id(), session.visitorId()));
    }

    private ApiResponse chatAgain(final ApiRequest request)
    {
        final String recordId = request.pathParam("recordId");
        final String number = recordId.startsWith(ServiceRecord.CHAT_PREFIX)
            ? recordId.substring(ServiceRecord.CHAT_PREFIX.length()) : "";
        final ServiceRecord record = !number.isEmpty() && number.length() < 19
            && number.chars().allMatch(Character::isDigit) ? chatRecord.apply(Long.parseLong(number)) : null;
        final Account account = request.account();
        final boolean mayUse = record != null && record.chat() != null && (request.admin()
            || account != null && account.staffNo() != null && record.agents().contains(account.staffNo()));
        if (!mayUse)
        {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_record", "no chat record " + recordId
                + " served by you");
        }
        final String staffNo = inviter(account, record.agent());
        final JsonNode body = request.body().length == 0 ? JSON.createObjectNode() : body(request);
        final String userId = io.switchboard.chat.store.AppChannel.userIdOf(record.chat().visitorId());
        if (userId != null && apps.appChannel(record.chat().channel()))
        {
            // An app user: a new session served by this agent, whether or not the user is connected (spec §9).
            return apps.open(record.chat().channel(), userId, record.chat().visitorName(), staffNo,
                body.path("text").asText(null));
        }
        final Map<String, Object> view = invite(record.chat().visitorId(), record.chat().channel(), staffNo,
            body.path("text").asText(""));
        view.put("record", recordId);
        return ApiResponse.ok(view);
    }

    /** Who invites: the account's agent, else (an administrator) the record's agent. */
    private static String inviter(final Account account, final String recordAgent)
    {
        if (account != null && account.staffNo() != null)
        {
            return account.staffNo();
        }
        if (recordAgent == null)
        {
            throw new ApiException(HttpResponseStatus.FORBIDDEN, "forbidden", "only an agent invites visitors");
        }
        return recordAgent;
    }

    private static void requireAgent(final Account account)
    {
        if (account != null && account.staffNo() == null && !account.supervises())
        {
            throw new ApiException(HttpResponseStatus.FORBIDDEN, "forbidden", "agents see the live visitors");
        }
    }

    /** {"visitorId"} or {"address"}: the block's kind and value. */
    private static String[] target(final JsonNode body)
    {
        final String visitorId = body.path("visitorId").asText("");
        final String address = body.path("address").asText("");
        if (visitorId.isEmpty() == address.isEmpty() || visitorId.length() > MAX_VALUE
            || address.length() > MAX_VALUE)
        {
            throw bad("the body names one of \"visitorId\" or \"address\"");
        }
        return visitorId.isEmpty() ? new String[] {"address", address} : new String[] {"visitorId", visitorId};
    }

    private static JsonNode body(final ApiRequest request)
    {
        try
        {
            final JsonNode body = JSON.readTree(request.body());
            if (body == null || !body.isObject())
            {
                throw bad("the body is a JSON object");
            }
            return body;
        }
        catch (final IOException ex)
        {
            throw bad("the body is not JSON");
        }
    }

    private static ApiException bad(final String message)
    {
        return new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_request", message);
    }
}

package io.switchboard.core.chat;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.chat.desk.ChatDesk;
import io.switchboard.chat.session.ChatMessage;
import io.switchboard.chat.session.ChatSession;
import io.switchboard.core.api.Access;
import io.switchboard.core.api.ApiException;
import io.switchboard.core.api.ApiRequest;
import io.switchboard.core.api.ApiResponse;
import io.switchboard.core.api.ApiRouter;
import io.switchboard.core.api.RecordEndpoints;
import io.switchboard.core.auth.Account;
import io.switchboard.core.records.ChatDetails;
import io.switchboard.core.records.ServiceRecord;
import io.switchboard.core.records.ServiceRecordStore;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Message search (spec §10, 003): {@code GET /api/chat-messages?q=&from=&to=&kind=text|image|file&agent=}. An agent
 * searches the sessions it served, a supervisor or administrator every one (or one agent's, with {@code agent}).
 * Both the live sessions (the desk) and the ended ones (the chats' service records, with their transcripts) are
 * searched; results are the newest matching messages first, at most {@value ChatSearch#MAX_RESULTS}.
 * <p>
 * Runs on the API's loop, which owns both the desk and the record store; to keep the loop free the ended sessions
 * scanned are the newest {@value #SCAN_RECORDS} chat records (started before {@code to}) only: the answer says how
 * many were scanned and whether older ones were left out ({@code partial}).
 */
public final class ChatSearchEndpoints
{
    /** How many ended sessions (newest first) one search reads at most. */
    public static final int SCAN_RECORDS = 10_000;
    private static final Set<String> PARAMETERS = Set.of("q", "from", "to", "kind", "agent");
    private static final Set<String> KINDS = Set.of("text", "image", "file");

    private final ChatDesk desk;
    private final ServiceRecordStore records;

    public ChatSearchEndpoints(final ChatDesk desk, final ServiceRecordStore records)
    {
        this.desk = desk;
        this.records = records;
    }

    public void register(final ApiRouter router)
    {
        router.get("/api/chat-messages", Access.SIGNED_IN, request -> ApiResponse.ok(search(request)));
    }

    private Map<String, Object> search(final ApiRequest request)
    {
        final ChatSearch search = criteria(request);
        desk.eachLive(session ->
        {
            // a session in wrap-up already has its record: it is searched there, once, with its record id
            if (records.chat(session.id()) == null && (search.agent() == null
                || session.servedBy().contains(search.agent()) || search.agent().equals(session.staffNo())))
            {
                liveSession(search, session);
            }
        });
        final ServiceRecordStore.Page page = records.find(new ServiceRecordStore.Query(Long.MIN_VALUE, search.to(),
            null, search.agent(), ServiceRecord.CHAT, 0, SCAN_RECORDS));
        for (final ServiceRecord record : page.records())
        {
            if (record.chat() != null && record.chat().transcript() != null)
            {
                endedSession(search, record);
            }
        }
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("results", search.results());
        body.put("more", search.more());
        body.put("scannedRecords", page.records().size());
        body.put("partial", page.total() > page.records().size());
        return body;
    }

    private static void liveSession(final ChatSearch search, final ChatSession session)
    {
        for (final ChatMessage message : session.transcript().all())
        {
            if (message.recalled())
            {
                continue;
            }
            final String kind = message.file() == null ? "text" : message.file().kind();
            final String text = message.file() == null ? message.text() : message.file().name();
            search.consider(new ChatSearch.Hit(session.id(), null, message.id(), message.atMillis(),
                message.sender().name().toLowerCase(Locale.ROOT), message.staffNo(), kind, text,
                session.visitorId(), session.visitorName()));
        }
    }

    private static void endedSession(final ChatSearch search, final ServiceRecord record)
    {
        final ChatDetails chat = record.chat();
        for (final ChatDetails.Line line : chat.transcript())
        {
            final String kind = ChatSearch.kindOf(line.text());
            search.consider(new ChatSearch.Hit(record.id(), record.recordId(), line.id(), line.at(), line.from(),
                line.staffNo(), kind, "text".equals(kind) ? line.text() : ChatSearch.fileName(line.text()),
                chat.visitorId(), chat.visitorName()));
        }
    }

    private static ChatSearch criteria(final ApiRequest request)
    {
        for (final String name : request.query().keySet())
        {
            if (!PARAMETERS.contains(name))
            {
                throw ApiException.badRequest("unknown parameter \"" + name + "\"; known: q, from, to, kind, agent");
            }
        }
        final String q = RecordEndpoints.text(request, "q");
        final String kind = RecordEndpoints.text(request, "kind");
        if (kind != null && !KINDS.contains(kind))
        {
            throw ApiException.badRequest("\"kind\" must be text, image or file");
        }
        if ((q == null || q.isBlank()) && kind == null)
        {
            throw ApiException.badRequest("give a keyword \"q\" (or a \"kind\": image or file)");
        }
        if (q != null && q.length() > 200)
        {
            throw ApiException.badRequest("\"q\" has 200 characters at most");
        }
        final long from = RecordEndpoints.time(request, "from", Long.MIN_VALUE);
        final long to = RecordEndpoints.time(request, "to", Long.MAX_VALUE);
        if (from > to)
        {
            throw ApiException.badRequest("\"from\" is after \"to\"");
        }
        return new ChatSearch(q == null || q.isBlank() ? null : q.trim(), from, to, kind,
            agent(request.account(), RecordEndpoints.text(request, "agent")));
    }

    /** Whose sessions are searched: an agent's own only; a supervisor's choice (null: everyone's). */
    private static String agent(final Account account, final String asked)
    {
        if (account == null || account.supervises())
        {
            return asked;
        }
        if (account.staffNo() == null || asked != null && !asked.equals(account.staffNo()))
        {
            throw new ApiException(HttpResponseStatus.FORBIDDEN, "forbidden",
                "an agent searches its own conversations only");
        }
        return account.staffNo();
    }
}

package io.switchboard.core.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.core.auth.Account;
import io.switchboard.core.records.ServiceRecord;
import io.switchboard.core.records.ServiceRecordCsv;
import io.switchboard.core.records.ServiceRecordStore;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Service records: {@code GET /api/records} and {@code GET /api/records.csv}, both with the optional parameters
 * {@code from}, {@code to} (start time, epoch milliseconds or ISO-8601 such as {@code 2025-01-31T08:00:00Z}; from
 * inclusive, to exclusive), {@code group} (skill group name), {@code agent} (staff number), {@code type}
 * ({@code inbound}, {@code outbound}, {@code internal}), {@code offset} and {@code limit}. Newest first. JSON answers
 * {@code {"total": N, "records": [...]}} with total counting every match; CSV has no total, at most 100,000 rows.
 * The store belongs to the API's loop, where these handlers run: they read it directly.
 */
public final class RecordEndpoints
{
    private static final Set<String> TYPES = Set.of(ServiceRecordStore.CALL, "inbound", "outbound", "internal",
        ServiceRecord.CHAT);
    private static final Set<String> PARAMETERS = Set.of("from", "to", "group", "agent", "type", "offset", "limit",
        "format");

    private final ServiceRecordStore store;

    public RecordEndpoints(final ServiceRecordStore store)
    {
        this.store = store;
    }

    public void register(final ApiRouter router)
    {
        router.get("/api/records", Access.SIGNED_IN, request ->
        {
            if (csv(request))
            {
                return csvPage(request);
            }
            final ServiceRecordStore.Page page = store.find(own(request, query(request, 50, 1000)));
            final Map<String, Object> body = new LinkedHashMap<>();
            body.put("total", page.total());
            body.put("records", page.records().stream().map(ServiceRecord::summary).toList());
            return ApiResponse.ok(body);
        });
        router.get("/api/records.csv", Access.SIGNED_IN, this::csvPage);
        router.get("/api/records/{recordId}", Access.SIGNED_IN, request ->
            ApiResponse.ok(one(request.account(), request.pathParam("recordId"))));
    }

    /** The records as CSV, with the export's limits (10,000 rows unless {@code limit} says, at most 100,000). */
    private ApiResponse csvPage(final ApiRequest request)
    {
        final ServiceRecordStore.Page page = store.find(own(request, query(request, 10_000, 100_000)));
        return ApiResponse.ok(new ApiResponse.Raw(ServiceRecordCsv.write(page.records())
            .getBytes(StandardCharsets.UTF_8), "text/csv; charset=utf-8"));
    }

    /** Whether {@code /api/records} answers CSV: {@code format=csv}, or no format and {@code Accept: text/csv}. */
    private static boolean csv(final ApiRequest request)
    {
        final String format = text(request, "format");
        if (format != null && !"csv".equals(format) && !"json".equals(format))
        {
            throw bad("\"format\" must be json or csv");
        }
        return "csv".equals(format) || format == null && request.wantsCsv();
    }

    /** One chat's record by its record id, if the account may see it; else 404 alike for unknown and not yours. */
    private ServiceRecord one(final Account account, final String recordId)
    {
        ServiceRecord record = null;
        if (recordId.startsWith(ServiceRecord.CHAT_PREFIX))
        {
            final String number = recordId.substring(ServiceRecord.CHAT_PREFIX.length());
            if (!number.isEmpty() && number.length() < 19 && number.chars().allMatch(Character::isDigit))
            {
                record = store.chat(Long.parseLong(number));
            }
        }
        return readable(account, record, "no record " + recordId
            + " (one chat's record is read by its recordId, chat-N)");
    }

    /**
     * A call's record by its id (the path's {@code recordId}) if the account may read it; 404 {@code unknown_record}
     * alike for unknown, a chat's and not yours, the message ending with {@code hint}.
     */
    static ServiceRecord callRecord(final ServiceRecordStore store, final Account account, final String recordId,
        final String hint)
    {
        ServiceRecord record = null;
        if (!recordId.isEmpty() && recordId.length() < 19 && recordId.chars().allMatch(Character::isDigit))
        {
            record = store.call(Long.parseLong(recordId));
        }
        return readable(account, record, "no call record " + recordId + " (" + hint + ")");
    }

    /**
     * The record if the account may read it (an agent its own, a supervisor or administrator any); else 404 alike
     * for unknown (null) and not yours.
     */
    static ServiceRecord readable(final Account account, final ServiceRecord record, final String notFound)
    {
        final boolean mayRead = record != null && (account == null || account.supervises()
            || account.staffNo() != null && record.agents().contains(account.staffNo()));
        if (!mayRead)
        {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_record", notFound);
        }
        return record;
    }

    /** An agent sees its own records only: its staff number is the filter, and another agent's is refused. */
    private static ServiceRecordStore.Query own(final ApiRequest request, final ServiceRecordStore.Query query)
    {
        final Account account = request.account();
        if (account == null || account.supervises())
        {
            return query;
        }
        if (account.staffNo() == null || query.agent() != null && !query.agent().equals(account.staffNo()))
        {
            throw new ApiException(HttpResponseStatus.FORBIDDEN, "forbidden",
                "an agent sees its own records only");
        }
        return new ServiceRecordStore.Query(query.from(), query.to(), query.group(), account.staffNo(),
            query.type(), query.offset(), query.limit());
    }

    static ServiceRecordStore.Query query(final ApiRequest request, final int defaultLimit, final int maxLimit)
    {
        for (final String name : request.query().keySet())
        {
            if (!PARAMETERS.contains(name))
            {
                throw bad("unknown parameter \"" + name
                    + "\"; known: from, to, group, agent, type, offset, limit, format");
            }
        }
        final long from = time(request, "from", Long.MIN_VALUE);
        final long to = time(request, "to", Long.MAX_VALUE);
        if (from > to)
        {
            throw bad("\"from\" is after \"to\"");
        }
        final String type = text(request, "type");
        if (type != null && !TYPES.contains(type))
        {
            throw bad("\"type\" must be call, chat, inbound, outbound or internal");
        }
        final int offset = number(request, "offset", 0, 0, Integer.MAX_VALUE);
        final int limit = number(request, "limit", defaultLimit, 1, maxLimit);
        return new ServiceRecordStore.Query(from, to, text(request, "group"), text(request, "agent"), type, offset,
            limit);
    }

    /** A query parameter given at most once; empty is absent. */
    public static String text(final ApiRequest request, final String name)
    {
        final List<String> values = request.query().get(name);
        if (values == null || values.isEmpty())
        {
            return null;
        }
        if (values.size() > 1)
        {
            throw bad("\"" + name + "\" given more than once");
        }
        return values.get(0).isEmpty() ? null : values.get(0);
    }

    /** A time parameter: epoch milliseconds or ISO-8601; {@code absent} when not given. */
    public static long time(final ApiRequest request, final String name, final long absent)
    {
        final String value = text(request, name);
        if (value == null)
        {
            return absent;
        }
        try
        {
            return value.chars().allMatch(Character::isDigit) ? Long.parseLong(value)
                : Instant.parse(value).toEpochMilli();
        }
        catch (final NumberFormatException | DateTimeParseException ex)
        {
            throw bad("\"" + name + "\" must be epoch milliseconds or an ISO-8601 time such as 2025-01-31T08:00:00Z");
        }
    }

    /** A whole number parameter from {@code min} to {@code max}; {@code absent} when not given; else 400. */
    static int number(final ApiRequest request, final String name, final int absent, final int min,
        final int max)
    {
        final String value = text(request, name);
        if (value == null)
        {
            return absent;
        }
        try
        {
            final int number = Integer.parseInt(value);
            if (number >= min && number <= max)
            {
                return number;
            }
        }
        catch (final NumberFormatException ex)
        {
            // answered below
        }
        throw bad("\"" + name + "\" must be a whole number from " + min + " to " + max);
    }

    private static ApiException bad(final String message)
    {
        return ApiException.badRequest(message);
    }
}

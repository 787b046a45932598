package io.switchboard.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.core.admin.AdminException;
import io.switchboard.core.admin.AgentCsv;
import io.switchboard.core.admin.QuickReplies;
import io.switchboard.core.admin.TenantAdmin;
import io.switchboard.core.records.ServiceRecordCsv;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The quick replies ({@code /api/quick-replies}): list (anyone signed in), add, {@code /{id}} edit, {@code DELETE
 * /{id}} or {@code POST /{id}/delete}; {@code POST /api/quick-replies/import} takes a CSV file (RFC 4180, header
 * {@code group,title,text}) and answers row by row; {@code GET /api/quick-replies.csv} gives them all in the same
 * form. Only administrators change, import or export; changes are answered once the journal has them (an import is
 * one journal entry).
 */
public final class QuickReplyEndpoints
{
    private static final Set<String> FIELDS = Set.of("group", "title", "text");
    private static final List<String> COLUMNS = List.of("group", "title", "text");

    private final TenantAdmin admin;
    private final Executor loop;

    public QuickReplyEndpoints(final TenantAdmin admin, final Executor loop)
    {
        this.admin = admin;
        this.loop = loop;
    }

    public void register(final ApiRouter router)
    {
        router.get("/api/quick-replies", Access.SIGNED_IN, request ->
        {
            final List<Map<String, Object>> list = new ArrayList<>();
            admin.quickReplies().replies().forEach(reply -> list.add(TenantAdmin.replyView(reply)));
            return ApiResponse.ok(list);
        });
        router.get("/api/quick-replies.csv", Access.ADMIN, request -> ApiResponse.ok(new ApiResponse.Raw(
            csv(admin.quickReplies()).getBytes(StandardCharsets.UTF_8), "text/csv; charset=utf-8")));
        router.post("/api/quick-replies/import", Access.ADMIN, this::importCsv);
        router.post("/api/quick-replies", Access.ADMIN, request ->
        {
            final QuickReplies.Input input = input(request, true);
            return AdminEndpoints.answer(admin.changeQuickReplies(replies -> replies.add(input)), replies ->
                new ApiResponse(HttpResponseStatus.CREATED, TenantAdmin.replyView(
                    replies.replies().get(replies.replies().size() - 1))), loop);
        });
        router.post("/api/quick-replies/{id}", Access.ADMIN, request ->
        {
            final long id = replyId(request);
            final QuickReplies.Input input = input(request, false);
            return AdminEndpoints.answer(admin.changeQuickReplies(replies -> replies.edit(id, input)),
                replies -> TenantAdmin.replyView(replies.find(id)), loop);
        });
        router.delete("/api/quick-replies/{id}", Access.ADMIN, this::delete);
        router.post("/api/quick-replies/{id}/delete", Access.ADMIN, this::delete);
    }

    private ApiResponse delete(final ApiRequest request)
    {
        final long id = replyId(request);
        final QuickReplies.Reply known = admin.quickReplies().find(id);
        return AdminEndpoints.answer(admin.changeQuickReplies(replies -> replies.remove(id)), replies ->
        {
            final Map<String, Object> view = TenantAdmin.replyView(known);
            view.put("deleted", true);
            return view;
        }, loop);
    }

    /**
     * Each row added on its own to the list as it stands after the rows before; a refused row (blank text, too
     * long, the limits reached) is reported and skipped. The rows added are journalled together, once.
     */
    private ApiResponse importCsv(final ApiRequest request)
    {
        final List<Map<String, String>> rows = rows(new String(request.body(), StandardCharsets.UTF_8));
        final List<Map<String, Object>> report = new ArrayList<>();
        return AdminEndpoints.answer(admin.changeQuickReplies(replies ->
        {
            report.clear();
            QuickReplies after = replies;
            for (int i = 0; i < rows.size(); i++)
            {
                final Map<String, String> row = rows.get(i);
                final Map<String, Object> line = new LinkedHashMap<>();
                line.put("row", i + 2);
                try
                {
                    if (row.containsKey(""))
                    {
                        throw new AdminException(AdminException.Reason.INVALID,
                            "the row has more fields than the header has columns");
                    }
                    after = after.add(new QuickReplies.Input(row.get("group"), row.get("title"), row.get("text")));
                    line.put("ok", true);
                    line.put("id", after.replies().get(after.replies().size() - 1).id());
                }
                catch (final AdminException ex)
                {
                    line.put("ok", false);
                    line.put("error", ex.getMessage());
                }
                report.add(line);
            }
            return after;
        }), replies ->
        {
            final long created = report.stream().filter(line -> Boolean.TRUE.equals(line.get("ok"))).count();
            final Map<String, Object> view = new LinkedHashMap<>();
            view.put("created", created);
            view.put("failed", report.size() - created);
            view.put("rows", report);
            return view;
        }, loop);
    }

    /** The data rows by column (blank lines skipped); a bad header or an unclosed quote is a 400. */
    static List<Map<String, String>> rows(final String text)
    {
        final List<List<String>> records;
        try
        {
            records = AgentCsv.parse(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw ApiException.badRequest(ex.getMessage());
        }
        if (records.isEmpty())
        {
            throw ApiException.badRequest("the file is empty; its first row names the columns: group,title,text");
        }
        final List<String> header = new ArrayList<>();
        for (final String name : records.get(0))
        {
            final String column = name.trim().toLowerCase(Locale.ROOT);
            if (!COLUMNS.contains(column))
            {
                throw ApiException.badRequest("unknown column \"" + name.trim()
                    + "\"; the columns are group,title,text");
            }
            header.add(column);
        }
        if (!header.contains("text"))
        {
            throw ApiException.badRequest("the header has no column text");
        }
        final List<Map<String, String>> rows = new ArrayList<>();
        for (final List<String> record : records.subList(1, records.size()))
        {
            if (record.size() == 1 && record.get(0).isBlank())
            {
                continue;
            }
            final Map<String, String> values = new LinkedHashMap<>();
            for (int c = 0; c < header.size() && c < record.size(); c++)
            {
                values.put(header.get(c), unguarded(record.get(c)));
            }
            if (record.size() > header.size())
            {
                values.put("", "");
            }
            rows.add(values);
        }
        return rows;
    }

    /** The export's guard against spreadsheet formulas ({@code '} before {@code =+-@}) taken off again. */
    private static String unguarded(final String value)
    {
        return value.length() > 1 && value.charAt(0) == '\'' && "=+-@\t\r".indexOf(value.charAt(1)) >= 0
            ? value.substring(1) : value;
    }

    static String csv(final QuickReplies replies)
    {
        final StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (final QuickReplies.Reply reply : replies.replies())
        {
            ServiceRecordCsv.text(out, reply.group()).append(',');
            ServiceRecordCsv.text(out, reply.title()).append(',');
            ServiceRecordCsv.text(out, reply.text()).append("\r\n");
        }
        return out.toString();
    }

    private static QuickReplies.Input input(final ApiRequest request, final boolean adding)
    {
        final JsonNode body = CallEndpoints.body(request);
        for (final Iterator<String> names = body.fieldNames(); names.hasNext(); )
        {
            final String name = names.next();
            if (!FIELDS.contains(name))
            {
                throw ApiException.badRequest("unknown member \"" + name
                    + "\"; a quick reply has \"group\", \"title\" and \"text\"");
            }
            if (!body.get(name).isTextual())
            {
                throw ApiException.badRequest("\"" + name + "\" must be a string");
            }
        }
        if (adding && !body.has("text"))
        {
            throw ApiException.badRequest("\"text\" is required: 1 to " + QuickReplies.MAX_TEXT + " characters");
        }
        return new QuickReplies.Input(text(body, "group"), text(body, "title"), text(body, "text"));
    }

    private static String text(final JsonNode body, final String field)
    {
        return body.has(field) ? body.get(field).asText() : null;
    }

    private static long replyId(final ApiRequest request)
    {
        final String id = request.pathParam("id");
        try
        {
            return Long.parseLong(id);
        }
        catch (final NumberFormatException ex)
        {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "not_found", "no quick reply " + id);
        }
    }
}

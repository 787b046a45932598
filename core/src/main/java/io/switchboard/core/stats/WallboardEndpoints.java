package io.switchboard.core.stats;

import io.netty.channel.EventLoop;
import io.switchboard.core.api.Access;
import io.switchboard.core.api.ApiException;
import io.switchboard.core.api.ApiRequest;
import io.switchboard.core.api.ApiResponse;
import io.switchboard.core.api.ApiRouter;
import io.switchboard.core.api.RecordEndpoints;
import io.switchboard.core.events.EventHub;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The wallboard and the data overview (supervisors and administrators): {@code GET /api/wallboard} (live and today),
 * {@code GET /api/stats?from=&to=&group=} (a period's figures; {@code format=csv} for one CSV row per group), and a
 * {@code wallboard} event on the events socket to supervisors and administrators at most once a second, when the
 * board changed.
 */
public final class WallboardEndpoints
{
    private static final Set<String> PARAMETERS = Set.of("from", "to", "group", "format");
    private static final String[] COLUMNS = {"offered", "answered", "abandoned", "abandonedShort", "answerRate",
        "serviceLevel", "serviceLevelSeconds", "averageSpeedOfAnswer", "averageHandleTime"};

    private final Wallboard board;
    private final java.util.function.LongSupplier clock;
    private final java.time.ZoneId zone;
    private volatile Map<String, Object> published;

    public WallboardEndpoints(final Wallboard board, final java.util.function.LongSupplier clock,
        final java.time.ZoneId zone)
    {
        this.board = board;
        this.clock = clock;
        this.zone = zone;
    }

    public void register(final ApiRouter router)
    {
        router.get("/api/wallboard", Access.SUPERVISOR, request -> ApiResponse.later(board.board()));
        router.get("/api/stats", Access.SUPERVISOR, this::stats);
    }

    /**
     * Every second on the API's loop (the hub's): the board, published when it changed since the last one sent. With
     * no supervisor listening the day's records are not scanned at all, and the next listener gets the board at once.
     */
    public void publishEverySecond(final EventLoop loop, final EventHub events)
    {
        loop.scheduleAtFixedRate(() -> publishIfListened(events), 1, 1, TimeUnit.SECONDS);
    }

    private void publishIfListened(final EventHub events)
    {
        if (!events.supervisorsListening())
        {
            published = null;
            return;
        }
        board.board().thenAccept(view ->
        {
            final Map<String, Object> compared = new LinkedHashMap<>(view);
            compared.remove("at");
            if (!compared.equals(published))
            {
                published = compared;
                final Map<String, Object> event = new LinkedHashMap<>();
                event.put("type", "wallboard");
                event.putAll(view);
                events.publishToSupervisors(event);
            }
        });
    }

    private ApiResponse stats(final ApiRequest request)
    {
        for (final String name : request.query().keySet())
        {
            if (!PARAMETERS.contains(name))
            {
                throw ApiException.badRequest("unknown parameter \"" + name + "\"; known: from, to, group, format");
            }
        }
        final long now = clock.getAsLong();
        final long from = RecordEndpoints.time(request, "from", Wallboard.midnight(now, zone));
        final long to = RecordEndpoints.time(request, "to", Long.MAX_VALUE);
        if (from > to)
        {
            throw ApiException.badRequest("\"from\" is after \"to\"");
        }
        final String format = RecordEndpoints.text(request, "format");
        if (format != null && !"csv".equals(format) && !"json".equals(format))
        {
            throw ApiException.badRequest("\"format\" must be json or csv");
        }
        final CallStatistics.Result result = board.statistics(from, to, RecordEndpoints.text(request, "group"));
        if ("csv".equals(format) || format == null && request.wantsCsv())
        {
            return ApiResponse.ok(new ApiResponse.Raw(csv(result).getBytes(StandardCharsets.UTF_8),
                "text/csv; charset=utf-8"));
        }
        return ApiResponse.ok(result.view());
    }

    /** One row per group: the group's name (a formula-like name gets a leading quote), then the figures. */
    static String csv(final CallStatistics.Result result)
    {
        final StringBuilder out = new StringBuilder("group");
        for (final String column : COLUMNS)
        {
            out.append(',').append(column);
        }
        out.append("\r\n");
        result.groups().forEach((name, figures) ->
        {
            out.append(cell(name));
            final Map<String, Object> view = figures.view();
            for (final String column : COLUMNS)
            {
                final Object value = view.get(column);
                out.append(',').append(value == null ? "" : value);
            }
            out.append("\r\n");
        });
        return out.toString();
    }

    private static String cell(final String text)
    {
        final String safe = !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        return safe.contains(",") || safe.contains("\"") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}

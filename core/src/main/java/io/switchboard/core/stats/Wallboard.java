package io.switchboard.core.stats;

import io.switchboard.acd.AcdQueries;
import io.switchboard.acd.AcdService;
import io.switchboard.acd.AgentState;
import io.switchboard.acd.AgentView;
import io.switchboard.acd.GroupView;
import io.switchboard.acd.WaitingCall;
import io.switchboard.chat.desk.ChatDesk;
import io.switchboard.chat.session.SessionState;
import io.switchboard.core.records.ServiceRecordStore;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;

/**
 * The wallboard: per skill group, the ACD's live view (calls waiting, the longest wait, agents by state) and the
 * online service's (chats waiting and served), beside today's figures from the service records ({@link
 * CallStatistics}, today from local midnight). Built on the API's loop, which owns the records store and the chat
 * desk; the ACD's part is read on its engine thread and joined there to the parts already read.
 */
public final class Wallboard
{
    private static final String[] STATES = {"idle", "busy", "break", "ringing", "on-call", "wrap-up", "offline"};

    private final ServiceRecordStore store;
    private final AcdService acd;
    private final ChatDesk desk;
    private final ToIntFunction<String> threshold;
    private final LongSupplier clock;
    private final ZoneId zone;

    /**
     * @param desk      the online service's chats, or null without one
     * @param threshold a group's service level threshold in seconds (null: the tenant's)
     */
    public Wallboard(final ServiceRecordStore store, final AcdService acd, final ChatDesk desk,
        final ToIntFunction<String> threshold, final LongSupplier clock, final ZoneId zone)
    {
        this.store = store;
        this.acd = acd;
        this.desk = desk;
        this.threshold = threshold;
        this.clock = clock;
        this.zone = zone;
    }

    /** Local midnight before {@code now}. */
    public static long midnight(final long now, final ZoneId zone)
    {
        return LocalDate.ofInstant(Instant.ofEpochMilli(now), zone).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** The figures of the records that started in [from, to), for one group or all (null). On the API's loop. */
    public CallStatistics.Result statistics(final long from, final long to, final String group)
    {
        final List<io.switchboard.core.records.ServiceRecord> records = store.find(new ServiceRecordStore.Query(
            from, to, group, null, null, 0, Integer.MAX_VALUE)).records();
        return CallStatistics.compute(records, from, to, group, threshold, clock.getAsLong());
    }

    /** The live view and today's figures. Called on the API's loop; completes on the ACD's thread. */
    public CompletionStage<Map<String, Object>> board()
    {
        final long now = clock.getAsLong();
        final CallStatistics.Result today = statistics(midnight(now, zone), Long.MAX_VALUE, null);
        final Map<String, int[]> chats = chats();
        return acd.query(engine -> view(engine, now, today, chats));
    }

    /** Per group: chats waiting (queued or offered) and served. */
    private Map<String, int[]> chats()
    {
        final Map<String, int[]> chats = new HashMap<>();
        if (desk != null)
        {
            desk.eachLive(session ->
            {
                if (session.group() == null)
                {
                    return;
                }
                final int[] counts = chats.computeIfAbsent(session.group(), g -> new int[2]);
                if (session.state() == SessionState.QUEUED || session.state() == SessionState.OFFERED)
                {
                    counts[0]++;
                }
                else if (session.state() == SessionState.SERVING)
                {
                    counts[1]++;
                }
            });
        }
        return chats;
    }

    private Map<String, Object> view(final AcdQueries engine, final long now, final CallStatistics.Result today,
        final Map<String, int[]> chats)
    {
        final long nanos = System.nanoTime();
        final List<AgentView> agents = engine.agents();
        final List<Map<String, Object>> groups = new java.util.ArrayList<>();
        for (final GroupView group : engine.groups())
        {
            final String name = group.settings().name();
            final Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", name);
            row.put("waiting", group.queueLength());
            final List<WaitingCall> queue = engine.queue(group.groupId());
            long longest = 0;
            for (final WaitingCall call : queue)
            {
                longest = Math.max(longest, (nanos - call.queuedAtNanos()) / 1_000_000_000L);
            }
            row.put("longestWaitSeconds", longest);
            final Map<String, Integer> states = new LinkedHashMap<>();
            for (final String state : STATES)
            {
                states.put(state, 0);
            }
            for (final AgentView agent : agents)
            {
                if (agent.groups().contains(group.groupId()))
                {
                    states.merge(name(agent.state()), 1, Integer::sum);
                }
            }
            row.put("agents", states);
            final int[] chat = chats.getOrDefault(name, new int[2]);
            row.put("chatsWaiting", chat[0]);
            row.put("chatsActive", chat[1]);
            final CallStatistics.Figures figures = today.groups().get(name);
            row.put("today", (figures != null ? figures : new CallStatistics.Figures(threshold.applyAsInt(name)))
                .view());
            groups.add(row);
        }
        final Map<String, Object> view = new LinkedHashMap<>();
        view.put("at", now);
        view.put("since", today.from());
        view.put("groups", groups);
        view.put("agents", today.view().get("agents"));
        return view;
    }

    private static String name(final AgentState state)
    {
        return state.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

package io.switchboard.core.records;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service records in memory, ordered by start time, for the API's queries. Not thread-safe by design: it has
 * one owner, the API's event loop (records are handed to it with {@code execute}); at start the server fills it
 * from the journal before that loop serves anything.
 * <p>
 * Records arrive in the order calls end, which is nearly the order they started: each is inserted at its place
 * found by a binary search, which lands at or near the end, so an insert costs little even with millions kept.
 * A query finds its time range by binary search; with no other filter that is all it costs, otherwise it walks the
 * range newest first, testing the filters and counting every match (about 20 ms for a million on the development VM).
 * <p>
 * A million records are kept in memory, so the values that repeat (type, ending, group, agent, number, callee, the
 * lists of keys, transfers and agents) are shared: each record parsed from JSON would otherwise hold copies of its
 * own.
 */
public final class ServiceRecordStore
{
    /**
     * What to look for: null fields match anything; the range is [from, to) on the start time. The type is a
     * record's ({@code inbound}, {@code outbound}, {@code internal}, {@code chat}) or {@code call}: any call's.
     */
    public record Query(long from, long to, String group, String agent, String type, int offset, int limit)
    {
        public static Query all()
        {
            return new Query(Long.MIN_VALUE, Long.MAX_VALUE, null, null, null, 0, Integer.MAX_VALUE);
        }

        boolean matches(final ServiceRecord record)
        {
            return (group == null || group.equals(record.group()))
                && (agent == null || agent.equals(record.agent()) || record.agents().contains(agent))
                && (type == null || type.equals(record.type())
                    || CALL.equals(type) && !record.chatRecord());
        }
    }

    /** One page of matches, newest first, and how many matched in all. */
    public record Page(int total, List<ServiceRecord> records)
    {
    }

    /** The query type that matches every call's record (whatever its direction) and no chat's. */
    public static final String CALL = "call";

    /** Shared values are kept up to this many; past it, new values are simply not shared. */
    private static final int MAX_SHARED = 100_000;
    /** Answers kept for records still to come: a session that never got its record (a restart) leaves one. */
    private static final int MAX_PENDING_ANSWERS = 10_000;

    private final List<ServiceRecord> records = new ArrayList<>();
    private final Map<Object, Object> shared = new HashMap<>();
    /** Chats' records by session id, for the one-record GET (calls are not looked up one at a time). */
    private final Map<Long, ServiceRecord> chats = new HashMap<>();
    /** Survey answers whose chat record has not come yet, oldest first; at most {@value #MAX_PENDING_ANSWERS}. */
    private final Map<Long, Satisfaction> pendingAnswers = new LinkedHashMap<>();
    private long highestId;

    public void add(final ServiceRecord record)
    {
        final ServiceRecord kept = new ServiceRecord(record.id(), record.startedAt(), record.endedAt(),
            shared(record.type()), record.caller(), shared(record.callee()), shared(record.number()),
            shared(record.flowKeys()), shared(record.group()), shared(record.agent()), record.answered(),
            record.ringSeconds(), record.talkSeconds(), record.holdSeconds(), record.wrapUpSeconds(),
            shared(record.ending()), shared(record.transfers()), shared(record.agents()), sharedChat(record.chat()),
            record.satisfaction(), record.recording());
        if (kept.chatRecord())
        {
            final Satisfaction waiting = pendingAnswers.remove(kept.id());
            final ServiceRecord whole = waiting == null || kept.satisfaction() != null ? kept
                : kept.withSatisfaction(waiting);
            // A session's record is journalled once; a second (never expected) replaces the first rather than show
            // the same chat twice.
            final ServiceRecord before = chats.put(whole.id(), whole);
            if (before != null)
            {
                records.remove(before);
            }
            records.add(upperBound(whole.startedAt(), whole.id()), whole);
            return;
        }
        highestId = Math.max(highestId, kept.id());
        records.add(upperBound(kept.startedAt(), kept.id()), kept);
    }

    private ChatDetails sharedChat(final ChatDetails chat)
    {
        return chat == null ? null : new ChatDetails(shared(chat.channel()), chat.visitorId(), chat.visitorName(),
            chat.page(), chat.queuedAt(), chat.servedAt(), chat.waitingSeconds(), chat.firstResponseSeconds(),
            chat.durationSeconds(), shared(chat.outcome()), chat.messages(), chat.transcript());
    }

    /**
     * A chat's survey answered (live, or its {@code chat.satisfaction} entry at replay): its record gets the answer,
     * in place. An answer may come before its record (the visitor answered while the agent was still chatting, or
     * the record is still on its way from the journal): it waits for the record, which takes it when added. The
     * same answer applied twice leaves the same record, so the replay may apply one the snapshot already has.
     */
    public void satisfied(final long sessionId, final Satisfaction answer)
    {
        final ServiceRecord before = chats.get(sessionId);
        if (before == null)
        {
            if (pendingAnswers.size() >= MAX_PENDING_ANSWERS)
            {
                pendingAnswers.remove(pendingAnswers.keySet().iterator().next());
            }
            pendingAnswers.put(sessionId, answer);
            return;
        }
        final ServiceRecord after = before.withSatisfaction(answer);
        chats.put(sessionId, after);
        // Found by its start time (binary search), then among the records that started in the same millisecond.
        for (int i = lowerBound(before.startedAt()); i < records.size(); i++)
        {
            if (records.get(i) == before)
            {
                records.set(i, after);
                return;
            }
        }
    }

    /** A chat's record by its session id, or null. */
    public ServiceRecord chat(final long sessionId)
    {
        return chats.get(sessionId);
    }

    @SuppressWarnings("unchecked")
    private <T> T shared(final T value)
    {
        if (value == null)
        {
            return null;
        }
        final Object known = shared.get(value);
        if (known != null)
        {
            return (T)known;
        }
        if (shared.size() < MAX_SHARED)
        {
            shared.put(value, value);
        }
        return value;
    }

    /**
     * A call's record by the call's id, or null. Calls are seldom looked up one at a time (a trace's download): the
     * list is searched from the newest, where the calls whose traces are still kept are.
     */
    public ServiceRecord call(final long id)
    {
        for (int i = records.size() - 1; i >= 0; i--)
        {
            final ServiceRecord record = records.get(i);
            if (record.id() == id && !record.chatRecord())
            {
                return record;
            }
        }
        return null;
    }

    /** The highest call id among the calls' records (0 if none); chats have ids of their own. */
    public long highestId()
    {
        return highestId;
    }

    /** The records as they are now, oldest first, in a list that does not change (for a snapshot). */
    public List<ServiceRecord> copy()
    {
        return List.copyOf(records);
    }

    public int size()
    {
        return records.size();
    }

    public Page find(final Query query)
    {
        final int first = lowerBound(query.from());
        final int end = lowerBound(query.to());
        if (query.group() == null && query.agent() == null && query.type() == null)
        {
            // A time range alone: its size is the total, and the page is read straight off the list.
            final List<ServiceRecord> page = new ArrayList<>();
            for (int i = end - 1 - query.offset(); i >= first && page.size() < query.limit(); i--)
            {
                page.add(records.get(i));
            }
            return new Page(end - first, page);
        }
        final List<ServiceRecord> page = new ArrayList<>(Math.min(query.limit(), Math.max(0, end - first)));
        int total = 0;
        for (int i = end - 1; i >= first; i--)
        {
            final ServiceRecord record = records.get(i);
            if (query.matches(record))
            {
                if (total >= query.offset() && page.size() < query.limit())
                {
                    page.add(record);
                }
                total++;
            }
        }
        return new Page(total, page);
    }

    /** The first index whose record started at or after {@code time}. */
    private int lowerBound(final long time)
    {
        int low = 0;
        int high = records.size();
        while (low < high)
        {
            final int mid = (low + high) >>> 1;
            if (records.get(mid).startedAt() < time)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }

    /** The index after every record that started before, or at the same time with a lower or equal id. */
    private int upperBound(final long time, final long id)
    {
        int low = 0;
        int high = records.size();
        // Most records belong at the end: look there first.
        if (high == 0 || !after(records.get(high - 1), time, id))
        {
            return high;
        }
        while (low < high)
        {
            final int mid = (low + high) >>> 1;
            if (after(records.get(mid), time, id))
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }
        return low;
    }

    private static boolean after(final ServiceRecord record, final long time, final long id)
    {
        return record.startedAt() > time || record.startedAt() == time && record.id() > id;
    }
}

package io.switchboard.core.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.util.concurrent.EventExecutor;
import io.switchboard.core.journal.Journal;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The calls a crash cut off, found at start from their progress in the journal ({@code CallProgress} writes it): a
 * call whose {@link #STARTED} entry has no service record gets one now, ending {@value #ENDING}, with what the journal
 * knew of it: when it started, the group it queued in, the agents who answered it (the last one its agent) and when
 * a person first answered. Every call that started thus has exactly one record; a call that ended normally has its
 * own and is left alone.
 * <p>
 * <b>When it ended</b> is not known; the record says the last time the journal knew the server alive: the newest time
 * of any progress entry, of any record replayed, and of the {@link #ALIVE} entry the server writes every
 * {@value #ALIVE_SECONDS} s while calls are in progress. So the end is at most that long before the crash (never
 * after it: the down time is not counted as talk), and never before the call's own last entry.
 * <p>
 * <b>Cost at start.</b> Every progress entry is read, also those before the newest snapshot (a call may have started
 * before it and still been going at the crash), but only its leading id is parsed ({@link #idOf}); a call whose
 * record the snapshot holds is passed over by a look-up in a set of the snapshot's call ids. Only the calls still
 * open in journal order are kept (bounded by the calls in progress and the records after the snapshot).
 */
public final class InterruptedCalls
{
    /** A call was created: {@code {"id", "at", "type", "from", "to", "agent"?}}. */
    public static final String STARTED = "call.started";
    /** It queued in a group: {@code {"id", "at", "group"}}. */
    public static final String QUEUED = "call.queued";
    /** A person answered it: {@code {"id", "at", "agent", "party", "group", "type"}}. */
    public static final String CONNECTED = "call.connected";
    /** The server was alive with calls in progress: {@code {"at"}}. */
    public static final String ALIVE = "server.alive";
    /** The ending of a record made here. */
    public static final String ENDING = "server-restart";
    /** How often the server says it is alive while calls are in progress. */
    public static final int ALIVE_SECONDS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(InterruptedCalls.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] ID_PREFIX = "{\"id\":".getBytes(StandardCharsets.US_ASCII);

    /** What the journal says of a call still open. */
    private static final class Open
    {
        final long id;
        final long startedAt;
        String type;
        String from;
        String to;
        String callee;
        String group;
        String agent;
        long connectedAt;
        long lastAt;
        final List<String> agents = new ArrayList<>(2);

        Open(final long id, final long startedAt)
        {
            this.id = id;
            this.startedAt = startedAt;
            this.lastAt = startedAt;
        }
    }

    private final ServiceRecordStore store;
    private final Long2ObjectHashMap<Open> open = new Long2ObjectHashMap<>();
    /** The call ids of the snapshot's records, made at the first progress entry (null until then). */
    private LongHashSet snapshotted;
    private long lastKnownAt;
    private long highestId;

    /** @param store the records loaded so far (the snapshot's, then those replayed) */
    public InterruptedCalls(final ServiceRecordStore store)
    {
        this.store = store;
    }

    /** Whether the replay hands this entry type here. */
    public static boolean reads(final String type)
    {
        return STARTED.equals(type) || QUEUED.equals(type) || CONNECTED.equals(type) || ALIVE.equals(type);
    }

    /** A progress entry, in journal order. */
    public void replayed(final String type, final byte[] json) throws IOException
    {
        if (ALIVE.equals(type))
        {
            lastKnownAt = Math.max(lastKnownAt, JSON.readTree(json).path("at").asLong());
            return;
        }
        final long id = idOf(json);
        if (STARTED.equals(type))
        {
            highestId = Math.max(highestId, id);
            if (!snapshotted().contains(id))
            {
                started(id, JSON.readTree(json));
            }
            return;
        }
        final Open call = open.get(id);
        if (call != null)
        {
            final JsonNode entry = JSON.readTree(json);
            seen(call, entry);
            call.group = text(entry, "group", call.group);
            if (CONNECTED.equals(type))
            {
                connected(call, entry);
            }
        }
    }

    private void started(final long id, final JsonNode entry)
    {
        final Open call = new Open(id, entry.path("at").asLong());
        lastKnownAt = Math.max(lastKnownAt, call.startedAt);
        call.type = text(entry, "type", "inbound");
        call.from = text(entry, "from", "");
        call.to = text(entry, "to", "");
        call.agent = text(entry, "agent", null);
        if (call.agent != null)
        {
            call.agents.add(call.agent);
        }
        open.put(id, call);
    }

    private static void connected(final Open call, final JsonNode entry)
    {
        call.connectedAt = call.connectedAt == 0 ? entry.path("at").asLong() : call.connectedAt;
        call.type = text(entry, "type", call.type);
        call.callee = text(entry, "party", call.callee);
        final String agent = text(entry, "agent", null);
        if (agent != null)
        {
            call.agents.remove(agent);
            call.agents.add(agent);
            call.agent = agent;
        }
    }

    private void seen(final Open call, final JsonNode entry)
    {
        final long at = entry.path("at").asLong();
        call.lastAt = Math.max(call.lastAt, at);
        lastKnownAt = Math.max(lastKnownAt, at);
    }

    /** A call's record replayed after the snapshot: the call ended. */
    public void recordReplayed(final ServiceRecord record)
    {
        if (!record.chatRecord())
        {
            open.remove(record.id());
            lastKnownAt = Math.max(lastKnownAt, record.endedAt());
        }
    }

    /**
     * What the replay left: the highest call id the journal's progress entries name (new calls are numbered after
     * it), and when the records made for the calls cut off are all in the store.
     */
    public record Finished(long highestId, CompletableFuture<Void> stored)
    {
    }

    /**
     * The replay is over: each call still open gets its record, handed to {@code sink} (which journals it, so that
     * the next start finds it ended, and completes once it is in the store).
     */
    public Finished finish(final Function<ServiceRecord, CompletableFuture<Void>> sink)
    {
        final List<CompletableFuture<Void>> stored = new ArrayList<>();
        for (final Open call : open.values())
        {
            final long end = Math.max(lastKnownAt, call.lastAt);
            final boolean answered = call.connectedAt != 0;
            final long connected = answered ? call.connectedAt : end;
            final ServiceRecord record = new ServiceRecord(call.id, call.startedAt, end, call.type, call.from,
                answered && call.callee != null ? call.callee : call.to, call.to, List.of(), call.group, call.agent,
                answered, ServiceRecord.seconds(connected - call.startedAt),
                ServiceRecord.seconds(answered ? end - connected : 0), 0, 0, ENDING, List.of(), call.agents);
            LOG.warn("call {}: in progress when the server stopped without ending it; recorded as {} (ended {})",
                call.id, ENDING, java.time.Instant.ofEpochMilli(end));
            stored.add(sink.apply(record));
        }
        if (!open.isEmpty())
        {
            LOG.warn("journal: {} calls were cut off by the server's stop; each has its record now", open.size());
        }
        open.clear();
        snapshotted = null;
        return new Finished(highestId, CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new)));
    }

    private LongHashSet snapshotted()
    {
        if (snapshotted == null)
        {
            snapshotted = new LongHashSet();
            for (final ServiceRecord record : store.copy())
            {
                if (!record.chatRecord())
                {
                    snapshotted.add(record.id());
                }
            }
        }
        return snapshotted;
    }

    /**
     * The id of a progress entry from its leading {@code {"id":<digits>}} (how {@code CallProgress} writes it),
     * without parsing the rest; an entry written otherwise is parsed whole.
     */
    static long idOf(final byte[] json) throws IOException
    {
        if (json.length > ID_PREFIX.length && java.util.Arrays.equals(json, 0, ID_PREFIX.length, ID_PREFIX, 0,
            ID_PREFIX.length))
        {
            long id = 0;
            int i = ID_PREFIX.length;
            while (i < json.length && json[i] >= '0' && json[i] <= '9' && i < ID_PREFIX.length + 18)
            {
                id = id * 10 + json[i] - '0';
                i++;
            }
            if (i > ID_PREFIX.length && i < json.length && (json[i] == ',' || json[i] == '}'))
            {
                return id;
            }
        }
        return JSON.readTree(json).path("id").asLong();
    }

    private static String text(final JsonNode entry, final String field, final String otherwise)
    {
        final JsonNode value = entry.get(field);
        return value == null || value.isNull() ? otherwise : value.asText();
    }

    /** Appends progress entries to the journal without waiting; a failure is logged, the call goes on. */
    public static BiConsumer<String, byte[]> appender(final Journal journal)
    {
        return (type, json) -> journal.append(type, json).whenComplete((position, failure) ->
        {
            if (failure != null)
            {
                LOG.debug("journal: {} entry not written: {}", type, failure.toString());
            }
        });
    }

    /**
     * Writes {@link #ALIVE} every {@value #ALIVE_SECONDS} s on {@code loop} while {@code activeCalls} is above 0, so
     * that a crash's records end at most that long before it. Cancel the returned task at shutdown.
     */
    public static ScheduledFuture<?> heartbeat(final Journal journal, final EventExecutor loop,
        final LongSupplier activeCalls)
    {
        final BiConsumer<String, byte[]> append = appender(journal);
        return loop.scheduleAtFixedRate(() ->
        {
            if (activeCalls.getAsLong() > 0)
            {
                append.accept(ALIVE, ("{\"at\":" + System.currentTimeMillis() + "}")
                    .getBytes(StandardCharsets.US_ASCII));
            }
        }, ALIVE_SECONDS, ALIVE_SECONDS, TimeUnit.SECONDS);
    }
}

package io.switchboard.core.records;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.switchboard.core.journal.Journal;
import io.switchboard.core.journal.JournalSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps the service records: a call's record is journalled (on whichever thread the journal completes), then added
 * to the {@link ServiceRecordStore} on its owner, the API's loop; every {@code snapshotEvery} records a
 * {@link JournalSnapshot} is written on a thread of its own, so that a start replays only the records after it.
 * At start the newest snapshot is loaded and the journal's later record entries are given to {@link #replayed}.
 */
public final class ServiceRecordKeeper
{
    private static final Logger LOG = LoggerFactory.getLogger(ServiceRecordKeeper.class);

    private final ServiceRecordStore records = new ServiceRecordStore();
    private final Path directory;
    private final int snapshotEvery;
    /** The store's owner once the server serves. */
    private final EventExecutor owner;
    /** Snapshots of the records are written here, off the event loops. */
    private final ExecutorService snapshotThread = Executors.newSingleThreadExecutor(
        new DefaultThreadFactory("journal-snapshot", true));
    /** Records handed to the journal and not yet in the store: a snapshot is taken only when there are none. */
    private final AtomicInteger recordsInFlight = new AtomicInteger();
    private Journal journal;
    /** The journal position of the last record put in the store (owner); what a snapshot taken now covers. */
    private long lastRecordIndex = -1;
    /** Records put in the store since the last snapshot (owner), and whether one is being written. */
    private int recordsSinceSnapshot;
    private boolean snapshotting;
    /** Whether the replay finished, so that the store is whole and a snapshot of it may be written. */
    private volatile boolean replayDone;

    /**
     * @param directory     the journal's directory, where snapshots are kept beside it.
     * @param snapshotEvery records between snapshots; 0 for none.
     * @param owner         the loop that owns the store once the server serves (the API's).
     */
    public ServiceRecordKeeper(final Path directory, final int snapshotEvery, final EventExecutor owner)
    {
        this.directory = directory;
        this.snapshotEvery = snapshotEvery;
        this.owner = owner;
    }

    /** The records; read them on the owner's loop. */
    public ServiceRecordStore store()
    {
        return records;
    }

    /**
     * Before the replay: the newest snapshot's records into the store.
     *
     * @return the journal position the snapshot covers (record entries at or before it are skipped), or -1.
     */
    public long loadSnapshot(final Journal journal)
    {
        this.journal = journal;
        final long covered = snapshotsOn() ? JournalSnapshot.loadNewest(directory).map(snapshot ->
        {
            snapshot.records().forEach(records::add);
            LOG.info("journal: snapshot {} loaded: {} service records", snapshot.file().getFileName(),
                snapshot.records().size());
            return snapshot.index();
        }).orElse(-1L) : -1L;
        lastRecordIndex = covered;
        return covered;
    }

    /** A record entry after the snapshot, at start; the record read is returned. */
    public ServiceRecord replayed(final long index, final byte[] json) throws IOException
    {
        final ServiceRecord record = ServiceRecord.fromJson(json);
        records.add(record);
        lastRecordIndex = Math.max(lastRecordIndex, index);
        recordsSinceSnapshot++;
        return record;
    }

    /** The journal the records go to (once {@link #loadSnapshot} ran): calls' progress entries go there too. */
    public Journal journal()
    {
        return journal;
    }

    /**
     * The replay finished: with many records past the last snapshot (or none yet) one is written now, off the
     * loops, so that the next start is fast even if this server is killed rather than stopped.
     */
    public void replayFinished()
    {
        replayDone = true;
        if (snapshotsOn() && recordsSinceSnapshot >= snapshotEvery && lastRecordIndex >= 0)
        {
            snapshotNow();
        }
    }

    /**
     * A call ended (on its worker's loop) or a chat (on the API's): its record is journalled, then added to the
     * store on the owner's loop.
     * Nothing here waits; a record the journal could not take is still shown, and the failure logged.
     *
     * @return completes once the record is in the store (or will not be: the API stopping)
     */
    public CompletableFuture<Void> recordEnded(final ServiceRecord record)
    {
        final byte[] json = record.toJson();
        final CompletableFuture<Void> stored = new CompletableFuture<>();
        recordsInFlight.incrementAndGet();
        journal.append(ServiceRecord.JOURNAL_TYPE, json).whenComplete((position, failure) ->
        {
            if (failure != null)
            {
                LOG.error("{}: service record not journalled: {}", name(record), failure.toString());
            }
            try
            {
                owner.execute(() ->
                {
                    records.add(record);
                    recordStored(failure == null ? position : null);
                    stored.complete(null);
                });
            }
            catch (final RejectedExecutionException stopping)
            {
                recordsInFlight.decrementAndGet();
                LOG.debug("{}: record not shown, the API is stopping", name(record));
                stored.complete(null);
            }
        });
        return stored;
    }

    private static String name(final ServiceRecord record)
    {
        return record.chatRecord() ? record.recordId() : "call " + record.id();
    }

    /**
     * A record reached the store (owner): every {@code snapshotEvery} records a snapshot is written of the store
     * as it is once no record is between the journal and the store (so that it holds every record up to its
     * position and none after); with some still in flight, the next record tries again.
     */
    private void recordStored(final Long position)
    {
        if (position != null)
        {
            lastRecordIndex = Math.max(lastRecordIndex, position);
        }
        recordsSinceSnapshot++;
        if (recordsInFlight.decrementAndGet() != 0 || !snapshotsOn() || snapshotting
            || recordsSinceSnapshot < snapshotEvery || lastRecordIndex < 0)
        {
            return;
        }
        snapshotNow();
    }

    private void snapshotNow()
    {
        final long index = lastRecordIndex;
        final List<ServiceRecord> copy = records.copy();
        recordsSinceSnapshot = 0;
        snapshotting = true;
        try
        {
            snapshotThread.execute(() ->
            {
                write(index, copy);
                owner.execute(() -> snapshotting = false);
            });
        }
        catch (final RejectedExecutionException stopping)
        {
            snapshotting = false;
        }
    }

    private boolean snapshotsOn()
    {
        return snapshotEvery > 0;
    }

    private void write(final long index, final List<ServiceRecord> copy)
    {
        final long started = System.nanoTime();
        try
        {
            final Path file = JournalSnapshot.write(directory, index, copy);
            LOG.info("journal: snapshot {} written: {} service records in {} ms", file.getFileName(), copy.size(),
                (System.nanoTime() - started) / 1_000_000);
        }
        catch (final IOException | RuntimeException ex)
        {
            LOG.warn("journal: snapshot not written: {}", ex.toString());
        }
    }

    /**
     * At a clean shutdown, once the journal is closed and before the owner's loop stops: a snapshot being written
     * is finished (not cut off by the process exiting), then one of every record that came since.
     */
    public void close()
    {
        snapshotThread.shutdown();
        try
        {
            if (!snapshotThread.awaitTermination(60, TimeUnit.SECONDS))
            {
                LOG.warn("journal: a snapshot is still being written; stopping without it");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (journal != null)
        {
            snapshotAtShutdown();
        }
    }

    private void snapshotAtShutdown()
    {
        if (!replayDone || !snapshotsOn())
        {
            return;
        }
        try
        {
            // The records the journal's last writes handed to the owner are queued before this.
            final Pending pending = owner.submit(() -> recordsInFlight.get() == 0 && !snapshotting
                && recordsSinceSnapshot > 0 && lastRecordIndex >= 0
                ? new Pending(lastRecordIndex, records.copy()) : null).get(5, TimeUnit.SECONDS);
            if (pending != null)
            {
                write(pending.index, pending.records);
            }
        }
        catch (final Exception ex)
        {
            LOG.warn("journal: no snapshot at shutdown: {}", ex.toString());
        }
    }

    /** What the snapshot at shutdown covers, read on the owner's loop. */
    private record Pending(long index, List<ServiceRecord> records)
    {
    }
}

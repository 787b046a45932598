package io.switchboard.core.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.jctools.queues.MpscArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * The journal on Chronicle Queue: memory-mapped files under one directory, a new file each day. An entry is one
 * Chronicle document: the type (UTF-8, length first) and the JSON bytes (length first).
 * <p>
 * <b>One writer.</b> A Chronicle appender belongs to one thread, so appends from the SIP workers and the API are
 * handed to the {@code journal-writer} thread through a JCTools MPSC queue; it writes them in the order they were
 * handed over and completes each future once its document is closed. A closed document is in the mapped file, that
 * is in the operating system's page cache: it survives the process being killed (SIGKILL), though not a power cut
 * (no fsync per entry; that would cost a disk flush per call).
 * <p>
 * The futures complete on the writer thread: whoever continues them must hand the work to its own thread
 * ({@code loop.execute}) and never do slow work there, or every append waits behind it. A full hand-over queue
 * fails the append at once ({@link JournalFullException}) rather than block the caller's event loop.
 */
public final class ChronicleJournal implements Journal
{
    private static final Logger LOG = LoggerFactory.getLogger(ChronicleJournal.class);
    /** Entries waiting for the writer; at ~10^5 appends/s this is over half a second of backlog. */
    public static final int DEFAULT_CAPACITY = 1 << 16;

    private record Pending(String type, byte[] json, CompletableFuture<Long> written)
    {
    }

    private final Path directory;
    private final ChronicleQueue queue;
    private final MpscArrayQueue<Pending> pending;
    private final AgentRunner runner;
    private final AtomicLong appended = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile boolean closed;

    private ChronicleJournal(final Path directory, final int capacity)
    {
        this.directory = directory;
        // Daily files; FAST_DAILY indexes more sparsely than DAILY, which appends faster and costs nothing to a reader
        // that replays from the start.
        queue = ChronicleQueue.singleBuilder(directory).rollCycle(RollCycles.FAST_DAILY).build();
        pending = new MpscArrayQueue<>(capacity);
        runner = new AgentRunner(new BackoffIdleStrategy(100, 10, TimeUnit.MICROSECONDS.toNanos(1),
            TimeUnit.MILLISECONDS.toNanos(1)), ex -> LOG.error("journal writer failed", ex), null, new Writer());
    }

    /** Opens (or creates) the journal in a directory and starts its writer thread. */
    public static ChronicleJournal open(final Path directory)
    {
        return open(directory, DEFAULT_CAPACITY);
    }

    public static ChronicleJournal open(final Path directory, final int capacity)
    {
        final ChronicleJournal journal = new ChronicleJournal(directory, capacity);
        final Thread thread = new Thread(journal.runner, "journal-writer");
        // A daemon: a test or tool that forgets close() still exits; the server closes it, which flushes.
        thread.setDaemon(true);
        thread.start();
        return journal;
    }

    public Path directory()
    {
        return directory;
    }

    /**
     * Hands an entry to the writer. The array is kept, not copied, until it is written: the caller must not change
     * it after the call.
     */
    @Override
    public CompletableFuture<Long> append(final String type, final byte[] json)
    {
        final CompletableFuture<Long> written = new CompletableFuture<>();
        if (closed)
        {
            return CompletableFuture.failedFuture(new IllegalStateException("the journal is closed"));
        }
        if (!pending.offer(new Pending(type, json, written)))
        {
            rejected.incrementAndGet();
            return CompletableFuture.failedFuture(new JournalFullException());
        }
        if (closed)
        {
            // Closed while we handed it over: the writer's last drain may have missed it. If it did write it, that
            // future is already complete and this does nothing; otherwise the caller learns it was not acknowledged.
            written.completeExceptionally(new IllegalStateException("the journal is closed"));
        }
        return written;
    }

    @Override
    public void replay(final BiConsumer<String, byte[]> handler)
    {
        replay((index, type) -> true, (index, type, json) -> handler.accept(type, json));
    }

    /** Reads every entry from the first file on, on the calling thread; a refused entry's JSON is not read. */
    @Override
    public void replay(final Filter wanted, final Handler handler)
    {
        try (ExcerptTailer tailer = queue.createTailer())
        {
            while (true)
            {
                try (DocumentContext document = tailer.readingDocument())
                {
                    if (!document.isPresent())
                    {
                        return;
                    }
                    final Bytes<?> bytes = document.wire().bytes();
                    final String type = bytes.readUtf8();
                    final long index = document.index();
                    if (!wanted.wants(index, type))
                    {
                        continue;
                    }
                    final byte[] json = new byte[(int)bytes.readStopBit()];
                    bytes.read(json);
                    handler.accept(index, type, json);
                }
            }
        }
    }

    /** Entries written since this journal was opened. */
    public long appended()
    {
        return appended.get();
    }

    /** Appends refused because the writer was too far behind. */
    public long rejected()
    {
        return rejected.get();
    }

    /**
     * Entries handed over and not yet written: the journal's lag behind its callers (an estimate read from any
     * thread, {@code /metrics}; nothing is counted on the append path for it).
     */
    public int pending()
    {
        return pending.size();
    }

    /** Stops taking appends, writes what was already handed over, stops the writer and closes the files. */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        runner.close();
        queue.close();
    }

    /** The writer thread's duty cycle: drains the hand-over queue into the appender, which only it touches. */
    private final class Writer implements Agent
    {
        private ExcerptAppender appender;

        @Override
        public void onStart()
        {
            appender = queue.createAppender();
        }

        @Override
        public int doWork()
        {
            return pending.drain(this::write, 256);
        }

        private void write(final Pending entry)
        {
            try
            {
                try (DocumentContext document = appender.writingDocument())
                {
                    final Bytes<?> bytes = document.wire().bytes();
                    bytes.writeUtf8(entry.type());
                    bytes.writeStopBit(entry.json().length);
                    bytes.write(entry.json());
                }
                appended.incrementAndGet();
                entry.written().complete(appender.lastIndexAppended());
            }
            catch (final RuntimeException ex)
            {
                LOG.error("journal: entry {} not written", entry.type(), ex);
                entry.written().completeExceptionally(ex);
            }
        }

        /**
         * A clean shutdown writes whatever was handed over before the journal closed. Closed before its thread ever
         * ran, the runner calls this on the closing thread instead: the appender is made here then.
         */
        @Override
        public void onClose()
        {
            if (appender == null)
            {
                appender = queue.createAppender();
            }
            while (doWork() > 0)
            {
                continue;
            }
            appender.close();
        }

        @Override
        public String roleName()
        {
            return "journal-writer";
        }
    }

    /** The writer is too far behind to take another entry; the append was not made. */
    public static final class JournalFullException extends IllegalStateException
    {
        JournalFullException()
        {
            super("the journal's writer is behind; entry refused", null);
        }
    }
}

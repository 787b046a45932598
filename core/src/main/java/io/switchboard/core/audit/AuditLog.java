package io.switchboard.core.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Who listened to or downloaded which recording: one JSON line per access, appended to
 * {@code <dataDir>/audit/yyyy-MM-dd.jsonl} (the UTC day of the access) by a thread of its own, never by an event
 * loop. Work that must be audited runs on that same thread ({@link #submit}) and writes its entry there before it
 * answers, so nothing is served that the log does not hold; a queue of {@value #QUEUE} waiting tasks that is full
 * refuses more ({@link java.util.concurrent.RejectedExecutionException}) rather than block a loop. Each line is
 * written and flushed to the file on its own; a line cut short by a crash is skipped when the log is read.
 */
public final class AuditLog implements AutoCloseable
{
    /** Tasks that may wait for the log's thread. */
    public static final int QUEUE = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final ObjectMapper JSON = new ObjectMapper()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final String SUFFIX = ".jsonl";

    /**
     * One access.
     *
     * @param at       when, epoch milliseconds
     * @param account  the account's e-mail
     * @param role     {@code agent}, {@code supervisor} or {@code admin}
     * @param staffNo  the account's staff number, or null
     * @param recordId the call's record id
     * @param action   {@code play} (listened in the page, or fetched for its waveform) or {@code download}
     * @param range    the bytes served ({@code bytes first-last/size}), null for the whole file
     * @param address  the client's address
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(long at, String account, String role, String staffNo, long recordId, String action,
        String range, String address)
    {
    }

    /** A page of entries, newest first, and how many matched in all. */
    public record Page(int total, List<Entry> entries)
    {
    }

    private final Path directory;
    private final ThreadPoolExecutor thread;

    public AuditLog(final Path directory)
    {
        this.directory = directory;
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), task ->
        {
            final Thread writer = new Thread(task, "audit-log");
            writer.setDaemon(true);
            return writer;
        });
    }

    /** Runs {@code work} on the log's thread, where it may {@link #write} entries; fails when the queue is full. */
    public <T> CompletableFuture<T> submit(final Callable<T> work)
    {
        return CompletableFuture.supplyAsync(() ->
        {
            try
            {
                return work.call();
            }
            catch (final RuntimeException ex)
            {
                throw ex;
            }
            catch (final Exception ex)
            {
                throw new CompletionException(ex);
            }
        }, thread);
    }

    /** Appends the entry to its day's file and flushes it: on the log's thread only (inside {@link #submit}). */
    public void write(final Entry entry) throws IOException
    {
        Files.createDirectories(directory);
        final byte[] line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        Files.write(directory.resolve(day(entry.at()) + SUFFIX), line, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND, StandardOpenOption.WRITE, StandardOpenOption.DSYNC);
    }

    /** The entries from {@code from} (inclusive) to {@code to} (exclusive), newest first, paged. */
    public CompletableFuture<Page> find(final long from, final long to, final int offset, final int limit)
    {
        return submit(() -> read(from, to, offset, limit));
    }

    private Page read(final long from, final long to, final int offset, final int limit) throws IOException
    {
        final List<Entry> page = new ArrayList<>();
        int total = 0;
        for (final Path file : days(from, to))
        {
            final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            final List<Entry> entries = new ArrayList<>(lines.size());
            for (final String line : lines)
            {
                final Entry entry = parse(line);
                if (entry != null && entry.at() >= from && entry.at() < to)
                {
                    entries.add(entry);
                }
            }
            // Written in order of access, so a day's newest are its last lines (stable for equal times).
            Collections.reverse(entries);
            for (final Entry entry : entries)
            {
                if (total >= offset && page.size() < limit)
                {
                    page.add(entry);
                }
                total++;
            }
        }
        return new Page(total, page);
    }

    /** The day files that may hold entries of the span, the newest day first. */
    private List<Path> days(final long from, final long to) throws IOException
    {
        if (!Files.isDirectory(directory))
        {
            return List.of();
        }
        final String first = from <= 0 ? "" : day(from);
        final String last = to == Long.MAX_VALUE ? "9999" : day(Math.max(0, to - 1));
        try (Stream<Path> files = Files.list(directory))
        {
            return files.filter(file -> file.getFileName().toString().endsWith(SUFFIX))
                .filter(file ->
                {
                    final String name = file.getFileName().toString();
                    final String date = name.substring(0, name.length() - SUFFIX.length());
                    return date.compareTo(first) >= 0 && date.compareTo(last) <= 0;
                })
                .sorted(Collections.reverseOrder())
                .toList();
        }
    }

    private static Entry parse(final String line)
    {
        if (line.isBlank())
        {
            return null;
        }
        try
        {
            return JSON.readValue(line, Entry.class);
        }
        catch (final IOException ex)
        {
            LOG.debug("audit: a line that does not parse is skipped: {}", ex.toString());
            return null;
        }
    }

    private static String day(final long at)
    {
        return LocalDate.ofInstant(Instant.ofEpochMilli(at), ZoneOffset.UTC).toString();
    }

    /** Lets the waiting entries be written (a few seconds at most). */
    @Override
    public void close()
    {
        thread.shutdown();
        try
        {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}

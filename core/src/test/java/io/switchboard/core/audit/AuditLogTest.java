package io.switchboard.core.audit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audit log's files: a line per access in its UTC day's file, read back newest first across days, paged. */
class AuditLogTest
{
    private static final long DAY_ONE = Instant.parse("2026-12-07T23:59:59Z").toEpochMilli();
    private static final long DAY_TWO = Instant.parse("2026-12-08T00:00:01Z").toEpochMilli();

    @TempDir
    Path directory;

    private AuditLog log;

    @AfterEach
    void close()
    {
        if (log != null)
        {
            log.close();
        }
    }

    private static AuditLog.Entry entry(final long at, final long recordId, final String range)
    {
        return new AuditLog.Entry(at, "1001@demo.switchboard", "agent", "A1", recordId, range == null ? "download"
            : "play", range, "127.0.0.1");
    }

    private void write(final AuditLog.Entry... entries) throws Exception
    {
        log.submit(() ->
        {
            for (final AuditLog.Entry entry : entries)
            {
                log.write(entry);
            }
            return null;
        }).get(5, TimeUnit.SECONDS);
    }

    @Test
    void shouldKeepEachDayInItsFileAndListTheNewestFirstAcrossDays() throws Exception
    {
        log = new AuditLog(directory);
        write(entry(DAY_ONE - 1000, 1, "bytes 0-99/1000"), entry(DAY_ONE, 2, null), entry(DAY_TWO, 3, null),
            entry(DAY_TWO + 1000, 4, "bytes 100-199/1000"));
        assertEquals(2, Files.readAllLines(directory.resolve("2026-12-07.jsonl")).size());
        assertEquals(2, Files.readAllLines(directory.resolve("2026-12-08.jsonl")).size());
        assertTrue(Files.readString(directory.resolve("2026-12-08.jsonl")).startsWith("{\"at\":" + DAY_TWO
            + ",\"account\":\"1001@demo.switchboard\",\"role\":\"agent\",\"staffNo\":\"A1\",\"recordId\":3,"
            + "\"action\":\"download\",\"address\":\"127.0.0.1\"}"), "no range for the whole file");

        final AuditLog.Page all = log.find(Long.MIN_VALUE, Long.MAX_VALUE, 0, 10).get(5, TimeUnit.SECONDS);
        assertEquals(4, all.total());
        assertEquals(List.of(4L, 3L, 2L, 1L), all.entries().stream().map(AuditLog.Entry::recordId).toList());
        final AuditLog.Page second = log.find(Long.MIN_VALUE, Long.MAX_VALUE, 1, 2).get(5, TimeUnit.SECONDS);
        assertEquals(4, second.total());
        assertEquals(List.of(3L, 2L), second.entries().stream().map(AuditLog.Entry::recordId).toList());
        final AuditLog.Page span = log.find(DAY_ONE, DAY_TWO + 1000, 0, 10).get(5, TimeUnit.SECONDS);
        assertEquals(List.of(3L, 2L), span.entries().stream().map(AuditLog.Entry::recordId).toList(),
            "from inclusive, to exclusive, over the day's edge");
    }

    @Test
    void shouldSkipALineCutShortByACrashAndFindNothingWithoutFiles() throws Exception
    {
        log = new AuditLog(directory.resolve("not-yet"));
        assertEquals(0, log.find(Long.MIN_VALUE, Long.MAX_VALUE, 0, 10).get(5, TimeUnit.SECONDS).total());
        log.close();
        log = new AuditLog(directory);
        write(entry(DAY_TWO, 1, null));
        Files.writeString(directory.resolve("2026-12-08.jsonl"), "{\"at\":" + (DAY_TWO + 5) + ",\"acc",
            StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Files.writeString(directory.resolve("2026-12-08.jsonl"), "\n", StandardOpenOption.APPEND);
        write(entry(DAY_TWO + 10, 2, null));
        final AuditLog.Page page = log.find(Long.MIN_VALUE, Long.MAX_VALUE, 0, 10).get(5, TimeUnit.SECONDS);
        assertEquals(List.of(2L, 1L), page.entries().stream().map(AuditLog.Entry::recordId).toList());
    }
}

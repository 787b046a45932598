package io.switchboard.core.journal;

import io.switchboard.core.records.ServiceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalSnapshotTest
{
    @TempDir
    Path dir;

    static ServiceRecord record(final long id, final String caller)
    {
        final boolean answered = id % 2 == 0;
        final long start = 1_790_000_000_000L + id * 1000;
        final ServiceRecord record = new ServiceRecord(id, start, start + 5000, "inbound", caller,
            answered ? "1001" : null, "4000", List.of("1", "2"), id % 3 == 0 ? null : "support",
            answered ? "A1" : null, answered, 1.5, answered ? 3.25 : 0, 0.5, answered ? 3 : 0,
            answered ? "caller-hung-up" : "abandoned-in-queue", id % 4 == 0 ? List.of("group:sales") : List.of(),
            answered ? List.of("A2", "A1") : List.of());
        return answered && id % 5 == 0 ? record.withRecording("2026/12/08/" + id + ".wav") : record;
    }

    static List<ServiceRecord> records(final int count, final String caller)
    {
        final List<ServiceRecord> records = new ArrayList<>();
        for (int i = 1; i <= count; i++)
        {
            records.add(record(i, caller + "-é-" + i));
        }
        return records;
    }

    @Test
    void shouldReadBackWhatWasWritten() throws IOException
    {
        final List<ServiceRecord> records = records(1000, "4930");
        final Path file = JournalSnapshot.write(dir, 123_456_789_012L, records);
        assertEquals("snapshot-123456789012.bin", file.getFileName().toString());
        final JournalSnapshot.Loaded loaded = JournalSnapshot.loadNewest(dir).orElseThrow();
        assertEquals(123_456_789_012L, loaded.index());
        assertEquals(records, loaded.records());
        assertEquals(List.of(file.getFileName().toString()), names(), "no temporary file left behind");
    }

    @Test
    void shouldKeepTheNewestTwo() throws IOException
    {
        JournalSnapshot.write(dir, 5, records(1, "a"));
        JournalSnapshot.write(dir, 100, records(2, "b"));
        JournalSnapshot.write(dir, 20, records(3, "c"));
        assertEquals(List.of("snapshot-100.bin", "snapshot-20.bin"), names());
        assertEquals(100, JournalSnapshot.loadNewest(dir).orElseThrow().index());
    }

    @Test
    void shouldIgnoreACorruptOrCutSnapshotAndFallBackToThePrevious() throws IOException
    {
        JournalSnapshot.write(dir, 10, records(10, "old"));
        final Path newest = JournalSnapshot.write(dir, 20, records(20, "new"));
        final byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(newest, bytes);
        assertThrows(IOException.class, () -> JournalSnapshot.read(newest));
        final JournalSnapshot.Loaded loaded = JournalSnapshot.loadNewest(dir).orElseThrow();
        assertEquals(10, loaded.index(), "the corrupt newest is passed over");
        assertEquals(records(10, "old"), loaded.records());

        Files.write(newest, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        assertEquals(10, JournalSnapshot.loadNewest(dir).orElseThrow().index(), "a cut one too");
        Files.write(dir.resolve("snapshot-10.bin"), new byte[0]);
        assertTrue(JournalSnapshot.loadNewest(dir).isEmpty(), "none readable: a full replay");
    }

    @Test
    void shouldFindNoneInAnEmptyOrMissingDirectory()
    {
        assertTrue(JournalSnapshot.loadNewest(dir).isEmpty());
        assertTrue(JournalSnapshot.loadNewest(dir.resolve("missing")).isEmpty());
    }

    private List<String> names() throws IOException
    {
        try (var files = Files.list(dir))
        {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}

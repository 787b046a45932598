package io.switchboard.core.system;

import io.switchboard.core.SwitchboardServer;
import io.switchboard.core.journal.ChronicleJournal;
import io.switchboard.core.journal.JournalSnapshot;
import io.switchboard.core.records.ServiceRecord;
import io.switchboard.core.records.ServiceRecordStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's start from a snapshot and the journal after it: the snapshot's records, then only the record entries
 * written after its position (none twice, none lost); a clean shutdown writes a new snapshot; a corrupt one is
 * ignored in favour of a full replay.
 */
@Timeout(60)
@org.junit.jupiter.api.Tag("system")
class JournalSnapshotSystemTest
{
    @TempDir
    Path data;

    private static ServiceRecord record(final long id, final String caller)
    {
        return new ServiceRecord(id, 1_790_000_000_000L + id * 1000, 1_790_000_000_000L + id * 1000 + 5000,
            "inbound", caller, "4000", "4000", List.of(), "support", null, false, 5, 0, 0, 0, "abandoned-in-queue",
            List.of());
    }

    /** Writes records 1..count to the journal; returns the position of each. */
    private List<Long> journalled(final int count) throws Exception
    {
        final List<Long> positions = new ArrayList<>();
        try (ChronicleJournal journal = ChronicleJournal.open(data.resolve("journal")))
        {
            for (int i = 1; i <= count; i++)
            {
                positions.add(journal.append(ServiceRecord.JOURNAL_TYPE, record(i, "journal").toJson())
                    .get(5, TimeUnit.SECONDS));
            }
        }
        return positions;
    }

    private static List<ServiceRecord> stored(final SwitchboardServer server)
    {
        final List<ServiceRecord> records = new ArrayList<>(server.records().find(ServiceRecordStore.Query.all())
            .records());
        java.util.Collections.reverse(records);
        return records;
    }

    @Test
    void shouldStartFromTheSnapshotAndReplayOnlyTheRecordsAfterIt() throws Exception
    {
        final List<Long> positions = journalled(30);
        final List<ServiceRecord> snapshot = new ArrayList<>();
        for (int i = 1; i <= 20; i++)
        {
            // Told apart from the journal's copies: those up to the snapshot's position must not be read.
            snapshot.add(record(i, "snapshot"));
        }
        JournalSnapshot.write(data.resolve("journal"), positions.get(19), snapshot);
        try (SwitchboardServer server = TestServers.start("", data.toString()))
        {
            final List<ServiceRecord> records = stored(server);
            assertEquals(30, records.size(), records::toString);
            for (int i = 0; i < 30; i++)
            {
                assertEquals(i + 1, records.get(i).id());
                assertEquals(i < 20 ? "snapshot" : "journal", records.get(i).caller(), records.get(i)::toString);
            }
        }
        // The clean shutdown wrote a snapshot of all 30, at the last record's position.
        final JournalSnapshot.Loaded latest = JournalSnapshot.loadNewest(data.resolve("journal")).orElseThrow();
        assertEquals(positions.get(29), latest.index());
        assertEquals(30, latest.records().size());
        try (SwitchboardServer server = TestServers.start("", data.toString()))
        {
            assertEquals(30, stored(server).size());
            assertEquals(30, stored(server).stream().map(ServiceRecord::id).distinct().count());
        }
    }

    @Test
    void shouldReplayTheWholeJournalWhenTheSnapshotIsCorrupt() throws Exception
    {
        final List<Long> positions = journalled(10);
        final Path file = JournalSnapshot.write(data.resolve("journal"), positions.get(4),
            List.of(record(1, "snapshot")));
        final byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);
        try (SwitchboardServer server = TestServers.start("", data.toString()))
        {
            final List<ServiceRecord> records = stored(server);
            assertEquals(10, records.size(), records::toString);
            assertTrue(records.stream().allMatch(record -> "journal".equals(record.caller())), records::toString);
        }
    }
}

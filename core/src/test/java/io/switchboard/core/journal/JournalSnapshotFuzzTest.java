package io.switchboard.core.journal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Fuzz target for the journal's snapshot reader (issue 19), what start-up reads before replaying the journal's tail:
 * a snapshot file is read whole or refused with an {@link IOException} (the server then replays the whole journal),
 * never another exception. The input is the file without its CRC-32 trailer, which the target appends, so the
 * fuzzer explores the parsing behind the checksum rather than the checksum. Corpus: snapshots written by
 * {@link JournalSnapshot#write} (calls, chats with transcripts and surveys, recordings) and older versions' headers
 * in {@code JournalSnapshotFuzzTestInputs/<method>/}; fuzzing: README, "Fuzzing".
 */
class JournalSnapshotFuzzTest
{
    private static Path directory;

    @BeforeAll
    static void directory() throws IOException
    {
        directory = Files.createTempDirectory("snapshot-fuzz");
    }

    @AfterAll
    static void removeDirectory() throws IOException
    {
        Files.deleteIfExists(directory.resolve("snapshot-1.bin"));
        Files.deleteIfExists(directory);
    }

    @Timeout(10)
    @FuzzTest(maxDuration = "5m")
    void snapshotReadsOrIsRefused(final byte[] input) throws IOException
    {
        final CRC32 crc = new CRC32();
        crc.update(input);
        final Path file = directory.resolve("snapshot-1.bin");
        Files.write(file, ByteBuffer.allocate(input.length + Long.BYTES).put(input).putLong(crc.getValue()).array());
        try
        {
            final JournalSnapshot.Loaded loaded = JournalSnapshot.read(file);
            assertNotNull(loaded.records());
        }
        catch (final IOException refused)
        {
            assertNotNull(refused.getMessage());
        }
    }
}

package io.switchboard.core.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChronicleJournalTest
{
    @TempDir
    Path dir;

    private static byte[] json(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> replayed(final Journal journal)
    {
        final List<String> entries = new ArrayList<>();
        journal.replay((type, json) -> entries.add(type + " " + new String(json, StandardCharsets.UTF_8)));
        return entries;
    }

    @Test
    void shouldReplayWhatWasAppendedInOrderWithIncreasingPositions() throws Exception
    {
        try (ChronicleJournal journal = ChronicleJournal.open(dir))
        {
            final long first = journal.append("record", json("{\"id\":1}")).get(5, TimeUnit.SECONDS);
            final long second = journal.append("agent.state", json("{\"é\":\"ü\"}")).get(5, TimeUnit.SECONDS);
            final long third = journal.append("record", new byte[0]).get(5, TimeUnit.SECONDS);
            assertTrue(first < second && second < third);
            assertEquals(List.of("record {\"id\":1}", "agent.state {\"é\":\"ü\"}", "record "), replayed(journal));
            assertEquals(3, journal.appended());
        }
    }

    @Test
    void shouldReplayEverythingAfterReopeningIncludingWhatWasPendingAtClose() throws Exception
    {
        final ChronicleJournal journal = ChronicleJournal.open(dir);
        final List<CompletableFuture<Long>> written = new ArrayList<>();
        for (int i = 0; i < 1000; i++)
        {
            written.add(journal.append("record", json("{\"n\":" + i + "}")));
        }
        journal.close();
        for (final CompletableFuture<Long> future : written)
        {
            // close() writes what was handed over before it: nothing is left pending.
            assertTrue(future.isDone() && !future.isCompletedExceptionally());
        }
        assertThrows(Exception.class, () -> journal.append("record", json("{}")).get(5, TimeUnit.SECONDS));
        try (ChronicleJournal reopened = ChronicleJournal.open(dir))
        {
            final List<String> entries = replayed(reopened);
            assertEquals(1000, entries.size());
            for (int i = 0; i < 1000; i++)
            {
                assertEquals("record {\"n\":" + i + "}", entries.get(i));
            }
            reopened.append("record", json("{\"n\":1000}")).get(5, TimeUnit.SECONDS);
            assertEquals(1001, replayed(reopened).size());
        }
    }

    @Test
    void shouldKeepEachAppendersOrderUnderConcurrentAppends() throws Exception
    {
        final int threads = 4;
        final int each = 5000;
        try (ChronicleJournal journal = ChronicleJournal.open(dir))
        {
            final CountDownLatch start = new CountDownLatch(1);
            final List<Thread> appenders = new ArrayList<>();
            final List<CompletableFuture<Long>> written = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < threads; t++)
            {
                final int thread = t;
                final Thread appender = new Thread(() ->
                {
                    try
                    {
                        start.await();
                    }
                    catch (final InterruptedException ex)
                    {
                        return;
                    }
                    for (int i = 0; i < each; i++)
                    {
                        CompletableFuture<Long> future;
                        // A full hand-over queue refuses at once; this test retries rather than lose the entry.
                        while ((future = journal.append("t" + thread, json(Integer.toString(i))))
                            .isCompletedExceptionally())
                        {
                            Thread.onSpinWait();
                        }
                        written.add(future);
                    }
                });
                appender.start();
                appenders.add(appender);
            }
            start.countDown();
            for (final Thread appender : appenders)
            {
                appender.join(TimeUnit.SECONDS.toMillis(30));
            }
            CompletableFuture.allOf(written.toArray(new CompletableFuture[0])).get(30, TimeUnit.SECONDS);
            final int[] next = new int[threads];
            final int[] count = {0};
            journal.replay((type, json) ->
            {
                final int thread = type.charAt(1) - '0';
                assertEquals(next[thread]++, Integer.parseInt(new String(json, StandardCharsets.UTF_8)));
                count[0]++;
            });
            assertEquals(threads * each, count[0]);
        }
    }

    @Test
    void shouldRefuseAtOnceWhenTheWriterIsTooFarBehind() throws Exception
    {
        try (ChronicleJournal journal = ChronicleJournal.open(dir, 16))
        {
            int refused = 0;
            for (int i = 0; i < 100_000 && refused == 0; i++)
            {
                if (journal.append("record", json("{}")).isCompletedExceptionally())
                {
                    refused++;
                }
            }
            assertTrue(refused > 0 && journal.rejected() > 0);
        }
    }
}

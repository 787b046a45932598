package io.switchboard.sip.auth;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NonceCountsTest
{
    @Test
    void shouldAcceptOnlyIncreasingCounts()
    {
        final NonceCounts counts = new NonceCounts(10);

        assertTrue(counts.advance("n", 1, 1000, 0));
        assertFalse(counts.advance("n", 1, 1000, 0));
        assertTrue(counts.advance("n", 3, 1000, 0));
        assertFalse(counts.advance("n", 2, 1000, 0));
        assertTrue(counts.advance("other", 1, 1000, 0));
    }

    @Test
    void shouldRefuseNewNoncesWhenFullOfLiveOnesAndPruneExpiredOnes()
    {
        final NonceCounts counts = new NonceCounts(2);
        counts.advance("a", 1, 1000, 0);
        counts.advance("b", 1, 2000, 0);

        assertFalse(counts.advance("c", 1, 3000, 500));
        assertTrue(counts.advance("a", 2, 1000, 500));
        assertTrue(counts.advance("c", 1, 3000, 1001));
        assertEquals(2, counts.size());
    }

    @Test
    void shouldAcceptEachCountOnceAcrossThreads() throws Exception
    {
        final NonceCounts counts = new NonceCounts(10);
        final AtomicInteger accepted = new AtomicInteger();
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        try
        {
            final Future<?>[] futures = new Future<?>[4];
            for (int t = 0; t < 4; t++)
            {
                futures[t] = pool.submit(() ->
                {
                    for (int nc = 1; nc <= 1000; nc++)
                    {
                        if (counts.advance("n", nc, Long.MAX_VALUE, 0))
                        {
                            accepted.incrementAndGet();
                        }
                    }
                });
            }
            for (final Future<?> future : futures)
            {
                future.get(10, TimeUnit.SECONDS);
            }
        }
        finally
        {
            pool.shutdownNow();
        }
        assertTrue(accepted.get() >= 1000 && accepted.get() <= 4000);
        assertFalse(counts.advance("n", 1000, Long.MAX_VALUE, 0));
    }
}

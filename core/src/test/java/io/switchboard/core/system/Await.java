package io.switchboard.core.system;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Waits, bounded, for something the server does on its own threads to show: asks again every 20 ms until the
 * answer satisfies the condition, and fails with what was seen last when the time is up. The one poll loop of the
 * system tests.
 */
final class Await
{
    /**
     * How long a system test waits for the server unless it says otherwise: what takes milliseconds here may take
     * seconds on a loaded CI machine, and a longer limit costs nothing when the wait succeeds.
     */
    static final Duration DEFAULT = Duration.ofSeconds(20);
    private static final long POLL_MILLIS = 20;

    private Await()
    {
    }

    /** Asks {@code probe} until its answer satisfies {@code done}; returns that answer. */
    static <T> T until(final String what, final Callable<T> probe, final Predicate<? super T> done) throws Exception
    {
        return until(what, DEFAULT, probe, done);
    }

    /** The same with a time limit of the caller's. */
    static <T> T until(final String what, final Duration limit, final Callable<T> probe,
        final Predicate<? super T> done) throws Exception
    {
        final long deadline = System.nanoTime() + limit.toNanos();
        T last = probe.call();
        while (!done.test(last))
        {
            if (System.nanoTime() > deadline)
            {
                fail("timed out after " + limit.toMillis() + " ms waiting for " + what + "; last seen: " + last);
            }
            Thread.sleep(POLL_MILLIS);
            last = probe.call();
        }
        return last;
    }
}

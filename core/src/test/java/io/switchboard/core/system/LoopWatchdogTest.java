package io.switchboard.core.system;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.channel.nio.NioEventLoopGroup;
import io.switchboard.core.metrics.LoopWatchdog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The event-loop watchdog on a real Netty loop blocked on purpose by a latch (a stall cannot be simulated with a
 * clock: the loop's thread must really not run): one warning with the loop's stack showing where it is blocked, one
 * stall counted however long it lasts, and the loop's latency back to normal once it is released.
 */
@Timeout(60)
class LoopWatchdogTest
{
    private static final long THRESHOLD_MILLIS = 200;

    private NioEventLoopGroup group;
    private LoopWatchdog watchdog;
    private ListAppender<ILoggingEvent> warnings;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start()
    {
        warnings = new ListAppender<>();
        warnings.start();
        logger().addAppender(warnings);
        group = new NioEventLoopGroup(1);
        watchdog = new LoopWatchdog(LoopWatchdog.of("test-loop", group), THRESHOLD_MILLIS, 20);
    }

    @AfterEach
    void stop()
    {
        release.countDown();
        watchdog.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        logger().detachAppender(warnings);
    }

    private static Logger logger()
    {
        return (Logger)LoggerFactory.getLogger(LoopWatchdog.class);
    }

    /** What the blocked loop is doing: named so that its stack in the warning says so. */
    private void blockedOnPurpose(final CountDownLatch blocked) throws InterruptedException
    {
        blocked.countDown();
        release.await();
    }

    @Test
    void aBlockedLoopIsReportedOnceWithItsStackAndCounted() throws Exception
    {
        final LoopWatchdog.Loop loop = watchdog.loops().get(0);
        Await.until("the watchdog's first no-op task ran", loop::seen, seen -> seen);
        assertEquals(0, watchdog.stalls(), "a loop that runs is no stall");
        assertTrue(loop.latencySeconds() * 1000 < THRESHOLD_MILLIS, () -> "latency " + loop.latencySeconds());

        final CountDownLatch blocked = new CountDownLatch(1);
        group.next().execute(() ->
        {
            try
            {
                blockedOnPurpose(blocked);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(blocked.await(10, TimeUnit.SECONDS), "the loop took the blocking task");
        Await.until("the stall counted", watchdog::stalls, n -> n >= 1);
        final List<ILoggingEvent> stalls = warnings.list.stream()
            .filter(e -> e.getFormattedMessage().contains("has not run a task")).toList();
        assertEquals(1, stalls.size(), stalls::toString);
        final String warning = stalls.get(0).getFormattedMessage();
        assertTrue(warning.contains("test-loop-0") && warning.contains("blockedOnPurpose"), warning);
        assertTrue(loop.latencySeconds() * 1000 > THRESHOLD_MILLIS, "a pending task counts as it waits");

        release.countDown();
        Await.until("the loop's latency back to normal", loop::latencySeconds,
            s -> s * 1000 < THRESHOLD_MILLIS);
        assertEquals(1, watchdog.stalls(), "one stall, however long it lasted");
    }
}

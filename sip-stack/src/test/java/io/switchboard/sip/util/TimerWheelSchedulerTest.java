package io.switchboard.sip.util;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimerWheelSchedulerTest
{
    private static final long TICK = TimerWheelScheduler.DEFAULT_TICK_NS;

    private long now = 1_000_000_000L;
    private final TimerWheelScheduler scheduler = new TimerWheelScheduler(() -> now);
    private final List<String> fired = new ArrayList<>();

    private void advanceMillis(final long millis)
    {
        now += TimeUnit.MILLISECONDS.toNanos(millis);
        scheduler.poll();
    }

    @Test
    void shouldFireNeverEarlyAndAtMostOneTickLate()
    {
        scheduler.schedule(() -> fired.add("a"), 500, TimeUnit.MILLISECONDS);
        advanceMillis(499);
        assertTrue(fired.isEmpty());
        now += TimeUnit.MILLISECONDS.toNanos(1) + TICK;
        scheduler.poll();
        assertEquals(List.of("a"), fired);
        assertEquals(0, scheduler.pending());
    }

    @Test
    void shouldFireTimersLongerThanOneTurnOfTheWheelOnlyWhenDue()
    {
        scheduler.schedule(() -> fired.add("32s"), 32, TimeUnit.SECONDS);
        for (int i = 0; i < 31; i++)
        {
            advanceMillis(1000);
        }
        assertTrue(fired.isEmpty(), "not before 32 s");
        advanceMillis(1000 + 10);
        assertEquals(List.of("32s"), fired);
    }

    @Test
    void shouldCatchUpOverManyTicksInOnePoll()
    {
        scheduler.schedule(() -> fired.add("1"), 10, TimeUnit.MILLISECONDS);
        scheduler.schedule(() -> fired.add("2"), 2000, TimeUnit.MILLISECONDS);
        scheduler.schedule(() -> fired.add("3"), 9000, TimeUnit.MILLISECONDS);
        advanceMillis(10_000);
        assertEquals(3, fired.size());
    }

    @Test
    void shouldNotRunACancelledTimerAndIgnoreAStaleHandle()
    {
        final TimerScheduler.Cancellable first =
            scheduler.schedule(() -> fired.add("first"), 100, TimeUnit.MILLISECONDS);
        first.cancel();
        // The wheel may reuse the cancelled timer's id for the next one: the old handle must not cancel it.
        scheduler.schedule(() -> fired.add("second"), 100, TimeUnit.MILLISECONDS);
        first.cancel();
        advanceMillis(200);
        assertEquals(List.of("second"), fired);
    }

    @Test
    void shouldRunTimersScheduledFromATimer()
    {
        scheduler.schedule(() ->
        {
            fired.add("outer");
            scheduler.schedule(() -> fired.add("inner"), 500, TimeUnit.MILLISECONDS);
        }, 500, TimeUnit.MILLISECONDS);
        advanceMillis(600);
        assertEquals(List.of("outer"), fired);
        advanceMillis(600);
        assertEquals(List.of("outer", "inner"), fired);
    }
}

package io.switchboard.sip.util;

import java.util.concurrent.TimeUnit;

/**
 * Schedules timers on the owner thread of the state they touch (time is an input: tests use a manual clock).
 * The production implementation is {@link TimerWheelScheduler}, polled by the owning event loop;
 * {@code ManualScheduler} in the test-jar runs due tasks when a test advances its clock.
 */
public interface TimerScheduler
{
    /** Runs the task on the owner thread after the delay. The returned handle cancels it in O(1). */
    Cancellable schedule(Runnable task, long delay, TimeUnit unit);

    /** The owner's notion of now, in nanoseconds, for stamping state changes. */
    long nanoTime();

    /** A scheduled timer that can be cancelled; cancelling twice or after it fired is harmless. */
    @FunctionalInterface
    interface Cancellable
    {
        void cancel();
    }
}

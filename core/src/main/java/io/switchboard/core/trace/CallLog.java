package io.switchboard.core.trace;

import io.switchboard.sip.util.TimerScheduler;
import org.slf4j.MDC;

import java.util.concurrent.TimeUnit;

/**
 * The SLF4J MDC key that names the call a log line is about ({@code %X{call}} in logback's pattern): the call's id
 * (the service record's) once the call layer knows the call, else the SIP Call-ID of the message being handled.
 * Set by the worker around each message's handling and by the API around each command on a call, and removed after.
 * <p>
 * Work that no message drives names its call too: a timer of the call layer fires with the call that was named when
 * it was scheduled ({@link #scheduler}: session timers, ring and transfer timeouts, a flow's timers), and the code
 * that acts on calls by itself (the media timeout's checks, the ACD's decisions, a transaction's timeout) names each
 * call it acts on ({@link #about}).
 */
public final class CallLog
{
    /** The MDC key. */
    public static final String KEY = "call";

    private CallLog()
    {
    }

    /** Runs {@code task} with the call named in the MDC, then puts back what was named before (or nothing). */
    public static void about(final String call, final Runnable task)
    {
        final String before = MDC.get(KEY);
        MDC.put(KEY, call);
        try
        {
            task.run();
        }
        finally
        {
            if (before == null)
            {
                MDC.remove(KEY);
            }
            else
            {
                MDC.put(KEY, before);
            }
        }
    }

    /** As {@link #about(String, Runnable)} for a call's id. */
    public static void about(final long callId, final Runnable task)
    {
        about(Long.toString(callId), task);
    }

    /**
     * The call layer's timers: a task scheduled while a call is named (a message, a command, another timer about
     * it) runs with that call named. Nothing is added to a timer scheduled with no call named. Only the call layer
     * uses it (a few timers per call); the transaction layer's retransmission timers keep the bare scheduler.
     */
    public static TimerScheduler scheduler(final TimerScheduler timers)
    {
        return new TimerScheduler()
        {
            @Override
            public Cancellable schedule(final Runnable task, final long delay, final TimeUnit unit)
            {
                final String call = MDC.get(KEY);
                return timers.schedule(call == null ? task : () -> about(call, task), delay, unit);
            }

            @Override
            public long nanoTime()
            {
                return timers.nanoTime();
            }
        };
    }
}

package io.switchboard.sip.test;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.SipCounters;
import io.switchboard.sip.transaction.TimerValues;
import io.switchboard.sip.transaction.TransactionLayer;

import java.util.ArrayList;
import java.util.List;

/**
 * A transaction layer wired to a manual clock, a capturing sender and a recording TU, for one test. Helpers advance
 * the clock and report when messages were sent.
 */
public final class TxHarness
{
    public final ManualScheduler scheduler = new ManualScheduler();
    public final CapturingSender sender = new CapturingSender();
    public final TxRecordingUser tu = new TxRecordingUser();
    public final SipCounters counters = new SipCounters();
    public final TransactionLayer layer;

    public TxHarness()
    {
        this(TimerValues.DEFAULTS);
    }

    public TxHarness(final TimerValues timers)
    {
        layer = new TransactionLayer(tu, sender, scheduler, timers, counters);
    }

    public long nowMs()
    {
        return scheduler.nanoTime() / 1_000_000;
    }

    /**
     * Advances the clock in steps of {@code stepMs} until {@code untilMs} (absolute), returning the times (ms, from
     * the clock's start) at which the sender's count grew, once per message sent.
     */
    public List<Long> sendTimesUntil(final long untilMs, final long stepMs)
    {
        final List<Long> times = new ArrayList<>();
        int seen = sender.count();
        while (nowMs() < untilMs)
        {
            scheduler.advanceMillis(stepMs);
            while (seen < sender.count())
            {
                times.add(nowMs());
                seen++;
            }
        }
        return times;
    }

    public long count(final SipCounters.Id id)
    {
        return counters.get(id);
    }

    /** The sent messages that are requests with this method. */
    public List<SIPRequest> sentRequests(final String method)
    {
        final List<SIPRequest> result = new ArrayList<>();
        for (final CapturingSender.Sent s : sender.sent())
        {
            if (s.message() instanceof SIPRequest r && r.getMethod().equals(method))
            {
                result.add(r);
            }
        }
        return result;
    }

    /** The sent messages that are responses with this status. */
    public List<SIPResponse> sentResponses(final int status)
    {
        final List<SIPResponse> result = new ArrayList<>();
        for (final CapturingSender.Sent s : sender.sent())
        {
            if (s.message() instanceof SIPResponse r && r.getStatusCode() == status)
            {
                result.add(r);
            }
        }
        return result;
    }
}

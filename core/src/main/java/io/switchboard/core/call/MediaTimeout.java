package io.switchboard.core.call;

import io.switchboard.core.trace.CallLog;
import io.switchboard.media.engine.Endpoint;
import io.switchboard.sip.util.TimerScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.message.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ends the calls whose phones are gone without a BYE: a phone that has sent neither RTP nor RTCP (RFC 3550 §6.2:
 * RTCP keeps flowing while a party is silent) for {@code timeout} while nobody in the call is on hold, or a browser
 * whose ICE consent expired (RFC 7675: no verified check for 30 s, which a live browser sends every few seconds,
 * on hold too; checked even when the media timeout is off). The call ends on both legs with BYE like any other end
 * (agents go to wrap-up), and its record says {@code media-timeout} or {@code ice-consent-expired}.
 * <p>
 * One per worker, on its loop, over the calls the worker owns. Instead of a clock read per packet, each check
 * compares a leg's packet count with the one seen at the last check: a leg whose count has not moved since
 * {@code quietSinceNs} is silent since then. The checks come {@link #period} apart, so a dead call ends between
 * {@code timeout} and {@code timeout + period} after its last packet. Each end is logged with its call named in
 * the MDC ({@link CallLog}), as a message's handling would be.
 */
final class MediaTimeout
{
    static final String REASON = "media-timeout";
    static final String CONSENT_EXPIRED = "ice-consent-expired";
    private static final Logger LOG = LoggerFactory.getLogger(MediaTimeout.class);
    private static final long MAX_PERIOD_NS = TimeUnit.SECONDS.toNanos(5);

    private final CallController calls;
    private final TimerScheduler scheduler;
    private final long timeoutNs;
    private final long periodNs;
    private final List<Call> silent = new ArrayList<>();
    private final List<Call> unconsented = new ArrayList<>();

    MediaTimeout(final CallController calls, final TimerScheduler scheduler, final long timeoutMillis)
    {
        this.calls = calls;
        this.scheduler = scheduler;
        this.timeoutNs = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.periodNs = timeoutNs == 0 ? MAX_PERIOD_NS
            : Math.max(TimeUnit.MILLISECONDS.toNanos(100), Math.min(MAX_PERIOD_NS, timeoutNs / 4));
    }

    /** Starts the checks (consent is checked even when the media timeout is 0, off). */
    void start()
    {
        scheduler.schedule(this::check, periodNs, TimeUnit.NANOSECONDS);
    }

    long periodNs()
    {
        return periodNs;
    }

    /** One check of every call of the worker; the next one is scheduled first, so a failing call cannot stop them. */
    void check()
    {
        scheduler.schedule(this::check, periodNs, TimeUnit.NANOSECONDS);
        final long now = scheduler.nanoTime();
        for (final Call call : calls.liveCalls())
        {
            if (consentExpired(call))
            {
                unconsented.add(call);
            }
            else if (timeoutNs > 0 && isSilent(call, now))
            {
                silent.add(call);
            }
        }
        for (final Call call : unconsented)
        {
            CallLog.about(call.id(), () ->
            {
                LOG.info("{}: a browser's ICE consent expired (no STUN check for 30 s), ending it", call);
                calls.endCall(call, Response.REQUEST_TIMEOUT, CONSENT_EXPIRED);
            });
        }
        unconsented.clear();
        for (final Call call : silent)
        {
            CallLog.about(call.id(), () ->
            {
                LOG.info("{}: no RTP or RTCP from a phone for {} ms, ending it", call,
                    TimeUnit.NANOSECONDS.toMillis(timeoutNs));
                calls.endCall(call, Response.REQUEST_TIMEOUT, REASON);
            });
        }
        silent.clear();
    }

    /** Whether a browser in a talking call has gone (on hold or not: consent checks never stop). */
    private static boolean consentExpired(final Call call)
    {
        final CallState state = call.state();
        if (call.media == null || state != CallState.ANSWERED && state != CallState.CONFIRMED)
        {
            return false;
        }
        return consentExpired(call.caller()) || consentExpired(call.answered());
    }

    private static boolean consentExpired(final Leg leg)
    {
        return leg != null && leg.endpoint != null && !leg.isOver() && leg.endpoint.consentExpired();
    }

    /** Whether a party of a talking call, nobody on hold, has been silent for the timeout. */
    private boolean isSilent(final Call call, final long now)
    {
        final CallState state = call.state();
        if (call.media == null || state != CallState.ANSWERED && state != CallState.CONFIRMED)
        {
            return false;
        }
        final Leg caller = call.caller();
        final Leg callee = call.answered();
        if (held(caller) || held(callee))
        {
            // On hold a phone may rightly send nothing (a=inactive): the silence counts from the resume.
            restart(caller, now);
            restart(callee, now);
            return false;
        }
        return silentFor(caller, now) || silentFor(callee, now);
    }

    private boolean silentFor(final Leg leg, final long now)
    {
        if (leg == null || leg.endpoint == null || leg.isOver())
        {
            return false;
        }
        final long count = received(leg.endpoint);
        if (leg.mediaQuietSinceNs == 0 || count != leg.mediaCount)
        {
            leg.mediaCount = count;
            leg.mediaQuietSinceNs = now;
            return false;
        }
        return now - leg.mediaQuietSinceNs >= timeoutNs;
    }

    private static void restart(final Leg leg, final long now)
    {
        if (leg != null && leg.endpoint != null)
        {
            leg.mediaCount = received(leg.endpoint);
            leg.mediaQuietSinceNs = now;
        }
    }

    private static boolean held(final Leg leg)
    {
        return leg != null && leg.endpoint != null && leg.endpoint.held();
    }

    private static long received(final Endpoint endpoint)
    {
        return endpoint.packetsIn() + endpoint.rtcpReceived();
    }
}

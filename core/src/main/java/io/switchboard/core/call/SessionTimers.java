package io.switchboard.core.call;

import io.switchboard.sip.message.Bodies;
import io.switchboard.sip.message.SipMessages;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import io.switchboard.sip.message.Responses;
import io.switchboard.sip.message.SipFactories;
import io.switchboard.sip.util.TimerScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.header.AllowHeader;
import javax.sip.header.Header;
import javax.sip.header.SupportedHeader;
import java.text.ParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * SIP session timers (RFC 4028) on each leg of a call, so that a call whose phone or trunk is gone ends even when
 * nothing else would notice (a phone on hold sends no RTP; a carrier may keep RTP flowing into a dead call):
 * <ul>
 *   <li>our INVITEs offer {@code Supported: timer}, {@code Session-Expires} (refresher uac: us) and {@code Min-SE}
 *   (§7.1); a 2xx decides the interval and who refreshes (§7.2). A 2xx without Session-Expires (a phone that does
 *   not know timers) leaves the refreshing to us at the same interval: a re-INVITE or UPDATE may be sent at any
 *   time, and one that finds the phone gone ends the call;</li>
 *   <li>a phone's INVITE (or refresh) asking for less than our Min-SE gets {@code 422} with our Min-SE (§9); our 2xx
 *   carries the interval and the refresher: the phone's choice if it made one, else us (§9), with
 *   {@code Require: timer} when the phone refreshes;</li>
 *   <li>we refresh at half the interval (§10) with UPDATE when the phone allows it, else a re-INVITE with our current
 *   session description; the refresh's 2xx may change the interval, 422 raises it, 491 retries; 408, 481, no
 *   answer or a transport error end the call (§10, RFC 5057), any other answer proves the phone is there;</li>
 *   <li>when the phone refreshes and its refresh does not come by {@code interval - min(32, interval / 3)} seconds,
 *   the call ends (§10).</li>
 * </ul>
 * A call ended by a failed refresh or an expired session gets the record reason {@link #EXPIRED}. One per worker,
 * on its loop, like the calls.
 */
final class SessionTimers implements CallListener
{
    static final String EXPIRED = "session-expired";
    /** RFC 4028 §6: 422 Session Interval Too Small. */
    static final int INTERVAL_TOO_SMALL = 422;
    /** RFC 4028 §4: no Min-SE below 90 seconds. */
    static final int RFC_MIN_SE = 90;
    private static final String SESSION_EXPIRES = "Session-Expires";
    private static final String SESSION_EXPIRES_COMPACT = "x";
    private static final String MIN_SE = "Min-SE";
    private static final String TIMER = "timer";
    private static final long GLARE_RETRY_MS = 2100;
    private static final Logger LOG = LoggerFactory.getLogger(SessionTimers.class);

    /** What the timers need of the call layer: sending in a leg's dialog, acknowledging, ending. */
    interface Dialogs
    {
        /** Sends a request of the leg's dialog (our Via and Contact added); its answers come to {@link #answered}. */
        void sendInDialog(Leg leg, Request request, Refresh refresh);

        /** Acknowledges a 2xx to a re-INVITE we sent on the leg. */
        void ack(Leg leg, long seq);

        /** Our offer for a refreshing re-INVITE: the leg's session as it is. */
        byte[] currentOffer(Leg leg);

        /** Takes the answer to that offer; false if it is unusable. */
        boolean takeAnswer(Leg leg, Response response);

        void end(Call call, int status, String reason);
    }

    /** The user data of a refresh we sent: its leg and method. */
    record Refresh(Leg leg, String method)
    {
    }

    /** The session timer of one leg. */
    static final class State
    {
        int seconds;
        boolean weRefresh;
        boolean peerAllowsUpdate;
        TimerScheduler.Cancellable timer;
    }

    private final Dialogs dialogs;
    private final TimerScheduler scheduler;
    private final int sessionExpires;
    private final int minSe;

    /**
     * @param sessionExpires the interval we ask for and accept at most, in seconds; 0 turns the timers off
     * @param minSe          the smallest interval we accept (at least {@link #RFC_MIN_SE})
     */
    SessionTimers(final Dialogs dialogs, final TimerScheduler scheduler, final int sessionExpires, final int minSe)
    {
        this.dialogs = dialogs;
        this.scheduler = scheduler;
        this.sessionExpires = sessionExpires;
        this.minSe = Math.max(RFC_MIN_SE, minSe);
    }

    boolean enabled()
    {
        return sessionExpires > 0;
    }

    /** The 422 for a phone's INVITE or refresh asking for an interval below our Min-SE (§9), else null. */
    Response tooSmall(final Request request)
    {
        final int asked = enabled() ? seconds(request.getHeader(SESSION_EXPIRES), request) : -1;
        if (asked < 0 || asked >= minSe)
        {
            return null;
        }
        final Response response = Responses.withToTag(request, INTERVAL_TOO_SMALL, "Session Interval Too Small",
            null);
        response.addHeader(header(MIN_SE, String.valueOf(minSe)));
        return response;
    }

    /** Our INVITE to a phone or trunk (we are its UAC): offers the timer with us as the refresher (§7.1). */
    void offering(final Request invite)
    {
        if (enabled())
        {
            invite.addHeader(header("Supported", TIMER));
            invite.addHeader(header(SESSION_EXPIRES, sessionExpires + ";refresher=uac"));
            invite.addHeader(header(MIN_SE, String.valueOf(minSe)));
        }
    }

    /**
     * We answer the phone's INVITE, re-INVITE or UPDATE on {@code leg} (we are the UAS of that transaction) with
     * {@code ok}: the interval and refresher go into it (§9) and the leg's timer starts again.
     */
    void answering(final Leg leg, final Request request, final Response ok)
    {
        if (!enabled())
        {
            return;
        }
        final Header asked = request.getHeader(SESSION_EXPIRES);
        final int seconds = Math.max(minSe, Math.min(sessionExpires, seconds(asked, request) > 0
            ? seconds(asked, request) : sessionExpires));
        final String refresher = asked == null ? null : refresher(asked);
        final boolean phoneRefreshes = "uac".equals(refresher);
        ok.addHeader(header(SESSION_EXPIRES, seconds + ";refresher=" + (phoneRefreshes ? "uac" : "uas")));
        if (phoneRefreshes || supportsTimer(request) && asked != null)
        {
            ok.addHeader(header("Require", TIMER));
        }
        final State state = state(leg);
        state.peerAllowsUpdate |= allowsUpdate(request);
        start(leg, seconds, !phoneRefreshes);
    }

    /**
     * A phone or trunk answered our INVITE on {@code leg} with {@code ok} (we are its UAC): the 2xx says the
     * interval and who refreshes (§7.2); without Session-Expires we refresh at our interval.
     */
    void answered(final Leg leg, final Response ok)
    {
        if (!enabled())
        {
            return;
        }
        final Header said = ok.getHeader(SESSION_EXPIRES);
        final int seconds = said == null ? sessionExpires : Math.max(minSe, seconds(said, ok));
        state(leg).peerAllowsUpdate = allowsUpdate(ok);
        start(leg, seconds, said == null || !"uas".equals(refresher(said)));
    }

    /**
     * Our INVITE got a 422 (§7.1): the Session-Expires and Min-SE to send it again with, at the Min-SE the 422
     * asks for; null when that is not more than we asked (a 422 that would loop) or the timers are off.
     */
    javax.sip.header.Header[] largerInterval(final Request invite, final Response response)
    {
        final int asked = seconds(invite.getHeader(SESSION_EXPIRES), invite);
        final int wanted = minSeOf(response);
        if (!enabled() || wanted <= asked)
        {
            return null;
        }
        return new javax.sip.header.Header[] {header(SESSION_EXPIRES, wanted + ";refresher=uac"),
            header(MIN_SE, String.valueOf(wanted))};
    }

    /** The answer to a refresh we sent. */
    void refreshAnswered(final Refresh refresh, final Response response)
    {
        final Leg leg = refresh.leg();
        final int status = response.getStatusCode();
        final boolean invite = Request.INVITE.equals(refresh.method());
        if (status < 200 || gone(leg))
        {
            return;
        }
        if (invite)
        {
            final boolean usable = status >= 300 || dialogs.takeAnswer(leg, response);
            leg.offered = null;
            if (status < 300)
            {
                dialogs.ack(leg, SipMessages.cseq(response));
            }
            if (!usable)
            {
                dialogs.end(leg.call(), Response.NOT_ACCEPTABLE_HERE, "no answer to our offer");
                return;
            }
        }
        final State state = state(leg);
        if (status < 300)
        {
            final Header said = response.getHeader(SESSION_EXPIRES);
            start(leg, said == null ? state.seconds : Math.max(minSe, seconds(said, response)),
                said == null || !"uas".equals(refresher(said)));
        }
        else if (status == INTERVAL_TOO_SMALL)
        {
            state.seconds = Math.max(state.seconds, minSeOf(response));
            refresh(leg);
        }
        else if (status == Response.REQUEST_PENDING)
        {
            state.timer = scheduler.schedule(() -> refresh(leg), GLARE_RETRY_MS, TimeUnit.MILLISECONDS);
        }
        else if (status == Response.REQUEST_TIMEOUT || status == Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST)
        {
            refreshFailed(leg, status);
        }
        else if (!invite && (status == Response.METHOD_NOT_ALLOWED || status == Response.NOT_IMPLEMENTED))
        {
            state.peerAllowsUpdate = false;
            refresh(leg);
        }
        else
        {
            // The phone is there, it just would not take this refresh: try again at the next half interval.
            start(leg, state.seconds, true);
        }
    }

    /** A refresh got no answer, or could not be sent: the phone is gone (§10). */
    void refreshFailed(final Leg leg, final int status)
    {
        if (!gone(leg))
        {
            LOG.info("{}: session refresh on {} failed ({}), ending the call", leg.call(), leg, status);
            dialogs.end(leg.call(), status, EXPIRED);
        }
    }

    /** The call is over: its legs' timers stop. */
    @Override
    public void ending(final Call call)
    {
        stop(call.caller());
        stop(call.answered());
        for (final Leg leg : call.forks())
        {
            stop(leg);
        }
        for (final Leg leg : call.setAside)
        {
            stop(leg);
        }
    }

    private void start(final Leg leg, final int seconds, final boolean weRefresh)
    {
        final State state = state(leg);
        stop(leg);
        state.seconds = seconds;
        state.weRefresh = weRefresh;
        if (weRefresh)
        {
            state.timer = scheduler.schedule(() -> refresh(leg), seconds * 500L, TimeUnit.MILLISECONDS);
        }
        else
        {
            final long expiresMs = (seconds - Math.min(32, seconds / 3)) * 1000L;
            state.timer = scheduler.schedule(() -> expired(leg), expiresMs, TimeUnit.MILLISECONDS);
        }
    }

    private static void stop(final Leg leg)
    {
        if (leg != null && leg.session != null && leg.session.timer != null)
        {
            leg.session.timer.cancel();
            leg.session.timer = null;
        }
    }

    /** Sends a refresh on the leg: UPDATE when the phone allows it, else a re-INVITE with our session as it is. */
    void refresh(final Leg leg)
    {
        if (gone(leg))
        {
            return;
        }
        final State state = state(leg);
        if (leg.offered != null || leg.dialog() == null || leg.usage().reinvitePending())
        {
            // An offer/answer is under way on the leg: refresh once it is over.
            state.timer = scheduler.schedule(() -> refresh(leg), GLARE_RETRY_MS, TimeUnit.MILLISECONDS);
            return;
        }
        final String method = state.peerAllowsUpdate ? Request.UPDATE : Request.INVITE;
        final Request request = leg.usage().request(method);
        request.addHeader(header(SESSION_EXPIRES, state.seconds + ";refresher=uac"));
        request.addHeader(header(MIN_SE, String.valueOf(minSe)));
        request.addHeader(header("Supported", TIMER));
        if (Request.INVITE.equals(method))
        {
            final byte[] offer = dialogs.currentOffer(leg);
            if (offer != null)
            {
                Bodies.setSdp(request, offer);
            }
        }
        dialogs.sendInDialog(leg, request, new Refresh(leg, method));
    }

    private void expired(final Leg leg)
    {
        if (!gone(leg))
        {
            LOG.info("{}: no session refresh from {} within {} s, ending the call", leg.call(), leg,
                state(leg).seconds);
            dialogs.end(leg.call(), Response.REQUEST_TIMEOUT, EXPIRED);
        }
    }

    private static boolean gone(final Leg leg)
    {
        return leg.isOver() || leg.isSetAside() || leg.call().isOver();
    }

    private static State state(final Leg leg)
    {
        if (leg.session == null)
        {
            leg.session = new State();
        }
        return leg.session;
    }

    /** The delta-seconds of a Session-Expires (long or compact form), or -1 if there is none or it is unreadable. */
    private static int seconds(final Header header, final Message message)
    {
        final Header h = header != null ? header : message.getHeader(SESSION_EXPIRES_COMPACT);
        final String value = SipMessages.value(h);
        if (value == null)
        {
            return -1;
        }
        final int semi = value.indexOf(';');
        try
        {
            return Integer.parseInt((semi < 0 ? value : value.substring(0, semi)).trim());
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    /** The refresher parameter of a Session-Expires, lower case, or null. */
    private static String refresher(final Header header)
    {
        final String value = SipMessages.value(header);
        final int at = value == null ? -1 : value.toLowerCase(Locale.ROOT).indexOf("refresher=");
        if (at < 0)
        {
            return null;
        }
        final String rest = value.substring(at + "refresher=".length()).trim().toLowerCase(Locale.ROOT);
        return rest.startsWith("uac") ? "uac" : rest.startsWith("uas") ? "uas" : null;
    }

    private int minSeOf(final Response response)
    {
        final Header h = response.getHeader(MIN_SE);
        final String value = SipMessages.value(h);
        try
        {
            return value == null ? minSe : Integer.parseInt(value.split(";")[0].trim());
        }
        catch (final NumberFormatException ex)
        {
            return minSe;
        }
    }

    private static boolean supportsTimer(final Message message)
    {
        final Iterator<?> supported = message.getHeaders(SupportedHeader.NAME);
        while (supported.hasNext())
        {
            if (TIMER.equalsIgnoreCase(((SupportedHeader)supported.next()).getOptionTag()))
            {
                return true;
            }
        }
        return false;
    }

    private static boolean allowsUpdate(final Message message)
    {
        final Iterator<?> allow = message.getHeaders(AllowHeader.NAME);
        while (allow.hasNext())
        {
            if (Request.UPDATE.equalsIgnoreCase(((AllowHeader)allow.next()).getMethod()))
            {
                return true;
            }
        }
        return false;
    }

    private static Header header(final String name, final String value)
    {
        try
        {
            return SipFactories.HEADERS.createHeader(name, value);
        }
        catch (final ParseException ex)
        {
            throw new IllegalStateException("cannot build " + name + ": " + value, ex);
        }
    }
}

package io.switchboard.sip.client;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.auth.DigestAnswerer;
import io.switchboard.sip.dialog.Identifiers;
import io.switchboard.sip.message.SipFactories;
import io.switchboard.sip.util.TimerScheduler;

import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.Header;
import javax.sip.header.MinExpiresHeader;
import javax.sip.header.RetryAfterHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.ListIterator;
import java.util.concurrent.TimeUnit;

/**
 * The softswitch registering one trunk to a carrier's registrar (RFC 3261 §10.2): REGISTER, answer the digest
 * challenge, refresh before the binding expires, retry with back-off on failure, un-REGISTER on {@link #stop()}.
 * <ul>
 *   <li>One Call-ID and From tag for the client's life, CSeq increasing by one per REGISTER (RFC 3261 §10.2.4:
 *   the registrar orders our requests by them). From and To are the AOR, Contact and Expires as configured.</li>
 *   <li>A 401 or 407 is answered by {@link DigestAnswerer} with a new CSeq; a refused password is not answered
 *   again (the answerer sees our credentials in the challenged request), and at most {@value #MAX_CHALLENGES}
 *   challenges in a row are answered, so a registrar issuing a new nonce each time cannot make us loop.</li>
 *   <li>On 2xx the granted lifetime is the {@code expires} of our Contact in the response, else (if the carrier
 *   rewrote the only Contact, behind NAT) the one Contact's, else the Expires header, else what we asked. The
 *   refresh goes at max(granted / 2, granted - margin), at least the configured minimum.</li>
 *   <li>423 Interval Too Brief (§10.2.8): retried at once with the Min-Expires, which is kept for refreshes.</li>
 *   <li>Any other final response, a timeout or a transport error is a failure: {@link RegistrationState#FAILED},
 *   retried after the initial delay doubled per consecutive failure up to the cap, or after Retry-After when the
 *   carrier asks for longer.</li>
 * </ul>
 * Sending goes through a {@link Sender} port, and outcomes come back through the {@link Exchange} that was given to
 * it, so the client is tested with a manual clock and no network; {@link TransactionLayerRegistrationSender}
 * plugs it into the transaction layer. An outcome of any exchange but the latest is ignored: a late answer to a
 * REGISTER we gave up on must not undo what came since.
 * <p>
 * Thread safety: none. One client per trunk registration, owned by one event loop: its scheduler runs the timers
 * there, and the owner reports outcomes there.
 */
public final class RegistrationClient
{
    /** Consecutive challenges answered before one counts as a failure. */
    public static final int MAX_CHALLENGES = 3;

    private static final int MAX_FORWARDS = 70;

    /** How REGISTERs go out. */
    @FunctionalInterface
    public interface Sender
    {
        /**
         * Sends the request in a new non-INVITE client transaction (adding the top Via). Its outcome must be reported
         * on the owner's event loop to {@code exchange}: {@link Exchange#onResponse}, {@link Exchange#onTimeout} or
         * {@link Exchange#onTransportError}; reporting before returning is allowed.
         */
        void send(SIPRequest request, Exchange exchange);
    }

    /** Told of every state change, on the owner's event loop; reads the client's accessors. */
    @FunctionalInterface
    public interface Listener
    {
        void stateChanged(RegistrationClient client, RegistrationState previous);
    }

    /**
     * One REGISTER in flight: what the owner reports its outcome to, typically found again as the client
     * transaction's userData.
     */
    public final class Exchange
    {
        private final long cseq;
        private final SIPRequest request;
        private TimerScheduler.Cancellable guard;

        private Exchange(final long cseq, final SIPRequest request)
        {
            this.cseq = cseq;
            this.request = request;
        }

        /** The CSeq number of the REGISTER. */
        public long cseq()
        {
            return cseq;
        }

        /** The client this exchange belongs to. */
        public RegistrationClient client()
        {
            return RegistrationClient.this;
        }

        /** A response to the REGISTER; provisional ones are ignored. */
        public void onResponse(final SIPResponse response)
        {
            if (response.getStatusCode() >= Response.OK && finish())
            {
                onFinalResponse(request, response);
            }
        }

        /** No final response in time (Timer F): a failure, as a 408 (RFC 3261 §8.1.3.1). */
        public void onTimeout()
        {
            if (finish())
            {
                onNoResponse(Response.REQUEST_TIMEOUT);
            }
        }

        /** The REGISTER could not be sent (RFC 3261 §17.1.4): a failure, as a 503 (RFC 3261 §8.1.3.1). */
        public void onTransportError()
        {
            if (finish())
            {
                onNoResponse(Response.SERVICE_UNAVAILABLE);
            }
        }

        /** True (once) if this is the current exchange: it is over, and its outcome counts. */
        private boolean finish()
        {
            if (current != this)
            {
                return false;
            }
            current = null;
            guard.cancel();
            return true;
        }
    }

    private final RegistrationConfig config;
    private final Sender sender;
    private final TimerScheduler scheduler;
    private final DigestAnswerer answerer;
    private final String callId;
    private final String fromTag = Identifiers.tag();
    private Listener listener;

    private RegistrationState state = RegistrationState.UNREGISTERED;
    private long cseq;
    private int expiresSeconds;
    private int lastStatus;
    private long expiresAtMillis;
    private int failures;
    private int challengesInARow;
    private Exchange current;
    private TimerScheduler.Cancellable timer;

    /**
     * @param config    a concluded config.
     * @param sender    where REGISTERs go.
     * @param scheduler the owner loop's timers; its clock is the one of {@link #expiresAtMillis()}.
     * @param callId    the Call-ID kept for the client's life, e.g. {@code Identifiers.callId(worker)} so that
     *                  responses reach the owner's worker.
     */
    public RegistrationClient(
        final RegistrationConfig config,
        final Sender sender,
        final TimerScheduler scheduler,
        final String callId)
    {
        if (config.registrarUri() == null)
        {
            throw new IllegalArgumentException("config not concluded");
        }
        this.config = config;
        this.sender = sender;
        this.scheduler = scheduler;
        this.callId = callId;
        this.answerer = new DigestAnswerer(config.credentials());
        this.expiresSeconds = config.expiresSeconds();
    }

    /** Sets who is told of state changes (one listener; null for none). */
    public RegistrationClient listener(final Listener stateListener)
    {
        this.listener = stateListener;
        return this;
    }

    /** Sends the first REGISTER. Once only. */
    public void start()
    {
        if (state != RegistrationState.UNREGISTERED)
        {
            throw new IllegalStateException("already started: " + state);
        }
        changeState(RegistrationState.REGISTERING);
        send(expiresSeconds, null);
    }

    /**
     * Stops for good: cancels the timers, ignores the REGISTER in flight, and if anything was ever sent, removes our
     * binding with a REGISTER of {@code Expires: 0} (answering one challenge to it; its outcome only shows in
     * {@link #lastStatus()}). Calling again does nothing.
     */
    public void stop()
    {
        if (state == RegistrationState.STOPPED)
        {
            return;
        }
        cancelTimer();
        if (current != null)
        {
            current.guard.cancel();
            current = null;
        }
        final boolean sentAny = cseq > 0;
        expiresAtMillis = 0;
        challengesInARow = 0;
        changeState(RegistrationState.STOPPED);
        if (sentAny)
        {
            send(0, null);
        }
    }

    /**
     * Routes a response by Call-ID and CSeq to the exchange in flight, for owners that do not keep the
     * {@link Exchange}.
     *
     * @return true if it was the response to our latest REGISTER.
     */
    public boolean onResponse(final SIPResponse response)
    {
        final Exchange exchange = current;
        if (exchange == null || !callId.equals(response.getCallId().getCallId()) ||
            response.getCSeq().getSeqNumber() != exchange.cseq() ||
            !Request.REGISTER.equals(response.getCSeq().getMethod()))
        {
            return false;
        }
        exchange.onResponse(response);
        return true;
    }

    public RegistrationState state()
    {
        return state;
    }

    /** The status of the last final response, 408 for a timeout, 503 for a transport error, 0 before any. */
    public int lastStatus()
    {
        return lastStatus;
    }

    /** When the binding expires, in ms on the scheduler's clock ({@code nanoTime() / 1e6}); 0 when none is known. */
    public long expiresAtMillis()
    {
        return expiresAtMillis;
    }

    /** Consecutive failures since the last success. */
    public int failures()
    {
        return failures;
    }

    /** The Call-ID of every REGISTER of this client. */
    public String callId()
    {
        return callId;
    }

    /** The lifetime asked for now: the configured one, or a 423's Min-Expires. */
    public int requestedExpiresSeconds()
    {
        return expiresSeconds;
    }

    // ------------------------------------------------------------------------------------------ outcomes

    private void onFinalResponse(final SIPRequest request, final SIPResponse response)
    {
        final int status = response.getStatusCode();
        lastStatus = status;
        if (status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED)
        {
            final AuthorizationHeader credentials = answerer.answer(response, request);
            if (credentials != null && ++challengesInARow <= MAX_CHALLENGES)
            {
                send(request.getExpires() == null ? expiresSeconds : request.getExpires().getExpires(), credentials);
                return;
            }
        }
        challengesInARow = 0;
        if (state == RegistrationState.STOPPED)
        {
            return;
        }
        if (status >= Response.OK && status < Response.MULTIPLE_CHOICES)
        {
            onSuccess(response);
        }
        else if (status == Response.INTERVAL_TOO_BRIEF && raiseExpires(response))
        {
            send(expiresSeconds, null);
        }
        else
        {
            onFailure(retryAfterMs(response));
        }
    }

    private void onNoResponse(final int status)
    {
        lastStatus = status;
        challengesInARow = 0;
        if (state != RegistrationState.STOPPED)
        {
            onFailure(0);
        }
    }

    private void onSuccess(final SIPResponse response)
    {
        final int granted = grantedExpires(response);
        if (granted <= 0)
        {
            // The registrar listed our binding as removed: nothing is registered, try again later.
            onFailure(0);
            return;
        }
        failures = 0;
        expiresAtMillis = nowMillis() + granted * 1000L;
        changeState(RegistrationState.REGISTERED);
        final long delayMs = Math.max(config.minRefreshSeconds(),
            Math.max(granted / 2, granted - config.refreshMarginSeconds())) * 1000L;
        schedule(this::refresh, Math.max(config.minRefreshSeconds() * 1000L, config.jitter().applyAsLong(delayMs)));
    }

    private void onFailure(final long retryAfterMs)
    {
        failures++;
        if (expiresAtMillis <= nowMillis())
        {
            expiresAtMillis = 0;
        }
        changeState(RegistrationState.FAILED);
        final int doublings = Math.min(failures - 1, 30);
        final long backOff = Math.min(config.retryMaxMs(), config.retryInitialMs() << doublings);
        final long delayMs = Math.min(config.retryMaxMs(), Math.max(backOff, retryAfterMs));
        schedule(this::retry, Math.max(1, config.jitter().applyAsLong(delayMs)));
    }

    private void refresh()
    {
        timer = null;
        send(expiresSeconds, null);
    }

    private void retry()
    {
        timer = null;
        changeState(RegistrationState.REGISTERING);
        send(expiresSeconds, null);
    }

    /** The lifetime the registrar granted, in the order of RFC 3261 §10.2.4 and the NAT fallback (class doc). */
    private int grantedExpires(final SIPResponse response)
    {
        final URI ours = config.contactAddress().getURI();
        final ListIterator<? extends Header> contacts = response.getHeaders(ContactHeader.NAME);
        int count = 0;
        int onlyExpires = -1;
        while (contacts != null && contacts.hasNext())
        {
            if (contacts.next() instanceof ContactHeader contact && contact.getAddress() != null)
            {
                count++;
                onlyExpires = contact.getExpires();
                if (ours.equals(contact.getAddress().getURI()) && contact.getExpires() >= 0)
                {
                    return contact.getExpires();
                }
            }
        }
        if (count == 1 && onlyExpires >= 0)
        {
            return onlyExpires;
        }
        return response.getExpires() != null ? response.getExpires().getExpires() : expiresSeconds;
    }

    /** Takes a 423's Min-Expires for this and later REGISTERs; false if it would not change anything (a loop). */
    private boolean raiseExpires(final SIPResponse response)
    {
        if (!(response.getHeader(MinExpiresHeader.NAME) instanceof MinExpiresHeader min) ||
            min.getExpires() <= expiresSeconds)
        {
            return false;
        }
        expiresSeconds = min.getExpires();
        return true;
    }

    private static long retryAfterMs(final SIPResponse response)
    {
        return response.getHeader(RetryAfterHeader.NAME) instanceof RetryAfterHeader retryAfter ?
            retryAfter.getRetryAfter() * 1000L : 0;
    }

    // ------------------------------------------------------------------------------------------ sending

    private void send(final int expires, final AuthorizationHeader credentials)
    {
        final SIPRequest request = build(++cseq, expires, credentials);
        final Exchange exchange = new Exchange(cseq, request);
        current = exchange;
        exchange.guard = scheduler.schedule(exchange::onTimeout, config.exchangeGuardMs(), TimeUnit.MILLISECONDS);
        sender.send(request, exchange);
    }

    private SIPRequest build(final long number, final int expires, final AuthorizationHeader credentials)
    {
        try
        {
            final Address aor = config.aorAddress();
            final SIPRequest request = (SIPRequest)SipFactories.MESSAGES.createRequest(
                (URI)config.registrarUri().clone(),
                Request.REGISTER,
                SipFactories.HEADERS.createCallIdHeader(callId),
                SipFactories.HEADERS.createCSeqHeader(number, Request.REGISTER),
                SipFactories.HEADERS.createFromHeader((Address)aor.clone(), fromTag),
                SipFactories.HEADERS.createToHeader((Address)aor.clone(), null),
                new ArrayList<>(),
                SipFactories.HEADERS.createMaxForwardsHeader(MAX_FORWARDS));
            final ContactHeader contact = SipFactories.HEADERS.createContactHeader(
                (Address)config.contactAddress().clone());
            request.addHeader(contact);
            request.addHeader(SipFactories.HEADERS.createExpiresHeader(expires));
            if (config.userAgent() != null)
            {
                request.addHeader(SipFactories.HEADERS.createHeader("User-Agent", config.userAgent()));
            }
            if (credentials != null)
            {
                request.addHeader(credentials);
            }
            return request;
        }
        catch (final ParseException | InvalidArgumentException ex)
        {
            throw new IllegalStateException("a concluded config makes valid REGISTERs", ex);
        }
    }

    // ------------------------------------------------------------------------------------------ timers, state

    private void schedule(final Runnable task, final long delayMs)
    {
        cancelTimer();
        timer = scheduler.schedule(task, delayMs, TimeUnit.MILLISECONDS);
    }

    private void cancelTimer()
    {
        if (timer != null)
        {
            timer.cancel();
            timer = null;
        }
    }

    private long nowMillis()
    {
        return scheduler.nanoTime() / 1_000_000;
    }

    private void changeState(final RegistrationState next)
    {
        final RegistrationState previous = state;
        state = next;
        if (previous != next && listener != null)
        {
            listener.stateChanged(this, previous);
        }
    }

    @Override
    public String toString()
    {
        return "RegistrationClient[" + config.aor() + " at " + config.registrar() + ", " + state + ", " +
            lastStatus + "]";
    }
}

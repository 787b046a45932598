package io.switchboard.core.call;

import io.switchboard.core.signalling.Locator;
import io.switchboard.core.trunk.Failover;
import io.switchboard.core.trunk.Route;
import io.switchboard.core.trunk.RouteResult;
import io.switchboard.core.trunk.TrunkPlan;
import io.switchboard.core.config.TrunkSettings;
import javax.sip.message.Response;
import io.switchboard.sip.auth.DigestAnswerer;
import io.switchboard.sip.auth.UacCredentials;
import io.switchboard.sip.message.SipFactories;
import io.switchboard.sip.transport.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.header.AuthorizationHeader;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Calls from extensions to outside numbers: the dial plan picks the trunks, the call goes to the first, and a trunk
 * that fails (5xx, timeout) hands it to the next (RFC 3261 §16.7's spirit: a carrier's trouble is not the callee's
 * answer); a definite answer (busy, 404, 6xx) goes back to the caller. The caller ID presented is the trunk's.
 */
public final class OutboundCalls implements CallListener
{
    private static final Logger LOG = LoggerFactory.getLogger(OutboundCalls.class);

    private final CallControl calls;
    /** The trunks, their resolved addresses and the dial plan as last published; read per call. */
    private final Supplier<TrunkPlan> plan;
    /** Calls in progress per trunk, shared by the workers (a trunk's maxCalls is the carrier's channel count). */
    private final Map<String, AtomicInteger> load;
    /** Digest state per trunk (nonce counts), owned by this worker. */
    private final Map<String, DigestAnswerer> answerers = new HashMap<>();
    /** The trunk each answerer was made for: a trunk replaced by an administrator gets a new one. */
    private final Map<String, TrunkSettings> answered = new HashMap<>();

    public OutboundCalls(final CallControl calls, final Supplier<TrunkPlan> plan,
        final Map<String, AtomicInteger> load)
    {
        this.calls = calls;
        this.plan = plan;
        this.load = load;
    }

    private AtomicInteger counter(final String trunk)
    {
        return load.computeIfAbsent(trunk, name -> new AtomicInteger());
    }

    /** The call no longer uses its trunk (it ended, or moved to the next trunk). */
    void released(final Call call)
    {
        if (call.trunkInUse != null)
        {
            counter(call.trunkInUse).decrementAndGet();
            call.trunkInUse = null;
        }
    }

    /**
     * A carrier challenged our INVITE: answered with the trunk's credentials (RFC 3261 §22.2), once per challenge;
     * false when we have none or they were refused, and the challenge then fails the attempt like any 4xx.
     */
    boolean challenged(final Call call, final Leg leg, final Response challenge)
    {
        final TrunkSettings trunk = call.route.attempts().get(call.attempt).trunk();
        if (trunk.username == null || trunk.password == null)
        {
            return false;
        }
        if (answered.put(trunk.name, trunk) != trunk)
        {
            answerers.remove(trunk.name);
        }
        final DigestAnswerer answerer = answerers.computeIfAbsent(trunk.name, name ->
            new DigestAnswerer(new UacCredentials(trunk.realm, trunk.username, trunk.password)));
        final AuthorizationHeader credentials = answerer.answer(challenge, leg.usage().invite());
        if (credentials == null)
        {
            LOG.warn("{}: trunk {} refused our credentials", call, trunk.name);
            return false;
        }
        // After the transaction's own ACK for the challenge has gone out: carriers (and SIPp) expect it first.
        calls.scheduler().schedule(() ->
        {
            if (!call.isOver() && !leg.withdrawn())
            {
                calls.resendInvite(leg, credentials);
            }
        }, 1, TimeUnit.MILLISECONDS);
        return true;
    }

    /** The dial plan's decision, or null when there are no trunks at all (the number is nobody's, 404). */
    RouteResult route(final String dialled, final String fromExtension)
    {
        final TrunkPlan now = plan.get();
        return now.trunks().isEmpty() ? null : now.dialPlan().route(dialled, fromExtension);
    }

    void start(final Call call, final Route route)
    {
        if (!startFor(call, route))
        {
            calls.endCall(call, Response.SERVICE_UNAVAILABLE, "no trunk");
        }
    }

    /**
     * Calls out for a call that may already hold a trunk channel for its other party (a customer reached by
     * click-to-dial, now transferred out again): that channel is kept until the call ends. False if no trunk
     * of the route could take the call.
     */
    boolean startFor(final Call call, final Route route)
    {
        if (call.trunkInUse != null)
        {
            call.keptTrunk = call.trunkInUse;
            call.trunkInUse = null;
        }
        call.route = route;
        call.attempt = 0;
        return attempt(call) || nextTrunk(call, Failover.next(route, 0, Failover.TIMEOUT));
    }

    /** The call is over: every trunk channel it held is free. */
    @Override
    public void ended(final Call call, final CallState before, final int status, final String reason)
    {
        releasedAll(call);
    }

    void releasedAll(final Call call)
    {
        released(call);
        if (call.keptTrunk != null)
        {
            counter(call.keptTrunk).decrementAndGet();
            call.keptTrunk = null;
        }
    }

    /** The caller heard a failure from the current trunk: true if the call went on to the next one. */
    boolean failedOver(final Call call, final int status)
    {
        released(call);
        return nextTrunk(call, Failover.next(call.route, call.attempt, status));
    }

    /**
     * Tries the route's trunks from {@code next} on: one that is full, or cannot be sent to, is passed over as if it
     * had not answered. False when none is left.
     */
    private boolean nextTrunk(final Call call, final int first)
    {
        int next = first;
        while (next >= 0)
        {
            LOG.debug("{}: trunk {} did not take the call, trying {}", call,
                call.route.attempts().get(call.attempt).trunkName(), call.route.attempts().get(next).trunkName());
            call.attempt = next;
            if (attempt(call))
            {
                return true;
            }
            next = Failover.next(call.route, next, Failover.TIMEOUT);
        }
        return false;
    }

    /** Takes one of the trunk's channels for the call; false when the trunk is full (then the next trunk). */
    private boolean reserve(final Call call, final TrunkSettings trunk)
    {
        final AtomicInteger used = counter(trunk.name);
        if (trunk.maxCalls > 0 && used.incrementAndGet() > trunk.maxCalls)
        {
            used.decrementAndGet();
            LOG.debug("{}: trunk {} is full ({} calls)", call, trunk.name, trunk.maxCalls);
            return false;
        }
        if (trunk.maxCalls <= 0)
        {
            used.incrementAndGet();
        }
        call.trunkInUse = trunk.name;
        return true;
    }

    private boolean attempt(final Call call)
    {
        final Route.Attempt attempt = call.route.attempts().get(call.attempt);
        final TrunkSettings trunk = attempt.trunk();
        final InetSocketAddress address = plan.get().addresses().get(trunk.name);
        if (address == null || !reserve(call, trunk))
        {
            return false;
        }
        try
        {
            final javax.sip.address.SipURI uri = SipFactories.ADDRESSES.createSipURI(attempt.number(), trunk.host);
            uri.setPort(trunk.port);
            final boolean tcp = "tcp".equalsIgnoreCase(trunk.transport);
            if (tcp)
            {
                uri.setTransportParam("tcp");
            }
            final Target target = new Target(tcp ? "TCP" : "UDP", address, null);
            final String callerId = trunk.callerId != null ? trunk.callerId : call.from();
            if (calls.ringTrunk(call, new Locator.Contact(uri, target), attempt.number(), trunk.host, callerId) == null)
            {
                released(call);
                return false;
            }
            return true;
        }
        catch (final ParseException ex)
        {
            LOG.warn("{}: cannot call {} through {}: {}", call, attempt.number(), trunk.name, ex.getMessage());
            return false;
        }
    }
}

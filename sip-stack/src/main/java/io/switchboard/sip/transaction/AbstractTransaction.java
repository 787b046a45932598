package io.switchboard.sip.transaction;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import io.switchboard.sip.SipCounters;
import io.switchboard.sip.transport.MessageSender;
import io.switchboard.sip.transport.Target;
import io.switchboard.sip.util.TimerScheduler.Cancellable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The shape every transaction state machine shares (STYLE §4): a state, one {@link #transition} method that runs the
 * exit actions of the old state and the entry actions of the new one, logs and stamps the change, and a timer per
 * RFC letter that calls back {@link #onTimer} on the owner thread. Unexpected event/state pairs go through
 * {@link #unexpected}: logged and counted, never thrown.
 * <p>
 * Entering Terminated cancels every timer and removes the transaction from the table. Entering a state after the
 * final response (Completed, Confirmed, Accepted, Terminated) also {@link #release() releases} what the
 * transaction no longer needs (see {@link Transaction}).
 */
abstract class AbstractTransaction implements Transaction
{
    private static final Logger LOG = LoggerFactory.getLogger(AbstractTransaction.class);

    final TransactionContext ctx;
    /** Null once {@link #release() released}: read it only in the states before the final response. */
    SIPRequest request;
    final String method;
    final String branch;
    final boolean reliable;
    private final Cancellable[] timers = new Cancellable[TransactionTimer.COUNT];
    private TransactionState state;
    private long stateSinceNs;
    private Object userData;

    AbstractTransaction(
        final TransactionContext ctx, final SIPRequest request, final boolean reliable, final TransactionState initial)
    {
        this.ctx = ctx;
        this.request = request;
        this.method = request.getMethod();
        this.branch = request.getTopmostVia().getBranch();
        this.reliable = reliable;
        this.state = initial;
        this.stateSinceNs = ctx.scheduler.nanoTime();
    }

    /** Exit actions of a state, before the new state is entered. */
    abstract void onExit(TransactionState from, TransactionState to);

    /** Entry actions of a state: start its timers, tell the TU. */
    abstract void onEnter(TransactionState to, TransactionState from);

    /** A timer fired; it already checked that it was not cancelled. */
    abstract void onTimer(TransactionTimer timer);

    /** A message of this transaction could not be sent (RFC 3261 §17.1.4, §17.2.4). */
    abstract void onTransportError(Throwable cause);

    /**
     * True while a TU callback that reads {@link #userData()} can still come in the current lean state (only the
     * INVITE server transaction's {@link TransactionUser#onAckTimeout}); never asked in Terminated.
     */
    boolean needsUserData()
    {
        return false;
    }

    /** Drops the subclass's own objects that {@code lean} (a state after the final response) no longer needs. */
    void onRelease(final TransactionState lean)
    {
    }

    /**
     * The single state change of the machine: exit actions of the old state, entry actions of the new one, then a
     * DEBUG log and the time stamp. Entering Terminated cancels every timer and removes the transaction. After the
     * entry actions, a state after the final response {@link #release() releases} what it no longer needs.
     */
    final void transition(final TransactionState to, final String reason)
    {
        final TransactionState from = state;
        if (from == TransactionState.TERMINATED)
        {
            unexpected("transition to " + to + " (" + reason + ")");
            return;
        }
        onExit(from, to);
        state = to;
        stateSinceNs = ctx.scheduler.nanoTime();
        if (LOG.isDebugEnabled())
        {
            LOG.debug("{} {} {} -> {}: {}", getClass().getSimpleName(), branch, from, to, reason);
        }
        if (to == TransactionState.TERMINATED)
        {
            for (final TransactionTimer timer : TransactionTimer.values())
            {
                cancelTimer(timer);
            }
            ctx.table.remove(this);
        }
        onEnter(to, from);
        release();
    }

    /**
     * The one place where a transaction drops what its current state no longer needs, so that the 64*T1 it may
     * linger costs little heap. Nothing before the final response; in Completed, Confirmed, Accepted and Terminated:
     * the parsed request, the TU's userData unless {@link #needsUserData()} (always in Terminated), and what the
     * subclass lets go in {@link #onRelease}. Called by {@link #transition} after the entry actions (a nested
     * transition to Terminated has then already released everything), and by a machine when an event ends the need
     * for userData without a state change (the ACK in Accepted). Idempotent.
     */
    final void release()
    {
        if (!isAfterFinalResponse(state))
        {
            return;
        }
        request = null;
        if (state == TransactionState.TERMINATED || !needsUserData())
        {
            userData = null;
        }
        onRelease(state);
    }

    /** Completed, Confirmed, Accepted or Terminated: the states in which the request is no longer needed. */
    static boolean isAfterFinalResponse(final TransactionState state)
    {
        return switch (state)
        {
            case COMPLETED, CONFIRMED, ACCEPTED, TERMINATED -> true;
            case CALLING, TRYING, PROCEEDING -> false;
        };
    }

    /** An event that this state does not expect: logged and counted as {@link SipCounters.Id#UNEXPECTED_EVENTS}. */
    final void unexpected(final String event)
    {
        ctx.counters.increment(SipCounters.Id.UNEXPECTED_EVENTS);
        LOG.debug("{} {} in {}: unexpected {}", getClass().getSimpleName(), branch, state, event);
    }

    final void startTimer(final TransactionTimer timer, final long delayMs)
    {
        cancelTimer(timer);
        final int slot = timer.ordinal();
        final Cancellable[] handle = new Cancellable[1];
        handle[0] = ctx.scheduler.schedule(
            () ->
            {
                if (timers[slot] == handle[0])
                {
                    timers[slot] = null;
                    onTimer(timer);
                }
            },
            delayMs,
            TimeUnit.MILLISECONDS);
        timers[slot] = handle[0];
    }

    /**
     * Starts a timer that ends the state it guards (D, I, J, K), or, when it is zero because the transport is
     * reliable, terminates at once.
     */
    final void startTimerOrTerminate(final TransactionTimer timer, final long delayMs)
    {
        if (delayMs == 0)
        {
            transition(TransactionState.TERMINATED, "Timer " + timer + " = 0 (reliable transport)");
        }
        else
        {
            startTimer(timer, delayMs);
        }
    }

    final void cancelTimer(final TransactionTimer timer)
    {
        final Cancellable handle = timers[timer.ordinal()];
        if (handle != null)
        {
            timers[timer.ordinal()] = null;
            handle.cancel();
        }
    }

    final boolean isTimerRunning(final TransactionTimer timer)
    {
        return timers[timer.ordinal()] != null;
    }

    /** Sends a message of this transaction; a failure comes back to {@link #onTransportError}. */
    final void send(final SIPMessage message, final Target target)
    {
        ctx.sender.send(message, target, sendFailureListener());
    }

    /** Sends a message of this transaction encoded by {@link MessageSender#encode}, as {@link #send} does. */
    final void sendEncoded(final byte[] bytes, final Target target)
    {
        ctx.sender.sendEncoded(bytes, target, sendFailureListener());
    }

    private MessageSender.SendFailureListener sendFailureListener()
    {
        return (failed, to, cause) ->
        {
            if (state != TransactionState.TERMINATED)
            {
                LOG.debug("{} {}: transport error to {}: {}", getClass().getSimpleName(), branch, to, cause.toString());
                onTransportError(cause);
            }
        };
    }

    /** Reports a transport error to the TU and terminates (RFC 3261 §17.1.4, §17.2.4). */
    final void failOnTransportError(final Throwable cause)
    {
        ctx.tu.onTransportError(this);
        if (state != TransactionState.TERMINATED)
        {
            transition(TransactionState.TERMINATED, "transport error: " + cause.getMessage());
        }
    }

    final void count(final SipCounters.Id id)
    {
        ctx.counters.increment(id);
    }

    @Override
    public final SIPRequest request()
    {
        return request;
    }

    @Override
    public final String method()
    {
        return method;
    }

    @Override
    public final TransactionState state()
    {
        return state;
    }

    /** When the current state was entered, on the scheduler's clock. */
    public final long stateSinceNs()
    {
        return stateSinceNs;
    }

    @Override
    public final String branch()
    {
        return branch;
    }

    @Override
    public final Object userData()
    {
        return userData;
    }

    @Override
    public final void userData(final Object data)
    {
        this.userData = data;
    }

    @Override
    public String toString()
    {
        return getClass().getSimpleName() + '{' + method + ' ' + branch + ' ' + state + '}';
    }
}

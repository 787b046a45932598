package io.switchboard.core.call;

import io.switchboard.sip.message.Responses;
import io.switchboard.sip.util.TimerScheduler;

import javax.sip.message.Response;
import java.util.List;

/**
 * How a call ends, whatever ends it: the call enters ENDING ({@link CallState}), whose entry actions answer an
 * unanswered caller, tell the listeners, cancel pending forks and hang up confirmed legs, forget the dialogs; then
 * ENDED, and the listeners and the record hear of it. One per worker, on its loop.
 */
final class CallEnd
{
    private final CallTable table;
    private final LegSignals signals;
    private final Features features;
    private final CallStats stats;
    private final TimerScheduler scheduler;

    CallEnd(final CallTable table, final LegSignals signals, final Features features, final CallStats stats,
        final TimerScheduler scheduler)
    {
        this.table = table;
        this.signals = signals;
        this.features = features;
        this.stats = stats;
        this.scheduler = scheduler;
    }


    /**
     * Ends a call from whatever state it is in: the call enters ENDING, whose entry actions are the steps below
     * (an unanswered caller gets {@code status}, pending forks are cancelled, confirmed legs that did not hang up
     * themselves get a BYE, the call's features are told), then ENDED. Idempotent: a call already ending or ended
     * is left alone, also when a feature told of the end ends it again.
     */
    void end(final Call call, final int status, final String reason)
    {
        if (call.isOver())
        {
            return;
        }
        final CallState before = call.transition(CallState.ENDING, reason, scheduler.nanoTime());
        refuseCaller(call, status, reason);
        for (final CallListener listener : features.listeners)
        {
            listener.ending(call);
        }
        releaseLegs(call);
        forgetDialogs(call);
        table.remove(call);
        call.transition(CallState.ENDED, reason, scheduler.nanoTime());
        call.holdState(false, call.stateChangedNs());
        stats.callEnded(before);
        for (final CallListener listener : features.listeners)
        {
            listener.ended(call, before, status, reason);
        }
        // The record is written last, when every feature has done with the call.
        features.records.ended(call, before, status, reason);
    }

    /** A caller not answered yet gets the call's final status (no reason phrase of ours for a 487). */
    void refuseCaller(final Call call, final int status, final String reason)
    {
        final Leg caller = call.caller();
        if (caller != null && caller.inviteServer != null && !caller.inviteServer.isAnswered())
        {
            caller.inviteServer.respond(Responses.withToTag(caller.inviteServer.request(), status,
                status == Response.REQUEST_TERMINATED ? null : reason, caller.dialog().localTag()));
            caller.transition(LegState.FAILED, status + " to the caller");
        }
    }

    /** Pending forks are cancelled, confirmed legs (the answered one, the caller, those set aside) hung up. */
    void releaseLegs(final Call call)
    {
        for (final Leg fork : call.forks())
        {
            if (fork != call.answered() && fork.isPending())
            {
                fork.transition(LegState.CANCELLING, "the call ends");
                signals.cancel(fork);
                if (fork.agentId >= 0)
                {
                    features.events.withdrawn(fork.agentId, call);
                }
            }
        }
        final Leg caller = call.caller();
        if (call.answered() != null)
        {
            signals.bye(call.answered());
            if (call.answered().agentId >= 0)
            {
                features.events.ended(call.answered().agentId, call);
            }
        }
        if (caller != null && caller.agentId >= 0)
        {
            features.events.ended(caller.agentId, call);
        }
        if (caller != null && (caller.inviteServer == null || caller.dialog().isConfirmed()))
        {
            signals.bye(caller);
        }
        for (final Leg aside : call.setAside)
        {
            if (aside.isSetAside() && aside.dialog() != null && aside.dialog().isConfirmed())
            {
                signals.bye(aside);
            }
        }
    }

    /** In-dialog requests for the call's legs find nothing any more; agents' direct calls on them are over. */
    void forgetDialogs(final Call call)
    {
        for (final List<Leg> legs : List.of(call.forks(), call.setAside))
        {
            for (final Leg leg : legs)
            {
                if (leg.dialog() != null)
                {
                    table.removeDialog(leg);
                }
                released(leg);
            }
        }
        final Leg caller = call.caller();
        if (caller != null)
        {
            table.removeDialog(caller);
            released(caller);
        }
    }

    void released(final Leg leg)
    {
        for (final CallListener listener : features.listeners)
        {
            listener.legReleased(leg);
        }
    }
}

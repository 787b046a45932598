package io.switchboard.core.call;

import io.switchboard.core.trace.TracedCalls;
import io.switchboard.sip.dialog.Dialog;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The calls one worker owns, by id, and their legs by dialog (Call-ID and our tag), for the requests that arrive in a
 * dialog; and the Call-IDs each recent call used (its SIP trace). Owned by the worker's loop, like the calls.
 */
final class CallTable
{
    private final Map<Long, Call> calls = new HashMap<>();
    private final Map<String, Leg> dialogs = new HashMap<>();
    /** The Call-IDs of the newest calls' legs, kept after the calls end (their traces, their log lines). */
    private final TracedCalls traced = new TracedCalls(MAX_TRACED_CALLS);

    /** Calls whose Call-IDs are remembered after they end. */
    static final int MAX_TRACED_CALLS = 65_536;

    TracedCalls traced()
    {
        return traced;
    }

    Call call(final long id)
    {
        return calls.get(id);
    }

    /** Whether the call is still one of this worker's (it may have ended while something was under way). */
    boolean has(final Call call)
    {
        return calls.get(call.id()) == call;
    }

    Collection<Call> all()
    {
        return calls.values();
    }

    void add(final Call call)
    {
        calls.put(call.id(), call);
    }

    void remove(final Call call)
    {
        calls.remove(call.id());
    }

    int size()
    {
        return calls.size();
    }

    /** The leg whose dialog has this Call-ID and our tag, or null. */
    Leg leg(final String callId, final String ourTag)
    {
        return dialogs.get(Dialog.key(callId, ourTag));
    }

    /** In-dialog requests for the leg's dialog find it from now on. */
    void addDialog(final Leg leg)
    {
        dialogs.put(leg.dialog().key(), leg);
    }

    /** In-dialog requests for the leg's dialog find nothing any more. */
    void removeDialog(final Leg leg)
    {
        if (leg.dialog() != null)
        {
            dialogs.remove(leg.dialog().key());
        }
    }

    int dialogCount()
    {
        return dialogs.size();
    }
}

package io.switchboard.core.call;

import java.util.ArrayList;
import java.util.List;

/**
 * The features one worker's calls have, as the server connected them before any message arrived (each null when
 * the tenant does not have it), and the listeners told of every call's moments in the order they were connected.
 * Read by the parts of the call layer on the worker's loop.
 */
final class Features
{
    /** Calls to queue numbers, handed to the ACD. */
    QueuedCalls queues;
    /** Calls to outside numbers through carrier trunks. */
    OutboundCalls outbound;
    /** Calls to numbers bound to IVR flows. */
    FlowCalls flows;
    /** Transfers and agents' own calls (anchored media only). */
    Transfers transfers;
    /** What the agents' workbench hears of calls. */
    CallEvents events = CallEvents.NONE;
    /** Consultation calls on any worker, for attended transfers. */
    ReplacedDialog.Lookup replacedDialogs;
    /** RFC 4028 session timers on every answered leg. */
    SessionTimers timers;
    /** Where finished calls' records go; the log line alone unless the server sets more. */
    CallRecords records = CallRecords.LOG_ONLY;
    /** Where calls' progress is journalled (their records after a crash); nowhere unless the server sets it. */
    CallProgress progress = CallProgress.NONE;
    final List<CallListener> listeners = new ArrayList<>();

    /** Tells every listener that a person took the call on {@code leg}. */
    void answered(final Call call, final Leg leg)
    {
        for (final CallListener listener : listeners)
        {
            listener.answered(call, leg);
        }
    }
}

package io.switchboard.core.call;

/**
 * A feature of calls (transfers, session timers, queues, flows, trunks, the record), told of the moments of every
 * call of its worker. Registered once with the {@link CallController}, which does not know which features listen:
 * the model is Kamailio's dialog callbacks, where modules attach to a dialog's events without the dialog module
 * knowing them. Every method runs on the worker's loop; each has a default that does nothing.
 */
public interface CallListener
{
    /**
     * A person took the call: the callee or agent answered, a transfer's target answered, or a failed transfer's
     * transferor has the caller back. {@code leg} is the call's answered leg from now on.
     */
    default void answered(final Call call, final Leg leg)
    {
    }

    /**
     * The call entered ENDING and its legs are about to be released: what a feature still has to signal on them
     * (a NOTIFY to a transferor, a timer to stop) goes now.
     */
    default void ending(final Call call)
    {
    }

    /** A leg of the ending call is let go: its dialog is forgotten, nothing more comes for it. */
    default void legReleased(final Leg leg)
    {
    }

    /** The call has ended (ENDED), from {@code before}, with the status and reason of its end. */
    default void ended(final Call call, final CallState before, final int status, final String reason)
    {
    }
}

package io.switchboard.acd;

/**
 * A snapshot of one call in a group's queue, for the API.
 *
 * @param callId        the call
 * @param callerKey     the caller (for the last-agent priority)
 * @param queuedAtNanos when it was queued in this group
 * @param ahead         calls before it in the queue (waiting or being rung)
 * @param ringingAgent  the agent it is being offered to, or -1 while it waits
 */
public record WaitingCall(long callId, long callerKey, long queuedAtNanos, int ahead, int ringingAgent)
{
}

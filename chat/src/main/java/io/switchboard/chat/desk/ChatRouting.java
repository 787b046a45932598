package io.switchboard.chat.desk;

import java.util.concurrent.CompletableFuture;

/**
 * What the desk asks of the ACD, which routes chat sessions to agents beside calls. The ACD's decisions come back
 * through {@link ChatDesk#onOffer}, {@link ChatDesk#onWithdraw}, {@link ChatDesk#onPosition} and {@link
 * ChatDesk#onNoAgent}, on the desk's owner thread.
 */
public interface ChatRouting
{
    /** The session waits for an agent of {@code group}; {@code owner} (a staff number, or null) is offered first. */
    void queue(long sessionId, String group, String owner);

    /**
     * The agent accepts the session offered to it. The ACD has the last word (its accept timeout may have passed
     * meanwhile): the future completes once it took the acceptance, or fails if the offer is no longer that agent's.
     */
    CompletableFuture<?> accepted(long sessionId, String staffNo);

    /**
     * The agent serving the session hands it to a colleague ({@code toStaffNo}) or to a group ({@code toStaffNo}
     * null, {@code toGroup}). The future fails when nobody can take it; on success the new agent comes through
     * {@link ChatDesk#onTransferred}.
     */
    CompletableFuture<?> transfer(long sessionId, String staffNo, String toStaffNo, String toGroup);

    /** The agent takes a waiting session out of its group's queue; the future fails if it was not first. */
    CompletableFuture<?> pick(long sessionId, String staffNo);

    /**
     * The agent opens a session itself (an app user contacted first, spec §9): it is served by that agent at once,
     * of {@code group}, counted against the agent's capacity. The future fails when the agent cannot take it now
     * (offline, at its limit, not in the group).
     */
    default CompletableFuture<?> open(final long sessionId, final String staffNo, final String group)
    {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("agents do not open sessions"));
    }

    /** The session occupies nobody any more: finished after its wrap-up, or gone before an agent took it. */
    void ended(long sessionId);
}

package io.switchboard.core.call;

/**
 * What the agents' workbench is told about calls, from the worker that owns them: a call offered to an agent (its
 * phone rings), withdrawn (rang out, the caller left, another phone took it), connected to the agent, ended.
 * Implementations hand the event to another thread at once; nothing here may block the worker.
 */
public interface CallEvents
{
    /** Nobody listens (unit tests, a server without an HTTP API). */
    CallEvents NONE = new CallEvents()
    {
    };

    /**
     * The agent's phone rings for the call (a queued call, a transfer, an internal call); {@code autoAnswer}: the
     * phone was asked to answer at once (the agent's or the tenant's auto-answer), so the workbench shows no offer.
     */
    default void offered(final int agentId, final Call call, final boolean autoAnswer)
    {
    }

    /**
     * The agent's own call to an outside number (click-to-dial) has started: its phone is being rung, then the number
     * (the screen pops of 客服坐席主动外呼).
     */
    default void dialled(final int agentId, final Call call)
    {
    }

    /** The offer is over without the agent (ring timeout, the caller hung up, the agent's phone refused). */
    default void withdrawn(final int agentId, final Call call)
    {
    }

    /** The agent talks to the call's other party. */
    default void connected(final int agentId, final Call call)
    {
    }

    /** The agent's part in the call is over (hang-up, transfer away). */
    default void ended(final int agentId, final Call call)
    {
    }

    /**
     * A supervisor listens to the agent's call, whispers to the agent or joins it ({@code mode}: listen, whisper,
     * barge), or has left ({@code mode} null); only told when the tenant's supervision notice is on.
     */
    default void supervised(final int agentId, final Call call, final String mode)
    {
    }
}

package io.switchboard.acd;

/**
 * A tenant's ACD settings.
 *
 * @param policy            default selection policy (a group may override it)
 * @param lastAgentPriority a caller answered by an agent before goes to that agent first, if idle and in the group
 *                          (calls; a chat session's owner is given with {@link AcdCommands#chatQueue})
 * @param ringTimeoutMillis how long an offered call rings before it moves on (1 to 90 s)
 * @param wrapUpMillis      wrap-up countdown after a call (1 to 90 s)
 * @param chatAutoAccept    chat sessions open at the agent at once, with no accept step (the manuals' automatic
 *                          accept); off: the agent accepts each offer ({@link AcdCommands#chatAccepted})
 * @param chatsDuringCalls  an agent on a voice call (ringing, on call, in the call's wrap-up) still receives chat
 *                          sessions up to its capacity; off: chats only while idle
 * @param callsDuringChats  an idle agent with open chat sessions is still offered queued calls; off: a queued call
 *                          is offered only to an idle agent with no open session (such an agent is out of the idle
 *                          heaps, so {@link AcdQueries#idleAgents} does not count it)
 * @param ringTimeout       the ring timeout applies (the manual's 超时链接设置); off: a queued call's offer rings
 *                          until the caller leaves or the agent answers or declines
 * @param stateRecovery     the wrap-up countdown applies (状态恢复设置); off: every wrap-up is kept open until the
 *                          agent ends it ({@link AcdCommands#endWrapUp} or picking a state)
 */
public record AcdSettings(SelectionPolicy policy, boolean lastAgentPriority, long ringTimeoutMillis,
    long wrapUpMillis, boolean chatAutoAccept, boolean chatsDuringCalls, boolean callsDuringChats,
    boolean ringTimeout, boolean stateRecovery)
{
    public AcdSettings
    {
        if (policy == null || ringTimeoutMillis < 1000 || ringTimeoutMillis > 90_000 || wrapUpMillis < 1000
            || wrapUpMillis > 90_000)
        {
            throw new AcdException(AcdError.INVALID, "ring timeout and wrap-up must be 1 to 90 s, policy set");
        }
    }

    /** The settings as they were before chat: manual accept, chats during calls and calls during chats. */
    public AcdSettings(final SelectionPolicy policy, final boolean lastAgentPriority, final long ringTimeoutMillis,
        final long wrapUpMillis)
    {
        this(policy, lastAgentPriority, ringTimeoutMillis, wrapUpMillis, false, true, true);
    }

    /** With the ring timeout and state recovery on (the default). */
    public AcdSettings(final SelectionPolicy policy, final boolean lastAgentPriority, final long ringTimeoutMillis,
        final long wrapUpMillis, final boolean chatAutoAccept, final boolean chatsDuringCalls,
        final boolean callsDuringChats)
    {
        this(policy, lastAgentPriority, ringTimeoutMillis, wrapUpMillis, chatAutoAccept, chatsDuringCalls,
            callsDuringChats, true, true);
    }

    /** These settings with the ring timeout and the state recovery switched on or off. */
    public AcdSettings withSwitches(final boolean ringTimeoutOn, final boolean stateRecoveryOn)
    {
        return new AcdSettings(policy, lastAgentPriority, ringTimeoutMillis, wrapUpMillis, chatAutoAccept,
            chatsDuringCalls, callsDuringChats, ringTimeoutOn, stateRecoveryOn);
    }

    /** These settings with the chat rules given. */
    public AcdSettings withChat(final boolean autoAccept, final boolean duringCalls, final boolean callsDuring)
    {
        return new AcdSettings(policy, lastAgentPriority, ringTimeoutMillis, wrapUpMillis, autoAccept, duringCalls,
            callsDuring, ringTimeout, stateRecovery);
    }
}

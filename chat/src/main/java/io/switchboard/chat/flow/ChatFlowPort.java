package io.switchboard.chat.flow;

/**
 * What a running session flow asks of the session it runs on. The core implements it over the session's transcript,
 * its timer and the ACD; the port reports back by calling the run's {@code on...} methods, on the same thread.
 */
public interface ChatFlowPort
{
    /** Sends the flow's text to the visitor (its variables already filled in). */
    void say(String text);

    /** Arms the run's one timer; {@link ChatFlowRun#onTimeout()} after {@code millis} unless cancelled or re-armed. */
    void startTimer(long millis);

    void cancelTimer();

    /**
     * Hands the visitor to a skill group; the port reports {@link ChatFlowRun#onQueued(int)}, {@link
     * ChatFlowRun#onNoAgent()} or {@link ChatFlowRun#onAgentAssigned(String)}.
     */
    void queue(String group);

    /**
     * The run waits at {@code nodeId} (a branch for the visitor's answer, a transfer for an agent): journalled, so
     * that a restart resumes it there ({@link ChatFlowRun#resume}).
     */
    default void waiting(final String nodeId)
    {
    }

    /** The flow is over and so is the session's conversation. */
    void finished(ChatFlowRun.Outcome outcome);
}

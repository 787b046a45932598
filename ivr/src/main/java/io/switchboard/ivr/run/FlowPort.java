package io.switchboard.ivr.run;

import io.switchboard.ivr.flow.Prompt;

import java.util.Map;

/**
 * What a running flow asks of the call it runs on. The core implements it over the call's media (prompts, music),
 * its timers and the ACD; the port reports back by calling the run's {@code on...} methods, on the same thread.
 */
public interface FlowPort
{
    /** Plays a prompt to the caller ({@code variables} for speech); calls {@link FlowRun#onPlayed()} at its end. */
    void play(Prompt prompt, Map<String, String> variables);

    void stopPlaying();

    /** Loops music to the caller: an audio of the library, or the server's own music when null. */
    void music(String audio);

    /** Arms the run's one timer; {@link FlowRun#onTimeout()} after {@code millis} unless cancelled or re-armed. */
    void startTimer(long millis);

    void cancelTimer();

    /** Hands the call to a skill group's queue; the port reports its place and the agent who answers. */
    void queue(String group);

    /** A survey node took the caller's level (1 to {@code levels}); nothing when the caller pressed none. */
    default void surveyed(final int level, final int levels)
    {
    }

    /** The flow is over; {@code keys} are all the keys the caller pressed in it, in order. */
    void finished(FlowRun.Outcome outcome, String keys);
}

package io.switchboard.ivr.flow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

/** One node of a flow, with its id (what edges name) and a label for people. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Node.Start.class, name = "start"),
    @JsonSubTypes.Type(value = Node.Play.class, name = "play"),
    @JsonSubTypes.Type(value = Node.Branch.class, name = "branch"),
    @JsonSubTypes.Type(value = Node.Transfer.class, name = "transfer"),
    @JsonSubTypes.Type(value = Node.End.class, name = "end"),
    @JsonSubTypes.Type(value = Node.Survey.class, name = "survey")
})
public sealed interface Node extends GraphNode
{
    String label();

    /** Where a call enters the flow. */
    record Start(String id, String label, String next) implements Node
    {
        @Override
        public List<String> edges()
        {
            return next == null ? List.of() : List.of(next);
        }
    }

    /** Plays a prompt, then goes on. */
    record Play(String id, String label, Prompt prompt, String next) implements Node
    {
        @Override
        public List<String> edges()
        {
            return next == null ? List.of() : List.of(next);
        }
    }

    /**
     * Plays a prompt and waits for keys: {@code keys} maps what the caller presses (one or more of 0-9 * #) to the
     * next node. No key within {@code timeoutSeconds} plays {@code timeoutPrompt} and asks again; a key that leads
     * nowhere plays {@code errorPrompt} and asks again; after {@code maxErrors} of either, the call is hung up.
     */
    record Branch(String id, String label, Prompt prompt, java.util.Map<String, String> keys, int timeoutSeconds,
        Prompt timeoutPrompt, Prompt errorPrompt, int maxErrors) implements Node
    {
        @Override
        public List<String> edges()
        {
            return keys == null ? List.of() : List.copyOf(keys.values());
        }
    }

    /**
     * Hands the call to a skill group: {@code prompt} while transferring, {@code music} (an audio, or the server's
     * music) while queued, {@code positionPrompt} every {@code announceSeconds} (0: never) with {@code ${WaitNo}},
     * and {@code answerPrompt} to the caller when an agent answers, with {@code ${StaffNo}}. With
     * {@code announceRecording} the caller first hears that the call may be recorded ({@link
     * Prompt#recordingNotice}), in the flow's language (the voice of the node's spoken prompts, else of the flow's).
     */
    record Transfer(String id, String label, String group, Prompt prompt, String music, int announceSeconds,
        Prompt positionPrompt, Prompt answerPrompt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean announceRecording) implements Node
    {
        /** A transfer without the recording notice. */
        public Transfer(final String id, final String label, final String group, final Prompt prompt,
            final String music, final int announceSeconds, final Prompt positionPrompt, final Prompt answerPrompt)
        {
            this(id, label, group, prompt, music, announceSeconds, positionPrompt, answerPrompt, null);
        }

        /** Whether the caller hears that the call may be recorded before queueing. */
        public boolean announcesRecording()
        {
            return Boolean.TRUE.equals(announceRecording);
        }

        /** The same node transferring to another group. */
        public Transfer toGroup(final String other)
        {
            return new Transfer(id, label, other, prompt, music, announceSeconds, positionPrompt, answerPrompt,
                announceRecording);
        }

        @Override
        public List<String> edges()
        {
            return List.of();
        }
    }

    /**
     * The satisfaction survey (满意度评价): plays {@code prompt} (which says the levels: "press 1 for very satisfied,
     * ...") and takes one key, 1 to {@code levels}; that key is the caller's level (kept in the call's service
     * record), then the flow goes on to {@code next}. No key within {@code timeoutSeconds}, or another key, goes on
     * without an answer: a survey never holds the caller.
     */
    record Survey(String id, String label, Prompt prompt, int levels, int timeoutSeconds, String next) implements Node
    {
        @Override
        public List<String> edges()
        {
            return next == null ? List.of() : List.of(next);
        }
    }

    /** Ends the flow (hangs up, or returns the call to the agent in self-service), after an optional prompt. */
    record End(String id, String label, Prompt prompt) implements Node
    {
        @Override
        public List<String> edges()
        {
            return List.of();
        }
    }
}

package io.switchboard.ivr.flow;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a voice flow before it is saved or published: the graph rules of {@link FlowGraph} (one start, ids,
 * edges, every node reachable and able to reach an end or a transfer); every group and audio referenced exists
 * (and, to publish, every audio is approved); text to speech is available for the voices used; values in range.
 */
public final class FlowValidator
{
    /** Keys: one or more of the DTMF digits 0-9, * and #. */
    private static final String KEYS = "[0-9*#]{1,8}";
    private static final int MAX_TEXT = 500;

    private FlowValidator()
    {
    }

    /**
     * Every problem found: the graph's ({@link FlowGraph}), then each node's own fields in node order; empty if the
     * flow is good. {@code publishing} also needs approved audio.
     */
    public static List<Problem> validate(final Flow flow, final Catalog catalog, final boolean publishing)
    {
        final List<Problem> problems = new ArrayList<>();
        FlowGraph.check(flow.name(), flow.nodes(), node -> node instanceof Node.Start, problems);
        for (final Node node : flow.nodes())
        {
            if (node != null)
            {
                new NodeCheck(flow, node, catalog, publishing, problems).run();
            }
        }
        return problems;
    }

    /** The checks of one node's own fields. */
    private record NodeCheck(Flow flow, Node node, Catalog catalog, boolean publishing, List<Problem> problems)
    {
        void run()
        {
            if (node instanceof Node.Start start)
            {
                require(start.next() != null, "a start needs \"next\"");
            }
            else if (node instanceof Node.Play play)
            {
                prompt(play.prompt(), "prompt", true);
                require(play.next() != null, "a play node needs \"next\"");
            }
            else if (node instanceof Node.Branch branch)
            {
                branch(branch);
            }
            else if (node instanceof Node.Transfer transfer)
            {
                transfer(transfer);
            }
            else if (node instanceof Node.End end)
            {
                prompt(end.prompt(), "prompt", false);
            }
            else if (node instanceof Node.Survey survey)
            {
                prompt(survey.prompt(), "prompt", true);
                require(survey.levels() >= 2 && survey.levels() <= 5, "levels must be 2..5");
                require(survey.timeoutSeconds() >= 1 && survey.timeoutSeconds() <= 60, "timeoutSeconds must be 1..60");
                require(survey.next() != null, "a survey node needs \"next\"");
            }
        }

        private void branch(final Node.Branch branch)
        {
            prompt(branch.prompt(), "prompt", true);
            prompt(branch.timeoutPrompt(), "timeoutPrompt", false);
            prompt(branch.errorPrompt(), "errorPrompt", false);
            require(branch.keys() != null && !branch.keys().isEmpty(), "a branch needs at least one key");
            if (branch.keys() != null)
            {
                branch.keys().keySet().forEach(key -> require(key != null && key.matches(KEYS),
                    "key \"" + key + "\" must be 1 to 8 of 0-9 * #"));
            }
            require(branch.timeoutSeconds() >= 1 && branch.timeoutSeconds() <= 60, "timeoutSeconds must be 1..60");
            require(branch.maxErrors() >= 1 && branch.maxErrors() <= 10, "maxErrors must be 1..10");
        }

        private void transfer(final Node.Transfer transfer)
        {
            require(transfer.group() != null && catalog.groupExists(transfer.group()),
                "transfers to " + transfer.group() + ", which is not a skill group");
            prompt(transfer.prompt(), "prompt", false);
            prompt(transfer.positionPrompt(), "positionPrompt", false);
            prompt(transfer.answerPrompt(), "answerPrompt", false);
            if (transfer.music() != null)
            {
                audio(transfer.music(), "music");
            }
            require(transfer.announceSeconds() == 0 || transfer.announceSeconds() >= 10
                && transfer.announceSeconds() <= 600, "announceSeconds must be 0 (never) or 10..600");
            require(transfer.announceSeconds() == 0 || transfer.positionPrompt() != null,
                "announcing the position needs a positionPrompt");
            if (transfer.announcesRecording())
            {
                speech(Prompt.recordingNotice(flow.voice(transfer)), "announceRecording");
            }
        }

        private void prompt(final Prompt prompt, final String field, final boolean required)
        {
            if (prompt == null)
            {
                require(!required, "\"" + field + "\" is required");
                return;
            }
            if ((prompt.audio() == null) == (prompt.text() == null))
            {
                problems.add(new Problem(node.id(), field + " needs either \"audio\" or \"text\""));
            }
            else if (prompt.audio() != null)
            {
                audio(prompt.audio(), field);
            }
            else
            {
                speech(prompt, field);
            }
        }

        private void speech(final Prompt prompt, final String field)
        {
            final String voice = prompt.voiceOrDefault();
            if (!"en".equals(voice) && !"zh".equals(voice))
            {
                problems.add(new Problem(node.id(), field + ": voice must be en or zh"));
            }
            else if (prompt.text().isBlank() || prompt.text().length() > MAX_TEXT)
            {
                problems.add(new Problem(node.id(), field + ": text must be 1 to " + MAX_TEXT + " characters"));
            }
            else if (!catalog.speechAvailable(voice))
            {
                problems.add(new Problem(node.id(), field + ": text to speech is not available (install espeak-ng)"));
            }
        }

        private void audio(final String id, final String field)
        {
            if (!catalog.audioExists(id))
            {
                problems.add(new Problem(node.id(), field + ": no audio " + id + " in the library"));
            }
            else if (publishing && !catalog.audioApproved(id))
            {
                problems.add(new Problem(node.id(), field + ": audio " + id + " is not approved yet"));
            }
        }

        private void require(final boolean condition, final String message)
        {
            if (!condition)
            {
                problems.add(new Problem(node.id(), message));
            }
        }
    }
}

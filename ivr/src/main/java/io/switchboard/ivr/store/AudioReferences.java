package io.switchboard.ivr.store;

import io.switchboard.ivr.flow.Flow;
import io.switchboard.ivr.flow.Node;
import io.switchboard.ivr.flow.Prompt;

import java.util.HashSet;
import java.util.Set;

/** The audio ids a flow uses (prompts and music). */
final class AudioReferences
{
    private AudioReferences()
    {
    }

    static Set<String> of(final Flow flow)
    {
        final Set<String> ids = new HashSet<>();
        for (final Node node : flow.nodes())
        {
            if (node instanceof Node.Play play)
            {
                add(ids, play.prompt());
            }
            else if (node instanceof Node.Branch branch)
            {
                add(ids, branch.prompt());
                add(ids, branch.timeoutPrompt());
                add(ids, branch.errorPrompt());
            }
            else if (node instanceof Node.Transfer transfer)
            {
                add(ids, transfer.prompt());
                add(ids, transfer.positionPrompt());
                add(ids, transfer.answerPrompt());
                if (transfer.music() != null)
                {
                    ids.add(transfer.music());
                }
            }
            else if (node instanceof Node.End end)
            {
                add(ids, end.prompt());
            }
            else if (node instanceof Node.Survey survey)
            {
                add(ids, survey.prompt());
            }
        }
        return ids;
    }

    private static void add(final Set<String> ids, final Prompt prompt)
    {
        if (prompt != null && prompt.audio() != null)
        {
            ids.add(prompt.audio());
        }
    }
}

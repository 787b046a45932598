package io.switchboard.ivr.flow;

import java.util.List;
import java.util.Map;

/** A voice flow: a name and a graph of nodes (JSON, see the README). Immutable. */
public record Flow(String name, List<Node> nodes)
{
    public Flow
    {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    /** The nodes by id (the first of a repeated id; validation refuses repeats). */
    public Map<String, Node> byId()
    {
        return FlowGraph.byId(nodes);
    }

    /**
     * The flow's language for what the server says in it (the recording notice): the voice of {@code near}'s spoken
     * prompts (null or none: skipped), else of the flow's first spoken prompt, else {@code en}.
     */
    public String voice(final Node near)
    {
        final java.util.List<Node> order = new java.util.ArrayList<>();
        if (near != null)
        {
            order.add(near);
        }
        order.addAll(nodes);
        for (final Node node : order)
        {
            for (final Prompt prompt : prompts(node))
            {
                if (prompt != null && prompt.isSpeech())
                {
                    return prompt.voiceOrDefault();
                }
            }
        }
        return "en";
    }

    /** A node's prompts, in the order the caller may hear them. */
    private static List<Prompt> prompts(final Node node)
    {
        final java.util.List<Prompt> prompts = new java.util.ArrayList<>();
        if (node instanceof Node.Play play)
        {
            prompts.add(play.prompt());
        }
        else if (node instanceof Node.Branch branch)
        {
            prompts.addAll(java.util.Arrays.asList(branch.prompt(), branch.timeoutPrompt(), branch.errorPrompt()));
        }
        else if (node instanceof Node.Transfer transfer)
        {
            prompts.addAll(java.util.Arrays.asList(transfer.prompt(), transfer.positionPrompt(),
                transfer.answerPrompt()));
        }
        else if (node instanceof Node.Survey survey)
        {
            prompts.add(survey.prompt());
        }
        else if (node instanceof Node.End end)
        {
            prompts.add(end.prompt());
        }
        return prompts;
    }

    /** The start node, or null. */
    public Node.Start start()
    {
        return FlowGraph.first(nodes, Node.Start.class);
    }
}

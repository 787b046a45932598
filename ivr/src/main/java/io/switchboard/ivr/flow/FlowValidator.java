package io.switchboard.ivr.flow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a flow before it is saved or published: exactly one start; ids unique; every edge leads to a node; every
 * node reachable from the start; from every node some end (an end or a transfer, which hands the call on) can be
 * reached, so no caller is stuck in a loop with no way out; every group and audio referenced exists (and, to
 * publish, every audio is approved); text to speech is available for the voices used; values in range.
 */
public final class FlowValidator
{
    /** Keys: one or more of the DTMF digits 0-9, * and #. */
    private static final String KEYS = "[0-9*#]{1,8}";
    private static final int MAX_TEXT = 500;

    private FlowValidator()
    {
    }

    /** Every problem found, in node order; empty if the flow is good. {@code publishing} also needs approved audio. */
    public static List<Problem> validate(final Flow flow, final Catalog catalog, final boolean publishing)
    {
        final List<Problem> problems = new ArrayList<>();
        if (flow.name() == null || flow.name().isBlank() || flow.name().length() > 64)
        {
            problems.add(new Problem(null, "the flow needs a name of 1 to 64 characters"));
        }
        final Map<String, Node> nodes = ids(flow, problems);
        int starts = 0;
        for (final Node node : flow.nodes())
        {
            if (node == null)
            {
                continue;
            }
            starts += node instanceof Node.Start ? 1 : 0;
            for (final String edge : node.edges())
            {
                if (edge == null || !nodes.containsKey(edge))
                {
                    problems.add(new Problem(node.id(), "goes to " + edge + ", which is not a node of the flow"));
                }
            }
            new NodeCheck(node, catalog, publishing, problems).run();
        }
        if (starts != 1)
        {
            problems.add(new Problem(null, "a flow has exactly one start node; this one has " + starts));
        }
        else if (problems.stream().noneMatch(p -> p.message().startsWith("goes to")))
        {
            paths(flow, nodes, problems);
        }
        return problems;
    }

    private static Map<String, Node> ids(final Flow flow, final List<Problem> problems)
    {
        final Map<String, Node> nodes = new HashMap<>();
        for (final Node node : flow.nodes())
        {
            if (node == null || node.id() == null || node.id().isBlank())
            {
                problems.add(new Problem(null, "every node needs an id"));
            }
            else if (nodes.putIfAbsent(node.id(), node) != null)
            {
                problems.add(new Problem(node.id(), "the id is used by another node"));
            }
        }
        return nodes;
    }

    /** Every node reachable from the start, and an end reachable from every one of them. */
    private static void paths(final Flow flow, final Map<String, Node> nodes, final List<Problem> problems)
    {
        final Set<String> reachable = new HashSet<>();
        final Deque<String> todo = new ArrayDeque<>(List.of(flow.start().id()));
        while (!todo.isEmpty())
        {
            final String id = todo.pop();
            if (reachable.add(id))
            {
                todo.addAll(nodes.get(id).edges());
            }
        }
        final Set<String> ending = new HashSet<>();
        boolean grew = true;
        while (grew)
        {
            grew = false;
            for (final Node node : nodes.values())
            {
                if (!ending.contains(node.id()) && (node.edges().isEmpty() || node.edges().stream()
                    .anyMatch(ending::contains)))
                {
                    grew = ending.add(node.id());
                }
            }
        }
        for (final Node node : flow.nodes())
        {
            if (node == null || node.id() == null)
            {
                continue;
            }
            if (!reachable.contains(node.id()))
            {
                problems.add(new Problem(node.id(), "cannot be reached from the start"));
            }
            else if (!ending.contains(node.id()))
            {
                problems.add(new Problem(node.id(), "no path from here reaches an end or a transfer"));
            }
        }
    }

    /** The checks of one node's own fields. */
    private record NodeCheck(Node node, Catalog catalog, boolean publishing, List<Problem> problems)
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

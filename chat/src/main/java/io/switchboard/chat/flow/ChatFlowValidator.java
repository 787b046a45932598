package io.switchboard.chat.flow;

import io.switchboard.ivr.flow.FlowGraph;
import io.switchboard.ivr.flow.Problem;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Checks a session flow before it is saved or published: the graph rules every flow follows ({@link FlowGraph}: one
 * start, ids, edges, every node reachable, and an end reachable from every node, so every path ends as the manual
 * requires), then each node's fields: texts present and at most {@value #MAX_TEXT} characters, a branch's keywords
 * (1 to {@value #MAX_KEYWORD} characters, none twice in one branch), its wrong-input prompt and error limit, a
 * transfer's skill group (it must exist) and its failure message, which leads to an end node.
 */
public final class ChatFlowValidator
{
    static final int MAX_TEXT = 2000;
    static final int MAX_KEYWORD = 32;
    static final int MAX_REPLY_TIMEOUT = 86_400;

    private ChatFlowValidator()
    {
    }

    /** Every problem found (the graph's, then the nodes' in order); empty if the flow is good. */
    public static List<Problem> validate(final ChatFlow flow, final Predicate<String> groupExists)
    {
        final List<Problem> problems = new ArrayList<>();
        FlowGraph.check(flow.name(), flow.nodes(), node -> node instanceof ChatNode.Start, problems);
        final Map<String, ChatNode> nodes = flow.byId();
        for (final ChatNode node : flow.nodes())
        {
            if (node != null)
            {
                new NodeCheck(node, nodes, groupExists, problems).run();
            }
        }
        return problems;
    }

    /** The checks of one node's own fields. */
    private record NodeCheck(ChatNode node, Map<String, ChatNode> nodes, Predicate<String> groupExists,
        List<Problem> problems)
    {
        void run()
        {
            if (node instanceof ChatNode.Start start)
            {
                require(start.next() != null, "a start needs \"next\"");
            }
            else if (node instanceof ChatNode.Message message)
            {
                text(message.text(), "text", true);
                require(message.next() != null, "a message node needs \"next\"");
            }
            else if (node instanceof ChatNode.Branch branch)
            {
                branch(branch);
            }
            else if (node instanceof ChatNode.Transfer transfer)
            {
                transfer(transfer);
            }
            else if (node instanceof ChatNode.End end)
            {
                end(end);
            }
        }

        private void branch(final ChatNode.Branch branch)
        {
            text(branch.text(), "text", true);
            text(branch.wrongInput(), "wrongInput", true);
            require(branch.options() != null && !branch.options().isEmpty(), "a branch needs at least one option");
            final Set<String> seen = new HashSet<>();
            if (branch.options() != null)
            {
                for (final ChatNode.Option option : branch.options())
                {
                    if (option == null || option.keywords() == null || option.keywords().isEmpty())
                    {
                        problems.add(new Problem(node.id(), "every option needs at least one keyword"));
                        continue;
                    }
                    for (final String keyword : option.keywords())
                    {
                        keyword(keyword, seen);
                    }
                }
            }
            require(branch.maxErrors() >= 1 && branch.maxErrors() <= 10, "maxErrors must be 1..10");
            require(branch.errorNext() != null, "a branch needs \"errorNext\": where too many wrong replies lead");
        }

        private void keyword(final String keyword, final Set<String> seen)
        {
            final String normal = keyword == null ? "" : ChatFlowRun.normalise(keyword);
            if (normal.isEmpty() || normal.length() > MAX_KEYWORD)
            {
                problems.add(new Problem(node.id(), "a keyword is 1 to " + MAX_KEYWORD + " characters"));
            }
            else if (!seen.add(normal))
            {
                problems.add(new Problem(node.id(), "keyword \"" + keyword + "\" leads to two options"));
            }
        }

        private void transfer(final ChatNode.Transfer transfer)
        {
            require(transfer.group() != null && groupExists.test(transfer.group()),
                "transfers to " + transfer.group() + ", which is not a skill group");
            text(transfer.queueMessage(), "queueMessage", false);
            text(transfer.failureMessage(), "failureMessage", true);
            text(transfer.successMessage(), "successMessage", false);
            require(transfer.next() == null || !nodes.containsKey(transfer.next())
                || nodes.get(transfer.next()) instanceof ChatNode.End,
                "a transfer's \"next\" is the end node that governs the conversation");
            require(transfer.next() != null, "a transfer needs \"next\": the end node of the conversation");
        }

        private void end(final ChatNode.End end)
        {
            require(end.replyTimeoutSeconds() >= 0 && end.replyTimeoutSeconds() <= MAX_REPLY_TIMEOUT,
                "replyTimeoutSeconds must be 0 (never) to " + MAX_REPLY_TIMEOUT);
            text(end.timeoutMessage(), "timeoutMessage", end.replyTimeoutSeconds() > 0);
            text(end.endMessage(), "endMessage", false);
        }

        private void text(final String text, final String field, final boolean required)
        {
            if (text == null)
            {
                require(!required, "\"" + field + "\" is required");
            }
            else if (text.isBlank() || text.length() > MAX_TEXT)
            {
                problems.add(new Problem(node.id(), field + " must be 1 to " + MAX_TEXT + " characters"));
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

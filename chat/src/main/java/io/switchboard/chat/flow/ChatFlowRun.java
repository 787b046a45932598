package io.switchboard.chat.flow;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/**
 * One visitor going through one session flow: the interpreter. Event driven and single threaded (the session's owner
 * thread): {@link #start()}, then the visitor's replies {@link #onVisitorText(String)}, the ACD's reports {@link
 * #onQueued(int)}, {@link #onNoAgent()}, {@link #onAgentAssigned(String)}, the agent's {@link #onAgentMessage()} and
 * {@link #onAgentEnded()}, and the port's {@link #onTimeout()}.
 *
 * <p>A branch takes the first option with a keyword the reply matches: the whole reply equal to the keyword, or, for
 * keywords of two characters or more, the reply containing it ("我想咨询一下" matches "咨询"). Replies are compared
 * trimmed, in lower case and NFKC-normalised, so full-width "１" typed by a Chinese input method matches "1".
 */
public final class ChatFlowRun
{
    /** How a session's flow ended. */
    public enum Outcome
    {
        /** An end node reached without a person: its end message was sent. */
        ENDED,
        /** A transfer found nobody of the group online: its failure message was sent. */
        NO_AGENT,
        /** The visitor did not reply to the agent within the end node's timeout: its timeout message was sent. */
        TIMED_OUT,
        /** The agent ended the session: the end node's end message was sent. */
        ENDED_BY_AGENT,
        /** The session was closed from outside (the visitor left, an administrator): nothing more was sent. */
        CLOSED
    }

    /** What the run is waiting for. */
    public enum Phase
    {
        IDLE, AWAITING_REPLY, QUEUED, CONVERSATION, DONE
    }

    public static final String WAIT_NO = "${WaitNo}";
    public static final String STAFF_NO = "${StaffNo}";
    /** Nodes passed without waiting before the run gives up: only a flow that skipped validation loops. */
    private static final int MAX_STEPS = 100;

    private final ChatFlow flow;
    private final Map<String, ChatNode> nodes;
    private final ChatFlowPort port;
    private ChatNode node;
    private ChatNode.Transfer transfer;
    private Phase phase = Phase.IDLE;
    private int errors;
    private boolean toldQueued;

    public ChatFlowRun(final ChatFlow flow, final ChatFlowPort port)
    {
        this.flow = flow;
        this.nodes = flow.byId();
        this.port = port;
    }

    public void start()
    {
        enter(flow.start().next());
    }

    public Phase phase()
    {
        return phase;
    }

    /** The node the visitor is at (its id), or null once done. */
    public String at()
    {
        return phase == Phase.DONE || node == null ? null : node.id();
    }

    /** The skill group the flow handed the visitor to, or null. */
    public String group()
    {
        return transfer == null ? null : transfer.group();
    }

    /**
     * Rebuilds the run of a session restored after a restart, at the node it was waiting on ({@link
     * ChatFlowPort#waiting}), saying nothing: {@code AWAITING_REPLY} at a branch, {@code QUEUED} at a transfer,
     * {@code CONVERSATION} after it (its end node's timeout and messages), {@code DONE} for a session in wrap-up. A
     * transfer node not in the journal (an older journal) is the flow's first transfer to {@code group}. The count of
     * wrong answers starts again. Returns false when the node is not (any more) in the flow: a branch cannot be
     * resumed; a queued or served session goes on without the transfer's messages.
     */
    public boolean resume(final String nodeId, final String group, final Phase at)
    {
        final ChatNode found = nodeId == null ? null : nodes.get(nodeId);
        phase = at;
        errors = 0;
        toldQueued = true;
        if (at == Phase.AWAITING_REPLY)
        {
            node = found;
            if (!(found instanceof ChatNode.Branch))
            {
                phase = Phase.DONE;
                return false;
            }
            return true;
        }
        transfer = found instanceof ChatNode.Transfer known ? known : transferTo(group);
        node = transfer == null ? null : at == Phase.CONVERSATION ? nodes.get(transfer.next()) : transfer;
        return transfer != null;
    }

    private ChatNode.Transfer transferTo(final String group)
    {
        for (final ChatNode candidate : flow.nodes())
        {
            if (candidate instanceof ChatNode.Transfer known && known.group().equals(group))
            {
                return known;
            }
        }
        return null;
    }

    /** The visitor wrote: an answer to a branch, or, talking with an agent, a reply that stops the reply timer. */
    public void onVisitorText(final String text)
    {
        if (phase == Phase.AWAITING_REPLY)
        {
            answer((ChatNode.Branch)node, text);
        }
        else if (phase == Phase.CONVERSATION)
        {
            port.cancelTimer();
        }
    }

    /** The visitor waits with {@code ahead} visitors before it: the queue message, once. */
    public void onQueued(final int ahead)
    {
        if (phase == Phase.QUEUED && !toldQueued && transfer != null && transfer.queueMessage() != null)
        {
            toldQueued = true;
            port.say(transfer.queueMessage().replace(WAIT_NO, Integer.toString(ahead)));
        }
    }

    /** Nobody of the group is online: the failure message, and the session ends. */
    public void onNoAgent()
    {
        if (phase == Phase.QUEUED)
        {
            if (transfer != null && transfer.failureMessage() != null)
            {
                port.say(transfer.failureMessage());
            }
            finish(Outcome.NO_AGENT);
        }
    }

    /** An agent took the visitor: the success message; the conversation follows the transfer's end node. */
    /** The agent serving the session handed it to {@code staffNo}: the visitor hears the success message again. */
    public void onTransferred(final String staffNo)
    {
        if (phase == Phase.CONVERSATION && transfer != null && transfer.successMessage() != null)
        {
            port.say(transfer.successMessage().replace(STAFF_NO, staffNo));
        }
    }

    public void onAgentAssigned(final String staffNo)
    {
        if (phase == Phase.QUEUED)
        {
            phase = Phase.CONVERSATION;
            node = transfer == null ? null : nodes.get(transfer.next());
            if (transfer != null && transfer.successMessage() != null)
            {
                port.say(transfer.successMessage().replace(STAFF_NO, staffNo == null ? "" : staffNo));
            }
        }
    }

    /** The agent wrote: the visitor has the end node's reply timeout to answer. */
    public void onAgentMessage()
    {
        if (phase == Phase.CONVERSATION && conversationEnd() != null && conversationEnd().replyTimeoutSeconds() > 0)
        {
            port.startTimer(conversationEnd().replyTimeoutSeconds() * 1000L);
        }
    }

    /** The agent ended the session: the end message. */
    public void onAgentEnded()
    {
        if (phase == Phase.CONVERSATION)
        {
            port.cancelTimer();
            final ChatNode.End end = conversationEnd();
            if (end != null && end.endMessage() != null)
            {
                port.say(end.endMessage());
            }
            finish(Outcome.ENDED_BY_AGENT);
        }
    }

    /** The reply timer ran out: the visitor was silent after the agent's last message. */
    public void onTimeout()
    {
        if (phase == Phase.CONVERSATION && conversationEnd() != null)
        {
            port.say(conversationEnd().timeoutMessage());
            finish(Outcome.TIMED_OUT);
        }
    }

    /** The session is closed from outside (the visitor left, an administrator closed it): nothing more is said. */
    public void close()
    {
        if (phase != Phase.DONE)
        {
            port.cancelTimer();
            finish(Outcome.CLOSED);
        }
    }

    /** The form replies and keywords are compared in: trimmed, NFKC, lower case. */
    public static String normalise(final String text)
    {
        return Normalizer.normalize(text.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    private ChatNode.End conversationEnd()
    {
        return node instanceof ChatNode.End end ? end : null;
    }

    private void answer(final ChatNode.Branch branch, final String text)
    {
        final String next = match(branch, normalise(text == null ? "" : text));
        if (next != null)
        {
            enter(next);
        }
        else if (++errors >= branch.maxErrors())
        {
            enter(branch.errorNext());
        }
        else
        {
            port.say(branch.wrongInput());
            port.say(branch.text());
        }
    }

    private static String match(final ChatNode.Branch branch, final String reply)
    {
        for (final ChatNode.Option option : branch.options())
        {
            for (final String keyword : option.keywords())
            {
                final String word = normalise(keyword);
                if (reply.equals(word) || word.codePointCount(0, word.length()) >= 2 && reply.contains(word))
                {
                    return option.next();
                }
            }
        }
        return null;
    }

    /** Goes through nodes that need no answer until one waits (a branch, a transfer) or an end. */
    private void enter(final String first)
    {
        String id = first;
        for (int step = 0; step < MAX_STEPS && phase != Phase.DONE; step++)
        {
            node = nodes.get(id);
            if (node instanceof ChatNode.Message message)
            {
                port.say(message.text());
                id = message.next();
            }
            else if (node instanceof ChatNode.Branch branch)
            {
                phase = Phase.AWAITING_REPLY;
                errors = 0;
                port.waiting(branch.id());
                port.say(branch.text());
                return;
            }
            else if (node instanceof ChatNode.Transfer next)
            {
                phase = Phase.QUEUED;
                transfer = next;
                port.waiting(next.id());
                port.queue(next.group());
                return;
            }
            else
            {
                endWithoutPerson(node instanceof ChatNode.End end ? end : null);
                return;
            }
        }
        endWithoutPerson(null);
    }

    private void endWithoutPerson(final ChatNode.End end)
    {
        if (end != null && end.endMessage() != null)
        {
            port.say(end.endMessage());
        }
        finish(Outcome.ENDED);
    }

    private void finish(final Outcome outcome)
    {
        phase = Phase.DONE;
        port.finished(outcome);
    }
}

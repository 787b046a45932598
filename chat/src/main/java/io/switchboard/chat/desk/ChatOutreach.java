package io.switchboard.chat.desk;

import io.switchboard.chat.flow.ChatFlow;
import io.switchboard.chat.flow.ChatFlowRun;
import io.switchboard.chat.session.ChatSession;
import io.switchboard.chat.session.Sender;
import io.switchboard.chat.session.SessionState;

import java.util.concurrent.CompletableFuture;

/**
 * Contacting a user again (spec §9, 员工主动联系用户), on the desk's owner thread: an agent opens a session with an
 * app user, known by its visitor id, whether or not the user is connected. The ACD counts it against the agent at
 * once ({@link ChatRouting#open}); the session is SERVING from the start (no menu, no queue), its conversation
 * governed by the channel's flow's end node for {@code group} (end message, reply timeout). The agent's messages are
 * journalled and kept like any; the user's app, when it connects, gets the session back with what it has not seen
 * ({@link ChatDesk#open} finds it), and only from then on does the reply timeout run. Afterwards the session is like
 * any other: transferred, ended, finished, restored after a restart.
 *
 * <p>What the agent is told never depends on whether the user was ever seen: a user id is not looked up anywhere. A
 * user with a live session already is the one exception the agent hears of: its session served by the same agent
 * takes the message; another's, or one in the flow, is refused (the user is busy now).
 */
public final class ChatOutreach
{
    private final ChatDesk desk;

    ChatOutreach(final ChatDesk desk)
    {
        this.desk = desk;
    }

    /**
     * Agent {@code staffNo} opens a session with the visitor (an app user) of {@code channel}, of {@code group}, and
     * writes {@code text}; completes with the session once the message is journalled. Fails with {@link
     * ChatException.Reason#NO_AGENT} when the agent cannot take a session now, {@link
     * ChatException.Reason#WRONG_STATE} when the user is in a session of someone else's.
     */
    public CompletableFuture<ChatSession> open(final String channel, final String visitorId, final String name,
        final String staffNo, final String group, final String text)
    {
        desk.checkText(text);
        final ChatFlow flow = desk.flowOf(channel);
        if (flow == null)
        {
            throw new ChatException(ChatException.Reason.NO_CHANNEL, "no published flow serves channel " + channel);
        }
        final LiveSession open = desk.openOf(channel, visitorId);
        if (open != null)
        {
            return again(open, staffNo, text);
        }
        final long id = desk.nextId();
        final CompletableFuture<ChatSession> result = new CompletableFuture<>();
        desk.routing().open(id, staffNo, group).whenCompleteAsync((ok, refused) ->
        {
            if (refused != null)
            {
                result.completeExceptionally(new ChatException(ChatException.Reason.NO_AGENT, staffNo
                    + " cannot take a session now (offline, or at the group's limit)"));
                return;
            }
            if (desk.openOf(channel, visitorId) != null)
            {
                // The user's app opened a session meanwhile.
                desk.routing().ended(id);
                result.completeExceptionally(busy());
                return;
            }
            final LiveSession running = start(id, channel, visitorId, name, staffNo, group, flow);
            desk.post(running, Sender.AGENT, text).whenComplete((message, failed) ->
            {
                if (failed != null)
                {
                    result.completeExceptionally(failed);
                }
                else
                {
                    result.complete(running.session());
                }
            });
        }, desk.owner());
        return result;
    }

    private LiveSession start(final long id, final String channel, final String visitorId, final String name,
        final String staffNo, final String group, final ChatFlow flow)
    {
        final ChatSession session = new ChatSession(id, channel, visitorId, desk.now(), desk.messageLimit(),
            desk.listener());
        session.visitor(name, null);
        session.openedBy(staffNo);
        session.group(group);
        session.agent(staffNo);
        final LiveSession running = new LiveSession(desk, session);
        final ChatFlowRun run = new ChatFlowRun(flow, running);
        running.run(run);
        desk.started(running);
        desk.journal().opened(session);
        // The conversation follows the end node after the flow's transfer to the group (none: no end message).
        run.resume(null, group, ChatFlowRun.Phase.CONVERSATION);
        desk.move(running, SessionState.SERVING, "opened-by-agent");
        desk.owner(visitorId, staffNo);
        desk.delivery().offered(session, staffNo, true);
        return running;
    }

    /** The user's live session: the same agent's takes the message; any other is refused. */
    private CompletableFuture<ChatSession> again(final LiveSession open, final String staffNo, final String text)
    {
        final ChatSession session = open.session();
        if (session.state() != SessionState.SERVING || !staffNo.equals(session.staffNo()))
        {
            throw busy();
        }
        return desk.post(open, Sender.AGENT, text).thenApply(message -> session);
    }

    /**
     * The user's app connected to the session (its visitor socket): from now on it can be silent, so an agent's
     * unanswered message starts the end node's reply timeout.
     */
    void attached(final LiveSession running)
    {
        final ChatSession session = running.session();
        if (session.awaitingVisitor())
        {
            session.visitorJoined();
            if (session.state() == SessionState.SERVING)
            {
                running.run().onAgentMessage();
            }
        }
    }

    private static ChatException busy()
    {
        return new ChatException(ChatException.Reason.WRONG_STATE, "the user is in another session now: try later");
    }
}

package io.switchboard.chat.desk;

import io.switchboard.chat.flow.ChatFlow;
import io.switchboard.chat.flow.ChatFlowRun;
import io.switchboard.chat.session.ChatMessage;
import io.switchboard.chat.session.ChatSession;
import io.switchboard.chat.session.Sender;
import io.switchboard.chat.session.SessionListener;
import io.switchboard.chat.session.SessionState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Live chat sessions across a restart. While the journal is replayed (before the desk exists), the same entries the
 * desk writes are applied here in order ({@link #opened}, {@link #message}, {@link #changed}, {@link #node}): each
 * session not finished is rebuilt with its transcript (the same ids and times), visitor, group, agent, transfer and
 * times; a session is dropped at its {@code finished} entry, and entries of sessions not open are skipped, so the
 * replay is linear in the journal and holds only what is live. The owners (visitor to the agent who served it last)
 * follow the serving entries, as on the desk.
 *
 * <p>Then, on the desk's owner thread before anything is served, {@link #restore} makes them live again:
 * <ul>
 *   <li>IN_FLOW: the flow waits again at the branch it asked (journalled as {@code chat.node}); a session whose
 *       branch is not in the channel's flow any more is closed.</li>
 *   <li>QUEUED, OFFERED: back in the ACD's queue of its group (an offer is taken back first: the ACD does not keep
 *       it across a restart), the visitor's last agent offered first.</li>
 *   <li>SERVING: stays with its agent, who sees it and writes at once; it is queued in the ACD with that agent as
 *       owner, so that it counts against the agent's capacity again. When the ACD offers it to that agent it is taken
 *       for it (no second accept); if the ACD gives it to a colleague (the agent is offline, busy or full after the
 *       restart) the session is transferred to the colleague with the note {@value #RESTART_NOTE}. If the ACD finds
 *       nobody online, the session stays with its agent without counting in the ACD. A visitor waiting for the
 *       agent's reply gets the end node's full reply timeout again.</li>
 *   <li>WRAP_UP: stays in its agent's list until the agent finishes it (it no longer counts in the ACD).</li>
 * </ul>
 * One owner thread at a time: the replay's, then the desk's.
 */
public final class ChatReplay
{
    /** The transfer note of a served session a restart moved to a colleague. */
    public static final String RESTART_NOTE = "server restarted";

    private final int messageLimit;
    private final Map<Long, ChatSession> open = new HashMap<>();
    private final Map<Long, String> nodes = new HashMap<>();
    private final Map<String, String> owners = new HashMap<>();
    /** Served sessions restored, until the ACD offers them again. */
    private final Set<Long> reserving = new HashSet<>();
    /** The desk's listener once restored (a session's listener is fixed when it is made, during the replay). */
    private SessionListener listener = SessionListener.NONE;
    private ChatDesk desk;
    private long highestId;

    /** @param messageLimit the most messages one session holds (the desk's) */
    public ChatReplay(final int messageLimit)
    {
        this.messageLimit = messageLimit;
    }

    // ------------------------------------------------------------------------------------------- the entries

    /** {@code chat.opened}. */
    public void opened(final long id, final String channel, final String visitorId, final String name,
        final String page, final long atMillis)
    {
        highestId = Math.max(highestId, id);
        final ChatSession session = new ChatSession(id, channel, visitorId, atMillis, messageLimit,
            (changed, from, to, reason) -> listener.transitioned(changed, from, to, reason));
        session.visitor(name, page);
        open.put(id, session);
    }

    /** {@code chat.opened} of a session an agent opened with an app user (spec §9): who opened it. */
    public void openedBy(final long id, final String staffNo)
    {
        final ChatSession session = open.get(id);
        if (session != null)
        {
            session.openedBy(staffNo);
        }
    }

    /** {@code chat.message}: the next message of the session (its id is its place, as on the desk). */
    public void message(final long id, final long atMillis, final Sender sender, final String staffNo,
        final String text, final io.switchboard.chat.session.ChatFile file)
    {
        final ChatSession session = open.get(id);
        if (session != null)
        {
            session.append(atMillis, sender, staffNo, text, file);
        }
    }

    /** {@code chat.recalled}: the session's message {@code messageId} shows the recall notice from now on. */
    public void recalled(final long id, final long messageId)
    {
        final ChatSession session = open.get(id);
        if (session != null && session.transcript().get(messageId) != null)
        {
            session.transcript().recall(messageId);
        }
    }

    /** {@code chat.state}: the session's state as it is now; finished, it is dropped. */
    public void changed(final long id, final ChatSession.Restored state)
    {
        final ChatSession session = open.get(id);
        if (session == null)
        {
            return;
        }
        if (state.state() == SessionState.FINISHED)
        {
            open.remove(id);
            nodes.remove(id);
            return;
        }
        session.restore(state);
        if (state.state() == SessionState.SERVING && state.staffNo() != null)
        {
            owners.put(session.visitorId(), state.staffNo());
        }
    }

    /** {@code chat.node}: the session's flow waits at that node. */
    public void node(final long id, final String nodeId)
    {
        if (open.containsKey(id))
        {
            nodes.put(id, nodeId);
        }
    }

    // ------------------------------------------------------------------------------------------- what it rebuilt

    /** The highest session id opened (0: none): new sessions are numbered after it. */
    public long highestId()
    {
        return highestId;
    }

    /** The sessions not finished, by id. */
    public List<ChatSession> sessions()
    {
        final List<ChatSession> list = new ArrayList<>(open.values());
        list.sort((a, b) -> Long.compare(a.id(), b.id()));
        return list;
    }

    /** The node the session's flow waits at, or null. */
    public String nodeOf(final long id)
    {
        return nodes.get(id);
    }

    /** The agent who served the visitor last, or null. */
    public String ownerOf(final String visitorId)
    {
        return owners.get(visitorId);
    }

    // ------------------------------------------------------------------------------------------- live again

    /** Makes the sessions live on the desk (see the class's description), on its owner thread; returns how many. */
    public int restore(final ChatDesk into)
    {
        desk = into;
        listener = into.listener();
        owners.forEach(into::owner);
        final List<ChatSession> list = sessions();
        for (final ChatSession session : list)
        {
            resume(session);
        }
        open.clear();
        nodes.clear();
        return list.size();
    }

    private void resume(final ChatSession session)
    {
        final LiveSession running = new LiveSession(desk, session);
        final ChatFlow flow = desk.flowOf(session.channel());
        final ChatFlowRun run = new ChatFlowRun(flow != null ? flow : new ChatFlow(session.channel(), List.of()),
            running);
        running.run(run);
        desk.restored(running, this);
        final String node = nodes.get(session.id());
        switch (session.state())
        {
            case IN_FLOW ->
            {
                if (!run.resume(node, null, ChatFlowRun.Phase.AWAITING_REPLY))
                {
                    desk.close(running, "restart");
                }
            }
            case QUEUED, OFFERED ->
            {
                if (session.state() == SessionState.OFFERED)
                {
                    desk.move(running, SessionState.QUEUED, "restart");
                }
                run.resume(node, session.group(), ChatFlowRun.Phase.QUEUED);
                desk.routing().queue(session.id(), session.group(), desk.ownerOf(session.visitorId()));
            }
            case SERVING ->
            {
                run.resume(node, session.group(), ChatFlowRun.Phase.CONVERSATION);
                if (awaitsVisitor(session))
                {
                    run.onAgentMessage();
                }
                reserving.add(session.id());
                desk.routing().queue(session.id(), session.group(), session.staffNo());
            }
            default -> run.resume(node, session.group(), ChatFlowRun.Phase.DONE);
        }
    }

    /** Whether the agent wrote last (the visitor's reply timer was running). */
    private static boolean awaitsVisitor(final ChatSession session)
    {
        final List<ChatMessage> messages = session.transcript().all();
        for (int i = messages.size() - 1; i >= 0; i--)
        {
            if (messages.get(i).sender() != Sender.FLOW)
            {
                return messages.get(i).sender() == Sender.AGENT;
            }
        }
        return false;
    }

    /**
     * The ACD offers a session: true when it is a served session restored (taken for its agent, or transferred to
     * the colleague the ACD chose), false for any other (the desk's usual offer).
     */
    boolean reoffered(final LiveSession running, final String staffNo)
    {
        final ChatSession session = running.session();
        if (!reserving.remove(session.id()))
        {
            return false;
        }
        if (session.state() != SessionState.SERVING)
        {
            // Ended meanwhile (the agent's End, the visitor's silence): it needs no place in the ACD any more.
            desk.routing().ended(session.id());
            return true;
        }
        final String from = session.staffNo();
        desk.routing().accepted(session.id(), staffNo);
        if (staffNo.equals(from))
        {
            desk.delivery().offered(session, staffNo, true);
        }
        else
        {
            session.transferred(from, staffNo, RESTART_NOTE);
            desk.transferred(running, from);
        }
        return true;
    }
}

package io.switchboard.chat.desk;

import io.switchboard.chat.flow.ChatFlow;
import io.switchboard.chat.flow.ChatFlowRun;
import io.switchboard.chat.session.ChatFile;
import io.switchboard.chat.session.ChatMessage;
import io.switchboard.chat.session.ChatSession;
import io.switchboard.chat.session.Sender;
import io.switchboard.chat.session.SessionListener;
import io.switchboard.chat.session.SessionState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The tenant's live chat sessions, on one owner thread: visitors open sessions and write, the session flow answers
 * them and hands them to a skill group, the ACD offers them to agents ({@link #onOffer}...), agents accept, write, end
 * and finish them. Every message is journalled before it gets its id, is delivered or acknowledged, so both sides see
 * the same messages in the same order and a restart loses none that was acknowledged; a message's id is its place in
 * the session, given in the journal's order (the replay gives the same ids).
 *
 * <p>Rules: a visitor with an open session on a channel gets it back when it opens again (a page navigation); a
 * visitor only ever reaches its own session, and an unknown session and someone else's are refused alike; the agent
 * who served a visitor last is its owner, offered its next session first.
 */
public final class ChatDesk
{
    /** The longest message, in characters. */
    public static final int MAX_TEXT = 4000;

    /** What the desk works through, all called on (or handing results back to) the owner thread. */
    public record Ports(ChatRouting routing, ChatDelivery delivery, ChatJournal journal, ChatTimers timers,
        Executor owner, LongSupplier clockMillis, SessionListener listener)
    {
    }

    private final Ports ports;
    private final Function<String, ChatFlow> flowOfChannel;
    private final int messageLimit;
    private final Map<Long, LiveSession> live = new HashMap<>();
    private final Map<String, Long> openByVisitor = new HashMap<>();
    private final Map<String, String> owners = new HashMap<>();
    private final ChatTransfers transfers = new ChatTransfers(this);
    /** The sessions restored at start (their re-offers by the ACD), or null. */
    private ChatReplay replay;
    private final ChatRecalls recalls = new ChatRecalls(this);
    private final ChatOutreach outreach = new ChatOutreach(this);
    private long lastId;

    /**
     * @param flowOfChannel the published flow a channel runs, or null
     * @param messageLimit  the most messages one session holds
     */
    public ChatDesk(final Ports ports, final Function<String, ChatFlow> flowOfChannel, final int messageLimit)
    {
        this.ports = ports;
        this.flowOfChannel = flowOfChannel;
        this.messageLimit = messageLimit;
    }

    /**
     * At start, before anything is served: new sessions are numbered after {@code id}, the highest a session had
     * before the restart, so that a session's id (and its service record's) is never given twice.
     */
    public void continueIdsAfter(final long id)
    {
        lastId = Math.max(lastId, id);
    }

    // ------------------------------------------------------------------------------------------- the visitor

    /** The visitor's open session on the channel, or a new one running the channel's flow. */
    public ChatSession open(final String channel, final String visitorId, final String name, final String page)
    {
        final LiveSession open = openOf(channel, visitorId);
        if (open != null)
        {
            outreach.attached(open);
            return open.session();
        }
        final ChatFlow flow = flowOfChannel.apply(channel);
        if (flow == null)
        {
            throw new ChatException(ChatException.Reason.NO_CHANNEL, "no published flow serves channel " + channel);
        }
        final ChatSession session = new ChatSession(++lastId, channel, visitorId, now(), messageLimit,
            ports.listener());
        session.visitor(name, page);
        final LiveSession running = new LiveSession(this, session);
        live.put(session.id(), running);
        openByVisitor.put(visitorKey(channel, visitorId), session.id());
        ports.journal().opened(session);
        running.run(new ChatFlowRun(flow, running));
        running.run().start();
        return session;
    }

    /** The visitor's own session (an unknown id and another visitor's are refused alike). */
    public ChatSession visitorSession(final long id, final String visitorId)
    {
        final LiveSession running = live.get(id);
        if (running == null || !running.session().visitorId().equals(visitorId))
        {
            throw new ChatException(ChatException.Reason.UNKNOWN_SESSION, "no such session");
        }
        return running.session();
    }

    /** The visitor writes; the future completes with the message once it is journalled. */
    public CompletableFuture<ChatMessage> visitorText(final long id, final String visitorId, final String text)
    {
        visitorSession(id, visitorId);
        final LiveSession running = live.get(id);
        if (running.session().state() == SessionState.WRAP_UP)
        {
            throw new ChatException(ChatException.Reason.WRONG_STATE, "the session has ended");
        }
        return post(running, Sender.VISITOR, text);
    }

    /** The visitor sends an image or a file (already stored); the future completes once the message is journalled. */
    public CompletableFuture<ChatMessage> visitorFile(final long id, final String visitorId, final ChatFile file)
    {
        visitorSession(id, visitorId);
        final LiveSession running = live.get(id);
        if (running.session().state() == SessionState.WRAP_UP)
        {
            throw new ChatException(ChatException.Reason.WRONG_STATE, "the session has ended");
        }
        return post(running, Sender.VISITOR, file.name(), file);
    }

    /** The visitor closed the chat: a session being served goes to the agent's wrap-up, any other ends. */
    public void visitorLeft(final long id, final String visitorId)
    {
        visitorSession(id, visitorId);
        final LiveSession running = live.get(id);
        ports.timers().cancel(id);
        if (running.session().state() == SessionState.SERVING)
        {
            move(running, SessionState.WRAP_UP, "visitor-left");
        }
        else if (running.session().state() != SessionState.WRAP_UP)
        {
            running.run().close();
        }
    }

    // ------------------------------------------------------------------------------------------- the agent

    /** The agent accepts the session offered to it; the future completes once the ACD took it. */
    public CompletableFuture<ChatSession> accept(final long id, final String staffNo)
    {
        final LiveSession running = offeredTo(id, staffNo);
        final CompletableFuture<ChatSession> result = new CompletableFuture<>();
        ports.routing().accepted(id, staffNo).whenCompleteAsync((ok, refused) ->
        {
            if (refused != null || running.session().state() != SessionState.OFFERED
                || !staffNo.equals(running.session().staffNo()))
            {
                result.completeExceptionally(new ChatException(ChatException.Reason.WRONG_STATE,
                    "the session is no longer offered to " + staffNo));
                return;
            }
            serve(running, staffNo, "accepted");
            result.complete(running.session());
        }, ports.owner());
        return result;
    }

    /** The agent writes to the visitor of a session it serves. */
    public CompletableFuture<ChatMessage> agentText(final long id, final String staffNo, final String text)
    {
        return post(servedBy(id, staffNo), Sender.AGENT, text);
    }

    /** The agent sends an image or a file (already stored) to the visitor of a session it serves. */
    public CompletableFuture<ChatMessage> agentFile(final long id, final String staffNo, final ChatFile file)
    {
        return post(servedBy(id, staffNo), Sender.AGENT, file.name(), file);
    }

    /** The agent recalls one of its own messages (撤回), within {@value ChatRecalls#WINDOW_MILLIS} ms. */
    public CompletableFuture<ChatMessage> recall(final long id, final String staffNo, final long messageId)
    {
        return recalls.recall(servedBy(id, staffNo), staffNo, messageId);
    }

    /** The agent ends the session (结束会话): the flow's end message, then the agent's wrap-up. */
    public void end(final long id, final String staffNo)
    {
        servedBy(id, staffNo).run().onAgentEnded();
    }

    /** The agent finishes its wrap-up (完成会话): the session is over and frees the agent's place. */
    public void finish(final long id, final String staffNo)
    {
        final LiveSession running = live.get(id);
        if (running == null || running.session().state() != SessionState.WRAP_UP
            || !staffNo.equals(running.session().staffNo()))
        {
            throw new ChatException(ChatException.Reason.WRONG_STATE, "session " + id + " is not in " + staffNo
                + "'s wrap-up");
        }
        move(running, SessionState.FINISHED, "finished");
    }

    /** The agent's sessions: offered, served and in wrap-up, oldest first. */
    public List<ChatSession> sessionsOf(final String staffNo)
    {
        final List<ChatSession> list = new ArrayList<>();
        live.values().forEach(running ->
        {
            if (staffNo.equals(running.session().staffNo()) && running.session().state().withAgent())
            {
                list.add(running.session());
            }
        });
        list.sort((a, b) -> Long.compare(a.id(), b.id()));
        return list;
    }

    /** Sessions agents open with app users (spec §9). */
    public ChatOutreach outreach()
    {
        return outreach;
    }

    /** Transfers between agents and picks from the groups' queues (the unassigned pool). */
    public ChatTransfers transfers()
    {
        return transfers;
    }

    /** A live session, or null. */
    public ChatSession session(final long id)
    {
        final LiveSession running = live.get(id);
        return running == null ? null : running.session();
    }

    public int liveSessions()
    {
        return live.size();
    }

    // ------------------------------------------------------------------------------------------- the ACD

    /** The ACD offers the session to an agent (to accept, or opened at once with {@code autoAccept}). */
    public void onOffer(final long id, final String staffNo, final boolean autoAccept)
    {
        final LiveSession running = live.get(id);
        if (running != null && replay != null && replay.reoffered(running, staffNo))
        {
            return;
        }
        if (running == null || running.session().state() != SessionState.QUEUED)
        {
            ports.routing().ended(id);
            return;
        }
        running.session().agent(staffNo);
        if (autoAccept)
        {
            serve(running, staffNo, "auto-accept");
        }
        else
        {
            move(running, SessionState.OFFERED, "offered");
        }
        ports.delivery().offered(running.session(), staffNo, autoAccept);
    }

    /** The agent did not accept in time: the session waits again for the next agent. */
    public void onWithdraw(final long id, final String staffNo)
    {
        final LiveSession running = live.get(id);
        if (running != null && running.session().state() == SessionState.OFFERED
            && staffNo.equals(running.session().staffNo()))
        {
            move(running, SessionState.QUEUED, "accept-timeout");
            ports.delivery().withdrawn(running.session(), staffNo);
        }
    }

    /** The ACD gave the session to another agent (a transfer the serving agent asked for). */
    public void onTransferred(final long id, final String staffNo)
    {
        final LiveSession running = live.get(id);
        if (running != null)
        {
            transfers.onTransferred(running, staffNo);
        }
    }

    public void onPosition(final long id, final int ahead)
    {
        final LiveSession running = live.get(id);
        if (running != null)
        {
            running.run().onQueued(ahead);
        }
    }

    public void onNoAgent(final long id)
    {
        final LiveSession running = live.get(id);
        if (running != null)
        {
            running.run().onNoAgent();
        }
    }

    /** The session's timer ran out: the visitor's reply timeout. */
    public void onTimer(final long id)
    {
        final LiveSession running = live.get(id);
        if (running != null)
        {
            running.run().onTimeout();
        }
    }

    // ------------------------------------------------------------------------------------------- for LiveSession

    /** A session the journal's replay restored ({@link ChatReplay}): live again, its visitor's open session. */
    void restored(final LiveSession running, final ChatReplay from)
    {
        replay = from;
        started(running);
    }

    /** A session opened on the desk (not by its visitor's socket): live, its visitor's open session. */
    void started(final LiveSession running)
    {
        live.put(running.session().id(), running);
        openByVisitor.put(visitorKey(running.session().channel(), running.session().visitorId()),
            running.session().id());
    }

    /** The visitor's live session on the channel, or null. */
    LiveSession openOf(final String channel, final String visitorId)
    {
        final Long open = openByVisitor.get(visitorKey(channel, visitorId));
        return open == null ? null : live.get(open);
    }

    long nextId()
    {
        return ++lastId;
    }

    int messageLimit()
    {
        return messageLimit;
    }

    void owner(final String visitorId, final String staffNo)
    {
        owners.put(visitorId, staffNo);
    }

    ChatFlow flowOf(final String channel)
    {
        return flowOfChannel.apply(channel);
    }

    ChatJournal journal()
    {
        return ports.journal();
    }

    ChatDelivery delivery()
    {
        return ports.delivery();
    }

    SessionListener listener()
    {
        return ports.listener();
    }

    ChatRouting routing()
    {
        return ports.routing();
    }

    ChatTimers timers()
    {
        return ports.timers();
    }

    Executor owner()
    {
        return ports.owner();
    }

    LiveSession running(final long id)
    {
        return live.get(id);
    }

    /** Each live session, in no order (on the owner thread). */
    public void eachLive(final java.util.function.Consumer<ChatSession> action)
    {
        live.values().forEach(running -> action.accept(running.session()));
    }

    /** A transfer happened (the session names its new agent): journalled, both agents' screens and the visitor told. */
    void transferred(final LiveSession running, final String from)
    {
        final ChatSession session = running.session();
        move(running, SessionState.SERVING, "transferred");
        owners.put(session.visitorId(), session.staffNo());
        ports.delivery().transferred(session, from);
        running.run().onTransferred(session.staffNo());
    }

    /** An agent picked the waiting session: it serves it at once. */
    void picked(final LiveSession running, final String staffNo)
    {
        serve(running, staffNo, "picked");
        ports.delivery().offered(running.session(), staffNo, true);
    }

    /**
     * The visitor accepted an agent's invitation (or a "chat again"): that agent becomes its owner, so the session it
     * opens next is offered to that agent first when the flow hands it to a group (if the agent can take it).
     */
    public void invitedBy(final String visitorId, final String staffNo)
    {
        owners.put(visitorId, staffNo);
    }

    /** Whether the visitor has a live session on the channel. */
    public boolean chatting(final String channel, final String visitorId)
    {
        return openByVisitor.containsKey(visitorKey(channel, visitorId));
    }

    /** The agent who served the visitor last (its owner, offered its sessions first), or null. */
    public String ownerOf(final String visitorId)
    {
        return owners.get(visitorId);
    }

    /**
     * Journals a message, then gives it its id, delivers it and lets the flow react, on the owner thread, in the
     * order written. Refused when it is empty, too long, or the session is full.
     */
    CompletableFuture<ChatMessage> post(final LiveSession running, final Sender sender, final String text)
    {
        return post(running, sender, text, null);
    }

    private CompletableFuture<ChatMessage> post(final LiveSession running, final Sender sender, final String text,
        final ChatFile file)
    {
        checkText(text);
        if (running.count() >= messageLimit)
        {
            throw new ChatException(ChatException.Reason.TOO_MANY_MESSAGES, "the session holds " + messageLimit
                + " messages, the most it may");
        }
        final ChatSession session = running.session();
        final String staffNo = sender == Sender.AGENT ? session.staffNo() : null;
        final long at = now();
        final CompletableFuture<ChatMessage> result = new CompletableFuture<>();
        running.submitted();
        ports.journal().message(session, new ChatMessage(0, at, sender, staffNo, text, file, false))
            .whenCompleteAsync((written, failed) ->
            {
                running.written();
                if (failed != null)
                {
                    result.completeExceptionally(failed);
                    return;
                }
                final ChatMessage message = session.append(at, sender, staffNo, text, file);
                ports.delivery().message(session, message);
                result.complete(message);
                react(running, sender, text);
            }, ports.owner());
        return result;
    }

    /** Refuses an empty or too long message. */
    static void checkText(final String text)
    {
        if (text == null || text.isBlank() || text.length() > MAX_TEXT)
        {
            throw new ChatException(ChatException.Reason.INVALID, "a message has 1 to " + MAX_TEXT + " characters");
        }
    }

    /** The flow hears the visitor's words (a branch's answer, a reply) and the agent's (its reply timer). */
    private static void react(final LiveSession running, final Sender sender, final String text)
    {
        if (sender == Sender.VISITOR)
        {
            running.run().onVisitorText(text);
        }
        else if (sender == Sender.AGENT)
        {
            running.run().onAgentMessage();
        }
    }

    /** Moves the session on: journalled, shown to both sides; a finished session leaves the desk. */
    void move(final LiveSession running, final SessionState next, final String reason)
    {
        final ChatSession session = running.session();
        final SessionState from = session.state();
        session.transition(next, reason, now());
        ports.journal().changed(session);
        ports.delivery().changed(session);
        if (next == SessionState.FINISHED)
        {
            ports.timers().cancel(session.id());
            live.remove(session.id());
            openByVisitor.remove(visitorKey(session.channel(), session.visitorId()));
            if (from != SessionState.IN_FLOW)
            {
                ports.routing().ended(session.id());
            }
        }
    }

    /** Ends a session that was never served (the flow's end, nobody online, the visitor left). */
    void close(final LiveSession running, final String reason)
    {
        move(running, SessionState.FINISHED, reason);
    }

    private void serve(final LiveSession running, final String staffNo, final String reason)
    {
        running.session().agent(staffNo);
        move(running, SessionState.SERVING, reason);
        owners.put(running.session().visitorId(), staffNo);
        running.run().onAgentAssigned(staffNo);
    }

    private LiveSession offeredTo(final long id, final String staffNo)
    {
        final LiveSession running = live.get(id);
        if (running == null || running.session().state() != SessionState.OFFERED
            || !staffNo.equals(running.session().staffNo()))
        {
            throw new ChatException(ChatException.Reason.WRONG_STATE, "session " + id + " is not offered to "
                + staffNo);
        }
        return running;
    }

    LiveSession servedBy(final long id, final String staffNo)
    {
        final LiveSession running = live.get(id);
        if (running == null || running.session().state() != SessionState.SERVING
            || !staffNo.equals(running.session().staffNo()))
        {
            throw new ChatException(ChatException.Reason.WRONG_STATE, "session " + id + " is not served by "
                + staffNo);
        }
        return running;
    }

    long now()
    {
        return ports.clockMillis().getAsLong();
    }

    private static String visitorKey(final String channel, final String visitorId)
    {
        return channel + '\n' + visitorId;
    }
}

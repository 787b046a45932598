package io.switchboard.chat.desk;

import io.switchboard.chat.session.ChatSession;
import io.switchboard.chat.session.SessionState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Sessions changing hands, on the desk's owner thread: an agent transfers a session it serves to a colleague or a
 * group (spec §7: an optional note; the new agent sees the whole history and the note; nobody able to take it
 * leaves it with the agent, told why), and an agent picks a waiting visitor out of its groups' queue (the unassigned
 * pool, spec §6: two agents picking the same visitor, the first wins and the other is told). The ACD decides who
 * can take a session; this class keeps the session, the journal and both sides' screens in step with it.
 */
public final class ChatTransfers
{
    /** A transfer asked for and not yet decided: who asked, with which note. */
    private record Pending(String by, String note)
    {
    }

    /** The longest transfer note, in characters. */
    public static final int MAX_NOTE = 500;

    private final ChatDesk desk;
    private final Map<Long, Pending> pending = new HashMap<>();

    ChatTransfers(final ChatDesk desk)
    {
        this.desk = desk;
    }

    /**
     * The agent {@code staffNo} hands the session it serves to {@code toStaffNo}, or to the group {@code toGroup}
     * when {@code toStaffNo} is null. Completes once the ACD took it (the new agent then comes through
     * {@link ChatDesk#onTransferred}); fails with {@link ChatException.Reason#NO_AGENT} when nobody can take it (the
     * session stays with {@code staffNo}).
     */
    public CompletableFuture<ChatSession> transfer(final long id, final String staffNo, final String toStaffNo,
        final String toGroup, final String note)
    {
        return transfer(id, staffNo, toStaffNo, toGroup, note, staffNo);
    }

    /**
     * As {@link #transfer(long, String, String, String, String)}, asked by {@code by}: a supervisor moving a session
     * an agent serves (spec §11); the agent is told who moved it ({@link ChatSession#transferredBy()}).
     */
    public CompletableFuture<ChatSession> transfer(final long id, final String staffNo, final String toStaffNo,
        final String toGroup, final String note, final String by)
    {
        final LiveSession running = desk.servedBy(id, staffNo);
        if ((toStaffNo == null) == (toGroup == null) || staffNo.equals(toStaffNo))
        {
            throw new ChatException(ChatException.Reason.INVALID, "transfer to one colleague or one group");
        }
        if (note != null && note.length() > MAX_NOTE)
        {
            throw new ChatException(ChatException.Reason.INVALID, "a transfer note has at most " + MAX_NOTE
                + " characters");
        }
        if (pending.putIfAbsent(id, new Pending(by, note == null || note.isBlank() ? null : note.strip()))
            != null)
        {
            throw new ChatException(ChatException.Reason.WRONG_STATE, "session " + id + " is being transferred");
        }
        final CompletableFuture<ChatSession> result = new CompletableFuture<>();
        desk.routing().transfer(id, staffNo, toStaffNo, toGroup).whenCompleteAsync((ok, refused) ->
        {
            if (refused != null)
            {
                pending.remove(id);
                result.completeExceptionally(new ChatException(ChatException.Reason.NO_AGENT, toStaffNo != null
                    ? toStaffNo + " cannot take the session now (offline, reception off or full)"
                    : "nobody of group " + toGroup + " can take the session now"));
                return;
            }
            result.complete(running.session());
        }, desk.owner());
        return result;
    }

    /** The ACD gave the session to {@code staffNo}: it serves it from now on, with the note. */
    void onTransferred(final LiveSession running, final String staffNo)
    {
        final ChatSession session = running.session();
        final Pending asked = pending.remove(session.id());
        if (session.state() != SessionState.SERVING)
        {
            return;
        }
        final String from = session.staffNo();
        session.transferred(asked == null ? from : asked.by(), staffNo, asked == null ? null : asked.note());
        desk.transferred(running, from);
    }

    /**
     * The agent picks a waiting session of one of {@code groups} (its own): served by it at once. Fails with
     * {@link ChatException.Reason#WRONG_STATE} when it no longer waits (another agent was first).
     */
    public CompletableFuture<ChatSession> pick(final long id, final String staffNo, final Set<String> groups)
    {
        final LiveSession running = desk.running(id);
        if (running == null || running.session().state() != SessionState.QUEUED
            || !groups.contains(running.session().group()))
        {
            throw new ChatException(ChatException.Reason.WRONG_STATE, "session " + id + " is not waiting in your"
                + " groups (another agent may have taken it)");
        }
        final CompletableFuture<ChatSession> result = new CompletableFuture<>();
        desk.routing().pick(id, staffNo).whenCompleteAsync((ok, refused) ->
        {
            if (refused != null || running.session().state() != SessionState.QUEUED)
            {
                result.completeExceptionally(new ChatException(ChatException.Reason.WRONG_STATE, "session " + id
                    + " was taken by another agent, or you are at your limit"));
                return;
            }
            desk.picked(running, staffNo);
            result.complete(running.session());
        }, desk.owner());
        return result;
    }

    /** The sessions waiting in {@code groups} (the pool), oldest first. */
    public List<ChatSession> waiting(final Set<String> groups)
    {
        final List<ChatSession> list = new ArrayList<>();
        desk.eachLive(session ->
        {
            if (session.state() == SessionState.QUEUED && groups.contains(session.group()))
            {
                list.add(session);
            }
        });
        list.sort((a, b) -> Long.compare(a.queuedAtMillis(), b.queuedAtMillis()));
        return list;
    }
}

package io.switchboard.chat.session;

/**
 * One chat between a website visitor and the call center: who the visitor is and where it came from, the skill group
 * and agent that serve it, its times (for the service record: waiting, first response, duration), its transcript and
 * its {@link SessionState}. Every change of state goes through {@link #transition}, which refuses a change the state
 * table does not allow, runs the exit and entry actions (the times) and tells the {@link SessionListener}. One owner
 * thread; not thread-safe.
 */
public final class ChatSession
{
    private final long id;
    private final String channel;
    private final String visitorId;
    private final long createdAtMillis;
    private final Transcript transcript;
    private final SessionListener listener;
    private SessionState state = SessionState.IN_FLOW;
    private String visitorName;
    private String sourcePage;
    private String group;
    private String staffNo;
    private long queuedAtMillis;
    private long servedAtMillis;
    private long firstResponseAtMillis;
    private long endedAtMillis;
    private long finishedAtMillis;
    private String endReason;
    /** Every agent who served the session, in order (a transfer adds one). */
    private final java.util.List<String> servedBy = new java.util.ArrayList<>(1);
    private String transferNote;
    private String transferredBy;
    /** The agent who opened the session with an app user (spec §9), or null: the visitor opened it. */
    private String openedBy;
    /** Whether the visitor has been with the session (connected to it, or written in it). */
    private boolean visitorJoined;

    /**
     * A session's state as its journal entry gives it (at replay): {@code servedBy} null when the entry has none (no
     * transfer: the one agent who served it, if any).
     */
    public record Restored(SessionState state, String group, String staffNo, long queuedAtMillis,
        long servedAtMillis, long firstResponseAtMillis, long endedAtMillis, long finishedAtMillis, String endReason,
        java.util.List<String> servedBy, String transferredBy, String transferNote)
    {
    }

    public ChatSession(final long id, final String channel, final String visitorId, final long createdAtMillis,
        final int messageLimit, final SessionListener listener)
    {
        this.id = id;
        this.channel = channel;
        this.visitorId = visitorId;
        this.createdAtMillis = createdAtMillis;
        this.transcript = new Transcript(messageLimit);
        this.listener = listener;
    }

    /**
     * Moves to {@code next} for {@code reason} at {@code nowMillis}; refused (an {@link IllegalStateException},
     * nothing changed) when the state table does not lead there.
     */
    public void transition(final SessionState next, final String reason, final long nowMillis)
    {
        final SessionState from = state;
        if (!from.next().contains(next))
        {
            throw new IllegalStateException("session " + id + " cannot go from " + from + " to " + next);
        }
        exit(from, next);
        state = next;
        entry(next, reason, nowMillis);
        listener.transitioned(this, from, next, reason);
    }

    private void exit(final SessionState from, final SessionState next)
    {
        if (from == SessionState.OFFERED && next == SessionState.QUEUED)
        {
            staffNo = null;
        }
    }

    private void entry(final SessionState next, final String reason, final long nowMillis)
    {
        switch (next)
        {
            case QUEUED -> queuedAtMillis = queuedAtMillis == 0 ? nowMillis : queuedAtMillis;
            case SERVING ->
            {
                servedAtMillis = servedAtMillis == 0 ? nowMillis : servedAtMillis;
                if (staffNo != null && (servedBy.isEmpty() || !servedBy.get(servedBy.size() - 1).equals(staffNo)))
                {
                    servedBy.add(staffNo);
                }
            }
            case WRAP_UP ->
            {
                endedAtMillis = nowMillis;
                endReason = reason;
            }
            case FINISHED ->
            {
                finishedAtMillis = nowMillis;
                if (endedAtMillis == 0)
                {
                    endedAtMillis = nowMillis;
                    endReason = reason;
                }
            }
            default ->
            {
            }
        }
    }

    /**
     * Takes the state and times a journal entry gives (at replay, before the session is live again): no state table
     * and no listener, the live session already went through them.
     */
    public void restore(final Restored entry)
    {
        state = entry.state();
        group = entry.group();
        staffNo = entry.staffNo();
        queuedAtMillis = entry.queuedAtMillis();
        servedAtMillis = entry.servedAtMillis();
        firstResponseAtMillis = entry.firstResponseAtMillis();
        endedAtMillis = entry.endedAtMillis();
        finishedAtMillis = entry.finishedAtMillis();
        endReason = entry.endReason();
        transferredBy = entry.transferredBy();
        transferNote = entry.transferNote();
        servedBy.clear();
        if (entry.servedBy() != null)
        {
            servedBy.addAll(entry.servedBy());
        }
        else if (servedAtMillis != 0 && staffNo != null)
        {
            servedBy.add(staffNo);
        }
    }

    /**
     * Adds a message written to the journal (by the agent {@code staffNo}, for an agent's message); the first agent
     * message of the session is its first response. Null at the limit.
     */
    public ChatMessage append(final long nowMillis, final Sender sender, final String staffNo, final String text)
    {
        return append(nowMillis, sender, staffNo, text, null);
    }

    /** {@link #append(long, Sender, String, String)} for a message that may send a file (or null). */
    public ChatMessage append(final long nowMillis, final Sender sender, final String staffNo, final String text,
        final ChatFile file)
    {
        final ChatMessage message = transcript.append(nowMillis, sender, staffNo, text, file);
        visitorJoined |= sender == Sender.VISITOR;
        if (message != null && sender == Sender.AGENT && firstResponseAtMillis == 0)
        {
            firstResponseAtMillis = nowMillis;
        }
        return message;
    }

    /** The agent the session is offered to or served by (its staff number), set when it is offered or assigned. */
    public void agent(final String staffNo)
    {
        this.staffNo = staffNo;
    }

    /** A transfer: {@code to} serves it from now on; {@code by} asked for it with {@code note} (or null). */
    public void transferred(final String by, final String to, final String note)
    {
        this.transferredBy = by;
        this.transferNote = note;
        this.staffNo = to;
    }

    /** The session was opened by agent {@code staffNo} (with an app user who may not be connected). */
    public void openedBy(final String staffNo)
    {
        this.openedBy = staffNo;
    }

    /** The agent who opened the session first (spec §9), or null when the visitor opened it. */
    public String openedBy()
    {
        return openedBy;
    }

    /** The visitor is with the session: its app connected to it. */
    public void visitorJoined()
    {
        this.visitorJoined = true;
    }

    /**
     * Whether an agent opened the session and its user has not been with it yet (not connected since, nothing
     * written): the user cannot be silent while away, so no reply timeout runs.
     */
    public boolean awaitingVisitor()
    {
        return openedBy != null && !visitorJoined;
    }

    /** Every agent who served the session, in order. */
    public java.util.List<String> servedBy()
    {
        return java.util.Collections.unmodifiableList(servedBy);
    }

    /** The note of the last transfer, or null. */
    public String transferNote()
    {
        return transferNote;
    }

    /** Who made the last transfer, or null. */
    public String transferredBy()
    {
        return transferredBy;
    }

    public void group(final String group)
    {
        this.group = group;
    }

    /** What the visitor said of itself (optional) and the page it chats from. */
    public void visitor(final String name, final String page)
    {
        this.visitorName = name;
        this.sourcePage = page;
    }

    public long id()
    {
        return id;
    }

    public String channel()
    {
        return channel;
    }

    public String visitorId()
    {
        return visitorId;
    }

    public String visitorName()
    {
        return visitorName;
    }

    public String sourcePage()
    {
        return sourcePage;
    }

    public SessionState state()
    {
        return state;
    }

    public String group()
    {
        return group;
    }

    public String staffNo()
    {
        return staffNo;
    }

    public Transcript transcript()
    {
        return transcript;
    }

    public long createdAtMillis()
    {
        return createdAtMillis;
    }

    /** When the visitor asked for a person (0: never). */
    public long queuedAtMillis()
    {
        return queuedAtMillis;
    }

    public long servedAtMillis()
    {
        return servedAtMillis;
    }

    public long firstResponseAtMillis()
    {
        return firstResponseAtMillis;
    }

    public long endedAtMillis()
    {
        return endedAtMillis;
    }

    public long finishedAtMillis()
    {
        return finishedAtMillis;
    }

    public String endReason()
    {
        return endReason;
    }
}

package io.switchboard.chat.desk;

import io.switchboard.chat.flow.ChatFlowPort;
import io.switchboard.chat.flow.ChatFlowRun;
import io.switchboard.chat.session.ChatSession;
import io.switchboard.chat.session.Sender;
import io.switchboard.chat.session.SessionState;

/**
 * A session the desk is running: the session, its flow run, and the flow's port, which turns what the flow asks into
 * the desk's work (its texts become FLOW messages, its transfer a queue request to the ACD, its end the session's
 * next state). Also counts the messages handed to the journal and not yet written, so the session's limit holds.
 */
final class LiveSession implements ChatFlowPort
{
    private final ChatDesk desk;
    private final ChatSession session;
    private ChatFlowRun run;
    private int pending;

    LiveSession(final ChatDesk desk, final ChatSession session)
    {
        this.desk = desk;
        this.session = session;
    }

    void run(final ChatFlowRun flowRun)
    {
        this.run = flowRun;
    }

    ChatSession session()
    {
        return session;
    }

    ChatFlowRun run()
    {
        return run;
    }

    /** Messages written plus those on their way to the journal. */
    int count()
    {
        return session.transcript().size() + pending;
    }

    void submitted()
    {
        pending++;
    }

    void written()
    {
        pending--;
    }

    @Override
    public void say(final String text)
    {
        desk.post(this, Sender.FLOW, text);
    }

    @Override
    public void startTimer(final long millis)
    {
        if (session.awaitingVisitor())
        {
            // An app user an agent contacted first is not silent while away: its reply timeout runs once it is back.
            return;
        }
        desk.timers().arm(session.id(), millis);
    }

    @Override
    public void cancelTimer()
    {
        desk.timers().cancel(session.id());
    }

    @Override
    public void waiting(final String nodeId)
    {
        desk.journal().node(session, nodeId);
    }

    @Override
    public void queue(final String group)
    {
        session.group(group);
        desk.move(this, SessionState.QUEUED, "transfer");
        desk.routing().queue(session.id(), group, desk.ownerOf(session.visitorId()));
    }

    @Override
    public void finished(final ChatFlowRun.Outcome outcome)
    {
        final String reason = outcome.name().toLowerCase().replace('_', '-');
        if (session.state() == SessionState.SERVING)
        {
            desk.move(this, SessionState.WRAP_UP, reason);
        }
        else if (session.state() != SessionState.WRAP_UP && session.state() != SessionState.FINISHED)
        {
            desk.close(this, reason);
        }
    }
}

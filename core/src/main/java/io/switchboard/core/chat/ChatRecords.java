package io.switchboard.core.chat;

import io.switchboard.chat.session.ChatMessage;
import io.switchboard.chat.session.ChatSession;
import io.switchboard.chat.session.SessionState;
import io.switchboard.core.records.ChatDetails;
import io.switchboard.core.records.ServiceRecord;

import java.util.List;
import java.util.Locale;

/**
 * A chat session's service record, made when the session ends: into the agent's wrap-up for one that was served (the
 * agent's End, the visitor's silence, the visitor leaving), or straight to finished for one that never was (the flow
 * ended it, nobody of the group was online, the visitor left). Pure: it reads the session as it is.
 */
public final class ChatRecords
{
    private ChatRecords()
    {
    }

    /**
     * Whether a session in this state has just ended, so that its record is due: a served session's end is its
     * wrap-up (its finish later is no new end); one never served ends when it finishes.
     */
    public static boolean ended(final ChatSession session)
    {
        return session.state() == SessionState.WRAP_UP
            || session.state() == SessionState.FINISHED && session.servedAtMillis() == 0;
    }

    /** The record of an ended session, with its transcript as it is now. */
    public static ServiceRecord of(final ChatSession session)
    {
        final long started = session.createdAtMillis();
        final long ended = session.endedAtMillis() != 0 ? session.endedAtMillis() : started;
        final long served = session.servedAtMillis();
        final long queued = session.queuedAtMillis();
        final String agent = served != 0 ? session.staffNo() : null;
        final List<ChatDetails.Line> transcript = session.transcript().all().stream().map(ChatRecords::line)
            .toList();
        final ChatDetails details = new ChatDetails(session.channel(), session.visitorId(), session.visitorName(),
            session.sourcePage(), queued, served,
            queued == 0 ? null : ServiceRecord.seconds((served != 0 ? served : ended) - queued),
            served == 0 || session.firstResponseAtMillis() == 0 ? null
                : ServiceRecord.seconds(session.firstResponseAtMillis() - served),
            ServiceRecord.seconds(ended - started), outcome(session), transcript.size(), transcript);
        return new ServiceRecord(session.id(), started, ended, ServiceRecord.CHAT, session.visitorId(), agent,
            session.channel(), List.of(), session.group(), agent, served != 0,
            ServiceRecord.seconds((served != 0 ? served : ended) - started),
            served != 0 ? ServiceRecord.seconds(ended - served) : 0, 0, 0, session.endReason(), List.of(),
            agent != null ? List.of(agent) : List.of(), details);
    }

    /**
     * {@code served}; {@code timeout} for a served session the visitor's silence ended; {@code no-agent};
     * {@code flow-ended} when the flow ended it before the visitor asked for a person; else {@code abandoned} (the
     * visitor left before an agent took it).
     */
    static String outcome(final ChatSession session)
    {
        final String reason = session.endReason();
        if (session.servedAtMillis() != 0)
        {
            return "timed-out".equals(reason) ? "timeout" : "served";
        }
        if ("no-agent".equals(reason))
        {
            return "no-agent";
        }
        return session.queuedAtMillis() == 0 && "ended".equals(reason) ? "flow-ended" : "abandoned";
    }

    private static ChatDetails.Line line(final ChatMessage message)
    {
        // an image or file shows as a link the workbench can follow: [image name](/api/chat-files/id)
        final String text = message.file() == null ? message.text() : "[" + message.file().kind() + " "
            + message.file().name() + "](/api/chat-files/" + message.file().id() + ")";
        return new ChatDetails.Line(message.id(), message.atMillis(), message.sender().name().toLowerCase(Locale.ROOT),
            message.staffNo(), text);
    }
}

package io.switchboard.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.chat.desk.ChatDesk;
import io.switchboard.chat.desk.ChatException;
import io.switchboard.chat.session.ChatSession;
import io.switchboard.chat.session.SessionState;
import io.switchboard.core.admin.SurveySettings;
import io.switchboard.core.events.EventHub;
import io.switchboard.core.journal.Journal;
import io.switchboard.core.records.Satisfaction;
import io.switchboard.core.records.ServiceRecordStore;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Chat satisfaction surveys (spec §7, 满意度评价), on the desk's loop: the serving agent sends the survey the
 * administrator configured (during the session or its wrap-up), or it goes by itself when a served session ends
 * (the survey's {@code autoSend}); once per session. The visitor's widget gets a {@code survey} frame and answers
 * with one; an answer is checked (its own session's survey, not answered yet, a level of the scale, a comment of at
 * most {@value Satisfaction#MAX_COMMENT} characters), journalled as {@value #SATISFACTION}, and only then applied to
 * the session's service record and shown to the agent ({@code chat.survey}).
 * <p>
 * The record is made when the session ends, while the answer may come before (the agent asked mid-chat), during the
 * wrap-up or after the agent finished (the widget keeps its socket open for the answer): so the answer is an entry
 * of its own that the record store applies whenever both are there ({@link ServiceRecordStore#satisfied}), live and
 * at replay alike; applying one twice changes nothing.
 * <p>
 * A survey sent is remembered (to refuse a second, to answer only once, to show it again to a widget that reconnects)
 * until {@value #KEPT} newer ones were sent. Not thread-safe: owned by the desk's loop.
 */
public final class ChatSurveys
{
    /** The journal entry of an answer: the session and the {@link Satisfaction}. */
    public static final String SATISFACTION = "chat.satisfaction";
    static final int KEPT = 50_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A survey sent to a session's visitor, with the settings it was sent with. */
    private static final class Sent
    {
        private final String visitorId;
        private final String staffNo;
        private final SurveySettings settings;
        private boolean answered;
        private boolean answering;

        Sent(final String visitorId, final String staffNo, final SurveySettings settings)
        {
            this.visitorId = visitorId;
            this.staffNo = staffNo;
            this.settings = settings;
        }
    }

    /** What the surveys work with: the desk, the widgets and workbenches, the journal and the records. */
    record Ports(ChatDesk desk, ChatScreens screens, EventHub agents, Journal journal, ServiceRecordStore records,
        Supplier<SurveySettings> settings, Executor owner, LongSupplier clockMillis)
    {
    }

    private final Ports ports;
    private final Map<Long, Sent> sent = new LinkedHashMap<>();

    ChatSurveys(final Ports ports)
    {
        this.ports = ports;
    }

    /** The agent sends the survey of a session it serves or is wrapping up; refused if it was sent before. */
    public void send(final long sessionId, final String staffNo)
    {
        final ChatSession session = ports.desk().session(sessionId);
        if (session == null || !staffNo.equals(session.staffNo()))
        {
            throw new ChatException(ChatException.Reason.UNKNOWN_SESSION, "no such chat of this agent");
        }
        if (session.state() != SessionState.SERVING && session.state() != SessionState.WRAP_UP)
        {
            throw new ChatException(ChatException.Reason.WRONG_STATE, "session " + sessionId
                + " is not served or wrapped up by " + staffNo);
        }
        if (sent.containsKey(sessionId))
        {
            throw new ChatException(ChatException.Reason.WRONG_STATE, "the survey was sent already");
        }
        deliver(session);
    }

    /** A session changed state: a served one that has just ended gets its survey when the setting says so. */
    void changed(final ChatSession session)
    {
        if (session.state() == SessionState.WRAP_UP && session.servedAtMillis() != 0
            && !sent.containsKey(session.id()) && ports.settings().get().autoSend())
        {
            deliver(session);
        }
    }

    /** A widget (re)connected: the survey it has not answered yet, shown again. */
    Map<String, Object> pending(final long sessionId)
    {
        final Sent one = sent.get(sessionId);
        return one == null || one.answered ? null : frame(sessionId, one.settings);
    }

    /**
     * The visitor answers its own session's survey ({@code {"type":"survey","level","solved","comment"}}); the
     * future completes once the answer is journalled and applied.
     */
    CompletableFuture<Satisfaction> answer(final long sessionId, final String visitorId, final JsonNode frame)
    {
        final Sent one = sent.get(sessionId);
        if (one == null || !one.visitorId.equals(visitorId))
        {
            throw new ChatException(ChatException.Reason.WRONG_STATE, "no survey was sent in this chat");
        }
        if (one.answered || one.answering)
        {
            throw new ChatException(ChatException.Reason.WRONG_STATE, "the survey was answered already");
        }
        final Satisfaction answer = read(one.settings, frame, ports.clockMillis().getAsLong());
        one.answering = true;
        return ports.journal().append(SATISFACTION, entry(sessionId, answer)).handleAsync((position, failure) ->
        {
            one.answering = false;
            if (failure != null)
            {
                throw new IllegalStateException("the answer could not be saved", failure);
            }
            one.answered = true;
            ports.records().satisfied(sessionId, answer);
            final Map<String, Object> event = event(sessionId, "answered");
            event.put("satisfaction", answer);
            ports.agents().publish(one.staffNo, event);
            return answer;
        }, ports.owner());
    }

    /** An answer's entry at start: applied to its record like a live one. */
    public static void replayed(final ServiceRecordStore records, final byte[] json) throws IOException
    {
        final JsonNode entry = JSON.readTree(json);
        records.satisfied(entry.path("session").asLong(), JSON.treeToValue(entry.path("answer"),
            Satisfaction.class));
    }

    private void deliver(final ChatSession session)
    {
        final SurveySettings settings = ports.settings().get();
        if (sent.size() >= KEPT)
        {
            sent.remove(sent.keySet().iterator().next());
        }
        sent.put(session.id(), new Sent(session.visitorId(), session.staffNo(), settings));
        ports.screens().toVisitor(session.id(), frame(session.id(), settings));
        ports.agents().publish(session.staffNo(), event(session.id(), "sent"));
    }

    /** The checked answer: a level of the scale; solved only if asked; a comment only if offered, not too long. */
    static Satisfaction read(final SurveySettings settings, final JsonNode frame, final long now)
    {
        final JsonNode level = frame.get("level");
        final int levels = settings.levels().size();
        if (level == null || !level.isIntegralNumber() || level.asInt() < 1 || level.asInt() > levels)
        {
            throw invalid("\"level\" is a whole number from 1 to " + levels);
        }
        final JsonNode solved = frame.get("solved");
        if (solved != null && !solved.isNull() && (!solved.isBoolean() || !settings.askSolved()))
        {
            throw invalid(settings.askSolved() ? "\"solved\" is true or false" : "this survey does not ask");
        }
        final JsonNode comment = frame.get("comment");
        String text = null;
        if (comment != null && !comment.isNull())
        {
            if (!comment.isTextual() || !settings.askComment())
            {
                throw invalid(settings.askComment() ? "\"comment\" is text" : "this survey takes no comment");
            }
            text = comment.asText().strip();
            if (text.codePointCount(0, text.length()) > Satisfaction.MAX_COMMENT)
            {
                throw invalid("a comment has at most " + Satisfaction.MAX_COMMENT + " characters");
            }
        }
        return new Satisfaction(level.asInt(), levels, settings.label(level.asInt()),
            solved == null || solved.isNull() ? null : solved.asBoolean(), text == null || text.isEmpty() ? null
                : text, now);
    }

    private static ChatException invalid(final String message)
    {
        return new ChatException(ChatException.Reason.INVALID, message);
    }

    private static Map<String, Object> frame(final long sessionId, final SurveySettings settings)
    {
        final Map<String, Object> frame = new LinkedHashMap<>(settings.view());
        frame.remove("autoSend");
        frame.put("type", "survey");
        frame.put("session", sessionId);
        return frame;
    }

    private static Map<String, Object> event(final long sessionId, final String state)
    {
        final Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "chat.survey");
        event.put("session", sessionId);
        event.put("state", state);
        return event;
    }

    private static byte[] entry(final long sessionId, final Satisfaction answer)
    {
        final Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("session", sessionId);
        entry.put("answer", answer);
        try
        {
            return JSON.writeValueAsBytes(entry);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}

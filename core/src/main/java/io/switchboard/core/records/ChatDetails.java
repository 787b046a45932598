package io.switchboard.core.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.switchboard.chat.store.AppChannel;

import java.util.List;

/**
 * What a chat's service record holds beyond the fields it shares with a call's ({@link ServiceRecord#chat()}): where
 * the visitor came from, the session's times and its transcript. The seconds are derived once, when the record is
 * made, so that the JSON, the CSV and the snapshot all show the same figures.
 *
 * @param channel              the website channel the visitor chatted on
 * @param visitorId            the widget's anonymous visitor id, or an app user's {@code app:<channel>:<user id>}
 * @param visitorName          the name the visitor gave, or null
 * @param page                 the page the visitor chatted from, or null
 * @param queuedAt             when the flow handed the visitor to a skill group, epoch milliseconds; 0 never
 * @param servedAt             when an agent accepted (or was given) it; 0 never
 * @param waitingSeconds       from queued to served (or to the end, for one never served); null if never queued
 * @param firstResponseSeconds from served to the agent's first message; null if the agent wrote nothing
 * @param durationSeconds      from the session's start to its end
 * @param outcome              {@code served}, {@code timeout} (served, ended by the visitor's silence),
 *                             {@code abandoned} (the visitor left before an agent took it), {@code no-agent} or
 *                             {@code flow-ended} (the flow ended it without asking for a person)
 * @param messages             how many messages the transcript has
 * @param transcript           the messages in order; null in the list of records (only one record's GET has it)
 */
public record ChatDetails(String channel, String visitorId, String visitorName, String page, long queuedAt,
    long servedAt, Double waitingSeconds, Double firstResponseSeconds, double durationSeconds, String outcome,
    int messages, @JsonInclude(JsonInclude.Include.NON_NULL) List<Line> transcript)
{
    /** One message: its id within the session, time, who wrote it ({@code visitor}, {@code agent},
     * {@code flow}, {@code system}), the agent's staff number for an agent's, and its text. */
    public record Line(long id, long at, String from, String staffNo, String text)
    {
    }

    /** The app user's id (spec §10, "user ID"), from its visitor id; null for a website visitor. */
    @JsonProperty(value = "userId", access = JsonProperty.Access.READ_ONLY)
    public String userId()
    {
        return AppChannel.userIdOf(visitorId);
    }

    /** The same details without the transcript, for lists. */
    public ChatDetails summary()
    {
        return transcript == null ? this : new ChatDetails(channel, visitorId, visitorName, page, queuedAt, servedAt,
            waitingSeconds, firstResponseSeconds, durationSeconds, outcome, messages, null);
    }
}

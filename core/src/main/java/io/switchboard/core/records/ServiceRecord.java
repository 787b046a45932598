package io.switchboard.core.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * What the call center keeps of one finished call or chat session (the workbench's service records): journalled as
 * JSON (entry type {@link #JOURNAL_TYPE}) when the call or chat ends, rebuilt into the {@link ServiceRecordStore} at
 * start. A chat's record has {@code type} {@link #CHAT}, its {@link ChatDetails} and a {@code recordId}
 * {@code chat-N}: its {@code id} is the session's, a number of its own that a call's id may equal. For a chat the
 * shared fields read: caller the visitor id, callee and agent the agent, number the channel, answered whether an
 * agent served it, ring seconds until served (or the end), talk seconds from served to the end.
 *
 * @param id            the call's id (a chat's: its session's)
 * @param startedAt     when the call started, epoch milliseconds
 * @param endedAt       when it ended, epoch milliseconds
 * @param type          {@code inbound}, {@code outbound} or {@code internal}; {@code chat} for a chat
 * @param caller        the caller's number or extension
 * @param callee        whom the caller last talked to (the answering party), else the number dialled
 * @param number        the number dialled
 * @param flowKeys      the keys the caller pressed in IVR flows, one per element
 * @param group         the skill group the call last queued in, or null
 * @param agent         the staff number of the agent who took the call (or made it), or null
 * @param answered      whether a person (agent, extension, outside number) answered; a queue or flow that the server
 *                      answers itself does not count
 * @param ringSeconds   until answered, or until the end for a call that never was (queue and flow time included)
 * @param talkSeconds   from answered to the end
 * @param holdSeconds   how long the customer was on hold (either party held, from the API or by its phone), at most
 *                      the talk time
 * @param wrapUpSeconds the tenant's wrap-up time when an agent was on the call, else 0
 * @param ending        how it ended: {@code caller-hung-up}, {@code callee-hung-up}, {@code api-hangup},
 *                      {@code transferred} (replaced by an attended transfer), {@code abandoned-in-queue},
 *                      {@code abandoned-in-flow}, {@code flow-ended}, {@code media-timeout} (a phone sent no RTP
 *                      or RTCP), {@code session-expired} (a session refresh failed or did not come),
 *                      {@code server-restart} (still up when the server was killed: made at the next start),
 *                      {@code unanswered} or {@code failed}
 * @param transfers     where the call was transferred, in order
 * @param agents        the staff numbers of every agent who took part, in order (who made the call, who answered it,
 *                      also those who transferred it away), {@code agent} last; a record journalled before the field
 *                      existed reads as {@code [agent]}
 * @param chat          a chat's details; null (and absent from the JSON) for a call
 * @param satisfaction  the customer's answer to the satisfaction survey (a chat's or a post-call survey's); null
 *                      (and absent from the JSON) when there is none
 * @param recording     the call's recording, a path under the data directory's {@code recordings} folder
 *                      ({@code yyyy/MM/dd/<id>.wav}); null (and absent from the JSON) for a call not recorded
 */
public record ServiceRecord(long id, long startedAt, long endedAt, String type, String caller, String callee,
    String number, List<String> flowKeys, String group, String agent, boolean answered, double ringSeconds,
    double talkSeconds, double holdSeconds, double wrapUpSeconds, String ending, List<String> transfers,
    List<String> agents, @JsonInclude(JsonInclude.Include.NON_NULL) ChatDetails chat,
    @JsonInclude(JsonInclude.Include.NON_NULL) Satisfaction satisfaction,
    @JsonInclude(JsonInclude.Include.NON_NULL) String recording)
{
    /** The journal entry type of a service record. */
    public static final String JOURNAL_TYPE = "record";
    /** The type of a chat's record. */
    public static final String CHAT = "chat";
    /** The prefix of a chat record's {@link #recordId()}. */
    public static final String CHAT_PREFIX = "chat-";

    private static final ObjectMapper JSON = new ObjectMapper()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public ServiceRecord
    {
        flowKeys = flowKeys == null ? List.of() : List.copyOf(flowKeys);
        transfers = transfers == null ? List.of() : List.copyOf(transfers);
        agents = agents != null ? List.copyOf(agents) : agent != null ? List.of(agent) : List.of();
    }

    /** A record without a recording. */
    public ServiceRecord(final long id, final long startedAt, final long endedAt, final String type,
        final String caller, final String callee, final String number, final List<String> flowKeys,
        final String group, final String agent, final boolean answered, final double ringSeconds,
        final double talkSeconds, final double holdSeconds, final double wrapUpSeconds, final String ending,
        final List<String> transfers, final List<String> agents, final ChatDetails chat,
        final Satisfaction satisfaction)
    {
        this(id, startedAt, endedAt, type, caller, callee, number, flowKeys, group, agent, answered, ringSeconds,
            talkSeconds, holdSeconds, wrapUpSeconds, ending, transfers, agents, chat, satisfaction, null);
    }

    /** A record without a survey's answer. */
    public ServiceRecord(final long id, final long startedAt, final long endedAt, final String type,
        final String caller, final String callee, final String number, final List<String> flowKeys,
        final String group, final String agent, final boolean answered, final double ringSeconds,
        final double talkSeconds, final double holdSeconds, final double wrapUpSeconds, final String ending,
        final List<String> transfers, final List<String> agents, final ChatDetails chat)
    {
        this(id, startedAt, endedAt, type, caller, callee, number, flowKeys, group, agent, answered, ringSeconds,
            talkSeconds, holdSeconds, wrapUpSeconds, ending, transfers, agents, chat, null);
    }

    /** A call's record. */
    public ServiceRecord(final long id, final long startedAt, final long endedAt, final String type,
        final String caller, final String callee, final String number, final List<String> flowKeys,
        final String group, final String agent, final boolean answered, final double ringSeconds,
        final double talkSeconds, final double holdSeconds, final double wrapUpSeconds, final String ending,
        final List<String> transfers, final List<String> agents)
    {
        this(id, startedAt, endedAt, type, caller, callee, number, flowKeys, group, agent, answered, ringSeconds,
            talkSeconds, holdSeconds, wrapUpSeconds, ending, transfers, agents, null);
    }

    /** A call's record whose agents are its agent alone. */
    public ServiceRecord(final long id, final long startedAt, final long endedAt, final String type,
        final String caller, final String callee, final String number, final List<String> flowKeys,
        final String group, final String agent, final boolean answered, final double ringSeconds,
        final double talkSeconds, final double holdSeconds, final double wrapUpSeconds, final String ending,
        final List<String> transfers)
    {
        this(id, startedAt, endedAt, type, caller, callee, number, flowKeys, group, agent, answered, ringSeconds,
            talkSeconds, holdSeconds, wrapUpSeconds, ending, transfers, null, null);
    }

    /** Whether this is a chat's record rather than a call's. */
    public boolean chatRecord()
    {
        return chat != null;
    }

    /** A chat's id among the records ({@code chat-N}); null for a call (its {@code id} is enough: calls came first). */
    @JsonProperty("recordId")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String recordId()
    {
        return chat == null ? null : CHAT_PREFIX + id;
    }

    /** The record as lists show it: a chat's without its transcript. */
    public ServiceRecord summary()
    {
        return chat == null || chat.transcript() == null ? this : withChat(chat.summary());
    }

    /** The same record with other chat details. */
    public ServiceRecord withChat(final ChatDetails details)
    {
        return new ServiceRecord(id, startedAt, endedAt, type, caller, callee, number, flowKeys, group, agent,
            answered, ringSeconds, talkSeconds, holdSeconds, wrapUpSeconds, ending, transfers, agents, details,
            satisfaction, recording);
    }

    /** The same record with the customer's answer to the survey. */
    public ServiceRecord withSatisfaction(final Satisfaction answer)
    {
        return new ServiceRecord(id, startedAt, endedAt, type, caller, callee, number, flowKeys, group, agent,
            answered, ringSeconds, talkSeconds, holdSeconds, wrapUpSeconds, ending, transfers, agents, chat, answer,
            recording);
    }

    /** The same record linking its recording ({@code yyyy/MM/dd/<id>.wav} under the recordings folder). */
    public ServiceRecord withRecording(final String path)
    {
        return new ServiceRecord(id, startedAt, endedAt, type, caller, callee, number, flowKeys, group, agent,
            answered, ringSeconds, talkSeconds, holdSeconds, wrapUpSeconds, ending, transfers, agents, chat,
            satisfaction, path);
    }

    public byte[] toJson()
    {
        try
        {
            return JSON.writeValueAsBytes(this);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** A record as journalled; fields added later are ignored by older readers, missing ones are null/0. */
    public static ServiceRecord fromJson(final byte[] json)
    {
        try
        {
            return JSON.readValue(json, ServiceRecord.class);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Seconds from a span of milliseconds, to the millisecond. */
    public static double seconds(final long millis)
    {
        return Math.max(0, millis) / 1000.0;
    }
}

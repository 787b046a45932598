package io.switchboard.core.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.records.InterruptedCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A call's progress in the journal, so that a call cut by a crash still gets its service record at the next start
 * ({@link InterruptedCalls}): a small entry when the call is created ({@code call.started}: its id first, when,
 * its type, caller and number), when it queues in a group ({@code call.queued}) and when a person answers it
 * ({@code call.connected}: the agent and party, the group). A call that ends normally is then told by its record.
 * <p>
 * Journalled at creation rather than at answer: a call killed while it waits in a queue or rings is a call the
 * reports must show (abandoned by the crash), and only the creation sees every call. The cost is two or three small
 * entries per call (60-150 bytes of JSON each) handed to the journal's writer without waiting, next to the record's
 * ~320 bytes; the writer takes ~700,000 appends per second (bench/RESULTS.md), a call center's peak a few thousand.
 * Called on the call's worker loop; the appends may fail (journal full, closed): logged, the call goes on.
 */
public final class CallProgress
{
    /** No journal (unit tests, a controller without a server). */
    static final CallProgress NONE = new CallProgress(null, null);

    private static final Logger LOG = LoggerFactory.getLogger(CallProgress.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AgentDirectory agents;
    private final BiConsumer<String, byte[]> journal;

    /**
     * @param agents  names the groups and agents (null: none known)
     * @param journal appends one entry (type, JSON) without waiting, from any thread
     */
    public CallProgress(final AgentDirectory agents, final BiConsumer<String, byte[]> journal)
    {
        this.agents = agents;
        this.journal = journal;
    }

    /** A call was created: a caller's INVITE, or an agent's own call ({@code agentId} the agent, else null). */
    void started(final Call call, final Integer agentId)
    {
        if (journal == null)
        {
            return;
        }
        final Map<String, Object> entry = entry(call);
        entry.put("type", call.type);
        entry.put("from", call.from());
        entry.put("to", call.to());
        final AgentDirectory.Agent agent = agents == null || agentId == null ? null : agents.agent(agentId);
        if (agent != null)
        {
            entry.put("agent", agent.staffNo());
        }
        append(InterruptedCalls.STARTED, entry);
    }

    /** The call waits in a group's queue. */
    void queued(final Call call, final int group)
    {
        if (journal == null)
        {
            return;
        }
        final Map<String, Object> entry = entry(call);
        entry.put("group", groupName(group));
        append(InterruptedCalls.QUEUED, entry);
    }

    /** A person (an agent, a phone, a number) answered the call on this leg. */
    void connected(final Call call, final Leg leg)
    {
        if (journal == null)
        {
            return;
        }
        final Map<String, Object> entry = entry(call);
        final AgentDirectory.Agent agent = agents == null || leg.agentId < 0 ? null : agents.agent(leg.agentId);
        entry.put("agent", agent != null ? agent.staffNo() : null);
        entry.put("party", leg.party);
        entry.put("group", groupName(call.lastGroup));
        entry.put("type", call.type);
        append(InterruptedCalls.CONNECTED, entry);
    }

    private static Map<String, Object> entry(final Call call)
    {
        final Map<String, Object> entry = new LinkedHashMap<>();
        // The id first: the replay reads it without parsing the rest (InterruptedCalls.idOf).
        entry.put("id", call.id());
        entry.put("at", System.currentTimeMillis());
        return entry;
    }

    private String groupName(final int group)
    {
        final AgentDirectory.Group named = agents == null || group < 0 ? null : agents.group(group);
        return named != null ? named.name() : null;
    }

    private void append(final String type, final Map<String, Object> entry)
    {
        try
        {
            journal.accept(type, JSON.writeValueAsBytes(entry));
        }
        catch (final JsonProcessingException | RuntimeException ex)
        {
            LOG.warn("call {}: {} not journalled: {}", entry.get("id"), type, ex.toString());
        }
    }
}

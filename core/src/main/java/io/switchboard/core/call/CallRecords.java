package io.switchboard.core.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.records.ServiceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.message.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What is kept of each finished call, made on the call's worker when it ends:
 * <ul>
 * <li>one structured line on the logger {@code io.switchboard.calls} (JSON; conf/logback.xml writes them to
 * {@code data/calls.jsonl}): who called whom, when it started, was answered and ended, how it ended, its legs, the
 * queue and agent, the keys pressed;</li>
 * <li>its {@link ServiceRecord}, handed to the sink the server set (which journals it and adds it to the store):
 * the sink runs on the worker's loop and must only hand the record over.</li>
 * </ul>
 */
public final class CallRecords
{
    private static final Logger RECORDS = LoggerFactory.getLogger("io.switchboard.calls");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The log line only: for controllers built without a server (unit tests). */
    static final CallRecords LOG_ONLY = new CallRecords(null, 0, null);

    private final AgentDirectory agents;
    /** The tenant's wrap-up time as it is now (an administrator may change it). */
    private final java.util.function.IntSupplier wrapUpSeconds;
    private final Consumer<ServiceRecord> sink;

    /**
     * @param agents        names the groups and agents of the records (null: none known)
     * @param wrapUpSeconds the tenant's wrap-up time, a record's when an agent was on the call
     * @param sink          takes each record, on the call's worker loop (null: no records)
     */
    public CallRecords(final AgentDirectory agents, final int wrapUpSeconds, final Consumer<ServiceRecord> sink)
    {
        this(agents, () -> wrapUpSeconds, sink);
    }

    /** With the tenant's wrap-up time read when each record is made. */
    public CallRecords(final AgentDirectory agents, final java.util.function.IntSupplier wrapUpSeconds,
        final Consumer<ServiceRecord> sink)
    {
        this.agents = agents;
        this.wrapUpSeconds = wrapUpSeconds;
        this.sink = sink;
    }

    void ended(final Call call, final CallState previous, final int status, final String reason)
    {
        final long now = System.currentTimeMillis();
        log(call, previous, status, reason, now);
        if (sink != null && !Supervisions.TYPE.equals(call.type))
        {
            // A supervisor's leg is a part of the supervised call's work, not a service of its own.
            sink.accept(serviceRecord(call, status, reason, now));
        }
    }

    ServiceRecord serviceRecord(final Call call, final int status, final String reason, final long endedAt)
    {
        final Leg answered = call.lastAnswered;
        final long connectedAt = answered != null && call.connectedAtMs != 0 ? call.connectedAtMs : endedAt;
        final String agent = agentOf(call);
        final double talk = ServiceRecord.seconds(answered != null ? endedAt - connectedAt : 0);
        final Leg caller = call.caller();
        final String keys = call.flowKeys + (call.flow != null ? call.flow.run().keys() : "");
        final List<String> flowKeys = new ArrayList<>(keys.length());
        keys.chars().forEach(key -> flowKeys.add(String.valueOf((char)key)));
        final AgentDirectory.Group group = agents == null || call.lastGroup < 0 ? null : agents.group(call.lastGroup);
        return new ServiceRecord(call.id(), call.startedAtMs, endedAt, call.type,
            caller != null && caller.party != null ? caller.party : call.from(),
            answered != null && answered.party != null ? answered.party : call.to(),
            call.to(), flowKeys, group != null ? group.name() : null, agent, answered != null,
            ServiceRecord.seconds(connectedAt - call.startedAtMs),
            talk, Math.min(talk, ServiceRecord.seconds(call.holdNanos(call.stateChangedNs()) / 1_000_000)),
            agent != null ? wrapUpSeconds.getAsInt() : 0, ending(call, status, reason), call.transfers,
            agentsOf(call, agent)).withSatisfaction(call.satisfaction).withRecording(call.recording());
    }

    /**
     * Every agent who took part, in order: the one who made the call (click-to-dial), those who answered it (also
     * those who transferred it away since), and the record's agent last.
     */
    private List<String> agentsOf(final Call call, final String last)
    {
        final List<String> staff = new ArrayList<>(2);
        if (agents == null)
        {
            return staff;
        }
        staff(call.caller(), staff);
        for (final Leg leg : call.answeredLegs)
        {
            staff(leg, staff);
        }
        if (last != null)
        {
            staff.remove(last);
            staff.add(last);
        }
        return staff;
    }

    private void staff(final Leg leg, final List<String> staff)
    {
        final AgentDirectory.Agent agent = agentOfLeg(leg);
        if (agent != null && !staff.contains(agent.staffNo()))
        {
            staff.add(agent.staffNo());
        }
    }

    private AgentDirectory.Agent agentOfLeg(final Leg leg)
    {
        if (leg == null)
        {
            return null;
        }
        final AgentDirectory.Agent agent = leg.agentId >= 0 ? agents.agent(leg.agentId) : null;
        return agent == null && leg.extension != null ? agents.agentByExtension(leg.extension) : agent;
    }

    /**
     * The agent who last took the call (the last answering leg, even if a transfer set it aside since) or made it
     * (the caller's leg of an agent's own call).
     */
    private String agentOf(final Call call)
    {
        if (agents == null)
        {
            return null;
        }
        for (final Leg leg : new Leg[] {call.lastAnswered, call.caller()})
        {
            final AgentDirectory.Agent agent = agentOfLeg(leg);
            if (agent != null)
            {
                return agent.staffNo();
            }
        }
        return null;
    }

    /** How the call ended, from the reason the controller gave and what the call went through. */
    static String ending(final Call call, final int status, final String reason)
    {
        final String said = reason == null ? "" : reason;
        // Talking to someone at the end: a caller waiting again after a transfer can still abandon the queue.
        final boolean answered = call.answered() != null;
        return switch (said)
        {
            case "caller hung up", "caller cancelled" -> answered ? "caller-hung-up"
                : call.queueGroup >= 0 ? "abandoned-in-queue"
                : call.flow != null ? "abandoned-in-flow"
                : "caller-hung-up";
            case "callee hung up" -> "callee-hung-up";
            case "hung up from the API" -> "api-hangup";
            case "replaced by an attended transfer" -> "transferred";
            case "flow ended" -> "flow-ended";
            case MediaTimeout.REASON -> MediaTimeout.REASON;
            case SessionTimers.EXPIRED -> SessionTimers.EXPIRED;
            case "no agent available", "the agent did not answer" -> "unanswered";
            default -> !answered && noAnswer(status) ? "unanswered" : "failed";
        };
    }

    /** A final status that says nobody took the call (busy, no answer, declined, cancelled), not that it failed. */
    private static boolean noAnswer(final int status)
    {
        return status == Response.BUSY_HERE || status == Response.BUSY_EVERYWHERE || status == Response.DECLINE
            || status == Response.TEMPORARILY_UNAVAILABLE || status == Response.REQUEST_TIMEOUT
            || status == Response.REQUEST_TERMINATED;
    }

    private static void log(final Call call, final CallState previous, final int status, final String reason,
        final long now)
    {
        if (!RECORDS.isInfoEnabled())
        {
            return;
        }
        final Map<String, Object> record = new LinkedHashMap<>();
        record.put("call", call.id());
        record.put("type", call.type);
        record.put("from", call.from());
        record.put("to", call.to());
        record.put("startedAt", call.startedAtMs);
        record.put("answeredAt", call.answeredAtMs == 0 ? null : call.answeredAtMs);
        record.put("endedAt", now);
        record.put("talkSeconds", call.answeredAtMs == 0 ? 0 : (now - call.answeredAtMs) / 1000.0);
        record.put("outcome", call.answeredAtMs != 0 ? "answered" : previous == CallState.ROUTING
            || previous == CallState.EARLY ? "unanswered" : "failed");
        // The final status the caller got: only meaningful for a call that was never answered (a BYE ends the rest).
        record.put("status", call.answeredAtMs == 0 ? status : null);
        record.put("reason", reason);
        final Map<String, Object> view = CallView.of(call);
        record.put("caller", view.get("caller"));
        record.put("callee", view.get("callee"));
        record.put("forks", call.forks().size());
        if (call.queueGroup >= 0)
        {
            record.put("queueGroup", call.queueGroup);
            record.put("agent", call.answered() != null ? call.answered().agentId : null);
        }
        record.put("transfers", call.transfers);
        record.put("digits", call.digits);
        if (call.selfService != null)
        {
            record.put("selfService", call.selfService);
        }
        try
        {
            RECORDS.info(JSON.writeValueAsString(record));
        }
        catch (final JsonProcessingException ex)
        {
            RECORDS.warn("call {}: record not written: {}", call.id(), ex.getMessage());
        }
    }
}

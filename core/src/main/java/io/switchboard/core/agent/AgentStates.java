package io.switchboard.core.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.acd.AcdService;
import io.switchboard.acd.AgentState;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Agents' own state choices in the journal (entry type {@link #JOURNAL_TYPE}): {@code {"staffNo", "state", "reason"}}
 * with the states an agent picks (idle, busy, break, offline). At start the last choice of each agent is given back
 * to the ACD, so that an agent signed in before a crash is signed in again. States the system sets (ringing, on call,
 * wrap-up) are never journalled: they end with the calls, and an agent who was in one comes back in the state it
 * last picked.
 */
public final class AgentStates
{
    public static final String JOURNAL_TYPE = "agent.state";
    private static final Logger LOG = LoggerFactory.getLogger(AgentStates.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The last choice read for each staff number, in the order first seen. */
    private final Map<String, JsonNode> latest = new LinkedHashMap<>();

    public static byte[] entry(final String staffNo, final AgentState state, final String reason)
    {
        final ObjectNode entry = JSON.createObjectNode();
        entry.put("staffNo", staffNo);
        entry.put("state", state.name().toLowerCase(Locale.ROOT));
        if (reason != null)
        {
            entry.put("reason", reason);
        }
        entry.put("at", System.currentTimeMillis());
        try
        {
            return JSON.writeValueAsBytes(entry);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** Reads one journal entry of this type (replay). */
    public void replayed(final byte[] json) throws IOException
    {
        final JsonNode entry = JSON.readTree(json);
        latest.put(entry.path("staffNo").asText(), entry);
    }

    /**
     * Gives each agent its last picked state; agents start offline, so only the others are set. Agents no longer in
     * the directory and states the engine refuses are skipped. Returns the ids of the agents signed in again.
     */
    public List<Integer> restore(final AcdService acd, final AgentDirectory directory) throws Exception
    {
        final List<Integer> signedIn = new ArrayList<>();
        for (final JsonNode entry : latest.values())
        {
            final AgentDirectory.Agent agent = directory.agentByStaffNo(entry.path("staffNo").asText());
            final AgentState state = switch (entry.path("state").asText())
            {
                case "idle" -> AgentState.IDLE;
                case "busy" -> AgentState.BUSY;
                case "break" -> AgentState.BREAK;
                default -> null;
            };
            if (agent == null || state == null)
            {
                continue;
            }
            // A break whose reason was since deleted or renamed keeps it; one no longer known at all (removed from
            // the configuration) is still a break, with no reason.
            final int reason = state == AgentState.BREAK
                ? directory.breakReasonList().codeOfAny(entry.path("reason").asText()) : 0;
            try
            {
                acd.setAgentState(agent.id(), state, Math.max(reason, 0)).get(5, TimeUnit.SECONDS);
                signedIn.add(agent.id());
            }
            catch (final ExecutionException refused)
            {
                LOG.warn("agent {}: journalled state {} not restored: {}", agent.staffNo(), state,
                    refused.getCause().getMessage());
            }
        }
        return signedIn;
    }

    public int size()
    {
        return latest.size();
    }
}

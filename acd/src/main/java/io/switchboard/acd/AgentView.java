package io.switchboard.acd;

import java.util.List;
import java.util.OptionalLong;

/**
 * A snapshot of one agent, for the API.
 *
 * @param agentId        the agent
 * @param staffNo        the staff number
 * @param autoAnswer     whether the agent's phone answers offers at once
 * @param state          the state
 * @param reason         the break reason ({@link AcdCommands#REASON_NONE} outside a break)
 * @param idleSinceNanos when the agent last became idle (meaningful while idle)
 * @param callsToday     calls answered since the last daily reset: queued calls, and direct calls offered with
 *                       {@link AcdCommands#directOffer} (not the calls the agent makes)
 * @param groups         the agent's groups
 * @param callId         the ACD call the agent rings for or is on, if any
 * @param directCalls    direct calls (not routed by the ACD: outbound, internal, transferred to the agent) the
 *                       agent is on
 * @param openChats      chat sessions open at the agent: offered and not yet accepted, and served (their wrap-up
 *                       included) until {@link AcdCommands#chatEnded}
 * @param chatLimit      the largest concurrency among the agent's groups (0 with no group): an agent with
 *                       {@code openChats >= chatLimit} is "busy (full)", offered no more sessions
 * @param chatReception  the agent's reception switch (off: no new sessions)
 * @param stateSinceNanos when the agent entered its state, on the engine's clock (0: not since it was added), so
 *                       that a supervisor sees how long an agent has been in it
 */
public record AgentView(int agentId, String staffNo, boolean autoAnswer, AgentState state, int reason,
    long idleSinceNanos, long callsToday, List<Integer> groups, OptionalLong callId, int directCalls,
    int openChats, int chatLimit, boolean chatReception, long stateSinceNanos)
{
    /** Whether the agent is at its chat limit (and has one): the system-shown "busy (full)". */
    public boolean chatsFull()
    {
        return chatLimit > 0 && openChats >= chatLimit;
    }
}

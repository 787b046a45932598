package io.switchboard.core.call;

import java.util.Set;

/**
 * What one worker's calls are at one moment, for the ACD's reconciliation: the ids of its calls, and the agents
 * that take part in one of them.
 *
 * @param ids    the calls' ids (a queued call's id is its ACD call id)
 * @param agents the agent ids with a leg in one of these calls that is not over
 */
public record LiveCalls(Set<Long> ids, Set<Integer> agents)
{
}

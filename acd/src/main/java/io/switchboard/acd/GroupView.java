package io.switchboard.acd;

/**
 * A snapshot of one skill group, for the API.
 *
 * @param groupId     the group
 * @param settings    its settings
 * @param policy      the policy in force (the group's own or the tenant's)
 * @param members     how many agents are in it
 * @param idleAgents  how many of them are idle
 * @param queueLength calls in its queue not yet answered (waiting or being rung)
 */
public record GroupView(int groupId, GroupSettings settings, SelectionPolicy policy, int members, int idleAgents,
    int queueLength)
{
}

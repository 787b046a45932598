package io.switchboard.acd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The engine's skill groups by id (an array index), and each idle agent's place in the idle heaps of its groups:
 * an agent is in the heap of every group it belongs to while, and only while, it is idle. Engine thread only.
 */
final class SkillGroups
{
    /** Group ids are array indexes: 0 to this. */
    static final int MAX_ID = (1 << 20) - 1;

    private final Agents agents;
    private Group[] groups = new Group[64];

    SkillGroups(final Agents agents)
    {
        this.agents = agents;
    }

    /** A new group; its policy is its own, else the tenant's. */
    void add(final int groupId, final GroupSettings settings, final SelectionPolicy tenantPolicy)
    {
        if (groupId < 0 || groupId > MAX_ID)
        {
            throw new AcdException(AcdError.INVALID, "group id " + groupId + " is not within 0.." + MAX_ID);
        }
        requireSettings(groupId, settings);
        if (groupId < groups.length && groups[groupId] != null)
        {
            throw new AcdException(AcdError.DUPLICATE, "group " + groupId + " already exists");
        }
        if (groupId >= groups.length)
        {
            int capacity = groups.length;
            while (capacity <= groupId)
            {
                capacity *= 2;
            }
            groups = Arrays.copyOf(groups, capacity);
        }
        final SelectionPolicy policy = settings.policy() != null ? settings.policy() : tenantPolicy;
        groups[groupId] = new Group(groupId, settings, policy, agents);
    }

    void update(final int groupId, final GroupSettings settings, final SelectionPolicy tenantPolicy)
    {
        final Group group = get(groupId);
        requireSettings(groupId, settings);
        group.settings = settings;
        applyPolicy(group, tenantPolicy);
    }

    /** Takes the group away: every member leaves it; its queues are the caller's to empty. */
    void remove(final Group group)
    {
        while (group.members > 0)
        {
            final int agentId = group.memberIds[group.members - 1];
            leaveAt(agentId, agents.membership(agentId, group.id), group);
        }
        groups[group.id] = null;
    }

    /** One past the highest group id there is room for: group ids to scan are below it. */
    int idLimit()
    {
        return groups.length;
    }

    Group get(final int groupId)
    {
        final Group group = orNull(groupId);
        if (group == null)
        {
            throw new AcdException(AcdError.UNKNOWN_GROUP, "group " + groupId + " does not exist");
        }
        return group;
    }

    Group orNull(final int groupId)
    {
        return groupId >= 0 && groupId < groups.length ? groups[groupId] : null;
    }

    /** A group the engine knows exists (a call's or a member's): no checks on the hot path. */
    Group at(final int groupId)
    {
        return groups[groupId];
    }

    /** The group of the agent's k-th membership. */
    Group membership(final int agentId, final int k)
    {
        return groups[agents.groups[agentId][k]];
    }

    /** The tenant's policy changed: groups without their own follow it. */
    void applyPolicies(final SelectionPolicy tenantPolicy)
    {
        for (final Group group : groups)
        {
            if (group != null)
            {
                applyPolicy(group, tenantPolicy);
            }
        }
    }

    /** The daily counts were reset: the fewest-calls heaps are ordered again. */
    void reorderFewestCalls()
    {
        for (final Group group : groups)
        {
            if (group != null && group.policy == SelectionPolicy.FEWEST_CALLS)
            {
                group.idle.rebuild();
            }
        }
    }

    /** The agent joins the group; if it takes calls now ({@code inHeaps}), it is in the group's heap at once. */
    void join(final int agentId, final Group group, final boolean inHeaps)
    {
        final int k = agents.addMembership(agentId, group.id);
        group.addMember(agentId);
        if (inHeaps)
        {
            group.idle.add(agentId, k);
        }
    }

    /** The agent leaves the group at its k-th membership. */
    void leaveAt(final int agentId, final int k, final Group group)
    {
        if (agents.heapPos[agentId][k] >= 0)
        {
            group.idle.remove(agentId, k);
        }
        final int movedFrom = agents.removeMembership(agentId, k);
        final int position = agents.heapPos[agentId][k];
        if (movedFrom >= 0 && position >= 0)
        {
            membership(agentId, k).idle.memberMoved(position, k);
        }
        group.removeMember(agentId);
    }

    /** An agent about to be removed: no group counts it any more. */
    void forget(final int agentId)
    {
        for (int k = 0; k < agents.groupCount[agentId]; k++)
        {
            membership(agentId, k).removeMember(agentId);
        }
    }

    /** The agent became idle: into the heap of each of its groups. */
    void enterHeaps(final int agentId)
    {
        final int[] mine = agents.groups[agentId];
        for (int k = 0, n = agents.groupCount[agentId]; k < n; k++)
        {
            groups[mine[k]].idle.add(agentId, k);
        }
    }

    /** The agent is no longer idle: out of every heap it is in. */
    void leaveHeaps(final int agentId)
    {
        final int[] mine = agents.groups[agentId];
        final int[] positions = agents.heapPos[agentId];
        for (int k = 0, n = agents.groupCount[agentId]; k < n; k++)
        {
            if (positions[k] >= 0)
            {
                groups[mine[k]].idle.remove(agentId, k);
            }
        }
    }

    List<GroupView> views()
    {
        final List<GroupView> views = new ArrayList<>();
        for (final Group group : groups)
        {
            if (group != null)
            {
                views.add(new GroupView(group.id, group.settings, group.policy, group.members, group.idle.size(),
                    group.size));
            }
        }
        return views;
    }

    private static void applyPolicy(final Group group, final SelectionPolicy tenantPolicy)
    {
        final SelectionPolicy policy = group.settings.policy() != null ? group.settings.policy() : tenantPolicy;
        if (policy != group.policy)
        {
            group.policy = policy;
            group.idle.policy(policy);
        }
    }

    /** Settings check themselves when made; a group only needs some. */
    private static void requireSettings(final int groupId, final GroupSettings settings)
    {
        if (settings == null)
        {
            throw new AcdException(AcdError.INVALID, "group " + groupId + ": settings required");
        }
    }
}

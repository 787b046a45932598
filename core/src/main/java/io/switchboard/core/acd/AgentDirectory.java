package io.switchboard.core.acd;

import io.switchboard.acd.AcdCommands;
import io.switchboard.acd.Fallback;
import io.switchboard.acd.GroupSettings;
import io.switchboard.acd.SelectionPolicy;
import io.switchboard.core.config.AcdSettingsConfig;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The call center as configured: agents (each bound to an extension), skill groups, queue numbers and break reasons,
 * with the small integer ids the ACD engine knows them by. Built once at start and never changed, so any thread
 * reads it without locks.
 */
public final class AgentDirectory
{
    /** An agent and the id the engine knows it by. */
    public record Agent(int id, String staffNo, String name, String nickname, String email, String extension,
        String mobile, String role, List<String> groups, boolean autoAnswer)
    {
    }

    /** A skill group and its engine id. */
    public record Group(int id, String name, GroupSettings settings)
    {
    }

    private final List<Agent> agents = new ArrayList<>();
    private final Map<String, Agent> byStaffNo = new HashMap<>();
    private final Map<String, Agent> byExtension = new HashMap<>();
    private final Map<String, Group> groupsByName = new LinkedHashMap<>();
    private final Map<Integer, Group> groupsById = new HashMap<>();
    private final Map<String, Group> numbers = new HashMap<>();
    private final List<String> breakReasons;

    public AgentDirectory(final AcdSettingsConfig config)
    {
        int groupId = 1;
        for (final AcdSettingsConfig.Group g : config.groups)
        {
            groupsByName.put(g.name, new Group(groupId++, g.name, null));
        }
        for (final AcdSettingsConfig.Group g : config.groups)
        {
            final Group group = groupsByName.get(g.name);
            final Fallback fallback = "hangup".equals(g.fallback) ? Fallback.HANG_UP
                : Fallback.toGroup(groupsByName.get(g.fallback).id());
            final GroupSettings settings = new GroupSettings(g.name, g.policy == null ? null : policy(g.policy), 1,
                g.maxQueueLength, g.maxWaitSeconds * 1000L, fallback);
            final Group full = new Group(group.id(), g.name, settings);
            groupsByName.put(g.name, full);
            groupsById.put(full.id(), full);
        }
        int agentId = 0;
        for (final AcdSettingsConfig.Agent a : config.agents)
        {
            final Agent agent = new Agent(agentId++, a.staffNo, a.name, a.nickname, a.email, a.extension, a.mobile,
                a.role, List.copyOf(a.groups), a.autoAnswer);
            agents.add(agent);
            byStaffNo.put(a.staffNo, agent);
            byExtension.put(a.extension, agent);
        }
        for (final AcdSettingsConfig.QueueNumber n : config.numbers)
        {
            numbers.put(n.number, groupsByName.get(n.group));
        }
        breakReasons = List.copyOf(config.breakReasons);
    }

    public static SelectionPolicy policy(final String name)
    {
        return "fewest-calls".equals(name) ? SelectionPolicy.FEWEST_CALLS : SelectionPolicy.LONGEST_IDLE;
    }

    /** Loads groups, agents and memberships into a fresh engine (agents start offline). */
    public void load(final AcdCommands engine, final long now)
    {
        for (final Group group : groupsById.values())
        {
            engine.addGroup(group.id(), group.settings());
        }
        for (final Agent agent : agents)
        {
            engine.addAgent(agent.id(), agent.staffNo(), agent.autoAnswer());
            for (final String group : agent.groups())
            {
                engine.joinGroup(agent.id(), groupsByName.get(group).id(), now);
            }
        }
    }

    public List<Agent> agents()
    {
        return Collections.unmodifiableList(agents);
    }

    public Agent agent(final int id)
    {
        return id >= 0 && id < agents.size() ? agents.get(id) : null;
    }

    public Agent agentByStaffNo(final String staffNo)
    {
        return byStaffNo.get(staffNo);
    }

    /** An agent by e-mail address, whatever its letter case; null if none. */
    public Agent agentByEmail(final String email)
    {
        for (final Agent agent : agents)
        {
            if (agent.email() != null && agent.email().equalsIgnoreCase(email))
            {
                return agent;
            }
        }
        return null;
    }

    public Agent agentByExtension(final String extension)
    {
        return byExtension.get(extension);
    }

    public List<Group> groups()
    {
        return List.copyOf(groupsByName.values());
    }

    public Group group(final String name)
    {
        return groupsByName.get(name);
    }

    public Group group(final int id)
    {
        return groupsById.get(id);
    }

    /** The group a dialled number queues in, or null if it is not a queue number. */
    public Group groupForNumber(final String number)
    {
        return number == null ? null : numbers.get(number);
    }

    /** Break reason codes: 1 is the system's "missed call", the configured reasons are 2, 3, ... */
    public int breakReason(final String name)
    {
        final int index = breakReasons.indexOf(name);
        return index < 0 ? -1 : index + 2;
    }

    public String breakReasonName(final int code)
    {
        if (code == AcdCommands.REASON_MISSED_CALL)
        {
            return "missed-call";
        }
        return code >= 2 && code - 2 < breakReasons.size() ? breakReasons.get(code - 2) : null;
    }

    public List<String> breakReasons()
    {
        return breakReasons;
    }
}

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
 * The call center: agents (each bound to an extension), skill groups, queue numbers and break reasons, with the small
 * integer ids the ACD engine knows them by. Groups, numbers and break reasons are built once at start and never
 * changed. The agents are an immutable {@link Snapshot} in a volatile field: any thread reads the current one
 * without locks; only one thread (the HTTP API's loop, or the start before anything is served) changes them, by
 * copying the snapshot, changing the copy and publishing it. An agent's id is its index and never changes: a
 * removed agent leaves an empty slot, a new agent takes the next id.
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

    /** The agents at one moment: by id (null: removed), by staff number and by extension. Never changed. */
    public record Snapshot(List<Agent> byId, Map<String, Agent> byStaffNo, Map<String, Agent> byExtension)
    {
        static Snapshot of(final List<Agent> byId)
        {
            final Map<String, Agent> staff = new HashMap<>();
            final Map<String, Agent> extensions = new HashMap<>();
            for (final Agent agent : byId)
            {
                if (agent != null)
                {
                    staff.put(agent.staffNo(), agent);
                    if (agent.extension() != null)
                    {
                        extensions.put(agent.extension(), agent);
                    }
                }
            }
            return new Snapshot(Collections.unmodifiableList(new ArrayList<>(byId)), Map.copyOf(staff),
                Map.copyOf(extensions));
        }
    }

    private volatile Snapshot snapshot;
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
        final List<Agent> agents = new ArrayList<>();
        for (final AcdSettingsConfig.Agent a : config.agents)
        {
            agents.add(new Agent(agentId++, a.staffNo, a.name, a.nickname, a.email, a.extension, a.mobile,
                a.role, List.copyOf(a.groups), a.autoAnswer));
        }
        snapshot = Snapshot.of(agents);
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
        for (final Agent agent : agents())
        {
            engine.addAgent(agent.id(), agent.staffNo(), agent.autoAnswer());
            for (final String group : agent.groups())
            {
                engine.joinGroup(agent.id(), groupsByName.get(group).id(), now);
            }
        }
    }

    /** The current agents (removed ones left out), in id order. */
    public List<Agent> agents()
    {
        final List<Agent> list = new ArrayList<>();
        for (final Agent agent : snapshot.byId())
        {
            if (agent != null)
            {
                list.add(agent);
            }
        }
        return Collections.unmodifiableList(list);
    }

    /** The current snapshot, for a reader that wants several answers from one moment. */
    public Snapshot snapshot()
    {
        return snapshot;
    }

    public Agent agent(final int id)
    {
        final List<Agent> byId = snapshot.byId();
        return id >= 0 && id < byId.size() ? byId.get(id) : null;
    }

    public Agent agentByStaffNo(final String staffNo)
    {
        return staffNo == null ? null : snapshot.byStaffNo().get(staffNo);
    }

    /** The id the next new agent takes (ids are never given twice). */
    public int nextId()
    {
        return snapshot.byId().size();
    }

    /**
     * Publishes the agent at its id: a new one (its id at or past {@link #nextId()}; skipped ids stay empty) or a
     * changed one. Only the owning thread calls it.
     */
    public void put(final Agent agent)
    {
        final List<Agent> byId = new ArrayList<>(snapshot.byId());
        while (byId.size() <= agent.id())
        {
            byId.add(null);
        }
        byId.set(agent.id(), agent);
        snapshot = Snapshot.of(byId);
    }

    /** Removes the agent with this id, leaving its slot empty. Only the owning thread calls it. */
    public void remove(final int id)
    {
        if (agent(id) == null)
        {
            return;
        }
        final List<Agent> byId = new ArrayList<>(snapshot.byId());
        byId.set(id, null);
        snapshot = Snapshot.of(byId);
    }

    /** An agent by e-mail address, whatever its letter case; null if none. */
    public Agent agentByEmail(final String email)
    {
        for (final Agent agent : agents())
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
        return extension == null ? null : snapshot.byExtension().get(extension);
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

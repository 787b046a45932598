package io.switchboard.core.agent;

import io.switchboard.core.publish.Published;
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
 * integer ids the ACD engine knows them by. Break reasons and queue numbers are built once at start. Agents and
 * groups are an immutable {@link Snapshot} in a volatile field: any thread reads the current one without locks; only
 * one thread (the HTTP API's loop, or the start before anything is served) changes them, by copying the snapshot,
 * changing the copy and publishing it. An agent's or a group's id is its index and never changes: a removed one
 * leaves an empty slot, a new one takes the next id (agents from 0, groups from 1). A removed group is left by its
 * agents and unbinds its queue numbers.
 */
public final class AgentDirectory
{
    /** Names groups had before a rename, while the journal's flows are replayed at start (start thread only). */
    private final java.util.Set<String> formerNames = new java.util.HashSet<>();

    /** An agent and the id the engine knows it by. */
    public record Agent(int id, String staffNo, String name, String nickname, String email, String extension,
        String mobile, String role, List<String> groups, boolean autoAnswer)
    {
        /** This agent in these groups. */
        public Agent withGroups(final List<String> changed)
        {
            return new Agent(id, staffNo, name, nickname, email, extension, mobile, role, List.copyOf(changed),
                autoAnswer);
        }
    }

    /**
     * A skill group and its engine id; {@code postCallSurvey}: a caller whose agent hangs up stays for the
     * satisfaction survey (the IVR's survey node; the call layer's own, the ACD never needs it); {@code recording}:
     * the group's calls are recorded when the tenant records calls (on by default; the recorder's, not the ACD's).
     */
    public record Group(int id, String name, GroupSettings settings, boolean postCallSurvey, boolean recording)
    {
        /** A group without the post-call survey. */
        public Group(final int id, final String name, final GroupSettings settings)
        {
            this(id, name, settings, false);
        }

        /** A group whose calls are recorded (when the tenant records). */
        public Group(final int id, final String name, final GroupSettings settings, final boolean postCallSurvey)
        {
            this(id, name, settings, postCallSurvey, true);
        }
    }

    /**
     * Agents and groups at one moment: agents by id (null: removed), by staff number and by extension; groups by id
     * (index 0 and removed ones null) and by name; queue numbers and their groups. Never changed.
     */
    public record Snapshot(List<Agent> byId, Map<String, Agent> byStaffNo, Map<String, Agent> byExtension,
        List<Group> groupsById, Map<String, Group> groupsByName, Map<String, Group> numbers)
    {
        static Snapshot of(final List<Agent> byId, final List<Group> groupsById, final Map<String, Group> numbers)
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
            final Map<String, Group> names = new LinkedHashMap<>();
            for (final Group group : groupsById)
            {
                if (group != null)
                {
                    names.put(group.name(), group);
                }
            }
            return new Snapshot(Collections.unmodifiableList(new ArrayList<>(byId)), Map.copyOf(staff),
                Map.copyOf(extensions), Collections.unmodifiableList(new ArrayList<>(groupsById)),
                Collections.unmodifiableMap(names), Map.copyOf(numbers));
        }

        Snapshot withAgents(final List<Agent> agents)
        {
            return of(agents, groupsById, numbers);
        }
    }

    private final Published<Snapshot> snapshot = new Published<>(null);
    /** The break reasons as last journalled (seeded from the configuration); any thread reads them. */
    private final Published<BreakReasons> breakReasons;

    public AgentDirectory(final AcdSettingsConfig config)
    {
        final Map<String, Integer> ids = new HashMap<>();
        int groupId = 1;
        for (final AcdSettingsConfig.Group g : config.groups)
        {
            ids.put(g.name, groupId++);
        }
        final List<Group> groups = new ArrayList<>();
        groups.add(null);
        for (final AcdSettingsConfig.Group g : config.groups)
        {
            final Fallback fallback = "hangup".equals(g.fallback) ? Fallback.HANG_UP
                : Fallback.toGroup(ids.get(g.fallback));
            final GroupSettings settings = new GroupSettings(g.name, g.policy == null ? null : policy(g.policy),
                g.concurrency, g.maxQueueLength, g.maxWaitSeconds * 1000L, fallback,
                g.chatAcceptTimeoutSeconds * 1000L, g.chatPool);
            groups.add(new Group(ids.get(g.name), g.name, settings, g.postCallSurvey, g.recording));
        }
        int agentId = 0;
        final List<Agent> agents = new ArrayList<>();
        for (final AcdSettingsConfig.Agent a : config.agents)
        {
            agents.add(new Agent(agentId++, a.staffNo, a.name, a.nickname, a.email, a.extension, a.mobile,
                a.role, List.copyOf(a.groups), a.autoAnswer));
        }
        final Map<String, Group> numbers = new HashMap<>();
        for (final AcdSettingsConfig.QueueNumber n : config.numbers)
        {
            numbers.put(n.number, groups.get(ids.get(n.group)));
        }
        snapshot.publish(Snapshot.of(agents, groups, numbers));
        breakReasons = new Published<>(BreakReasons.seeded(config.breakReasons));
    }

    public static SelectionPolicy policy(final String name)
    {
        return "fewest-calls".equals(name) ? SelectionPolicy.FEWEST_CALLS : SelectionPolicy.LONGEST_IDLE;
    }

    /** Loads groups, agents and memberships into a fresh engine (agents start offline). */
    public void load(final AcdCommands engine, final long now)
    {
        for (final Group group : groups())
        {
            engine.addGroup(group.id(), group.settings());
        }
        for (final Agent agent : agents())
        {
            engine.addAgent(agent.id(), agent.staffNo(), agent.autoAnswer());
            for (final String name : agent.groups())
            {
                final Group group = group(name);
                if (group != null)
                {
                    engine.joinGroup(agent.id(), group.id(), now);
                }
            }
        }
    }

    /** The current agents (removed ones left out), in id order. */
    public List<Agent> agents()
    {
        final List<Agent> list = new ArrayList<>();
        for (final Agent agent : snapshot.get().byId())
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
        return snapshot.get();
    }

    public Agent agent(final int id)
    {
        final List<Agent> byId = snapshot.get().byId();
        return id >= 0 && id < byId.size() ? byId.get(id) : null;
    }

    public Agent agentByStaffNo(final String staffNo)
    {
        return staffNo == null ? null : snapshot.get().byStaffNo().get(staffNo);
    }

    /** The id the next new agent takes (ids are never given twice). */
    public int nextId()
    {
        return snapshot.get().byId().size();
    }

    /**
     * Publishes the agent at its id: a new one (its id at or past {@link #nextId()}; skipped ids stay empty) or a
     * changed one. Only the owning thread calls it.
     */
    public void put(final Agent agent)
    {
        final List<Agent> byId = new ArrayList<>(snapshot.get().byId());
        while (byId.size() <= agent.id())
        {
            byId.add(null);
        }
        byId.set(agent.id(), agent);
        snapshot.publish(snapshot.get().withAgents(byId));
    }

    /** Removes the agent with this id, leaving its slot empty. Only the owning thread calls it. */
    public void remove(final int id)
    {
        if (agent(id) == null)
        {
            return;
        }
        final List<Agent> byId = new ArrayList<>(snapshot.get().byId());
        byId.set(id, null);
        snapshot.publish(snapshot.get().withAgents(byId));
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
        return extension == null ? null : snapshot.get().byExtension().get(extension);
    }

    /** The current groups (removed ones left out), in id order. */
    public List<Group> groups()
    {
        final List<Group> list = new ArrayList<>();
        for (final Group group : snapshot.get().groupsById())
        {
            if (group != null)
            {
                list.add(group);
            }
        }
        return Collections.unmodifiableList(list);
    }

    public Group group(final String name)
    {
        return name == null ? null : snapshot.get().groupsByName().get(name);
    }

    public Group group(final int id)
    {
        final List<Group> byId = snapshot.get().groupsById();
        return id >= 0 && id < byId.size() ? byId.get(id) : null;
    }

    /** The id the next new group takes (ids are never given twice). */
    public int nextGroupId()
    {
        return snapshot.get().groupsById().size();
    }

    /**
     * Publishes the group at its id: a new one (its id at or past {@link #nextGroupId()}) or changed settings of one
     * (its name stays). Queue numbers bound to it follow. Only the owning thread calls it.
     */
    public void putGroup(final Group group)
    {
        final Snapshot now = snapshot.get();
        final List<Group> byId = new ArrayList<>(now.groupsById());
        while (byId.size() <= group.id())
        {
            byId.add(null);
        }
        byId.set(group.id(), group);
        final Map<String, Group> numbers = new HashMap<>();
        now.numbers().forEach((number, bound) -> numbers.put(number, bound.id() == group.id() ? group : bound));
        snapshot.publish(Snapshot.of(now.byId(), byId, numbers));
    }

    /**
     * Removes the group with this id, leaving its slot empty: its agents leave it, its queue numbers are unbound.
     * Only the owning thread calls it.
     */
    public void removeGroup(final int id)
    {
        final Group gone = group(id);
        if (gone == null)
        {
            return;
        }
        final Snapshot now = snapshot.get();
        final List<Group> byId = new ArrayList<>(now.groupsById());
        byId.set(id, null);
        final List<Agent> agents = new ArrayList<>();
        for (final Agent agent : now.byId())
        {
            if (agent != null && agent.groups().contains(gone.name()))
            {
                final List<String> left = new ArrayList<>(agent.groups());
                left.remove(gone.name());
                agents.add(agent.withGroups(left));
            }
            else
            {
                agents.add(agent);
            }
        }
        final Map<String, Group> numbers = new HashMap<>(now.numbers());
        numbers.values().removeIf(bound -> bound.id() == id);
        snapshot.publish(Snapshot.of(agents, byId, numbers));
    }

    /**
     * Gives the group with this id a new name (its settings' name too): its agents' memberships and its queue
     * numbers follow; fallbacks name groups by id and need nothing. Only the owning thread calls it.
     */
    public void renameGroup(final int id, final String to)
    {
        final Group old = group(id);
        if (old == null)
        {
            return;
        }
        final GroupSettings s = old.settings();
        final Group renamed = new Group(id, to, new GroupSettings(to, s.policy(), s.concurrency(), s.maxQueueLength(),
            s.maxWaitMillis(), s.fallback(), s.chatAcceptTimeoutMillis(), s.chatPool()), old.postCallSurvey(),
            old.recording());
        final Snapshot now = snapshot.get();
        final List<Agent> agents = new ArrayList<>();
        for (final Agent agent : now.byId())
        {
            agents.add(agent == null || !agent.groups().contains(old.name()) ? agent : agent.withGroups(
                agent.groups().stream().map(name -> name.equals(old.name()) ? to : name).toList()));
        }
        final List<Group> byId = new ArrayList<>(now.groupsById());
        byId.set(id, renamed);
        final Map<String, Group> numbers = new HashMap<>();
        now.numbers().forEach((number, bound) -> numbers.put(number, bound.id() == id ? renamed : bound));
        snapshot.publish(Snapshot.of(agents, byId, numbers));
    }

    /**
     * Whether {@code name} is a group's name now, or was one before a rename replayed at start: the flows' entries
     * are replayed after the groups', each against the names of its time ({@link #replayedRename}).
     */
    public boolean groupNamed(final String name)
    {
        return group(name) != null || formerNames.contains(name);
    }

    /** At start: a group had this name before a rename in the journal (until {@link #replayDone}). */
    public void replayedRename(final String former)
    {
        formerNames.add(former);
    }

    /** The flows are replayed: only the names groups have now count. */
    public void replayDone()
    {
        formerNames.clear();
    }

    /** The queue numbers bound to this group, sorted. */
    public List<String> numbersOf(final String group)
    {
        return snapshot.get().numbers().entrySet().stream().filter(e -> e.getValue().name().equals(group))
            .map(Map.Entry::getKey).sorted().toList();
    }

    /** Every queue number with its group's name. */
    public Map<String, String> queueNumbers()
    {
        final Map<String, String> numbers = new HashMap<>();
        snapshot.get().numbers().forEach((number, group) -> numbers.put(number, group.name()));
        return numbers;
    }

    /** The group a dialled number queues in, or null if it is not a queue number. */
    public Group groupForNumber(final String number)
    {
        return number == null ? null : snapshot.get().numbers().get(number);
    }

    /**
     * Break reason codes: 1 is the system's "missed call", the administered reasons 2, 3, ... (see
     * {@link BreakReasons}); -1 for a name that is no current reason.
     */
    public int breakReason(final String name)
    {
        return breakReasons.get().code(name);
    }

    /** The name of a code, also of a reason since deleted or renamed (an agent may still be on such a break). */
    public String breakReasonName(final int code)
    {
        if (code == AcdCommands.REASON_MISSED_CALL)
        {
            return "missed-call";
        }
        return breakReasons.get().name(code);
    }

    /** The current reasons' names, in the menu's order. */
    public List<String> breakReasons()
    {
        return breakReasons.get().names();
    }

    /** The break reasons, current and retired. */
    public BreakReasons breakReasonList()
    {
        return breakReasons.get();
    }

    /** Publishes the break reasons as journalled (the administration's one apply, live and at replay). */
    public void breakReasons(final BreakReasons reasons)
    {
        breakReasons.publish(reasons);
    }
}

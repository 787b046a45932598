package io.switchboard.core.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The tenant's call center: ACD settings, skill groups, agents, and the numbers that go straight to a group (until
 * IVR flows are bound to numbers).
 */
public final class AcdSettingsConfig
{
    /** {@code longest-idle} or {@code fewest-calls}; a group may override it. */
    public String policy = "longest-idle";
    /** A caller answered before by an agent goes to that agent first, if idle and in the group. */
    public boolean lastAgentPriority = true;
    /** The callers whose last agent the ACD remembers (1..10,000,000); the one answered longest ago goes first. */
    public int lastAgentCapacity = 100_000;
    /** An offered call not answered in this time goes to the next agent; the agent is put on break (1..90). */
    public int ringTimeoutSeconds = 20;
    /** Wrap-up after each call before the agent is idle again (1..90). */
    public int wrapUpSeconds = 30;
    /** Reasons an agent may give for a break. */
    public List<String> breakReasons = new ArrayList<>(List.of("rest", "lunch", "meeting", "training"));
    /** {@code sleeping} (1 ms, little CPU) or {@code backoff} (spins, then yields, then parks: lowest latency). */
    public String idleStrategy = "sleeping";
    /**
     * How often (seconds) the ACD's agents on a call are checked against the calls that exist: an agent held on a
     * call that is gone (seen at two checks in a row) is released. 0 turns the check off.
     */
    public int reconcileSeconds = 30;
    /** Chat sessions open at the agent at once, with no accept step (off: the agent accepts each offer). */
    public boolean chatAutoAccept;
    /** An agent on a voice call still receives chat sessions up to its capacity (off: chats only while idle). */
    public boolean chatsDuringCalls = true;
    /** An idle agent with open chat sessions is still offered queued calls (off: only one with none open). */
    public boolean callsDuringChats = true;
    /** The service level's threshold (服务水平): a call answered within this many seconds counts as in time. */
    public int serviceLevelSeconds = 20;
    public List<Group> groups = new ArrayList<>();
    public List<Agent> agents = new ArrayList<>();
    public List<QueueNumber> numbers = new ArrayList<>();

    /** A skill group. */
    public static final class Group
    {
        public String name;
        /** null: the tenant's policy. */
        public String policy;
        /** 0: no limit. */
        public int maxQueueLength;
        /** 0: no limit. */
        public int maxWaitSeconds;
        /** {@code hangup}, or the name of another group to queue in. */
        public String fallback = "hangup";
        /** The chat sessions an agent of this group handles at once (接待人数上限), 1 to 100; calls stay one. */
        public int concurrency = 3;
        /** An offered chat session not accepted within this many seconds goes to another agent (1-90; 0 = off). */
        public int chatAcceptTimeoutSeconds = 30;
        /** The unassigned pool (未接入池): visitors wait even while nobody of the group is available (max 2,000). */
        public boolean chatPool;
        /** A caller whose agent hangs up stays for the satisfaction survey (keys 1 to the survey's levels). */
        public boolean postCallSurvey;
        /** The group's calls are recorded when the tenant records calls ({@code tenant.recording.enabled}). */
        public boolean recording = true;
        /** The group's service level threshold in seconds; 0: the tenant's {@code serviceLevelSeconds}. */
        public int serviceLevelSeconds;
    }

    /** An agent, bound to an extension (the phone that rings). */
    public static final class Agent
    {
        public String staffNo;
        public String name;
        public String nickname;
        public String email;
        /** The agent's extension. */
        public String extension;
        public String mobile;
        /** {@code agent} or {@code admin}. */
        public String role = "agent";
        public List<String> groups = new ArrayList<>();
        public boolean autoAnswer;
    }

    /** A number that queues its callers in a group. */
    public static final class QueueNumber
    {
        public String number;
        public String group;
    }

    void conclude(final Set<String> extensions)
    {
        SwitchboardConfig.require("longest-idle".equals(policy) || "fewest-calls".equals(policy),
            "tenant.acd.policy must be longest-idle or fewest-calls");
        SwitchboardConfig.require(ringTimeoutSeconds >= 1 && ringTimeoutSeconds <= 90,
            "tenant.acd.ringTimeoutSeconds must be 1..90");
        SwitchboardConfig.require(wrapUpSeconds >= 1 && wrapUpSeconds <= 90, "tenant.acd.wrapUpSeconds must be 1..90");
        SwitchboardConfig.require(lastAgentCapacity >= 1 && lastAgentCapacity <= 10_000_000,
            "tenant.acd.lastAgentCapacity must be 1..10000000");
        SwitchboardConfig.require(serviceLevelSeconds >= 1 && serviceLevelSeconds <= 3600,
            "tenant.acd.serviceLevelSeconds must be 1..3600");
        SwitchboardConfig.require("sleeping".equals(idleStrategy) || "backoff".equals(idleStrategy),
            "tenant.acd.idleStrategy must be sleeping or backoff");
        final Set<String> names = new HashSet<>();
        for (final Group g : groups)
        {
            SwitchboardConfig.require(g.name != null && names.add(g.name), "tenant.acd.groups: missing or repeated "
                + "name " + g.name);
            SwitchboardConfig.require(g.maxQueueLength >= 0 && g.maxWaitSeconds >= 0,
                "tenant.acd.groups." + g.name + ": limits must be >= 0");
            SwitchboardConfig.require(g.concurrency >= 1 && g.concurrency <= 100,
                "tenant.acd.groups." + g.name + ": concurrency must be 1..100");
            SwitchboardConfig.require(g.chatAcceptTimeoutSeconds >= 0 && g.chatAcceptTimeoutSeconds <= 90,
                "tenant.acd.groups." + g.name + ": chatAcceptTimeoutSeconds must be 0 (off) or 1..90");
        }
        for (final Group g : groups)
        {
            SwitchboardConfig.require("hangup".equals(g.fallback) || names.contains(g.fallback) && !g.name.equals(
                g.fallback), "tenant.acd.groups." + g.name + ".fallback must be hangup or another group");
        }
        final Set<String> staff = new HashSet<>();
        final Set<String> phones = new HashSet<>();
        for (final Agent a : agents)
        {
            SwitchboardConfig.require(a.staffNo != null && staff.add(a.staffNo),
                "tenant.acd.agents: missing or repeated staffNo " + a.staffNo);
            SwitchboardConfig.require(a.extension != null && extensions.contains(a.extension) && phones.add(
                a.extension), "tenant.acd.agents." + a.staffNo + ": extension must exist and not be shared");
            SwitchboardConfig.require("agent".equals(a.role) || "admin".equals(a.role),
                "tenant.acd.agents." + a.staffNo + ".role must be agent or admin");
            for (final String group : a.groups)
            {
                SwitchboardConfig.require(names.contains(group), "tenant.acd.agents." + a.staffNo + ": no group "
                    + group);
            }
        }
        for (final QueueNumber n : numbers)
        {
            SwitchboardConfig.require(n.number != null && !extensions.contains(n.number) && names.contains(n.group),
                "tenant.acd.numbers: " + n.number + " must not be an extension and must name a group");
        }
    }
}

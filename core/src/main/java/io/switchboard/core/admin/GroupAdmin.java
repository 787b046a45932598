package io.switchboard.core.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.switchboard.acd.AcdService;
import io.switchboard.acd.Fallback;
import io.switchboard.acd.GroupSettings;
import io.switchboard.acd.SelectionPolicy;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.journal.Journal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Skill groups and their members changed at run time. Each change is made in the ACD first (add, update, remove a
 * group: its waiting callers go to its fallback; join, leave), then journalled ({@code group.created},
 * {@code group.updated}, {@code group.deleted}, {@code group.member.added}, {@code group.member.removed}, JSON), then
 * published in the {@link AgentDirectory}; the ACD's part is undone if the journal failed. Deleting a group that a
 * queue number or another group's fallback uses is refused (conflict): numbers are not unbound. At start the
 * journal's entries are applied ({@link #apply}) in the order written, interleaved with the agents' entries.
 * <p>
 * Not thread-safe: owned by the HTTP API's event loop ({@code owner}).
 */
public final class GroupAdmin
{
    public static final String CREATED = "group.created";
    public static final String UPDATED = "group.updated";
    public static final String DELETED = "group.deleted";
    public static final String MEMBER_ADDED = "group.member.added";
    public static final String MEMBER_REMOVED = "group.member.removed";
    public static final int MAX_WAIT_SECONDS = 86_400;
    public static final int MAX_QUEUE_LENGTH = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(GroupAdmin.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /**
     * A group's settings as asked for: policy {@code longest-idle}, {@code fewest-calls} or null (the tenant's);
     * fallback {@code hangup} or a group's name.
     */
    public record Input(String name, String policy, int maxQueueLength, int maxWaitSeconds, String fallback)
    {
    }

    private final AgentDirectory directory;
    private final AcdService acd;
    private final Journal journal;
    private final Executor owner;
    /** Group names and staff numbers of changes under way (so that two requests cannot both pass). */
    private final Set<String> pending = new HashSet<>();
    private int nextId;

    public GroupAdmin(final AgentDirectory directory, final AcdService acd, final Journal journal,
        final Executor owner)
    {
        this.directory = directory;
        this.acd = acd;
        this.journal = journal;
        this.owner = owner;
        this.nextId = directory.nextGroupId();
    }

    /** Whether a journal entry of this type is one of these. */
    public static boolean handles(final String type)
    {
        return type.startsWith("group.");
    }

    /** Applies one journal entry to the directory (replay, at start, before the ACD loads it). */
    public static void apply(final AgentDirectory directory, final String type, final byte[] json)
    {
        final JsonNode node = io.switchboard.core.journal.JournalEntries.read(type, json);
        final String name = node.path("name").asText(node.path("group").asText());
        final AgentDirectory.Group known = directory.group(name);
        switch (type)
        {
            case CREATED, UPDATED ->
            {
                if ((known != null) == CREATED.equals(type))
                {
                    LOG.warn("journal: {} for group {} ignored", type, name);
                    return;
                }
                final int id = known != null ? known.id() : directory.nextGroupId();
                directory.putGroup(new AgentDirectory.Group(id, name, settings(directory, input(node))));
            }
            case DELETED ->
            {
                if (known != null)
                {
                    directory.removeGroup(known.id());
                }
            }
            case MEMBER_ADDED, MEMBER_REMOVED ->
            {
                final AgentDirectory.Agent agent = directory.agentByStaffNo(node.path("agent").asText());
                if (known != null && agent != null)
                {
                    directory.put(agent.withGroups(members(agent, name, MEMBER_ADDED.equals(type))));
                }
            }
            default -> LOG.warn("journal: unknown group entry {} ignored", type);
        }
    }

    /** The group as the administration shows it (and the journal keeps it). */
    public static Map<String, Object> view(final AgentDirectory directory, final AgentDirectory.Group group)
    {
        final GroupSettings settings = group.settings();
        final Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", group.name());
        view.put("policy", settings.policy() == null ? null : policyName(settings.policy()));
        view.put("maxQueueLength", settings.maxQueueLength());
        view.put("maxWaitSeconds", settings.maxWaitMillis() / 1000);
        final AgentDirectory.Group target = settings.fallback().action() == Fallback.Action.GROUP
            ? directory.group(settings.fallback().groupId()) : null;
        view.put("fallback", target == null ? "hangup" : target.name());
        return view;
    }

    public static String policyName(final SelectionPolicy policy)
    {
        return policy == SelectionPolicy.FEWEST_CALLS ? "fewest-calls" : "longest-idle";
    }

    /** Creates the group (no members). */
    public CompletableFuture<AgentDirectory.Group> create(final Input input)
    {
        final AgentDirectory.Group group;
        try
        {
            final String name = input.name() == null ? "" : input.name().trim();
            if (name.isEmpty() || name.codePointCount(0, name.length()) > GroupSettings.MAX_NAME_CODE_POINTS
                || name.contains("/") || "hangup".equals(name) || name.chars().anyMatch(Character::isISOControl))
            {
                throw invalid("\"name\" must be 1 to " + GroupSettings.MAX_NAME_CODE_POINTS
                    + " characters, without '/', and not \"hangup\"");
            }
            if (directory.group(name) != null || pending.contains("g:" + name))
            {
                throw new AdminException(AdminException.Reason.CONFLICT, "group " + name + " exists");
            }
            final Input named = new Input(name, input.policy(), input.maxQueueLength(), input.maxWaitSeconds(),
                input.fallback());
            group = new AgentDirectory.Group(nextId, name, checked(named));
        }
        catch (final AdminException ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
        nextId++;
        pending.add("g:" + group.name());
        return acd.addGroup(group.id(), group.settings())
            .thenCompose(added -> journal.append(CREATED, bytes(view(directory, group))))
            .handleAsync((position, failure) ->
            {
                pending.remove("g:" + group.name());
                if (failure != null)
                {
                    acd.removeGroup(group.id());
                    throw new IllegalStateException("the group could not be created: " + failure.getMessage(),
                        failure);
                }
                directory.putGroup(group);
                return group;
            }, owner);
    }

    /** New settings for the group (its name stays). */
    public CompletableFuture<AgentDirectory.Group> update(final String name, final Input input)
    {
        final AgentDirectory.Group before = directory.group(name);
        final AgentDirectory.Group after;
        try
        {
            if (before == null)
            {
                throw unknown(name);
            }
            if (input.name() != null && !input.name().equals(name))
            {
                throw invalid("a group's name cannot be changed");
            }
            busy("g:" + name);
            after = new AgentDirectory.Group(before.id(), name, checked(new Input(name, input.policy(),
                input.maxQueueLength(), input.maxWaitSeconds(), input.fallback())));
        }
        catch (final AdminException ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
        pending.add("g:" + name);
        return acd.updateGroup(after.id(), after.settings())
            .thenCompose(updated -> journal.append(UPDATED, bytes(view(directory, after))))
            .handleAsync((position, failure) ->
            {
                pending.remove("g:" + name);
                if (failure != null)
                {
                    acd.updateGroup(before.id(), before.settings());
                    throw new IllegalStateException("the group could not be changed: " + failure.getMessage(),
                        failure);
                }
                directory.putGroup(after);
                return after;
            }, owner);
    }

    /** Removes the group: its agents leave it, its waiting callers go to its fallback (the ACD does that). */
    public CompletableFuture<AgentDirectory.Group> delete(final String name)
    {
        final AgentDirectory.Group group = directory.group(name);
        try
        {
            if (group == null)
            {
                throw unknown(name);
            }
            busy("g:" + name);
            final List<String> numbers = directory.numbersOf(name);
            if (!numbers.isEmpty())
            {
                throw new AdminException(AdminException.Reason.CONFLICT, "group " + name
                    + " is the queue of number(s) " + String.join(", ", numbers));
            }
            for (final AgentDirectory.Group other : directory.groups())
            {
                if (other.id() != group.id() && other.settings().fallback().action() == Fallback.Action.GROUP
                    && other.settings().fallback().groupId() == group.id())
                {
                    throw new AdminException(AdminException.Reason.CONFLICT, "group " + name
                        + " is the fallback of group " + other.name());
                }
            }
        }
        catch (final AdminException ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
        final List<AgentDirectory.Agent> members = directory.agents().stream()
            .filter(agent -> agent.groups().contains(name)).toList();
        pending.add("g:" + name);
        return acd.removeGroup(group.id())
            .thenCompose(removed -> journal.append(DELETED, bytes(Map.of("name", name)))
                .handle((position, failure) ->
                {
                    if (failure != null)
                    {
                        acd.addGroup(group.id(), group.settings()).thenRun(() ->
                            members.forEach(agent -> acd.joinGroup(agent.id(), group.id())));
                        throw new IllegalStateException("the group could not be deleted: " + failure.getMessage(),
                            failure);
                    }
                    return position;
                }))
            .handleAsync((position, failure) ->
            {
                pending.remove("g:" + name);
                if (failure != null)
                {
                    throw failure instanceof RuntimeException ex ? ex : new IllegalStateException(failure);
                }
                directory.removeGroup(group.id());
                return group;
            }, owner);
    }

    /** Adds the agent to the group (or takes it out): conflict if it is (not) a member already. */
    public CompletableFuture<AgentDirectory.Agent> member(final String name, final String staffNo, final boolean add)
    {
        final AgentDirectory.Group group = directory.group(name);
        final AgentDirectory.Agent agent = directory.agentByStaffNo(staffNo);
        try
        {
            if (group == null)
            {
                throw unknown(name);
            }
            if (agent == null)
            {
                throw new AdminException(AdminException.Reason.UNKNOWN, "no agent with staff number " + staffNo);
            }
            if (add && agent.groups().contains(name))
            {
                throw new AdminException(AdminException.Reason.CONFLICT, staffNo + " is a member of " + name);
            }
            if (!add && !agent.groups().contains(name))
            {
                throw new AdminException(AdminException.Reason.UNKNOWN, staffNo + " is not a member of " + name);
            }
            busy("g:" + name);
            busy("s:" + staffNo);
        }
        catch (final AdminException ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
        final List<String> keys = List.of("g:" + name, "s:" + staffNo);
        pending.addAll(keys);
        final Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("group", name);
        entry.put("agent", staffNo);
        final CompletableFuture<Void> change = add ? acd.joinGroup(agent.id(), group.id())
            : acd.leaveGroup(agent.id(), group.id());
        return change.thenCompose(done -> journal.append(add ? MEMBER_ADDED : MEMBER_REMOVED, bytes(entry)))
            .handleAsync((position, failure) ->
            {
                pending.removeAll(keys);
                if (failure != null)
                {
                    if (add)
                    {
                        acd.leaveGroup(agent.id(), group.id());
                    }
                    else
                    {
                        acd.joinGroup(agent.id(), group.id());
                    }
                    throw new IllegalStateException("the membership could not be changed: " + failure.getMessage(),
                        failure);
                }
                final AgentDirectory.Agent now = directory.agentByStaffNo(staffNo);
                final AgentDirectory.Agent changed = now.withGroups(members(now, name, add));
                directory.put(changed);
                return changed;
            }, owner);
    }

    private GroupSettings checked(final Input input)
    {
        if (input.policy() != null && !"longest-idle".equals(input.policy())
            && !"fewest-calls".equals(input.policy()))
        {
            throw invalid("\"policy\" must be longest-idle, fewest-calls or null");
        }
        if (input.maxQueueLength() < 0 || input.maxQueueLength() > MAX_QUEUE_LENGTH)
        {
            throw invalid("\"maxQueueLength\" must be 0 (no limit) to " + MAX_QUEUE_LENGTH);
        }
        if (input.maxWaitSeconds() < 0 || input.maxWaitSeconds() > MAX_WAIT_SECONDS)
        {
            throw invalid("\"maxWaitSeconds\" must be 0 (no limit) to " + MAX_WAIT_SECONDS);
        }
        final String fallback = input.fallback() == null ? "hangup" : input.fallback();
        if (!"hangup".equals(fallback) && (directory.group(fallback) == null || fallback.equals(input.name())))
        {
            throw invalid("\"fallback\" must be hangup or another group's name");
        }
        return settings(directory, new Input(input.name(), input.policy(), input.maxQueueLength(),
            input.maxWaitSeconds(), fallback));
    }

    private static GroupSettings settings(final AgentDirectory directory, final Input input)
    {
        final AgentDirectory.Group target = directory.group(input.fallback());
        final Fallback fallback = target == null ? Fallback.HANG_UP : Fallback.toGroup(target.id());
        return new GroupSettings(input.name(), input.policy() == null ? null : AgentDirectory.policy(input.policy()),
            1, input.maxQueueLength(), input.maxWaitSeconds() * 1000L, fallback);
    }

    private static Input input(final JsonNode node)
    {
        final JsonNode policy = node.get("policy");
        final JsonNode fallback = node.get("fallback");
        return new Input(node.path("name").asText(), policy == null || policy.isNull() ? null : policy.asText(),
            node.path("maxQueueLength").asInt(), node.path("maxWaitSeconds").asInt(),
            fallback == null || fallback.isNull() ? "hangup" : fallback.asText());
    }

    private static List<String> members(final AgentDirectory.Agent agent, final String group, final boolean add)
    {
        final List<String> groups = new ArrayList<>(agent.groups());
        groups.remove(group);
        if (add)
        {
            groups.add(group);
        }
        return groups;
    }

    private void busy(final String key)
    {
        if (pending.contains(key))
        {
            throw new AdminException(AdminException.Reason.CONFLICT, key.substring(2) + " is being changed");
        }
    }

    private static byte[] bytes(final Object value)
    {
        try
        {
            return JSON.writeValueAsBytes(value);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static AdminException invalid(final String message)
    {
        return new AdminException(AdminException.Reason.INVALID, message);
    }

    private static AdminException unknown(final String name)
    {
        return new AdminException(AdminException.Reason.UNKNOWN, "no group " + name);
    }
}

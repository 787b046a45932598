package io.switchboard.core.admin;

import io.switchboard.acd.AcdService;
import io.switchboard.acd.Fallback;
import io.switchboard.acd.GroupSettings;
import io.switchboard.acd.SelectionPolicy;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.journal.Journal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Skill groups and their members changed at run time, as events: a command is validated into a {@link GroupEvent}
 * ({@code group.created}, {@code group.updated}, {@code group.deleted}, {@code group.member.added},
 * {@code group.member.removed}), journalled, then applied to the {@link AgentDirectory} by {@link #apply}, the
 * same method the replay at start uses; the ACD follows the applied state (through its proxy, {@link AcdService}):
 * a deleted group's waiting callers go to its fallback there. Nothing is changed before the journal has the event,
 * so there is nothing to undo. Deleting a group that a queue number or another group's fallback uses is refused
 * (conflict): numbers are not unbound. A rename ({@code group.renamed}) keeps the group's id: its members, queue
 * numbers and the fallbacks to it follow, and so do the flows' transfer nodes (told through {@link #followedBy}),
 * while service records keep the name they were written with.
 * <p>
 * Not thread-safe: owned by the HTTP API's event loop.
 */
public final class GroupAdmin
{
    public static final String CREATED = GroupEvent.CREATED;
    public static final String UPDATED = GroupEvent.UPDATED;
    public static final String DELETED = GroupEvent.DELETED;
    public static final String MEMBER_ADDED = GroupEvent.MEMBER_ADDED;
    public static final String MEMBER_REMOVED = GroupEvent.MEMBER_REMOVED;
    public static final String RENAMED = GroupEvent.RENAMED;
    public static final int MAX_WAIT_SECONDS = 86_400;
    public static final int MAX_QUEUE_LENGTH = 100_000;
    /** A new group's chat settings when the request leaves them out: the configuration's defaults. */
    public static final int DEFAULT_CONCURRENCY = 3;
    public static final int DEFAULT_ACCEPT_TIMEOUT_SECONDS = 30;

    private static final Logger LOG = LoggerFactory.getLogger(GroupAdmin.class);

    /**
     * A group's settings as asked for: policy {@code longest-idle}, {@code fewest-calls} or null (the tenant's);
     * fallback {@code hangup} or a group's name; chat {@code concurrency} (1-100, the manuals' 接待人数上限) and
     * {@code chatAcceptTimeoutSeconds} (超时转接, 0 = off or 1-90); {@code postCallSurvey} (a caller whose agent
     * hangs up stays for the satisfaction survey); {@code recording} (the group's calls are recorded when the tenant
     * records, on for a new group); null for the defaults (a new group) or what the group has (an update).
     */
    public record Input(String name, String policy, int maxQueueLength, int maxWaitSeconds, String fallback,
        Integer concurrency, Integer chatAcceptTimeoutSeconds, Boolean chatPool, Boolean postCallSurvey,
        Boolean recording)
    {
        /** Without the recording setting: as it is (or on for a new group). */
        public Input(final String name, final String policy, final int maxQueueLength, final int maxWaitSeconds,
            final String fallback, final Integer concurrency, final Integer chatAcceptTimeoutSeconds,
            final Boolean chatPool, final Boolean postCallSurvey)
        {
            this(name, policy, maxQueueLength, maxWaitSeconds, fallback, concurrency, chatAcceptTimeoutSeconds,
                chatPool, postCallSurvey, null);
        }

        /** Without the pool and post-call survey settings: as they are (or off for a new group). */
        public Input(final String name, final String policy, final int maxQueueLength, final int maxWaitSeconds,
            final String fallback, final Integer concurrency, final Integer chatAcceptTimeoutSeconds)
        {
            this(name, policy, maxQueueLength, maxWaitSeconds, fallback, concurrency, chatAcceptTimeoutSeconds, null,
                null);
        }

        /** The call settings only: the chat settings as they are (or the defaults). */
        public Input(final String name, final String policy, final int maxQueueLength, final int maxWaitSeconds,
            final String fallback)
        {
            this(name, policy, maxQueueLength, maxWaitSeconds, fallback, null, null);
        }
    }

    private final AgentDirectory directory;
    private final AcdService acd;
    private final AdminChanges changes;
    private final Function<String, List<String>> flowsUsing;
    /** Told of every rename once applied (the flows follow); nothing by default. */
    private java.util.function.BiConsumer<String, String> renamed = (from, to) -> { };

    public GroupAdmin(final AgentDirectory directory, final AcdService acd, final Journal journal,
        final Executor owner)
    {
        this(directory, acd, journal, owner, group -> List.of());
    }

    /**
     * @param flowsUsing the published flows that transfer to a group ({@link PublishedFlowGroups}): such a group
     *                   is not deleted
     */
    public GroupAdmin(final AgentDirectory directory, final AcdService acd, final Journal journal,
        final Executor owner, final Function<String, List<String>> flowsUsing)
    {
        this.directory = directory;
        this.acd = acd;
        this.changes = new AdminChanges(journal, owner);
        this.flowsUsing = flowsUsing;
    }

    /** Who follows a rename once it is applied (the flow stores: their transfer nodes name groups). */
    public GroupAdmin followedBy(final java.util.function.BiConsumer<String, String> follower)
    {
        this.renamed = follower;
        return this;
    }

    /** Whether a journal entry of this type is one of these. */
    public static boolean handles(final String type)
    {
        return type.startsWith("group.");
    }

    /** Applies one journal entry at start, before the ACD loads the directory. */
    public static void apply(final AgentDirectory directory, final String type, final byte[] json)
    {
        apply(directory, GroupEvent.read(type, json));
    }

    /** Applies one event to the directory: at replay, and live once the journal has it. */
    public static void apply(final AgentDirectory directory, final GroupEvent event)
    {
        final AgentDirectory.Group known = directory.group(event.group());
        if (event instanceof GroupEvent.Created created && known == null)
        {
            directory.putGroup(new AgentDirectory.Group(directory.nextGroupId(), created.name(),
                settings(directory, created.settings()), Boolean.TRUE.equals(created.postCallSurvey()),
                !Boolean.FALSE.equals(created.recording())));
        }
        else if (event instanceof GroupEvent.Updated updated && known != null)
        {
            directory.putGroup(new AgentDirectory.Group(known.id(), known.name(),
                settings(directory, updated.settings()), updated.postCallSurvey() == null ? known.postCallSurvey()
                    : updated.postCallSurvey(), updated.recording() == null ? known.recording()
                    : updated.recording()));
        }
        else if (event instanceof GroupEvent.Deleted && known != null)
        {
            directory.removeGroup(known.id());
        }
        else if (event instanceof GroupEvent.Renamed renamed && known != null && directory.group(renamed.to()) == null)
        {
            directory.renameGroup(known.id(), renamed.to());
        }
        else if (event instanceof GroupEvent.MemberAdded added)
        {
            membership(directory, known, added.agent(), true);
        }
        else if (event instanceof GroupEvent.MemberRemoved removed)
        {
            membership(directory, known, removed.agent(), false);
        }
        else
        {
            LOG.warn("journal: {} for group {} ignored", event.type(), event.group());
        }
    }

    private static void membership(final AgentDirectory directory, final AgentDirectory.Group group,
        final String staffNo, final boolean add)
    {
        final AgentDirectory.Agent agent = directory.agentByStaffNo(staffNo);
        if (group != null && agent != null)
        {
            directory.put(agent.withGroups(members(agent, group.name(), add)));
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
        view.put("concurrency", settings.concurrency());
        view.put("chatAcceptTimeoutSeconds", settings.chatAcceptTimeoutMillis() / 1000);
        view.put("chatPool", settings.chatPool());
        view.put("postCallSurvey", group.postCallSurvey());
        view.put("recording", group.recording());
        return view;
    }

    public static String policyName(final SelectionPolicy policy)
    {
        return policy == SelectionPolicy.FEWEST_CALLS ? "fewest-calls" : "longest-idle";
    }

    /** Creates the group (no members). */
    public CompletableFuture<AgentDirectory.Group> create(final Input input)
    {
        final GroupEvent.Created created;
        try
        {
            final String name = checkedName(input.name());
            changes.busy(groupKey(name));
            if (directory.group(name) != null)
            {
                throw exists(name);
            }
            created = new GroupEvent.Created(checked(new Input(name, input.policy(), input.maxQueueLength(),
                input.maxWaitSeconds(), input.fallback(),
                input.concurrency() == null ? DEFAULT_CONCURRENCY : input.concurrency(),
                input.chatAcceptTimeoutSeconds() == null ? DEFAULT_ACCEPT_TIMEOUT_SECONDS
                    : input.chatAcceptTimeoutSeconds(), input.chatPool() != null && input.chatPool(),
                Boolean.TRUE.equals(input.postCallSurvey()), !Boolean.FALSE.equals(input.recording()))));
        }
        catch (final AdminException ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
        return changes.commit(created, List.of(groupKey(created.name())), this::applyLive)
            .thenCompose(event -> followed(acd.addGroup(group(event).id(), group(event).settings()), event))
            .thenApply(this::group);
    }

    /** New settings for the group (its name stays). */
    public CompletableFuture<AgentDirectory.Group> update(final String name, final Input input)
    {
        final GroupEvent.Updated updated;
        try
        {
            if (directory.group(name) == null)
            {
                throw unknown(name);
            }
            if (input.name() != null && !input.name().equals(name))
            {
                throw invalid("a group's name cannot be changed");
            }
            changes.busy(groupKey(name));
            updated = new GroupEvent.Updated(checked(new Input(name, input.policy(), input.maxQueueLength(),
                input.maxWaitSeconds(), input.fallback(), input.concurrency(), input.chatAcceptTimeoutSeconds(),
                input.chatPool(), input.postCallSurvey(), input.recording())));
        }
        catch (final AdminException ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
        return changes.commit(updated, List.of(groupKey(name)), this::applyLive)
            .thenCompose(event -> followed(acd.updateGroup(group(event).id(), group(event).settings()), event))
            .thenApply(this::group);
    }

    /**
     * Gives the group a new name: its members, queue numbers and the fallbacks to it follow (the ACD knows it by id;
     * its settings' name is updated), then the flows' transfer nodes ({@link #followedBy}). Refused when another
     * group has the name (409 {@code group_exists}); records keep the name they were written with.
     */
    public CompletableFuture<AgentDirectory.Group> rename(final String name, final String newName)
    {
        final AgentDirectory.Group group = directory.group(name);
        final GroupEvent.Renamed renamed;
        try
        {
            if (group == null)
            {
                throw unknown(name);
            }
            final String to = checkedName(newName);
            if (to.equals(name))
            {
                throw invalid("the new name is the group's name");
            }
            changes.busy(groupKey(name));
            changes.busy(groupKey(to));
            if (directory.group(to) != null)
            {
                throw exists(to);
            }
            renamed = new GroupEvent.Renamed(name, to);
        }
        catch (final AdminException ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
        return changes.commit(renamed, List.of(groupKey(name), groupKey(renamed.to())), this::applyLive)
            .thenApply(event ->
            {
                this.renamed.accept(event.name(), event.to());
                return event;
            })
            .thenCompose(event -> followed(acd.updateGroup(group.id(), directory.group(group.id()).settings()), event))
            .thenApply(event -> directory.group(group.id()));
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
            changes.busy(groupKey(name));
            refuseInUse(group);
        }
        catch (final AdminException ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
        return changes.commit(new GroupEvent.Deleted(name), List.of(groupKey(name)), this::applyLive)
            .thenCompose(event -> followed(acd.removeGroup(group.id()), event))
            .thenApply(event -> group);
    }

    /** Adds the agent to the group (or takes it out): conflict if it is (not) a member already. */
    public CompletableFuture<AgentDirectory.Agent> member(final String name, final String staffNo, final boolean add)
    {
        final AgentDirectory.Group group = directory.group(name);
        final AgentDirectory.Agent agent = directory.agentByStaffNo(staffNo);
        final GroupEvent event;
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
            changes.busy(groupKey(name));
            changes.busy(agentKey(staffNo));
            event = add ? new GroupEvent.MemberAdded(name, staffNo) : new GroupEvent.MemberRemoved(name, staffNo);
        }
        catch (final AdminException ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
        return changes.commit(event, List.of(groupKey(name), agentKey(staffNo)), this::applyLive)
            .thenCompose(applied -> followed(add ? acd.joinGroup(agent.id(), group.id())
                : acd.leaveGroup(agent.id(), group.id()), applied))
            .thenApply(applied -> directory.agentByStaffNo(staffNo));
    }

    private static String agentKey(final String staffNo)
    {
        return "agent " + staffNo;
    }

    private static String groupKey(final String name)
    {
        return "group " + name;
    }

    private void applyLive(final GroupEvent event)
    {
        apply(directory, event);
    }

    private AgentDirectory.Group group(final GroupEvent event)
    {
        return directory.group(event.group());
    }

    /**
     * The ACD follows what was applied; a refusal there (its command ring full) leaves the directory and the
     * journal as they are, which the ACD takes up at the next start, and is logged rather than undone.
     */
    private static <E extends GroupEvent> CompletableFuture<E> followed(final CompletableFuture<Void> acdChange,
        final E event)
    {
        return acdChange.handle((done, failure) ->
        {
            if (failure != null)
            {
                LOG.error("{} of group {} saved, but the ACD did not take it: {}", event.type(), event.group(),
                    failure.toString());
            }
            return event;
        });
    }

    private void refuseInUse(final AgentDirectory.Group group)
    {
        final List<String> flows = flowsUsing.apply(group.name());
        if (!flows.isEmpty())
        {
            throw new AdminException(AdminException.Reason.CONFLICT, "group " + group.name()
                + " is the transfer target of the published " + String.join(", ", flows)
                + ": unpublish or change those first");
        }
        final List<String> numbers = directory.numbersOf(group.name());
        if (!numbers.isEmpty())
        {
            throw new AdminException(AdminException.Reason.CONFLICT, "group " + group.name()
                + " is the queue of number(s) " + String.join(", ", numbers));
        }
        for (final AgentDirectory.Group other : directory.groups())
        {
            if (other.id() != group.id() && other.settings().fallback().action() == Fallback.Action.GROUP
                && other.settings().fallback().groupId() == group.id())
            {
                throw new AdminException(AdminException.Reason.CONFLICT, "group " + group.name()
                    + " is the fallback of group " + other.name());
            }
        }
    }

    private GroupEvent.Settings checked(final Input input)
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
        if (input.concurrency() != null
            && (input.concurrency() < 1 || input.concurrency() > GroupSettings.MAX_CONCURRENCY))
        {
            throw invalid("\"concurrency\" (chat sessions an agent handles at once) must be 1 to "
                + GroupSettings.MAX_CONCURRENCY);
        }
        final long maxAccept = GroupSettings.MAX_ACCEPT_TIMEOUT_MILLIS / 1000;
        if (input.chatAcceptTimeoutSeconds() != null
            && (input.chatAcceptTimeoutSeconds() < 0 || input.chatAcceptTimeoutSeconds() > maxAccept))
        {
            throw invalid("\"chatAcceptTimeoutSeconds\" must be 0 (off) or 1 to " + maxAccept);
        }
        return new GroupEvent.Settings(input.name(), input.policy(), input.maxQueueLength(), input.maxWaitSeconds(),
            fallback, input.concurrency(), input.chatAcceptTimeoutSeconds(), input.chatPool(),
            input.postCallSurvey(), input.recording());
    }

    private static GroupSettings settings(final AgentDirectory directory, final GroupEvent.Settings input)
    {
        final AgentDirectory.Group target = input.fallback() == null ? null : directory.group(input.fallback());
        final Fallback fallback = target == null ? Fallback.HANG_UP : Fallback.toGroup(target.id());
        // Entries journalled before the chat settings could be changed here have none: the group keeps its own (a
        // group created by such an entry had 1 and off, as then).
        final AgentDirectory.Group existing = directory.group(input.name());
        final GroupSettings kept = existing == null ? null : existing.settings();
        final int concurrency = input.concurrency() != null ? input.concurrency()
            : kept == null ? 1 : kept.concurrency();
        final long acceptMillis = input.chatAcceptTimeoutSeconds() != null ? input.chatAcceptTimeoutSeconds() * 1000L
            : kept == null ? 0 : kept.chatAcceptTimeoutMillis();
        final boolean pool = input.chatPool() != null ? input.chatPool() : kept != null && kept.chatPool();
        return new GroupSettings(input.name(), input.policy() == null ? null : AgentDirectory.policy(input.policy()),
            concurrency, input.maxQueueLength(), input.maxWaitSeconds() * 1000L, fallback, acceptMillis, pool);
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

    private static AdminException invalid(final String message)
    {
        return new AdminException(AdminException.Reason.INVALID, message);
    }

    /** A group's name as given, trimmed, or invalid. */
    private static String checkedName(final String given)
    {
        final String name = given == null ? "" : given.trim();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > GroupSettings.MAX_NAME_CODE_POINTS
            || name.contains("/") || "hangup".equals(name) || name.chars().anyMatch(Character::isISOControl))
        {
            throw invalid("\"name\" must be 1 to " + GroupSettings.MAX_NAME_CODE_POINTS
                + " characters, without '/', and not \"hangup\"");
        }
        return name;
    }

    private static AdminException exists(final String name)
    {
        return new AdminException(AdminException.Reason.CONFLICT, "group_exists", "group " + name + " exists");
    }

    private static AdminException unknown(final String name)
    {
        return new AdminException(AdminException.Reason.UNKNOWN, "no group " + name);
    }
}

package io.switchboard.core.admin;

import io.switchboard.acd.AcdError;
import io.switchboard.acd.AcdException;
import io.switchboard.acd.AcdService;
import io.switchboard.acd.AgentState;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.auth.Account;
import io.switchboard.core.auth.AccountStore;
import io.switchboard.core.auth.PasswordHasher;
import io.switchboard.core.auth.PasswordRule;
import io.switchboard.core.auth.Role;
import io.switchboard.core.auth.Sessions;
import io.switchboard.core.journal.Journal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Agents created, edited and deleted at run time, as events: a command is validated into an {@link AgentEvent}
 * ({@code agent.created}, {@code agent.updated}, {@code agent.deleted}), journalled, then applied to the
 * {@link AgentDirectory} by {@link #apply}, the same method the replay at start uses; the ACD (through its proxy,
 * {@link AcdService}) and the accounts follow the applied state. Nothing is changed before the journal has the
 * event, so there is nothing to undo. An agent ringing or on a call is not deleted (the ACD is asked first). A new
 * agent gets an account (same e-mail, role, extension and staff number) with a random first password; a deleted
 * agent's account is deleted too (its records stay).
 * <p>
 * Not thread-safe: owned by the HTTP API's event loop ({@code owner}).
 */
public final class AgentAdmin
{
    public static final String CREATED = AgentEvent.CREATED;
    public static final String UPDATED = AgentEvent.UPDATED;
    public static final String DELETED = AgentEvent.DELETED;
    public static final int MAX_STAFF_NO = 20;
    private static final int MAX_TEXT = 100;

    private static final Logger LOG = LoggerFactory.getLogger(AgentAdmin.class);

    /** A new agent as asked for; null members are absent. */
    public record Input(String staffNo, String name, String email, String nickname, String extension, String mobile,
        String role, List<String> groups)
    {
    }

    /** What an edit changes; null members stay as they are. */
    public record Edit(String name, String nickname, String mobile, List<String> groups)
    {
    }

    /** A created agent and its account's first password (shown this once). */
    public record Created(AgentDirectory.Agent agent, String firstPassword)
    {
    }

    private final AgentDirectory directory;
    private final AcdService acd;
    private final AccountStore accounts;
    private final Sessions sessions;
    private final PasswordHasher hasher;
    private final Set<String> extensions;
    private final Executor owner;
    private final AdminChanges changes;

    public AgentAdmin(final AgentDirectory directory, final AcdService acd, final Journal journal,
        final AccountStore accounts, final Sessions sessions, final PasswordHasher hasher,
        final Set<String> extensions, final Executor owner)
    {
        this.directory = directory;
        this.acd = acd;
        this.accounts = accounts;
        this.sessions = sessions;
        this.hasher = hasher;
        this.extensions = Set.copyOf(extensions);
        this.owner = owner;
        this.changes = new AdminChanges(journal, owner);
    }

    /** Whether a journal entry of this type is one of these (for a server replaying all types at once). */
    public static boolean handles(final String type)
    {
        return type.startsWith("agent.") && !"agent.state".equals(type);
    }

    /** Applies one journal entry at start, before the ACD loads the directory. */
    public static void apply(final AgentDirectory directory, final String type, final byte[] json)
    {
        apply(directory, AgentEvent.read(type, json));
    }

    /** Applies one event to the directory: at replay, and live once the journal has it. */
    public static void apply(final AgentDirectory directory, final AgentEvent event)
    {
        final AgentDirectory.Agent known = directory.agentByStaffNo(event.staffNo());
        if (event instanceof AgentEvent.Created created)
        {
            if (known != null)
            {
                LOG.warn("journal: agent {} created again; the first one kept", created.staffNo());
                return;
            }
            directory.put(new AgentDirectory.Agent(directory.nextId(), created.staffNo(), created.name(),
                created.nickname(), created.email(), created.extension(), created.mobile(), created.role(),
                created.groups(), false));
        }
        else if (event instanceof AgentEvent.Updated updated && known != null)
        {
            directory.put(new AgentDirectory.Agent(known.id(), known.staffNo(), updated.name(), updated.nickname(),
                known.email(), known.extension(), updated.mobile(), known.role(), updated.groups(),
                known.autoAnswer()));
        }
        else if (event instanceof AgentEvent.Deleted && known != null)
        {
            directory.remove(known.id());
        }
    }

    /** The agent as the administration shows it (and the journal keeps it). */
    public static Map<String, Object> view(final AgentDirectory.Agent agent)
    {
        final Map<String, Object> view = new LinkedHashMap<>();
        view.put("staffNo", agent.staffNo());
        view.put("name", agent.name());
        view.put("email", agent.email());
        view.put("nickname", agent.nickname());
        view.put("extension", agent.extension());
        view.put("mobile", agent.mobile());
        view.put("role", agent.role() == null ? "agent" : agent.role());
        view.put("groups", agent.groups());
        return view;
    }

    /** Creates the agent and its account; fails with {@link AdminException} if the input is refused. */
    public CompletableFuture<Created> create(final Input input)
    {
        final AgentEvent.Created event;
        try
        {
            event = validate(input);
        }
        catch (final AdminException ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
        final String password = PasswordRule.random();
        final CompletableFuture<String> hash = hasher.hash(password);
        return changes.commitAfter(hash.thenApply(done -> event), List.of(agentKey(event.staffNo()),
            "e-mail " + event.email(), "extension " + event.extension()), this::applyLive)
            .thenCompose(applied ->
            {
                final AgentDirectory.Agent agent = directory.agentByStaffNo(applied.staffNo());
                return followed(acd.addAgent(agent.id(), agent.staffNo(), false)
                    .thenCompose(added -> joinAll(agent.id(), agent.groups())), applied)
                    .thenComposeAsync(followed -> accounts.create(new Account(agent.email(), agent.name(),
                        Role.of(agent.role()), agent.extension(), agent.staffNo(), hash.join(),
                        System.currentTimeMillis())), owner)
                    .thenApply(account -> new Created(agent, password));
            });
    }

    /** Changes name, nickname, mobile and groups (joined and left in the ACD). */
    public CompletableFuture<AgentDirectory.Agent> edit(final String staffNo, final Edit edit)
    {
        final AgentDirectory.Agent before = directory.agentByStaffNo(staffNo);
        final AgentEvent.Updated event;
        try
        {
            if (before == null)
            {
                throw unknown(staffNo);
            }
            final List<String> groups = edit.groups() == null ? before.groups() : List.copyOf(edit.groups());
            checkGroups(groups);
            checkText("name", edit.name());
            checkText("nickname", edit.nickname());
            checkText("mobile", edit.mobile());
            changes.busy(agentKey(staffNo));
            event = new AgentEvent.Updated(staffNo, edit.name() == null ? before.name() : edit.name(),
                before.email(), edit.nickname() == null ? before.nickname() : edit.nickname(), before.extension(),
                edit.mobile() == null ? before.mobile() : edit.mobile(), roleOf(before), groups);
        }
        catch (final AdminException ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
        final List<String> joins = new ArrayList<>(event.groups());
        joins.removeAll(before.groups());
        final List<String> leaves = new ArrayList<>(before.groups());
        leaves.removeAll(event.groups());
        return changes.commit(event, List.of(agentKey(staffNo)), this::applyLive)
            .thenCompose(applied ->
            {
                final AgentDirectory.Agent after = directory.agentByStaffNo(staffNo);
                final Account account = accounts.findByStaffNo(staffNo);
                if (account != null && after.name() != null && !after.name().equals(account.name()))
                {
                    accounts.update(account.email(), after.name(), account.extension());
                }
                return followed(joinAll(after.id(), joins).thenCompose(joined -> leaveAll(after.id(), leaves)),
                    applied).thenApply(followed -> after);
            });
    }

    /** Removes the agent (refused while it rings or is on a call), its account and its sessions. */
    public CompletableFuture<AgentDirectory.Agent> delete(final String staffNo)
    {
        final AgentDirectory.Agent agent = directory.agentByStaffNo(staffNo);
        try
        {
            if (agent == null)
            {
                throw unknown(staffNo);
            }
            changes.busy(agentKey(staffNo));
        }
        catch (final AdminException ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
        final int id = agent.id();
        final CompletableFuture<AgentEvent.Deleted> free = acd.query(view -> !view.hasAgent(id) ? null
            : view.state(id) == AgentState.RINGING || view.state(id) == AgentState.ON_CALL || view.directCalls(id) > 0
            ? view.state(id) : null).thenApply(busy ->
            {
                if (busy != null)
                {
                    throw new AcdException(AcdError.FORBIDDEN_TRANSITION, "agent " + id + " is " + busy
                        + ": it cannot be removed until the call is over");
                }
                return new AgentEvent.Deleted(staffNo);
            });
        return changes.commitAfter(free, List.of(agentKey(staffNo)), this::applyLive).thenCompose(applied ->
        {
            final Account account = accounts.findByStaffNo(staffNo);
            if (account != null)
            {
                accounts.delete(account.email());
                sessions.closeAll(account.email(), null);
            }
            return followed(acd.removeAgent(agent.id()), applied).thenApply(followed -> agent);
        });
    }

    private void applyLive(final AgentEvent event)
    {
        apply(directory, event);
    }

    private static String agentKey(final String staffNo)
    {
        return "agent " + staffNo;
    }

    private static String roleOf(final AgentDirectory.Agent agent)
    {
        return agent.role() == null ? "agent" : agent.role();
    }

    /**
     * The ACD follows what was applied; a refusal there (its ring full, or a call that began since it was asked)
     * is logged rather than undone: the journal and the directory hold the change, which the ACD takes up at the
     * next start.
     */
    private static CompletableFuture<Void> followed(final CompletableFuture<Void> acdChange, final AgentEvent event)
    {
        return acdChange.handle((done, failure) ->
        {
            if (failure != null)
            {
                LOG.error("{} of agent {} saved, but the ACD did not take it: {}", event.type(), event.staffNo(),
                    failure.toString());
            }
            return null;
        });
    }

    private AgentEvent.Created validate(final Input input)
    {
        final String staffNo = input.staffNo() == null ? "" : input.staffNo().trim();
        if (staffNo.isEmpty() || staffNo.length() > MAX_STAFF_NO || !staffNo.matches("[A-Za-z0-9._-]+"))
        {
            throw invalid("\"staffNo\" must be 1 to " + MAX_STAFF_NO + " letters, digits, '.', '_' or '-'");
        }
        changes.busy(agentKey(staffNo));
        if (directory.agentByStaffNo(staffNo) != null || accounts.findByStaffNo(staffNo) != null)
        {
            throw new AdminException(AdminException.Reason.CONFLICT, "staff number " + staffNo + " is taken");
        }
        final String email = input.email() == null ? "" : Account.key(input.email().trim());
        if (!email.matches("[^@\\s/,;]+@[^@\\s/,;]+\\.[^@\\s/,;]+") || email.length() > 254)
        {
            throw invalid("\"email\" must be an e-mail address");
        }
        changes.busy("e-mail " + email);
        if (directory.agentByEmail(email) != null || accounts.find(email) != null)
        {
            throw new AdminException(AdminException.Reason.CONFLICT, "e-mail " + email + " is taken");
        }
        final String extension = input.extension() == null || input.extension().isBlank() ? null
            : input.extension().trim();
        if (extension == null || !extensions.contains(extension))
        {
            throw invalid("\"extension\" must be one of the tenant's extensions");
        }
        changes.busy("extension " + extension);
        if (directory.agentByExtension(extension) != null)
        {
            throw new AdminException(AdminException.Reason.CONFLICT, "extension " + extension
                + " belongs to another agent");
        }
        final String role = input.role() == null || input.role().isBlank() ? "agent" : input.role().trim();
        if (Role.of(role) == null)
        {
            throw invalid("\"role\" must be agent, supervisor or admin");
        }
        final List<String> groups = input.groups() == null ? List.of() : List.copyOf(input.groups());
        checkGroups(groups);
        checkText("name", input.name());
        checkText("nickname", input.nickname());
        checkText("mobile", input.mobile());
        final String name = input.name() == null || input.name().isBlank() ? staffNo : input.name().trim();
        return new AgentEvent.Created(staffNo, name, email, input.nickname(), extension, input.mobile(), role, groups);
    }

    private void checkGroups(final List<String> groups)
    {
        for (final String group : groups)
        {
            if (directory.group(group) == null)
            {
                throw invalid("no group \"" + group + "\"");
            }
        }
        if (new HashSet<>(groups).size() != groups.size())
        {
            throw invalid("a group is listed twice");
        }
    }

    private static void checkText(final String field, final String value)
    {
        if (value != null && value.length() > MAX_TEXT)
        {
            throw invalid("\"" + field + "\" has " + MAX_TEXT + " characters at most");
        }
    }

    private CompletableFuture<Void> joinAll(final int agentId, final List<String> groups)
    {
        CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
        for (final String group : groups)
        {
            final int groupId = directory.group(group).id();
            done = done.thenCompose(earlier -> acd.joinGroup(agentId, groupId));
        }
        return done;
    }

    private CompletableFuture<Void> leaveAll(final int agentId, final List<String> groups)
    {
        CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
        for (final String group : groups)
        {
            final int groupId = directory.group(group).id();
            done = done.thenCompose(earlier -> acd.leaveGroup(agentId, groupId));
        }
        return done;
    }

    private static AdminException invalid(final String message)
    {
        return new AdminException(AdminException.Reason.INVALID, message);
    }

    private static AdminException unknown(final String staffNo)
    {
        return new AdminException(AdminException.Reason.UNKNOWN, "no agent with staff number " + staffNo);
    }
}

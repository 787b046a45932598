package io.switchboard.core.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.switchboard.acd.AcdService;
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
 * Agents created, edited and deleted at run time. Each change is made in the ACD first (add, join, leave, remove:
 * the ACD refuses removing an agent on a call), then journalled ({@code agent.created}, {@code agent.updated},
 * {@code agent.deleted}, JSON), then published in the {@link AgentDirectory}; the ACD's part is undone if the journal
 * failed. A new agent gets an account (same e-mail, role, extension and staff number) with a random first password;
 * a deleted agent's account is deleted too (its records stay). At start the journal's entries are applied
 * ({@link #apply}) after the configuration's agents, before the ACD loads the directory.
 * <p>
 * Not thread-safe: owned by the HTTP API's event loop ({@code owner}).
 */
public final class AgentAdmin
{
    public static final String CREATED = "agent.created";
    public static final String UPDATED = "agent.updated";
    public static final String DELETED = "agent.deleted";
    public static final int MAX_STAFF_NO = 20;
    private static final int MAX_TEXT = 100;

    private static final Logger LOG = LoggerFactory.getLogger(AgentAdmin.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

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
    private final Journal journal;
    private final AccountStore accounts;
    private final Sessions sessions;
    private final PasswordHasher hasher;
    private final Set<String> extensions;
    private final Executor owner;
    /** Staff numbers, e-mails and extensions of changes under way (so that two requests cannot both pass). */
    private final Set<String> pending = new HashSet<>();
    private int nextId;

    public AgentAdmin(final AgentDirectory directory, final AcdService acd, final Journal journal,
        final AccountStore accounts, final Sessions sessions, final PasswordHasher hasher,
        final Set<String> extensions, final Executor owner)
    {
        this.directory = directory;
        this.acd = acd;
        this.journal = journal;
        this.accounts = accounts;
        this.sessions = sessions;
        this.hasher = hasher;
        this.extensions = Set.copyOf(extensions);
        this.owner = owner;
        this.nextId = directory.nextId();
    }

    /** Whether a journal entry of this type is one of these (for a server replaying all types at once). */
    public static boolean handles(final String type)
    {
        return type.startsWith("agent.") && !"agent.state".equals(type);
    }

    /** Applies one journal entry to the directory (replay, at start, before the ACD loads it). */
    public static void apply(final AgentDirectory directory, final String type, final byte[] json)
    {
        final JsonNode node = io.switchboard.core.journal.JournalEntries.read(type, json);
        final String staffNo = node.path("staffNo").asText();
        final AgentDirectory.Agent known = directory.agentByStaffNo(staffNo);
        switch (type)
        {
            case CREATED ->
            {
                if (known != null)
                {
                    LOG.warn("journal: agent {} created again; the first one kept", staffNo);
                    return;
                }
                directory.put(new AgentDirectory.Agent(directory.nextId(), staffNo, text(node, "name"),
                    text(node, "nickname"), text(node, "email"), text(node, "extension"), text(node, "mobile"),
                    text(node, "role"), groups(node), false));
            }
            case UPDATED ->
            {
                if (known != null)
                {
                    directory.put(new AgentDirectory.Agent(known.id(), staffNo, text(node, "name"),
                        text(node, "nickname"), known.email(), known.extension(), text(node, "mobile"), known.role(),
                        groups(node), known.autoAnswer()));
                }
            }
            case DELETED ->
            {
                if (known != null)
                {
                    directory.remove(known.id());
                }
            }
            default -> LOG.warn("journal: unknown agent entry {} ignored", type);
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
        final AgentDirectory.Agent agent;
        try
        {
            agent = validate(input);
        }
        catch (final AdminException ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
        final List<String> keys = List.of("s:" + agent.staffNo(), "e:" + agent.email(), "x:" + agent.extension());
        pending.addAll(keys);
        nextId++;
        final String password = PasswordRule.random();
        final CompletableFuture<Created> created = hasher.hash(password).thenComposeAsync(hash ->
            acd.addAgent(agent.id(), agent.staffNo(), false)
                .thenCompose(added -> joinAll(agent.id(), agent.groups()))
                .thenCompose(joined -> journal.append(CREATED, bytes(view(agent))))
                .handleAsync((position, failure) ->
                {
                    if (failure != null)
                    {
                        acd.removeAgent(agent.id());
                        throw new IllegalStateException("the agent could not be created: " + failure.getMessage(),
                            failure);
                    }
                    directory.put(agent);
                    return hash;
                }, owner)
                .thenCompose(saved -> accounts.create(new Account(agent.email(), agent.name(),
                    Role.of(agent.role()), agent.extension(), agent.staffNo(), saved, System.currentTimeMillis())))
                .thenApply(account -> new Created(agent, password)), owner);
        return created.whenCompleteAsync((done, failure) -> pending.removeAll(keys), owner);
    }

    /** Changes name, nickname, mobile and groups (joined and left in the ACD). */
    public CompletableFuture<AgentDirectory.Agent> edit(final String staffNo, final Edit edit)
    {
        final AgentDirectory.Agent before = directory.agentByStaffNo(staffNo);
        if (before == null)
        {
            return CompletableFuture.failedFuture(unknown(staffNo));
        }
        final List<String> groups = edit.groups() == null ? before.groups() : List.copyOf(edit.groups());
        try
        {
            checkGroups(groups);
            checkText("name", edit.name());
            checkText("nickname", edit.nickname());
            checkText("mobile", edit.mobile());
            busy(staffNo);
        }
        catch (final AdminException ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
        final AgentDirectory.Agent after = new AgentDirectory.Agent(before.id(), staffNo,
            edit.name() == null ? before.name() : edit.name(), edit.nickname() == null ? before.nickname()
            : edit.nickname(), before.email(), before.extension(), edit.mobile() == null ? before.mobile()
            : edit.mobile(), before.role(), groups, before.autoAnswer());
        final List<String> joins = new ArrayList<>(groups);
        joins.removeAll(before.groups());
        final List<String> leaves = new ArrayList<>(before.groups());
        leaves.removeAll(groups);
        pending.add("s:" + staffNo);
        return joinAll(before.id(), joins).thenCompose(joined -> leaveAll(before.id(), leaves))
            .thenCompose(left -> journal.append(UPDATED, bytes(view(after))))
            .handleAsync((position, failure) ->
            {
                pending.remove("s:" + staffNo);
                if (failure != null)
                {
                    leaveAll(before.id(), joins).thenCompose(undone -> joinAll(before.id(), leaves));
                    throw new IllegalStateException("the agent could not be changed: " + failure.getMessage(),
                        failure);
                }
                directory.put(after);
                final Account account = accounts.findByStaffNo(staffNo);
                if (account != null && after.name() != null && !after.name().equals(account.name()))
                {
                    accounts.update(account.email(), after.name(), account.extension());
                }
                return after;
            }, owner);
    }

    /** Removes the agent from the ACD (refused while it rings or is on a call), then deletes its account. */
    public CompletableFuture<AgentDirectory.Agent> delete(final String staffNo)
    {
        final AgentDirectory.Agent agent = directory.agentByStaffNo(staffNo);
        if (agent == null)
        {
            return CompletableFuture.failedFuture(unknown(staffNo));
        }
        try
        {
            busy(staffNo);
        }
        catch (final AdminException ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
        pending.add("s:" + staffNo);
        final CompletableFuture<AgentDirectory.Agent> removed = acd.removeAgent(agent.id())
            .thenCompose(gone -> journal.append(DELETED, bytes(Map.of("staffNo", staffNo)))
                .handle((position, failure) ->
                {
                    if (failure != null)
                    {
                        acd.addAgent(agent.id(), staffNo, agent.autoAnswer())
                            .thenCompose(again -> joinAll(agent.id(), agent.groups()));
                        throw new IllegalStateException("the agent could not be deleted: " + failure.getMessage(),
                            failure);
                    }
                    return position;
                }))
            .thenApplyAsync(position ->
            {
                directory.remove(agent.id());
                final Account account = accounts.findByStaffNo(staffNo);
                if (account != null)
                {
                    accounts.delete(account.email());
                    sessions.closeAll(account.email(), null);
                }
                return agent;
            }, owner);
        return removed.whenCompleteAsync((done, failure) -> pending.remove("s:" + staffNo), owner);
    }

    private AgentDirectory.Agent validate(final Input input)
    {
        final String staffNo = input.staffNo() == null ? "" : input.staffNo().trim();
        if (staffNo.isEmpty() || staffNo.length() > MAX_STAFF_NO || !staffNo.matches("[A-Za-z0-9._-]+"))
        {
            throw invalid("\"staffNo\" must be 1 to " + MAX_STAFF_NO + " letters, digits, '.', '_' or '-'");
        }
        if (directory.agentByStaffNo(staffNo) != null || pending.contains("s:" + staffNo)
            || accounts.findByStaffNo(staffNo) != null)
        {
            throw new AdminException(AdminException.Reason.CONFLICT, "staff number " + staffNo + " is taken");
        }
        final String email = input.email() == null ? "" : Account.key(input.email().trim());
        if (!email.matches("[^@\\s/,;]+@[^@\\s/,;]+\\.[^@\\s/,;]+") || email.length() > 254)
        {
            throw invalid("\"email\" must be an e-mail address");
        }
        if (directory.agentByEmail(email) != null || accounts.find(email) != null || pending.contains("e:" + email))
        {
            throw new AdminException(AdminException.Reason.CONFLICT, "e-mail " + email + " is taken");
        }
        final String extension = input.extension() == null || input.extension().isBlank() ? null
            : input.extension().trim();
        if (extension == null || !extensions.contains(extension))
        {
            throw invalid("\"extension\" must be one of the tenant's extensions");
        }
        if (directory.agentByExtension(extension) != null || pending.contains("x:" + extension))
        {
            throw new AdminException(AdminException.Reason.CONFLICT, "extension " + extension
                + " belongs to another agent");
        }
        final String role = input.role() == null || input.role().isBlank() ? "agent" : input.role().trim();
        if (Role.of(role) == null)
        {
            throw invalid("\"role\" must be agent or admin");
        }
        final List<String> groups = input.groups() == null ? List.of() : List.copyOf(input.groups());
        checkGroups(groups);
        checkText("name", input.name());
        checkText("nickname", input.nickname());
        checkText("mobile", input.mobile());
        final String name = input.name() == null || input.name().isBlank() ? staffNo : input.name().trim();
        return new AgentDirectory.Agent(nextId, staffNo, name, input.nickname(), email, extension, input.mobile(),
            role, groups, false);
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

    private void busy(final String staffNo)
    {
        if (pending.contains("s:" + staffNo))
        {
            throw new AdminException(AdminException.Reason.CONFLICT, "agent " + staffNo + " is being changed");
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

    private static List<String> groups(final JsonNode node)
    {
        final List<String> groups = new ArrayList<>();
        node.path("groups").forEach(group -> groups.add(group.asText()));
        return List.copyOf(groups);
    }

    private static String text(final JsonNode node, final String field)
    {
        final JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
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

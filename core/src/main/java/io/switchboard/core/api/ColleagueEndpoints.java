package io.switchboard.core.api;

import io.switchboard.acd.AcdQueries;
import io.switchboard.acd.AgentView;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.sip.registrar.LocationService;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The workbench's colleague search (员工内线通话: "通过技能组或邮箱搜索需要联系的员工，选中对应的员工或话机"):
 * {@code GET /api/colleagues?q=} for anyone signed in finds agents by name, staff number, e-mail, skill group or
 * extension, and phones: extensions that belong to no agent, registered ones whose number contains the query and the
 * one the query names exactly (registered or not, so the page can say why it cannot be called). An answer carries
 * only what a colleague needs to pick whom to call: no mobile number, no account, no password.
 */
public final class ColleagueEndpoints
{
    /** At most this many results in one answer (agents first); the page asks again as the query grows. */
    static final int LIMIT = 50;
    private static final int MAX_QUERY = 100;

    private final io.switchboard.acd.AcdService acd;
    private final AgentDirectory directory;
    private final LocationService locations;
    private final Predicate<String> extensionExists;

    public ColleagueEndpoints(final io.switchboard.acd.AcdService acd, final AgentDirectory directory,
        final LocationService locations, final Predicate<String> extensionExists)
    {
        this.acd = acd;
        this.directory = directory;
        this.locations = locations;
        this.extensionExists = extensionExists;
    }

    public void register(final ApiRouter router)
    {
        router.get("/api/colleagues", Access.SIGNED_IN, request ->
        {
            final List<String> values = request.query().get("q");
            final String given = values == null || values.isEmpty() ? null : values.get(0);
            final String q = given == null ? "" : given.trim().toLowerCase(Locale.ROOT);
            if (q.length() > MAX_QUERY)
            {
                throw ApiException.badRequest("\"q\" has " + MAX_QUERY + " characters at most");
            }
            return ApiResponse.later(acd.query(view -> agents(view, q)).thenApply(agents -> answer(agents, q)));
        });
    }

    private List<Map<String, Object>> answer(final List<Map<String, Object>> agents, final String q)
    {
        final List<Map<String, Object>> found = new ArrayList<>(agents);
        for (final String extension : phones(q))
        {
            if (found.size() >= LIMIT)
            {
                break;
            }
            final Map<String, Object> phone = new java.util.LinkedHashMap<>();
            phone.put("kind", "phone");
            phone.put("extension", extension);
            phone.put("registered", !locations.lookup(extension, System.currentTimeMillis()).isEmpty());
            found.add(phone);
        }
        return found;
    }

    /** The agents that match (on the engine's thread: their states as they are now). */
    private List<Map<String, Object>> agents(final AcdQueries engine, final String q)
    {
        final List<Map<String, Object>> found = new ArrayList<>();
        for (final AgentView view : engine.agents())
        {
            final AgentDirectory.Agent agent = directory.agent(view.agentId());
            if (agent == null || !matches(agent, q))
            {
                continue;
            }
            if (found.size() >= LIMIT)
            {
                break;
            }
            final Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("kind", "agent");
            row.put("staffNo", agent.staffNo());
            row.put("name", agent.name());
            row.put("email", agent.email());
            row.put("extension", agent.extension());
            row.put("state", view.state().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            row.put("groups", agent.groups());
            found.add(row);
        }
        return found;
    }

    static boolean matches(final AgentDirectory.Agent agent, final String q)
    {
        if (q.isEmpty() || contains(agent.name(), q) || contains(agent.staffNo(), q) || contains(agent.email(), q)
            || agent.extension() != null && agent.extension().startsWith(q))
        {
            return true;
        }
        for (final String group : agent.groups())
        {
            if (contains(group, q))
            {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(final String value, final String q)
    {
        return value != null && value.toLowerCase(Locale.ROOT).contains(q);
    }

    /**
     * Extensions of no agent: the registered ones whose number contains the query, and the one it names exactly (an
     * extension range may hold thousands of numbers nobody uses: only these are worth showing).
     */
    private Set<String> phones(final String q)
    {
        final Set<String> found = new TreeSet<>();
        if (!q.isEmpty() && extensionExists.test(q) && directory.agentByExtension(q) == null)
        {
            found.add(q);
        }
        final long now = System.currentTimeMillis();
        for (final String extension : locations.snapshot().keySet())
        {
            if (extension.contains(q) && extensionExists.test(extension)
                && directory.agentByExtension(extension) == null && !locations.lookup(extension, now).isEmpty())
            {
                found.add(extension);
            }
        }
        return found;
    }
}

package io.switchboard.core.api;

import io.switchboard.core.agent.AgentDirectory;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The agents list's filters and page (issue 17, the administration's agents list): {@code q} (any of name, staff
 * number, e-mail, mobile, extension), {@code name}, {@code email}, {@code mobile} (each a case-insensitive part),
 * {@code group} (a skill group's exact name), {@code page} (from 1) and {@code size} (1 to 200, default 20). A
 * request with none of them keeps the old answer, the whole list as an array, for the callers that know only that
 * (the transfer dialogs).
 */
record AgentListQuery(String q, String name, String email, String mobile, String group, int page, int size)
{
    static final int DEFAULT_SIZE = 20;
    static final int MAX_SIZE = 200;
    private static final List<String> PARAMETERS = List.of("q", "name", "email", "mobile", "group", "page", "size");

    /** The query of the request, or null when it asks for none of it (the old array). */
    static AgentListQuery of(final ApiRequest request)
    {
        if (PARAMETERS.stream().noneMatch(request.query()::containsKey))
        {
            return null;
        }
        return new AgentListQuery(text(request, "q"), text(request, "name"), text(request, "email"),
            text(request, "mobile"), text(request, "group"),
            RecordEndpoints.number(request, "page", 1, 1, Integer.MAX_VALUE),
            RecordEndpoints.number(request, "size", DEFAULT_SIZE, 1, MAX_SIZE));
    }

    /** Whether the agent (null: a slot the directory no longer has) passes every filter given. */
    boolean matches(final AgentDirectory.Agent agent)
    {
        if (agent == null)
        {
            return false;
        }
        final boolean any = q == null || part(agent.name(), q) || part(agent.staffNo(), q) || part(agent.email(), q)
            || part(agent.mobile(), q) || part(agent.extension(), q);
        return any && (name == null || part(agent.name(), name)) && (email == null || part(agent.email(), email))
            && (mobile == null || part(agent.mobile(), mobile)) && (group == null || agent.groups().contains(group));
    }

    /** The rows of this page, with the total that matched. */
    <T> Map<String, Object> page(final List<T> matched)
    {
        final long from = Math.min((long)(page - 1) * size, matched.size());
        final int to = (int)Math.min(from + size, matched.size());
        return Map.of("total", matched.size(), "page", page, "size", size,
            "agents", matched.subList((int)from, to));
    }

    private static boolean part(final String value, final String wanted)
    {
        return value != null && value.toLowerCase(Locale.ROOT).contains(wanted.toLowerCase(Locale.ROOT));
    }

    /** A parameter without its surrounding spaces; empty is absent. */
    private static String text(final ApiRequest request, final String key)
    {
        final String value = RecordEndpoints.text(request, key);
        return value == null || value.isBlank() ? null : value.strip();
    }
}

package io.switchboard.core.agent;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tenant's break reasons (小休原因), administered: each has a code the ACD engine keeps in an agent's state (1 is
 * the system's "missed call", so codes start at 2) and a name. A code is never given twice, and a reason that is
 * deleted or renamed is kept as retired under its code with its last name: an agent on a break for it, and what was
 * recorded of it, stay as they were, while new breaks can only take the current reasons. A rename retires the old
 * code and gives the new name a new one in the same place of the menu. Immutable; seeded from
 * {@code tenant.acd.breakReasons}, then replaced as a whole by each journalled change.
 *
 * @param reasons  every reason ever known, current and retired, in the menu's order
 * @param nextCode the code the next new reason gets
 */
public record BreakReasons(List<Reason> reasons, int nextCode)
{
    public static final int MAX_NAME = 20;
    public static final int MAX_REASONS = 50;

    /** One reason: its code, its name, whether it is retired (deleted or renamed since). */
    public record Reason(int code, String name, boolean retired)
    {
    }

    public BreakReasons
    {
        reasons = List.copyOf(reasons);
    }

    /** The configuration's reasons with codes 2, 3, ... as before they were administered. */
    public static BreakReasons seeded(final List<String> names)
    {
        final List<Reason> reasons = new ArrayList<>();
        int code = 2;
        for (final String name : names)
        {
            reasons.add(new Reason(code++, name, false));
        }
        return new BreakReasons(reasons, code);
    }

    /** The current reasons' names, in the menu's order. */
    public List<String> names()
    {
        return reasons.stream().filter(r -> !r.retired()).map(Reason::name).toList();
    }

    /** The code of a current reason, or -1. */
    public int code(final String name)
    {
        for (final Reason reason : reasons)
        {
            if (!reason.retired() && reason.name().equals(name))
            {
                return reason.code();
            }
        }
        return -1;
    }

    /**
     * The code of a current reason, else of the last retired one of that name (an agent's break journalled before
     * its reason was deleted or renamed), or -1.
     */
    public int codeOfAny(final String name)
    {
        final int current = code(name);
        if (current >= 0)
        {
            return current;
        }
        int retired = -1;
        for (final Reason reason : reasons)
        {
            if (reason.name().equals(name))
            {
                retired = reason.code();
            }
        }
        return retired;
    }

    /** The name of any reason, current or retired, or null. */
    public String name(final int code)
    {
        for (final Reason reason : reasons)
        {
            if (reason.code() == code)
            {
                return reason.name();
            }
        }
        return null;
    }

    /** With a new reason at the end of the menu. */
    public BreakReasons add(final String name)
    {
        final String checked = checked(name);
        if (names().size() >= MAX_REASONS)
        {
            throw new IllegalStateException("at most " + MAX_REASONS + " break reasons");
        }
        final List<Reason> more = new ArrayList<>(reasons);
        more.add(new Reason(nextCode, checked, false));
        return new BreakReasons(more, nextCode + 1);
    }

    /** With the reason renamed: the old code retired, the new name under a new code in its place. */
    public BreakReasons rename(final String name, final String newName)
    {
        final int code = known(name);
        final String checked = newName == null ? null : newName.strip();
        if (name.equals(checked))
        {
            return this;
        }
        checked(newName);
        final List<Reason> changed = new ArrayList<>();
        for (final Reason reason : reasons)
        {
            if (reason.code() == code)
            {
                changed.add(new Reason(code, reason.name(), true));
                changed.add(new Reason(nextCode, checked, false));
            }
            else
            {
                changed.add(reason);
            }
        }
        return new BreakReasons(changed, nextCode + 1);
    }

    /** With the reason retired: no new break can take it; agents on it keep it. */
    public BreakReasons delete(final String name)
    {
        final int code = known(name);
        final List<Reason> changed = new ArrayList<>();
        reasons.forEach(r -> changed.add(r.code() == code ? new Reason(code, r.name(), true) : r));
        return new BreakReasons(changed, nextCode);
    }

    private int known(final String name)
    {
        final int code = code(name);
        if (code < 0)
        {
            throw new java.util.NoSuchElementException("no break reason " + name);
        }
        return code;
    }

    private String checked(final String name)
    {
        final String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME || trimmed.chars().anyMatch(Character::isISOControl)
            || "missed-call".equals(trimmed))
        {
            throw new IllegalArgumentException("a break reason is 1 to " + MAX_NAME
                + " characters (not \"missed-call\", the system's)");
        }
        if (code(trimmed) >= 0)
        {
            throw new IllegalStateException("the break reason " + trimmed + " exists");
        }
        return trimmed;
    }

    /** As journalled: every reason with its code and whether it is retired, and the next code. */
    public Map<String, Object> json()
    {
        final List<Map<String, Object>> list = new ArrayList<>();
        for (final Reason reason : reasons)
        {
            final Map<String, Object> one = new LinkedHashMap<>();
            one.put("code", reason.code());
            one.put("name", reason.name());
            one.put("retired", reason.retired());
            list.add(one);
        }
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("reasons", list);
        json.put("nextCode", nextCode);
        return json;
    }

    /** Read back from {@link #json()}. */
    public static BreakReasons of(final JsonNode node)
    {
        final List<Reason> reasons = new ArrayList<>();
        node.path("reasons").forEach(r -> reasons.add(new Reason(r.path("code").asInt(), r.path("name").asText(),
            r.path("retired").asBoolean())));
        return new BreakReasons(reasons, node.path("nextCode").asInt(2));
    }
}

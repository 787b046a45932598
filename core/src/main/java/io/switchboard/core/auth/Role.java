package io.switchboard.core.auth;

import java.util.Locale;

/**
 * What an account may do: an agent reaches only its own agent, calls and records; a supervisor (spec §11) sees every
 * agent's live chats, calls, events and records, watches any chat and force-transfers it, but administers nothing; an
 * administrator everything.
 */
public enum Role
{
    AGENT,
    SUPERVISOR,
    ADMIN;

    /** The role's name in the API and the configuration: {@code agent}, {@code supervisor}, {@code admin}. */
    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code agent}, {@code supervisor} or {@code admin}, or null for anything else. */
    public static Role of(final String label)
    {
        for (final Role role : values())
        {
            if (role.label().equals(label))
            {
                return role;
            }
        }
        return null;
    }
}

package io.switchboard.core.auth;

import java.util.Locale;

/** What an account may do: an agent reaches only its own agent, calls and records; an administrator everything. */
public enum Role
{
    AGENT,
    ADMIN;

    /** The role's name in the API and the configuration: {@code agent}, {@code admin}. */
    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code agent} or {@code admin}, or null for anything else. */
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

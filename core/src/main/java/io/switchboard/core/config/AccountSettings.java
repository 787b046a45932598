package io.switchboard.core.config;

/**
 * An account of the tenant's first start ({@code tenant.accounts}): the accounts are seeded from this list only
 * when the journal has none; afterwards they live in the journal and are changed through the API. The password is
 * given as a hash ({@code passwordHash}, see {@code java -jar switchboard.jar --hash-password}) or in clear
 * ({@code password}, hashed at start, which takes a tenth of a second per account).
 */
public final class AccountSettings
{
    public String email;
    public String name;
    /** {@code agent} or {@code admin}. */
    public String role = "agent";
    /** The account's phone; its ACD agent, if any, is found by it unless {@code staffNo} says otherwise. */
    public String extension;
    public String staffNo;
    public String password;
    public String passwordHash;

    void conclude(final int index)
    {
        final String where = "tenant.accounts[" + index + "] ";
        SwitchboardConfig.require(email != null && email.matches("[^@\\s/]+@[^@\\s/]+") && email.length() <= 254,
            where + "needs an e-mail address, was " + email);
        SwitchboardConfig.require(io.switchboard.core.auth.Role.of(role) != null,
            where + "role: agent, supervisor or admin");
        SwitchboardConfig.require((password == null) != (passwordHash == null),
            where + "needs either password or passwordHash");
        if (name == null || name.isBlank())
        {
            name = email;
        }
    }
}

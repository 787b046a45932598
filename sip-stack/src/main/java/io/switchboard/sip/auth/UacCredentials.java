package io.switchboard.sip.auth;

import java.util.Objects;

/**
 * Our account at a server that challenges our requests (a carrier's registrar or proxy), for {@link DigestAnswerer}:
 * the username and password to use in one realm, or in any realm when {@code realm} is null (carriers rarely
 * document the realm they put in challenges, so a trunk is usually configured without one).
 *
 * @param realm    the protection domain these credentials are for (RFC 2617 §3.2.1), or null for any.
 * @param username the digest username.
 * @param password the password.
 */
public record UacCredentials(String realm, String username, String password)
{
    public UacCredentials
    {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /** Credentials offered in whatever realm the server names. */
    public static UacCredentials anyRealm(final String username, final String password)
    {
        return new UacCredentials(null, username, password);
    }

    /** True if these credentials may be given to a server asking in {@code challengeRealm} (compared exactly). */
    public boolean appliesTo(final String challengeRealm)
    {
        return realm == null || realm.equals(challengeRealm);
    }

    @Override
    public String toString()
    {
        // Records print every component; the password must not end up in logs.
        return "UacCredentials[realm=" + realm + ", username=" + username + "]";
    }
}

package io.switchboard.sip.auth;

/**
 * Where the digest authenticator finds a user's password: the tenant's extensions, loaded from configuration by
 * another module. Called from any event loop, so implementations must be safe to read concurrently (typically an
 * immutable map replaced as a whole on reload).
 */
@FunctionalInterface
public interface CredentialStore
{
    /**
     * The password of a user (the digest {@code username}, RFC 2617 §3.2.2).
     *
     * @param user the username from the credentials.
     * @return the password, or null if the user is unknown.
     */
    String password(String user);

    /**
     * Every password the user may use now: its own, and any short-lived one issued for it (a web phone's token while
     * its session lives). The authenticator accepts a digest made with any of them. Empty if the user is unknown.
     */
    default java.util.List<String> passwords(final String user)
    {
        final String password = password(user);
        return password == null ? java.util.List.of() : java.util.List.of(password);
    }
}

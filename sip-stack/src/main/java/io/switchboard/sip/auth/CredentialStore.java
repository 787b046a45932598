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
}

package io.switchboard.core.auth;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SIP passwords of the workbench's own phone. An agent whose browser is its phone registers its extension from
 * the page; the page must not hold the extension's real password (a desk phone's, set by the administrator), so the
 * signed-in session asks for a token instead: a random password valid for that extension while the session lives.
 * The digest authenticator accepts it beside the extension's own ({@code CredentialStore.passwords}). A token ends
 * with its session (log-out, idle expiry, a password reset: {@link Sessions.EndListener}) or when the page gives it
 * back; a browser registered with it is then refused at its next refresh.
 * <p>
 * Single writer: issued and revoked on the HTTP API's loop, which owns sessions. The SIP workers read
 * {@link #passwords} from their own loops: each change publishes a new immutable map through one volatile field
 * (tokens change at log-in and log-out, digests are checked at every REGISTER and INVITE).
 */
public final class WebPhoneTokens implements Sessions.EndListener
{
    /** A token as the page gets it: the extension it registers and the password it uses. */
    public record Token(String extension, String password)
    {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder TEXT = Base64.getUrlEncoder().withoutPadding();

    /** By session token; owned by the API's loop. */
    private final Map<String, Token> bySession = new HashMap<>();
    /** Passwords by extension, rebuilt from {@link #bySession} at each change; read by any thread. */
    private volatile Map<String, List<String>> byExtension = Map.of();

    /**
     * The token of a session for an extension: the same one while the session asks again for the same extension (a
     * page reloaded or re-registering keeps its password), a new one otherwise.
     */
    public Token issue(final String session, final String extension)
    {
        final Token known = bySession.get(session);
        if (known != null && known.extension().equals(extension))
        {
            return known;
        }
        final byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        final Token token = new Token(extension, TEXT.encodeToString(bytes));
        bySession.put(session, token);
        publish();
        return token;
    }

    /** The session's token no longer registers (the page gave it back, or the session ended). */
    public boolean revoke(final String session)
    {
        final boolean known = bySession.remove(session) != null;
        if (known)
        {
            publish();
        }
        return known;
    }

    @Override
    public void sessionEnded(final Sessions.Session session)
    {
        revoke(session.token());
    }

    /** The tokens valid now for an extension; empty if none. Safe from any thread. */
    public List<String> passwords(final String extension)
    {
        final List<String> tokens = extension == null ? null : byExtension.get(extension);
        return tokens == null ? List.of() : tokens;
    }

    public int size()
    {
        return bySession.size();
    }

    private void publish()
    {
        final Map<String, List<String>> next = new HashMap<>();
        for (final Token token : bySession.values())
        {
            next.computeIfAbsent(token.extension(), e -> new ArrayList<>()).add(token.password());
        }
        next.replaceAll((extension, passwords) -> List.copyOf(passwords));
        byExtension = Map.copyOf(next);
    }
}

package io.switchboard.core.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Signed-in sessions by token: 32 random bytes, base64url. A session ends when it has not been used for the idle
 * time (each use pushes its end back), at log-out, or when its account is deleted or its password reset. Kept in
 * memory only: a restart signs everybody out, which is acceptable for a workbench and keeps tokens off the disk.
 * <p>
 * Not thread-safe: owned by the HTTP API's event loop (see {@code HttpApi}); the clock is given so that tests
 * can move time.
 */
public final class Sessions
{
    /** A session as the API reports it. */
    public record Session(String token, String email, long expiresAtMs)
    {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder TOKENS = Base64.getUrlEncoder().withoutPadding();

    /** Told when a session ends, whichever way (log-out, idle expiry, a password reset): what it held is freed. */
    @FunctionalInterface
    public interface EndListener
    {
        void sessionEnded(Session session);

        /** Nobody to tell. */
        EndListener NONE = session ->
        {
        };
    }

    private final Map<String, Session> byToken = new HashMap<>();
    private final LongSupplier clockMs;
    private final long idleMs;
    private final EndListener ends;

    public Sessions(final LongSupplier clockMs, final long idleMs)
    {
        this(clockMs, idleMs, EndListener.NONE);
    }

    public Sessions(final LongSupplier clockMs, final long idleMs, final EndListener ends)
    {
        this.clockMs = clockMs;
        this.idleMs = idleMs;
        this.ends = ends;
    }

    /** A new session for the account (its e-mail key). */
    public Session open(final String email)
    {
        final byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        final Session session = new Session(TOKENS.encodeToString(bytes), email, clockMs.getAsLong() + idleMs);
        byToken.put(session.token(), session);
        return session;
    }

    /** The live session of the token, its end pushed back by this use; null if unknown or expired. */
    public Session use(final String token)
    {
        if (token == null)
        {
            return null;
        }
        final Session session = byToken.get(token);
        if (session == null)
        {
            return null;
        }
        final long now = clockMs.getAsLong();
        if (now >= session.expiresAtMs())
        {
            byToken.remove(token);
            ends.sessionEnded(session);
            return null;
        }
        final Session used = new Session(token, session.email(), now + idleMs);
        byToken.put(token, used);
        return used;
    }

    /** Log-out: the token no longer works. */
    public void close(final String token)
    {
        final Session session = token == null ? null : byToken.remove(token);
        if (session != null)
        {
            ends.sessionEnded(session);
        }
    }

    /** Ends every session of the account but the one kept (null: all), after a password change or a deletion. */
    public void closeAll(final String email, final String keep)
    {
        end(session -> session.email().equals(email) && !session.token().equals(keep));
    }

    private void end(final java.util.function.Predicate<Session> which)
    {
        final java.util.List<Session> ended = new java.util.ArrayList<>();
        byToken.values().removeIf(session -> which.test(session) && ended.add(session));
        ended.forEach(ends::sessionEnded);
    }

    /** Forgets expired sessions (run now and then; {@link #use} refuses them anyway). */
    public void sweep()
    {
        final long now = clockMs.getAsLong();
        end(session -> now >= session.expiresAtMs());
    }

    /** Whether the account has a live (not expired) session. */
    public boolean signedIn(final String email)
    {
        final long now = clockMs.getAsLong();
        return byToken.values().stream().anyMatch(s -> s.email().equals(email) && now < s.expiresAtMs());
    }

    public int size()
    {
        return byToken.size();
    }
}

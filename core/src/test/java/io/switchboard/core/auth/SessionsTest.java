package io.switchboard.core.auth;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sessions with a clock the test moves. */
class SessionsTest
{
    private static final long IDLE = 60_000;
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Sessions sessions = new Sessions(now::get, IDLE);

    @Test
    void tokensAreLongRandomAndUrlSafe()
    {
        final Sessions.Session a = sessions.open("a@x");
        final Sessions.Session b = sessions.open("a@x");
        assertNotEquals(a.token(), b.token());
        assertEquals(43, a.token().length(), "32 bytes, base64url without padding");
        assertTrue(a.token().matches("[A-Za-z0-9_-]+"), a.token());
        assertEquals(now.get() + IDLE, a.expiresAtMs());
    }

    @Test
    void anUnusedSessionEndsAfterTheIdleTimeAndUseKeepsItAlive()
    {
        final String token = sessions.open("a@x").token();
        now.addAndGet(IDLE - 1);
        final Sessions.Session used = sessions.use(token);
        assertNotNull(used, "still alive just before the idle time");
        assertEquals(now.get() + IDLE, used.expiresAtMs(), "the use pushed the end back");
        now.addAndGet(IDLE - 1);
        assertNotNull(sessions.use(token), "alive: the idle time counts from the last use");
        now.addAndGet(IDLE);
        assertNull(sessions.use(token), "unused for the idle time: ended");
        assertNull(sessions.use(token));
        assertEquals(0, sessions.size());
    }

    @Test
    void logOutAndCloseAll()
    {
        final String first = sessions.open("a@x").token();
        final String second = sessions.open("a@x").token();
        final String other = sessions.open("b@x").token();
        sessions.close(first);
        assertNull(sessions.use(first));
        final String third = sessions.open("a@x").token();
        sessions.closeAll("a@x", third);
        assertNull(sessions.use(second));
        assertNotNull(sessions.use(third), "the session that changed the password stays");
        assertNotNull(sessions.use(other), "other accounts are untouched");
        sessions.closeAll("a@x", null);
        assertNull(sessions.use(third));
        assertNull(sessions.use(null));
        assertNull(sessions.use("made-up"));
    }

    @Test
    void sweepForgetsExpiredSessions()
    {
        sessions.open("a@x");
        now.addAndGet(IDLE / 2);
        final String young = sessions.open("b@x").token();
        now.addAndGet(IDLE / 2);
        sessions.sweep();
        assertEquals(1, sessions.size());
        assertNotNull(sessions.use(young));
    }

    /** What the agent's sign-out reads: the last session's end, by log-out or expiry, with no other left. */
    @Test
    void theEndOfTheLastSessionIsToldWithNoneLeft()
    {
        final java.util.List<String> ended = new java.util.ArrayList<>();
        final Sessions[] holder = new Sessions[1];
        holder[0] = new Sessions(now::get, IDLE, session ->
            ended.add(session.email() + (holder[0].signedIn(session.email()) ? " (still in)" : " (none left)")));
        final Sessions told = holder[0];
        final String desk = told.open("a@x").token();
        told.open("a@x");
        told.close(desk);
        assertEquals(java.util.List.of("a@x (still in)"), ended, "a second browser keeps the account signed in");
        now.addAndGet(IDLE);
        assertTrue(!told.signedIn("a@x"), "an expired session is no longer signed in, swept or not");
        told.sweep();
        assertEquals(java.util.List.of("a@x (still in)", "a@x (none left)"), ended, "expiry ends the last one");
    }
}

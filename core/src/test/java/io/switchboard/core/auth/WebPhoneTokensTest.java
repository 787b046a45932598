package io.switchboard.core.auth;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The workbench phones' tokens live exactly as long as their sessions, with a clock the test moves. */
class WebPhoneTokensTest
{
    private static final long IDLE = 60_000;
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final WebPhoneTokens tokens = new WebPhoneTokens();
    private final Sessions sessions = new Sessions(now::get, IDLE, tokens);

    @Test
    void aSessionAskingAgainKeepsItsTokenAndTwoSessionsHaveTwo()
    {
        final String a = sessions.open("a@x").token();
        final String b = sessions.open("a@x").token();
        final WebPhoneTokens.Token first = tokens.issue(a, "1001");
        assertEquals(first, tokens.issue(a, "1001"), "a reloaded page registers with the same password");
        final WebPhoneTokens.Token other = tokens.issue(b, "1001");
        assertNotEquals(first.password(), other.password());
        assertEquals(List.of(first.password(), other.password()).stream().sorted().toList(),
            tokens.passwords("1001").stream().sorted().toList());
        assertTrue(first.password().length() >= 32, "24 random bytes");
        assertEquals(List.of(), tokens.passwords("1002"));
    }

    @Test
    void anotherExtensionReplacesTheSessionsToken()
    {
        final String a = sessions.open("a@x").token();
        final WebPhoneTokens.Token old = tokens.issue(a, "1001");
        final WebPhoneTokens.Token moved = tokens.issue(a, "1002");
        assertEquals(List.of(), tokens.passwords("1001"));
        assertEquals(List.of(moved.password()), tokens.passwords("1002"));
        assertNotEquals(old.password(), moved.password());
    }

    @Test
    void logOutEndsTheToken()
    {
        final String a = sessions.open("a@x").token();
        tokens.issue(a, "1001");
        sessions.close(a);
        assertEquals(List.of(), tokens.passwords("1001"));
        assertEquals(0, tokens.size());
    }

    @Test
    void anIdleSessionsTokenEndsAtTheSweepOrAtItsNextUse()
    {
        final String swept = sessions.open("a@x").token();
        final String used = sessions.open("b@x").token();
        tokens.issue(swept, "1001");
        tokens.issue(used, "1002");
        now.addAndGet(IDLE - 1);
        sessions.sweep();
        assertEquals(1, tokens.passwords("1001").size(), "alive until the idle time");
        now.addAndGet(1);
        sessions.sweep();
        assertEquals(List.of(), tokens.passwords("1001"));
        assertEquals(List.of(), tokens.passwords("1002"), "the sweep ended both");
        assertFalse(tokens.revoke(used), "nothing left to give back");
    }

    @Test
    void aPasswordResetEndsTheOtherSessionsTokensButNotTheKeptOne()
    {
        final String kept = sessions.open("a@x").token();
        final String other = sessions.open("a@x").token();
        final WebPhoneTokens.Token keptToken = tokens.issue(kept, "1001");
        tokens.issue(other, "1001");
        sessions.closeAll("a@x", kept);
        assertEquals(List.of(keptToken.password()), tokens.passwords("1001"));
    }

    @Test
    void anExpiredSessionFoundAtUseEndsItsToken()
    {
        final String a = sessions.open("a@x").token();
        tokens.issue(a, "1001");
        now.addAndGet(IDLE);
        sessions.use(a);
        assertEquals(List.of(), tokens.passwords("1001"));
    }
}

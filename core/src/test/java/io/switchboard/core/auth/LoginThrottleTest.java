package io.switchboard.core.auth;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The throttle with a clock the test moves: 3 failures within 10 s block for 60 s. */
class LoginThrottleTest
{
    private static final long WINDOW = 10_000;
    private static final long BLOCK = 60_000;
    private final AtomicLong now = new AtomicLong(5_000_000);
    private final LoginThrottle throttle = new LoginThrottle(now::get, new LoginThrottle.Limits(3, WINDOW, BLOCK));

    private void fail(final String account, final String address)
    {
        assertEquals(0, throttle.admit(account, address), account + " from " + address + " should be admitted");
        throttle.failed(account, address);
    }

    @Test
    void blocksAnAccountFromAnyAddress()
    {
        fail("a@x", "10.0.0.1");
        fail("A@X", "10.0.0.2");
        fail("a@x", "10.0.0.3");
        assertEquals(BLOCK, throttle.admit("a@x", "10.0.0.4"), "blocked whatever the address");
        assertEquals(0, throttle.admit("b@x", "10.0.0.4"), "another account is not");
        throttle.succeeded("b@x", "10.0.0.4");
        now.addAndGet(BLOCK - 1);
        assertEquals(1, throttle.admit("a@x", "10.0.0.4"));
        now.addAndGet(1);
        assertEquals(0, throttle.admit("a@x", "10.0.0.4"), "the block is over");
    }

    @Test
    void blocksAnAddressWhateverAccountItTries()
    {
        fail("a@x", "10.0.0.1");
        fail("b@x", "10.0.0.1");
        fail("c@x", "10.0.0.1");
        assertEquals(BLOCK, throttle.admit("d@x", "10.0.0.1"));
        assertEquals(0, throttle.admit("d@x", "10.0.0.2"), "the same account from elsewhere is not blocked");
    }

    @Test
    void failuresOutsideTheWindowDoNotCount()
    {
        fail("a@x", "10.0.0.1");
        fail("a@x", "10.0.0.1");
        now.addAndGet(WINDOW);
        fail("a@x", "10.0.0.1");
        fail("a@x", "10.0.0.1");
        assertEquals(0, throttle.admit("a@x", "10.0.0.1"), "two failures in the window, not three");
    }

    @Test
    void successForgetsTheAccountsFailures()
    {
        fail("a@x", "10.0.0.1");
        fail("a@x", "10.0.0.2");
        assertEquals(0, throttle.admit("a@x", "10.0.0.3"));
        throttle.succeeded("a@x", "10.0.0.3");
        fail("a@x", "10.0.0.4");
        fail("a@x", "10.0.0.5");
        assertEquals(0, throttle.admit("a@x", "10.0.0.6"), "counted again from the success");
    }

    @Test
    void attemptsUnderWayCountTowardsTheLimit()
    {
        // Three attempts sent at once, before any is answered: a fourth must wait.
        assertEquals(0, throttle.admit("a@x", "10.0.0.1"));
        assertEquals(0, throttle.admit("a@x", "10.0.0.2"));
        assertEquals(0, throttle.admit("a@x", "10.0.0.3"));
        assertTrue(throttle.admit("a@x", "10.0.0.4") > 0);
        throttle.abandoned("a@x", "10.0.0.1");
        assertEquals(0, throttle.admit("a@x", "10.0.0.4"), "an attempt that was not checked does not count");
    }

    @Test
    void sweepForgetsWhatNoLongerMatters()
    {
        fail("a@x", "10.0.0.1");
        fail("a@x", "10.0.0.1");
        fail("a@x", "10.0.0.1");
        throttle.sweep();
        assertEquals(2, throttle.size(), "blocked: kept");
        now.addAndGet(BLOCK);
        throttle.sweep();
        assertEquals(0, throttle.size());
    }

    @Test
    void restoredStateBlocksAsBeforeAndExpiresOnTime(@org.junit.jupiter.api.io.TempDir final java.nio.file.Path data)
    {
        final LoginThrottleFile file = LoginThrottleFile.attach(throttle, data);
        fail("a@x", "10.0.0.1");
        fail("a@x", "10.0.0.2");
        fail("a@x", "10.0.0.3");
        fail("b@x", "10.0.0.9");
        file.close();
        final String saved = readString(data.resolve(LoginThrottleFile.NAME));
        assertTrue(!saved.contains("a@x") && !saved.contains("10.0.0.9"), "digests, not e-mails or addresses: "
            + saved);

        // a restart later: the same clock, a new throttle
        now.addAndGet(1000);
        final LoginThrottle restarted = new LoginThrottle(now::get, new LoginThrottle.Limits(3, WINDOW, BLOCK));
        LoginThrottleFile.attach(restarted, data).close();
        assertEquals(BLOCK - 1000, restarted.admit("a@x", "10.0.0.4"), "the account's block goes on");
        assertEquals(0, restarted.admit("c@x", "10.0.0.4"));
        restarted.abandoned("c@x", "10.0.0.4");
        assertEquals(0, restarted.admit("b@x", "10.0.0.8"));
        restarted.failed("b@x", "10.0.0.8");
        assertEquals(0, restarted.admit("b@x", "10.0.0.7"), "b@x: two failures kept, the third allowed");
        restarted.failed("b@x", "10.0.0.7");
        assertEquals(BLOCK, restarted.admit("b@x", "10.0.0.6"), "the failure from before the restart counted");
        now.addAndGet(BLOCK);
        assertEquals(0, restarted.admit("a@x", "10.0.0.4"), "and blocks end on time");
    }

    @Test
    void anUnreadableFileIsIgnored(@org.junit.jupiter.api.io.TempDir final java.nio.file.Path data) throws Exception
    {
        java.nio.file.Files.writeString(data.resolve(LoginThrottleFile.NAME), "{\"entries\": [ torn");
        LoginThrottleFile.attach(throttle, data).close();
        assertEquals(0, throttle.size());
        assertEquals(0, throttle.admit("a@x", "10.0.0.1"));
    }

    private static String readString(final java.nio.file.Path file)
    {
        try
        {
            return java.nio.file.Files.readString(file);
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}

package io.switchboard.sip.auth;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthThrottleTest
{
    private static final long T0 = 1_000_000L;

    private final AuthThrottle throttle = new AuthThrottle(new DigestConfig().realm("r").conclude());
    private final InetAddress attacker = address("198.51.100.66");
    private final InetAddress phone = address("192.0.2.10");

    @Test
    void shouldBlockAfterMaxFailuresWithinWindow()
    {
        for (int i = 0; i < 9; i++)
        {
            assertFalse(throttle.recordFailure(attacker, T0 + i * 1000));
        }
        assertFalse(throttle.isBlocked(attacker, T0 + 9000));

        assertTrue(throttle.recordFailure(attacker, T0 + 9000));
        assertTrue(throttle.isBlocked(attacker, T0 + 9000));
        assertFalse(throttle.isBlocked(phone, T0 + 9000));
    }

    @Test
    void shouldLiftBlockAfterBlockTime()
    {
        failTimes(10, T0);

        assertTrue(throttle.isBlocked(attacker, T0 + 59_999));
        assertFalse(throttle.isBlocked(attacker, T0 + 60_000));
    }

    @Test
    void shouldNotCountFailuresOfAnEarlierWindow()
    {
        failTimes(9, T0);

        assertFalse(throttle.recordFailure(attacker, T0 + 60_000));
        assertFalse(throttle.isBlocked(attacker, T0 + 60_000));
    }

    @Test
    void shouldNotLiftBlockOnSuccessOrFurtherFailures()
    {
        failTimes(10, T0);
        failTimes(3, T0 + 30_000);

        assertTrue(throttle.isBlocked(attacker, T0 + 59_999));
        assertFalse(throttle.isBlocked(attacker, T0 + 60_000));
    }

    @Test
    void shouldPruneIdleAddressesOnly()
    {
        failTimes(10, T0);
        throttle.recordFailure(phone, T0 + 30_000);

        assertEquals(0, throttle.prune(T0 + 59_999));
        assertEquals(1, throttle.prune(T0 + 60_000));
        assertEquals(1, throttle.trackedAddresses());
        assertEquals(1, throttle.prune(T0 + 90_000));
        assertEquals(0, throttle.trackedAddresses());
    }

    @Test
    void shouldBoundTrackedAddressesAndFailOpenWhenFull()
    {
        final AuthThrottle small = new AuthThrottle(2, 60_000, 60_000, 2);
        small.recordFailure(address("192.0.2.1"), T0);
        small.recordFailure(address("192.0.2.2"), T0);

        assertFalse(small.recordFailure(attacker, T0));
        assertFalse(small.recordFailure(attacker, T0));
        assertEquals(2, small.trackedAddresses());

        assertFalse(small.recordFailure(attacker, T0 + 60_000));
        assertTrue(small.recordFailure(attacker, T0 + 60_000));
        assertTrue(small.isBlocked(attacker, T0 + 60_000));
    }

    private void failTimes(final int times, final long nowMs)
    {
        for (int i = 0; i < times; i++)
        {
            throttle.recordFailure(attacker, nowMs);
        }
    }

    private static InetAddress address(final String literal)
    {
        try
        {
            return InetAddress.getByName(literal);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}

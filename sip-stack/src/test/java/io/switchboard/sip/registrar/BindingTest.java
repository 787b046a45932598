package io.switchboard.sip.registrar;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BindingTest
{
    @Test
    void shouldRoundRemainingSecondsUpAndExpireAtItsTime()
    {
        final Binding binding = LocationServiceTest.binding("100", "sip:100@192.0.2.1", 1f, 10_000, 0);

        assertEquals(10, binding.remainingSeconds(0));
        assertEquals(1, binding.remainingSeconds(9_001));
        assertEquals(0, binding.remainingSeconds(10_000));
        assertEquals(0, binding.remainingSeconds(20_000));
        assertFalse(binding.isExpired(9_999));
        assertTrue(binding.isExpired(10_000));
    }

    @Test
    void shouldNotBeChangedThroughItsAddressOrUri() throws Exception
    {
        final Binding binding = LocationServiceTest.binding("100", "sip:100@192.0.2.1", 1f, 10_000, 0);

        binding.uri().setHost("198.51.100.1");
        binding.address().setDisplayName("Mallory");

        assertEquals("192.0.2.1", binding.uri().getHost());
        assertEquals(null, binding.address().getDisplayName());
    }
}

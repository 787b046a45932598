package io.switchboard.sip.registrar;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RegistrarConfigTest
{
    @Test
    void shouldHaveDocumentedDefaults()
    {
        final RegistrarConfig config = new RegistrarConfig().conclude();

        assertEquals(60, config.minExpires());
        assertEquals(3600, config.maxExpires());
        assertEquals(3600, config.defaultExpires());
        assertEquals(10, config.maxContactsPerAor());
    }

    @Test
    void shouldRefuseInconsistentExpiries()
    {
        assertThrows(IllegalStateException.class, () -> new RegistrarConfig().minExpires(0).conclude());
        assertThrows(IllegalStateException.class, () -> new RegistrarConfig().maxExpires(30).conclude());
        assertThrows(IllegalStateException.class, () -> new RegistrarConfig().defaultExpires(7200).conclude());
        assertThrows(IllegalStateException.class, () -> new RegistrarConfig().defaultExpires(10).conclude());
        assertThrows(IllegalStateException.class, () -> new RegistrarConfig().maxContactsPerAor(0).conclude());
    }
}

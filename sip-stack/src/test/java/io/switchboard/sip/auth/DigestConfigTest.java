package io.switchboard.sip.auth;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DigestConfigTest
{
    @Test
    void shouldHaveDocumentedDefaults()
    {
        final DigestConfig config = new DigestConfig().realm("sb.example").conclude();

        assertEquals(300_000, config.nonceTtlMs());
        assertEquals(List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5), config.algorithms());
        assertNull(config.opaque());
        assertFalse(config.allowRfc2069());
        assertEquals(10, config.throttleMaxFailures());
        assertEquals(60_000, config.throttleWindowMs());
        assertEquals(60_000, config.throttleBlockMs());
    }

    @Test
    void shouldRefuseMissingOrQuotedRealm()
    {
        assertThrows(IllegalStateException.class, () -> new DigestConfig().conclude());
        assertThrows(IllegalStateException.class, () -> new DigestConfig().realm(" ").conclude());
        assertThrows(IllegalStateException.class, () -> new DigestConfig().realm("a\"b").conclude());
    }

    @Test
    void shouldRefuseOutOfRangeValues()
    {
        assertThrows(IllegalStateException.class, () -> new DigestConfig().realm("r").nonceTtlMs(0).conclude());
        assertThrows(IllegalStateException.class, () -> new DigestConfig().realm("r").algorithms(List.of()).conclude());
        assertThrows(IllegalStateException.class, () -> new DigestConfig().realm("r")
            .algorithms(List.of(DigestAlgorithm.MD5, DigestAlgorithm.MD5)).conclude());
        assertThrows(IllegalStateException.class, () -> new DigestConfig().realm("r").opaque("").conclude());
        assertThrows(IllegalStateException.class, () -> new DigestConfig().realm("r").throttleMaxFailures(0)
            .conclude());
        assertThrows(IllegalStateException.class, () -> new DigestConfig().realm("r").throttleBlockMs(-1)
            .conclude());
        assertThrows(IllegalStateException.class, () -> new DigestConfig().realm("r").maxTrackedNonces(0)
            .conclude());
    }
}

package io.switchboard.sip.auth;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class NoncesTest
{
    private final Nonces nonces = new Nonces(new byte[32]);

    @Test
    void shouldValidateOwnNonceAndTellItsIssueTime()
    {
        final String nonce = nonces.issue(1_700_000_000_123L);

        assertEquals(1_700_000_000_123L, nonces.issuedAtMs(nonce));
    }

    @Test
    void shouldIssueDistinctNoncesInTheSameMillisecond()
    {
        final Set<String> issued = new HashSet<>();
        for (int i = 0; i < 1000; i++)
        {
            issued.add(nonces.issue(42));
        }

        assertEquals(1000, issued.size());
    }

    @Test
    void shouldRejectNonceOfAnotherSecret()
    {
        final byte[] other = new byte[32];
        other[0] = 1;

        assertEquals(Nonces.FORGED, nonces.issuedAtMs(new Nonces(other).issue(42)));
    }

    @Test
    void shouldRejectNonceWithChangedTimestamp()
    {
        final byte[] bytes = java.util.Base64.getUrlDecoder().decode(nonces.issue(42));
        bytes[7]++;
        final String extended = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

        assertNotEquals(43, nonces.issuedAtMs(extended));
        assertEquals(Nonces.FORGED, nonces.issuedAtMs(extended));
    }

    @Test
    void shouldRejectMalformedNonces()
    {
        assertEquals(Nonces.FORGED, nonces.issuedAtMs(""));
        assertEquals(Nonces.FORGED, nonces.issuedAtMs("!!!"));
        assertEquals(Nonces.FORGED, nonces.issuedAtMs("AAAA"));
    }
}

package io.switchboard.core.trunk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailoverTest
{
    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 513, 599, 408})
    void trunkFailuresGoToTheNextTrunk(final int status)
    {
        assertTrue(Failover.isTrunkFailure(status));
        assertEquals(1, Failover.next(3, 0, status));
        assertEquals(2, Failover.next(3, 1, status));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403, 404, 480, 484, 486, 487, 488, 600, 603, 604, 606, 301, 302, 200})
    void theCalleesAnswerStops(final int status)
    {
        assertFalse(Failover.isTrunkFailure(status));
        assertEquals(-1, Failover.next(3, 0, status));
    }

    @Test
    void timeoutCountsAs408()
    {
        assertEquals(408, Failover.TIMEOUT);
        assertEquals(1, Failover.next(2, 0, Failover.TIMEOUT));
    }

    @Test
    void theLastTrunkStops()
    {
        assertEquals(-1, Failover.next(3, 2, 503));
        assertEquals(-1, Failover.next(1, 0, Failover.TIMEOUT));
    }

    @Test
    void badIndexIsABug()
    {
        assertThrows(IllegalArgumentException.class, () -> Failover.next(2, 2, 503));
        assertThrows(IllegalArgumentException.class, () -> Failover.next(2, -1, 503));
    }

    @Test
    void callerNeverSees503()
    {
        assertEquals(500, Failover.statusForCaller(503));
        assertEquals(502, Failover.statusForCaller(502));
        assertEquals(408, Failover.statusForCaller(408));
        assertEquals(486, Failover.statusForCaller(486));
    }
}

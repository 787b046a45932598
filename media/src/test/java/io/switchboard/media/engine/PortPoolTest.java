package io.switchboard.media.engine;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PortPoolTest
{
    @Test
    void evenPortsOfTheRangeUntilNoneAreLeft()
    {
        final PortPool pool = new PortPool(20001, 20010);
        assertEquals(4, pool.capacity());
        final Set<Integer> taken = new HashSet<>();
        for (int i = 0; i < 4; i++)
        {
            final int port = pool.take();
            assertEquals(0, port % 2);
            assertTrue(port >= 20002 && port + 1 <= 20010, "port " + port);
            taken.add(port);
        }
        assertEquals(4, taken.size());
        assertEquals(-1, pool.take());
        assertEquals(4, pool.inUse());
        pool.give(20004);
        assertEquals(3, pool.inUse());
        assertEquals(20004, pool.take());
    }

    @Test
    void aPortFreedIsReusedLast()
    {
        final PortPool pool = new PortPool(30000, 30009);
        final int first = pool.take();
        pool.give(first);
        assertTrue(pool.take() != first);
    }

    @Test
    void strangersAndBadRangesAreRefused()
    {
        final PortPool pool = new PortPool(30000, 30003);
        assertThrows(IllegalStateException.class, () -> pool.give(40000));
        assertThrows(IllegalArgumentException.class, () -> new PortPool(80, 100));
        assertThrows(IllegalArgumentException.class, () -> new PortPool(30001, 30001));
    }
}

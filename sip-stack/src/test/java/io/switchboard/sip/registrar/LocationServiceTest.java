package io.switchboard.sip.registrar;

import io.switchboard.sip.message.SipFactories;
import org.junit.jupiter.api.Test;

import javax.sip.address.SipURI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocationServiceTest
{
    private final LocationService location = new LocationService();

    @Test
    void shouldReturnNothingForUnknownUser()
    {
        assertTrue(location.lookup("nobody", 0).isEmpty());
        assertEquals(0, location.bindingCount());
    }

    @Test
    void shouldLookupOnlyUnexpiredBindingsHighestQFirst()
    {
        location.update("100", current -> List.of(
            binding("100", "sip:100@192.0.2.1", 0.5f, 1000, 1),
            binding("100", "sip:100@192.0.2.2", 0.9f, 500, 2),
            binding("100", "sip:100@192.0.2.3", 0.7f, 2000, 3)));

        assertEquals(List.of("sip:100@192.0.2.2", "sip:100@192.0.2.3", "sip:100@192.0.2.1"),
            location.lookup("100", 0).stream().map(Binding::contact).toList());
        assertEquals(List.of("sip:100@192.0.2.3", "sip:100@192.0.2.1"),
            location.lookup("100", 500).stream().map(Binding::contact).toList());
        assertEquals(3, location.bindingCount());
    }

    @Test
    void shouldRemoveExpiredBindingsAndEmptyAors()
    {
        location.update("100", current -> List.of(binding("100", "sip:100@192.0.2.1", 1f, 1000, 1)));
        location.update("200", current -> List.of(
            binding("200", "sip:200@192.0.2.2", 1f, 1000, 1),
            binding("200", "sip:200@192.0.2.3", 1f, 5000, 1)));

        assertEquals(0, location.removeExpired(999));
        assertEquals(2, location.removeExpired(1000));

        assertEquals(1, location.bindingCount());
        assertEquals(Map.of("200", location.lookup("200", 1000)), location.snapshot());
    }

    @Test
    void shouldGiveAnImmutableSnapshot()
    {
        location.update("100", current -> List.of(binding("100", "sip:100@192.0.2.1", 1f, 1000, 1)));

        final Map<String, List<Binding>> snapshot = location.snapshot();
        location.update("200", current -> List.of(binding("200", "sip:200@192.0.2.2", 1f, 1000, 1)));

        assertEquals(1, snapshot.size());
        assertThrows(UnsupportedOperationException.class, () -> snapshot.put("x", List.of()));
        assertThrows(UnsupportedOperationException.class, () -> snapshot.get("100").clear());
    }

    @Test
    void shouldLeaveBindingsAsTheyAreWhenUpdateRefuses()
    {
        location.update("100", current -> List.of(binding("100", "sip:100@192.0.2.1", 1f, 1000, 1)));

        assertNull(location.update("100", current -> null));
        assertEquals(1, location.lookup("100", 0).size());
    }

    @Test
    void shouldApplyConcurrentUpdatesOfOneAorWithoutLosingAny() throws Exception
    {
        final int threads = 4;
        final int perThread = 500;
        final ExecutorService pool = Executors.newFixedThreadPool(threads);
        try
        {
            final Future<?>[] futures = new Future<?>[threads];
            for (int t = 0; t < threads; t++)
            {
                final int thread = t;
                futures[t] = pool.submit(() ->
                {
                    for (int i = 0; i < perThread; i++)
                    {
                        final Binding added = binding("100", "sip:100@10.0." + thread + "." + i, 1f, 1000, i);
                        location.update("100", current ->
                        {
                            final List<Binding> next = new java.util.ArrayList<>(current);
                            next.add(added);
                            return next;
                        });
                        location.lookup("100", 0);
                    }
                });
            }
            for (final Future<?> future : futures)
            {
                future.get(30, TimeUnit.SECONDS);
            }
        }
        finally
        {
            pool.shutdownNow();
        }
        assertEquals(threads * perThread, location.lookup("100", 0).size());
        assertEquals(threads * perThread, location.bindingCount());
    }

    static Binding binding(
        final String aor, final String contact, final float q, final long expiresAtMs, final long registeredAtMs)
    {
        try
        {
            final SipURI uri = (SipURI)SipFactories.ADDRESSES.createURI(contact);
            return new Binding(aor, contact, SipFactories.ADDRESSES.createAddress(uri), uri, q, expiresAtMs,
                "call-" + contact, 1, Registers.direct(), Registers.direct().asTarget(), null, null, registeredAtMs);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}

package io.switchboard.sip.registrar;

import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.SipCounters;
import io.switchboard.sip.transport.Target;
import org.junit.jupiter.api.Test;

import javax.sip.header.ContactHeader;
import javax.sip.header.DateHeader;
import javax.sip.header.Header;
import javax.sip.header.MinExpiresHeader;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;

import static io.switchboard.sip.registrar.Registers.direct;
import static io.switchboard.sip.registrar.Registers.flow;
import static io.switchboard.sip.registrar.Registers.register;
import static io.switchboard.sip.registrar.Registers.registerVia;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegistrarTest
{
    private static final long T0 = 1_700_000_000_000L;
    private static final String PHONE = "<sip:100@192.0.2.10:5060>";
    private static final String DESK = "<sip:100@192.0.2.11:5062>";

    private final SipCounters counters = new SipCounters();
    private final LocationService location = new LocationService();
    private final Registrar registrar = new Registrar(new RegistrarConfig().conclude(), location, counters);

    @Test
    void shouldAddBindingAndListItWithExpiresAndDate()
    {
        final SIPResponse response = registrar.register(
            register("c1", 1, "Contact: " + PHONE, "Expires: 600", "User-Agent: Yealink T46U"), "100", direct(), T0);

        assertEquals(200, response.getStatusCode());
        assertNotNull(response.getTo().getTag());
        assertEquals(Map.of("sip:100@192.0.2.10:5060", 600), contacts(response));
        final DateHeader date = (DateHeader)response.getHeader(DateHeader.NAME);
        assertEquals(T0 / 1000, date.getDate().getTimeInMillis() / 1000);
        final List<Binding> bindings = location.lookup("100", T0);
        assertEquals(1, bindings.size());
        final Binding binding = bindings.get(0);
        assertEquals("100", binding.aor());
        assertEquals("sip:100@192.0.2.10:5060", binding.contact());
        assertEquals(T0 + 600_000, binding.expiresAtMs());
        assertEquals("c1", binding.callId());
        assertEquals(1, binding.cseq());
        assertEquals("Yealink T46U", binding.userAgent());
        assertEquals(T0, binding.registeredAtMs());
        assertEquals(1.0f, binding.q());
        assertNull(binding.instance());
        assertEquals(1, counters.get(SipCounters.Id.REGISTRATIONS));
    }

    @Test
    void shouldUseDefaultExpiresWhenNoneGiven()
    {
        final SIPResponse response = registrar.register(register("c1", 1, "Contact: " + PHONE), "100", direct(), T0);

        assertEquals(Map.of("sip:100@192.0.2.10:5060", RegistrarConfig.DEFAULT_DEFAULT_EXPIRES), contacts(response));
    }

    @Test
    void shouldRefreshBindingWithHigherCSeq()
    {
        registrar.register(register("c1", 1, "Contact: " + PHONE, "Expires: 600"), "100", direct(), T0);

        final long later = T0 + 300_000;
        final SIPResponse response = registrar.register(
            register("c1", 2, "Contact: " + PHONE, "Expires: 600"), "100", direct(), later);

        assertEquals(200, response.getStatusCode());
        assertEquals(Map.of("sip:100@192.0.2.10:5060", 600), contacts(response));
        assertEquals(1, location.bindingCount());
        final Binding binding = location.lookup("100", later).get(0);
        assertEquals(later + 600_000, binding.expiresAtMs());
        assertEquals(2, binding.cseq());
        assertEquals(later, binding.registeredAtMs());
    }

    @Test
    void shouldKeepTwoContactsOfOneRegister()
    {
        final SIPResponse response = registrar.register(
            register("c1", 1, "Contact: " + PHONE + ", " + DESK, "Expires: 600"), "100", direct(), T0);

        assertEquals(Map.of("sip:100@192.0.2.10:5060", 600, "sip:100@192.0.2.11:5062", 600), contacts(response));
        assertEquals(2, location.bindingCount());
    }

    @Test
    void shouldKeepContactsOfTwoPhonesAndListBothToEach()
    {
        registrar.register(register("c1", 1, "Contact: " + PHONE, "Expires: 600"), "100", direct(), T0);

        final SIPResponse response = registrar.register(
            register("c2", 1, "Contact: " + DESK, "Expires: 300"), "100", flow(Registers.UDP, "192.0.2.11", 5062),
            T0 + 100_000);

        assertEquals(Map.of("sip:100@192.0.2.10:5060", 500, "sip:100@192.0.2.11:5062", 300), contacts(response));
    }

    @Test
    void shouldPreferPerContactExpiresOverExpiresHeader()
    {
        final SIPResponse response = registrar.register(
            register("c1", 1, "Contact: " + PHONE + ";expires=120, " + DESK, "Expires: 900"), "100", direct(), T0);

        assertEquals(Map.of("sip:100@192.0.2.10:5060", 120, "sip:100@192.0.2.11:5062", 900), contacts(response));
    }

    @Test
    void shouldRemoveOneContactWithExpiresZero()
    {
        registrar.register(register("c1", 1, "Contact: " + PHONE + ", " + DESK, "Expires: 600"), "100", direct(), T0);

        final SIPResponse response = registrar.register(
            register("c1", 2, "Contact: " + DESK + ";expires=0"), "100", direct(), T0 + 1000);

        assertEquals(200, response.getStatusCode());
        assertEquals(Map.of("sip:100@192.0.2.10:5060", 599), contacts(response));
        assertEquals(1, location.bindingCount());
    }

    @Test
    void shouldRemoveAllBindingsWithWildcardAndExpiresZero()
    {
        registrar.register(register("c1", 1, "Contact: " + PHONE, "Expires: 600"), "100", direct(), T0);
        registrar.register(register("c2", 1, "Contact: " + DESK, "Expires: 600"), "100", direct(), T0);

        final SIPResponse response = registrar.register(
            register("c3", 1, "Contact: *", "Expires: 0"), "100", direct(), T0 + 1000);

        assertEquals(200, response.getStatusCode());
        assertTrue(contacts(response).isEmpty());
        assertEquals(0, location.bindingCount());
        assertTrue(location.snapshot().isEmpty());
    }

    @Test
    void shouldAnswer400ToWildcardWithNonZeroOrMissingExpires()
    {
        registrar.register(register("c1", 1, "Contact: " + PHONE, "Expires: 600"), "100", direct(), T0);

        assertEquals(400, registrar.register(register("c1", 2, "Contact: *", "Expires: 60"), "100", direct(), T0)
            .getStatusCode());
        assertEquals(400, registrar.register(register("c1", 3, "Contact: *"), "100", direct(), T0).getStatusCode());
        assertEquals(1, location.bindingCount());
    }

    @Test
    void shouldAnswer400ToWildcardWithOtherContacts()
    {
        final SIPResponse response = registrar.register(
            register("c1", 1, "Contact: *", "Contact: " + PHONE, "Expires: 0"), "100", direct(), T0);

        assertEquals(400, response.getStatusCode());
    }

    @Test
    void shouldFailWildcardOlderThanStoredBinding()
    {
        registrar.register(register("c1", 5, "Contact: " + PHONE, "Expires: 600"), "100", direct(), T0);

        final SIPResponse response = registrar.register(
            register("c1", 4, "Contact: *", "Expires: 0"), "100", direct(), T0);

        assertEquals(500, response.getStatusCode());
        assertEquals(1, location.bindingCount());
    }

    @Test
    void shouldAnswer423WithMinExpiresWhenIntervalTooBrief()
    {
        final SIPResponse response = registrar.register(
            register("c1", 1, "Contact: " + PHONE, "Expires: 30"), "100", direct(), T0);

        assertEquals(423, response.getStatusCode());
        final MinExpiresHeader minExpires = (MinExpiresHeader)response.getHeader(MinExpiresHeader.NAME);
        assertEquals(RegistrarConfig.DEFAULT_MIN_EXPIRES, minExpires.getExpires());
        assertEquals(0, location.bindingCount());
    }

    @Test
    void shouldRefuseWholeRequestWhenOneContactIsTooBrief()
    {
        final SIPResponse response = registrar.register(
            register("c1", 1, "Contact: " + PHONE + ", " + DESK + ";expires=10", "Expires: 600"), "100", direct(),
            T0);

        assertEquals(423, response.getStatusCode());
        assertEquals(0, location.bindingCount());
    }

    @Test
    void shouldLowerExpiryAboveMaxExpires()
    {
        final SIPResponse response = registrar.register(
            register("c1", 1, "Contact: " + PHONE + ";expires=86400"), "100", direct(), T0);

        assertEquals(Map.of("sip:100@192.0.2.10:5060", RegistrarConfig.DEFAULT_MAX_EXPIRES), contacts(response));
        assertEquals(T0 + RegistrarConfig.DEFAULT_MAX_EXPIRES * 1000L, location.lookup("100", T0).get(0).expiresAtMs());
    }

    @Test
    void shouldExpireBindingsAndRemoveThemWithRemoveExpired()
    {
        registrar.register(register("c1", 1, "Contact: " + PHONE + ";expires=60, " + DESK + ";expires=120"), "100",
            direct(), T0);

        assertEquals(2, location.lookup("100", T0 + 59_999).size());
        assertEquals(1, location.lookup("100", T0 + 60_000).size());
        assertEquals(2, location.bindingCount());
        assertEquals(1, location.removeExpired(T0 + 60_000));
        assertEquals(1, location.bindingCount());
        assertEquals(1, location.removeExpired(T0 + 120_000));
        assertEquals(0, location.bindingCount());
        assertTrue(location.snapshot().isEmpty());
    }

    @Test
    void shouldAnswerQueryWithCurrentBindingsWithoutChangingThem()
    {
        registrar.register(register("c1", 1, "Contact: " + PHONE, "Expires: 600"), "100", direct(), T0);

        final SIPResponse response = registrar.register(register("c9", 1), "100", direct(), T0 + 10_000);

        assertEquals(200, response.getStatusCode());
        assertEquals(Map.of("sip:100@192.0.2.10:5060", 590), contacts(response));
        assertNotNull(response.getHeader(DateHeader.NAME));
        assertEquals(1, counters.get(SipCounters.Id.REGISTRATIONS));
    }

    @Test
    void shouldAnswer403WhenToUserIsNotTheAuthenticatedUser()
    {
        final SIPResponse response = registrar.register(
            register("c1", 1, "Contact: " + PHONE, "Expires: 600"), "200", direct(), T0);

        assertEquals(403, response.getStatusCode());
        assertEquals(0, location.bindingCount());
        assertTrue(location.lookup("200", T0).isEmpty());
    }

    @Test
    void shouldFailOutOfOrderCSeqWith500AndChangeNothing()
    {
        registrar.register(register("c1", 5, "Contact: " + PHONE, "Expires: 600"), "100", direct(), T0);

        final SIPResponse lower = registrar.register(
            register("c1", 4, "Contact: " + PHONE + ";expires=0, " + DESK, "Expires: 600"), "100", direct(), T0);
        final SIPResponse same = registrar.register(
            register("c1", 5, "Contact: " + PHONE, "Expires: 3000"), "100", direct(), T0);

        assertEquals(500, lower.getStatusCode());
        assertEquals(500, same.getStatusCode());
        final List<Binding> bindings = location.lookup("100", T0);
        assertEquals(1, bindings.size());
        assertEquals(T0 + 600_000, bindings.get(0).expiresAtMs());
    }

    @Test
    void shouldAcceptLowerCSeqFromAnotherCallId()
    {
        registrar.register(register("c1", 5, "Contact: " + PHONE, "Expires: 600"), "100", direct(), T0);

        final SIPResponse response = registrar.register(
            register("c2", 1, "Contact: " + PHONE, "Expires: 300"), "100", direct(), T0);

        assertEquals(200, response.getStatusCode());
        final Binding binding = location.lookup("100", T0).get(0);
        assertEquals("c2", binding.callId());
        assertEquals(1, binding.cseq());
    }

    @Test
    void shouldTargetSourceAddressWhenBehindNat()
    {
        final var natFlow = flow(Registers.UDP, "203.0.113.7", 40123);

        registrar.register(register("c1", 1, "Contact: " + PHONE, "Expires: 600"), "100", natFlow, T0);

        final Binding binding = location.lookup("100", T0).get(0);
        assertSame(natFlow, binding.flow());
        assertEquals(new InetSocketAddress("203.0.113.7", 40123), binding.target().address());
        assertSame(natFlow, binding.target().flow());
        assertEquals("sip:100@192.0.2.10:5060", binding.contact());
    }

    @Test
    void shouldTargetContactWhenSourceMatchesViaSentBy()
    {
        registrar.register(register("c1", 1, "Contact: <sip:100@192.0.2.10:5070>", "Expires: 600"), "100",
            direct(), T0);

        final Target target = location.lookup("100", T0).get(0).target();
        assertEquals(new InetSocketAddress("192.0.2.10", 5070), target.address());
        assertEquals("UDP", target.transport());
        assertNull(target.flow());
    }

    @Test
    void shouldTargetContactWhenViaHasNoRport()
    {
        final var request = registerVia("SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-x", "100", "c1", 1,
            "Contact: " + PHONE, "Expires: 600");

        registrar.register(request, "100", flow(Registers.UDP, "203.0.113.7", 40123), T0);

        assertEquals(new InetSocketAddress("192.0.2.10", 5060), location.lookup("100", T0).get(0).target().address());
    }

    @Test
    void shouldReuseConnectionOfTcpRegistration()
    {
        final var tcp = flow(Registers.TCP, "203.0.113.7", 50000);
        final var request = registerVia("SIP/2.0/TCP 192.0.2.10:5060;branch=z9hG4bK-t;rport", "100", "c1", 1,
            "Contact: <sip:100@192.0.2.10:5060;transport=tcp>", "Expires: 600");

        registrar.register(request, "100", tcp, T0);

        final Target target = location.lookup("100", T0).get(0).target();
        assertSame(tcp, target.flow());
        assertEquals(tcp.remote(), target.address());
    }

    @Test
    void shouldDropLeastRecentlyRefreshedBindingBeyondMaxContacts()
    {
        final Registrar limited = new Registrar(new RegistrarConfig().maxContactsPerAor(2).conclude(), location,
            counters);
        limited.register(register("c1", 1, "Contact: <sip:100@192.0.2.21>", "Expires: 600"), "100", direct(), T0);
        limited.register(register("c2", 1, "Contact: <sip:100@192.0.2.22>", "Expires: 600"), "100", direct(), T0 + 1);
        limited.register(register("c1", 2, "Contact: <sip:100@192.0.2.21>", "Expires: 600"), "100", direct(), T0 + 2);

        final SIPResponse response = limited.register(
            register("c3", 1, "Contact: <sip:100@192.0.2.23>", "Expires: 600"), "100", direct(), T0 + 3);

        assertEquals(200, response.getStatusCode());
        assertEquals(List.of("sip:100@192.0.2.21", "sip:100@192.0.2.23").stream().sorted().toList(),
            contacts(response).keySet().stream().sorted().toList());
        assertEquals(2, location.bindingCount());
    }

    @Test
    void shouldReplaceBindingOfSameInstanceWhenContactChanges()
    {
        final String instance = ";+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\"";
        registrar.register(register("c1", 1, "Contact: " + PHONE + instance, "Expires: 600"), "100", direct(), T0);

        final SIPResponse response = registrar.register(
            register("c2", 1, "Contact: <sip:100@192.0.2.99:5060>" + instance, "Expires: 600"), "100",
            flow(Registers.UDP, "192.0.2.99", 5060), T0 + 1000);

        assertEquals(Map.of("sip:100@192.0.2.99:5060", 600), contacts(response));
        final Binding binding = location.lookup("100", T0 + 1000).get(0);
        assertEquals("<urn:uuid:00000000-0000-1000-8000-000A95A0E128>", binding.instance());
        assertTrue(response.toString().contains("+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\""));
    }

    @Test
    void shouldListHigherQFirst()
    {
        registrar.register(register("c1", 1, "Contact: " + PHONE + ";q=0.3, " + DESK + ";q=0.8", "Expires: 600"),
            "100", direct(), T0);

        final List<Binding> bindings = location.lookup("100", T0);
        assertEquals("sip:100@192.0.2.11:5062", bindings.get(0).contact());
        assertEquals(0.8f, bindings.get(0).q());
        assertEquals("sip:100@192.0.2.10:5060", bindings.get(1).contact());
    }

    @Test
    void shouldAnswer400ToNonSipContact()
    {
        final SIPResponse response = registrar.register(
            register("c1", 1, "Contact: <tel:+15551234>", "Expires: 600"), "100", direct(), T0);

        assertEquals(400, response.getStatusCode());
    }

    /** The contacts of a 200 OK: URI to expires, in order. */
    private static Map<String, Integer> contacts(final SIPResponse response)
    {
        final Map<String, Integer> contacts = new LinkedHashMap<>();
        final ListIterator<? extends Header> headers = response.getHeaders(ContactHeader.NAME);
        while (headers != null && headers.hasNext())
        {
            final ContactHeader contact = (ContactHeader)headers.next();
            contacts.put(contact.getAddress().getURI().toString(), contact.getExpires());
        }
        return contacts;
    }
}

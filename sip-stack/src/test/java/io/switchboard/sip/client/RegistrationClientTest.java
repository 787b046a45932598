package io.switchboard.sip.client;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.auth.DigestClient;
import io.switchboard.sip.auth.UacCredentials;
import io.switchboard.sip.message.SipFactories;
import io.switchboard.sip.test.ManualScheduler;
import io.switchboard.sip.test.SipMessages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sip.address.SipURI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ContactHeader;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegistrationClientTest
{
    private static final String CALL_ID = "reg-trunk1-w0";
    private static final String CHALLENGE =
        "Digest realm=\"carrier.example\", nonce=\"n1\", algorithm=MD5, qop=\"auth\"";

    /** A Sender that keeps what was sent and the exchange to answer it through. */
    private static final class Capturing implements RegistrationClient.Sender
    {
        final List<SIPRequest> requests = new ArrayList<>();
        final List<RegistrationClient.Exchange> exchanges = new ArrayList<>();
        boolean failNext;

        @Override
        public void send(final SIPRequest request, final RegistrationClient.Exchange exchange)
        {
            requests.add(request);
            exchanges.add(exchange);
            if (failNext)
            {
                failNext = false;
                exchange.onTransportError();
            }
        }

        SIPRequest last()
        {
            return requests.get(requests.size() - 1);
        }

        RegistrationClient.Exchange lastExchange()
        {
            return exchanges.get(exchanges.size() - 1);
        }
    }

    private final ManualScheduler scheduler = new ManualScheduler();
    private final Capturing sender = new Capturing();
    private final List<String> transitions = new ArrayList<>();
    private RegistrationConfig config;
    private RegistrationClient client;

    @BeforeEach
    void setUp()
    {
        config = new RegistrationConfig()
            .registrar("sip:carrier.example")
            .aor("sip:trunk1@carrier.example")
            .contact("<sip:trunk1@203.0.113.5:5060>")
            .expiresSeconds(3600)
            .credentials(List.of(UacCredentials.anyRealm("trunk1", "s3cret")))
            .jitter(delayMs -> delayMs)
            .conclude();
        client = newClient(config);
    }

    private RegistrationClient newClient(final RegistrationConfig registrationConfig)
    {
        return new RegistrationClient(registrationConfig, sender, scheduler, CALL_ID)
            .listener((c, previous) -> transitions.add(previous + ">" + c.state()));
    }

    // ------------------------------------------------------------------------------------------ registering

    @Test
    void shouldSendTheFirstRegisterWithTheAorContactAndExpires()
    {
        client.start();

        final SIPRequest register = sender.last();
        assertEquals("REGISTER", register.getMethod());
        assertEquals("sip:carrier.example", register.getRequestURI().toString());
        assertEquals(CALL_ID, register.getCallId().getCallId());
        assertEquals(1L, register.getCSeq().getSeqNumber());
        assertEquals("sip:trunk1@carrier.example", register.getFrom().getAddress().getURI().toString());
        assertEquals("sip:trunk1@carrier.example", register.getTo().getAddress().getURI().toString());
        assertNotNull(register.getFrom().getTag());
        assertNull(register.getTo().getTag());
        assertEquals("sip:trunk1@203.0.113.5:5060", contact(register).getAddress().getURI().toString());
        assertEquals(3600, register.getExpires().getExpires());
        assertEquals(70, register.getMaxForwards().getMaxForwards());
        assertNull(register.getHeader(AuthorizationHeader.NAME));
        assertEquals(RegistrationState.REGISTERING, client.state());
        assertEquals(List.of("UNREGISTERED>REGISTERING"), transitions);
        assertThrows(IllegalStateException.class, client::start);
    }

    @Test
    void shouldAnswerTheChallengeThenRefreshWithTheSameCallId()
    {
        client.start();
        final String fromTag = sender.last().getFrom().getTag();
        reply(401, "WWW-Authenticate: " + CHALLENGE);

        final SIPRequest authorized = sender.last();
        assertEquals(2, sender.requests.size());
        assertEquals(2L, authorized.getCSeq().getSeqNumber());
        assertEquals(CALL_ID, authorized.getCallId().getCallId());
        assertEquals(fromTag, authorized.getFrom().getTag());
        final AuthorizationHeader credentials = (AuthorizationHeader)authorized.getHeader(AuthorizationHeader.NAME);
        assertEquals(DigestClient.response("MD5", "trunk1", "carrier.example", "s3cret", "REGISTER",
            "sip:carrier.example", "n1", "00000001", credentials.getCNonce()), credentials.getResponse());
        assertEquals(RegistrationState.REGISTERING, client.state());

        reply(200, "Contact: <sip:trunk1@203.0.113.5:5060>;expires=120");
        assertEquals(RegistrationState.REGISTERED, client.state());
        assertEquals(200, client.lastStatus());
        assertEquals(120_000L, client.expiresAtMillis());

        scheduler.advanceMillis(59_999);
        assertEquals(2, sender.requests.size(), "refresh at max(120 / 2, 120 - 60) = 60 s, not before");
        scheduler.advanceMillis(1);
        final SIPRequest refresh = sender.last();
        assertEquals(3, sender.requests.size());
        assertEquals(3L, refresh.getCSeq().getSeqNumber());
        assertEquals(CALL_ID, refresh.getCallId().getCallId());
        assertEquals(fromTag, refresh.getFrom().getTag());
        assertNull(refresh.getHeader(AuthorizationHeader.NAME));
        assertEquals(RegistrationState.REGISTERED, client.state(), "the binding is valid during the refresh");

        reply(401, "WWW-Authenticate: " + CHALLENGE.replace("n1", "n2"));
        assertEquals(4L, sender.last().getCSeq().getSeqNumber());
        reply(200, "Contact: <sip:trunk1@203.0.113.5:5060>;expires=120");
        assertEquals(60_000L + 120_000L, client.expiresAtMillis());
        assertEquals(0, client.failures());
    }

    @Test
    void shouldRefreshAMarginBeforeALongExpiry()
    {
        client.start();
        reply(200, "Contact: <sip:trunk1@203.0.113.5:5060>;expires=3600");

        scheduler.advanceMillis(3_539_999);
        assertEquals(1, sender.requests.size());
        scheduler.advanceMillis(1);
        assertEquals(2, sender.requests.size());
    }

    @Test
    void shouldNeverRefreshSoonerThanTheMinimum()
    {
        client.start();
        reply(200, "Contact: <sip:trunk1@203.0.113.5:5060>;expires=2");

        scheduler.advanceMillis(4_999);
        assertEquals(1, sender.requests.size());
        scheduler.advanceMillis(1);
        assertEquals(2, sender.requests.size());
    }

    @Test
    void shouldReadTheGrantedExpiryOfOurContactThenTheHeaderThenTheRequest()
    {
        client.start();
        reply(200, "Contact: <sip:other@198.51.100.9>;expires=30",
            "Contact: <sip:trunk1@203.0.113.5:5060>;expires=600", "Expires: 900");
        assertEquals(600_000L, client.expiresAtMillis());

        scheduler.advanceMillis(540_000);
        reply(200, "Contact: <sip:other@198.51.100.9>;expires=30", "Contact: <sip:x@198.51.100.9>", "Expires: 900");
        assertEquals(540_000L + 900_000L, client.expiresAtMillis());

        scheduler.advanceMillis(840_000);
        reply(200);
        assertEquals(1_380_000L + 3_600_000L, client.expiresAtMillis());
    }

    @Test
    void shouldTakeTheOnlyContactWhenTheCarrierRewroteIt()
    {
        client.start();
        reply(200, "Contact: <sip:trunk1@198.51.100.20:40123>;expires=300", "Expires: 900");

        assertEquals(300_000L, client.expiresAtMillis());
    }

    // ------------------------------------------------------------------------------------------ failures

    @Test
    void shouldFailOnAWrongPasswordAndRetryAfterBackOff()
    {
        client.start();
        reply(401, "WWW-Authenticate: " + CHALLENGE);
        reply(401, "WWW-Authenticate: " + CHALLENGE);

        assertEquals(2, sender.requests.size(), "the refused password is not sent again");
        assertEquals(RegistrationState.FAILED, client.state());
        assertEquals(401, client.lastStatus());
        assertEquals(1, client.failures());
        assertEquals(0L, client.expiresAtMillis());

        scheduler.advanceMillis(4_999);
        assertEquals(2, sender.requests.size());
        scheduler.advanceMillis(1);
        assertEquals(3, sender.requests.size());
        assertEquals(3L, sender.last().getCSeq().getSeqNumber());
        assertNull(sender.last().getHeader(AuthorizationHeader.NAME));
        assertEquals(RegistrationState.REGISTERING, client.state());
    }

    @Test
    void shouldDoubleTheBackOffUpToTheCap()
    {
        client.start();
        final List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 10; i++)
        {
            reply(403);
            delays.add(untilNextRequestMs());
        }

        assertEquals(List.of(5_000L, 10_000L, 20_000L, 40_000L, 80_000L, 160_000L, 320_000L, 600_000L, 600_000L,
            600_000L), delays);
        assertEquals(10, client.failures());
        reply(200);
        assertEquals(0, client.failures());
        assertEquals(RegistrationState.REGISTERED, client.state());
    }

    @Test
    void shouldApplyTheJitterHookToRetries()
    {
        client = newClient(new RegistrationConfig()
            .registrar("sip:carrier.example")
            .aor("sip:trunk1@carrier.example")
            .contact("<sip:trunk1@203.0.113.5:5060>")
            .jitter(delayMs -> delayMs - 1_000)
            .conclude());
        client.start();
        reply(500);

        assertEquals(4_000L, untilNextRequestMs());
    }

    @Test
    void shouldWaitAsLongAsRetryAfterAsks()
    {
        client.start();
        reply(503, "Retry-After: 30");

        assertEquals(30_000L, untilNextRequestMs());
    }

    @Test
    void shouldRetryWithMinExpiresAfter423()
    {
        client.start();
        reply(423, "Min-Expires: 7200");

        assertEquals(2, sender.requests.size(), "retried at once");
        assertEquals(7200, sender.last().getExpires().getExpires());
        assertEquals(2L, sender.last().getCSeq().getSeqNumber());
        assertEquals(RegistrationState.REGISTERING, client.state());
        assertEquals(7200, client.requestedExpiresSeconds());

        reply(200);
        assertEquals(7_200_000L, client.expiresAtMillis());
        scheduler.advanceMillis(7_140_000);
        assertEquals(7200, sender.last().getExpires().getExpires(), "refreshes keep the raised lifetime");
    }

    @Test
    void shouldFailOnA423ThatDoesNotRaiseTheExpiry()
    {
        client.start();
        reply(423, "Min-Expires: 60");

        assertEquals(1, sender.requests.size());
        assertEquals(RegistrationState.FAILED, client.state());
    }

    @Test
    void shouldFailOnTimeoutAndRetry()
    {
        client.start();
        sender.lastExchange().onTimeout();

        assertEquals(RegistrationState.FAILED, client.state());
        assertEquals(408, client.lastStatus());
        assertEquals(5_000L, untilNextRequestMs());
        assertEquals(RegistrationState.REGISTERING, client.state());
    }

    @Test
    void shouldCountALostOutcomeAsATimeout()
    {
        client.start();

        scheduler.advanceMillis(RegistrationConfig.DEFAULT_EXCHANGE_GUARD_MS);

        assertEquals(RegistrationState.FAILED, client.state());
        assertEquals(408, client.lastStatus());
    }

    @Test
    void shouldFailAtOnceOnATransportErrorReportedWhileSending()
    {
        sender.failNext = true;
        client.start();

        assertEquals(RegistrationState.FAILED, client.state());
        assertEquals(503, client.lastStatus());
        assertEquals(1, scheduler.pending(), "only the retry: the guard of the failed exchange is cancelled");
    }

    @Test
    void shouldIgnoreTheLateOutcomeOfAnOlderExchange()
    {
        client.start();
        final RegistrationClient.Exchange first = sender.lastExchange();
        first.onTimeout();

        first.onResponse(response(sender.requests.get(0), 200));
        first.onTimeout();

        assertEquals(RegistrationState.FAILED, client.state());
        assertEquals(1, client.failures());
    }

    @Test
    void shouldStopAnsweringAfterMaxChallengesInARow()
    {
        client.start();
        for (int i = 0; i <= RegistrationClient.MAX_CHALLENGES; i++)
        {
            reply(401, "WWW-Authenticate: " + CHALLENGE.replace("n1", "n" + (i + 10)) + ", stale=true");
        }

        assertEquals(1 + RegistrationClient.MAX_CHALLENGES, sender.requests.size());
        assertEquals(RegistrationState.FAILED, client.state());
    }

    @Test
    void shouldFailOnAChallengeWithoutCredentials()
    {
        client = newClient(new RegistrationConfig()
            .registrar("sip:carrier.example")
            .aor("sip:trunk1@carrier.example")
            .contact("<sip:trunk1@203.0.113.5:5060>")
            .jitter(delayMs -> delayMs)
            .conclude());
        client.start();
        reply(407, "Proxy-Authenticate: " + CHALLENGE);

        assertEquals(RegistrationState.FAILED, client.state());
        assertEquals(407, client.lastStatus());
    }

    @Test
    void shouldIgnoreProvisionalResponses()
    {
        client.start();
        reply(100);

        assertEquals(RegistrationState.REGISTERING, client.state());
        assertEquals(0, client.lastStatus());
    }

    // ------------------------------------------------------------------------------------------ stop, routing

    @Test
    void shouldUnregisterOnStopAndCancelTheTimers()
    {
        client.start();
        reply(200, "Contact: <sip:trunk1@203.0.113.5:5060>;expires=120");

        client.stop();

        final SIPRequest unregister = sender.last();
        assertEquals(2, sender.requests.size());
        assertEquals(0, unregister.getExpires().getExpires());
        assertEquals(2L, unregister.getCSeq().getSeqNumber());
        assertEquals(CALL_ID, unregister.getCallId().getCallId());
        assertEquals("sip:trunk1@203.0.113.5:5060", contact(unregister).getAddress().getURI().toString());
        assertEquals(RegistrationState.STOPPED, client.state());
        assertEquals(0L, client.expiresAtMillis());

        reply(401, "WWW-Authenticate: " + CHALLENGE);
        assertEquals(3, sender.requests.size(), "the un-REGISTER's challenge is answered");
        assertEquals(0, sender.last().getExpires().getExpires());
        assertNotNull(sender.last().getHeader(AuthorizationHeader.NAME));
        reply(200);
        assertEquals(200, client.lastStatus());

        scheduler.advanceMillis(3_600_000);
        assertEquals(3, sender.requests.size(), "no refresh, no retry after stop");
        assertEquals(RegistrationState.STOPPED, client.state());
        assertEquals(0, scheduler.pending());
        client.stop();
        assertEquals(3, sender.requests.size());
        assertTrue(transitions.contains("REGISTERED>STOPPED"), transitions.toString());
    }

    @Test
    void shouldSendNothingWhenStoppedBeforeStarting()
    {
        client.stop();

        assertTrue(sender.requests.isEmpty());
        assertEquals(RegistrationState.STOPPED, client.state());
    }

    @Test
    void shouldRouteResponsesByCallIdAndCSeq()
    {
        client.start();
        final SIPResponse old = response(sender.last(), 200);
        reply(401, "WWW-Authenticate: " + CHALLENGE);

        assertFalse(client.onResponse(old), "CSeq 1 is no longer in flight");
        assertTrue(client.onResponse(response(sender.last(), 200)));
        assertEquals(RegistrationState.REGISTERED, client.state());
    }

    @Test
    void shouldRefuseAnUnconcludedOrIncompleteConfig()
    {
        assertThrows(IllegalArgumentException.class,
            () -> new RegistrationClient(new RegistrationConfig(), sender, scheduler, CALL_ID));
        assertThrows(IllegalStateException.class,
            () -> new RegistrationConfig().registrar("sip:carrier.example").conclude());
        assertThrows(IllegalStateException.class, () -> new RegistrationConfig().registrar("sip:carrier.example")
            .aor("sip:a@carrier.example").contact("<sip:a@192.0.2.1>").retryMaxMs(1).conclude());
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** Answers the latest REGISTER through its exchange. */
    private void reply(final int status, final String... headers)
    {
        sender.lastExchange().onResponse(response(sender.last(), status, headers));
    }

    private static SIPResponse response(final SIPRequest request, final int status, final String... headers)
    {
        final SIPResponse response = SipMessages.responseTo(request, status, status == 100 ? null : "reg-tag");
        // The request's own Contact and Expires are not echoed: each test says what the registrar granted.
        response.removeHeader(ContactHeader.NAME);
        try
        {
            for (final String line : headers)
            {
                final int colon = line.indexOf(':');
                response.addHeader(SipFactories.HEADERS.createHeader(line.substring(0, colon),
                    line.substring(colon + 1).trim()));
            }
        }
        catch (final ParseException ex)
        {
            throw new IllegalArgumentException(ex);
        }
        return response;
    }

    /** Advances the clock to the next REGISTER, returning how long that took (ms). */
    private long untilNextRequestMs()
    {
        final int before = sender.requests.size();
        final long start = scheduler.nanoTime() / 1_000_000;
        while (sender.requests.size() == before)
        {
            scheduler.advanceMillis(1_000);
        }
        return scheduler.nanoTime() / 1_000_000 - start;
    }

    private static ContactHeader contact(final SIPRequest request)
    {
        final ContactHeader contact = (ContactHeader)request.getHeader(ContactHeader.NAME);
        assertTrue(contact.getAddress().getURI() instanceof SipURI);
        return contact;
    }
}

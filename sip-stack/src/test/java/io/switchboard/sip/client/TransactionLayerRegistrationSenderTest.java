package io.switchboard.sip.client;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.auth.UacCredentials;
import io.switchboard.sip.dialog.Identifiers;
import io.switchboard.sip.message.SipFactories;
import io.switchboard.sip.test.SipMessages;
import io.switchboard.sip.test.TxFlows;
import io.switchboard.sip.test.TxHarness;
import io.switchboard.sip.transaction.ClientTransaction;
import io.switchboard.sip.transport.Target;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sip.header.AuthorizationHeader;
import java.text.ParseException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client over a real transaction layer, with a manual clock and a capturing transport. */
class TransactionLayerRegistrationSenderTest
{
    private static final Target CARRIER = TxFlows.udpTo("198.51.100.7", 5060);

    private final TxHarness h = new TxHarness();
    private RegistrationClient client;

    @BeforeEach
    void setUp()
    {
        // What the owner's TransactionUser does: client transaction callbacks go to the dispatchers first.
        h.tu.reactWith(event ->
        {
            switch (event.name())
            {
                case "response" -> TransactionLayerRegistrationSender.dispatchResponse(
                    (ClientTransaction)event.transaction(), (SIPResponse)event.message());
                case "timeout" -> TransactionLayerRegistrationSender.dispatchTimeout(
                    (ClientTransaction)event.transaction());
                case "transportError" -> TransactionLayerRegistrationSender.dispatchTransportError(
                    event.transaction());
                default -> { }
            }
        });
        final RegistrationConfig config = new RegistrationConfig()
            .registrar("sip:carrier.example")
            .aor("sip:trunk1@carrier.example")
            .contact("<sip:trunk1@127.0.0.1:5060>")
            .credentials(List.of(UacCredentials.anyRealm("trunk1", "s3cret")))
            .jitter(delayMs -> delayMs)
            .conclude();
        client = new RegistrationClient(config, new TransactionLayerRegistrationSender(h.layer, h.sender, CARRIER),
            h.scheduler, Identifiers.callId(0));
    }

    @Test
    void shouldRegisterThroughTransactionsWithANewBranchEach()
    {
        client.start();
        final SIPRequest first = lastRequest();
        assertEquals(CARRIER, h.sender.last().target());
        assertTrue(first.getTopmostVia().getBranch().startsWith("z9hG4bK"));
        assertEquals("127.0.0.1", first.getTopmostVia().getHost());

        h.layer.onResponse(withHeader(SipMessages.responseTo(first, 401, "t1"), "WWW-Authenticate",
            "Digest realm=\"carrier.example\", nonce=\"n1\", algorithm=SHA-256, qop=\"auth\""),
            TxFlows.udpFrom("198.51.100.7", 5060));
        final SIPRequest second = lastRequest();
        assertNotNull(second.getHeader(AuthorizationHeader.NAME));
        assertNotEquals(first.getTopmostVia().getBranch(), second.getTopmostVia().getBranch());
        assertEquals(first.getCallId().getCallId(), second.getCallId().getCallId());

        h.layer.onResponse(withHeader(SipMessages.responseTo(second, 200, "t1"), "Expires", "300"),
            TxFlows.udpFrom("198.51.100.7", 5060));
        assertEquals(RegistrationState.REGISTERED, client.state());
        assertEquals(h.nowMs() + 300_000L, client.expiresAtMillis());
    }

    @Test
    void shouldFailOnTimerF()
    {
        client.start();

        h.scheduler.advanceMillis(32_000);

        assertEquals(RegistrationState.FAILED, client.state());
        assertEquals(408, client.lastStatus());
    }

    @Test
    void shouldFailOnATransportErrorReportedWhileSending()
    {
        h.sender.failNextSend();

        client.start();

        assertEquals(RegistrationState.FAILED, client.state());
        assertEquals(503, client.lastStatus());
    }

    @Test
    void shouldLeaveOtherTransactionsToTheOwner()
    {
        final SIPRequest options = SipMessages.nonInvite("OPTIONS", "z9hG4bK-other-1");
        final ClientTransaction other = h.layer.sendRequest(options, CARRIER);

        assertFalse(TransactionLayerRegistrationSender.dispatchResponse(other,
            SipMessages.responseTo(options, 200, "x")));
        assertFalse(TransactionLayerRegistrationSender.dispatchTimeout(other));
        assertFalse(TransactionLayerRegistrationSender.dispatchTransportError(other));
    }

    private SIPRequest lastRequest()
    {
        return (SIPRequest)h.sender.last().message();
    }

    private static SIPResponse withHeader(final SIPResponse response, final String name, final String value)
    {
        try
        {
            response.addHeader(SipFactories.HEADERS.createHeader(name, value));
            return response;
        }
        catch (final ParseException ex)
        {
            throw new IllegalArgumentException(ex);
        }
    }
}

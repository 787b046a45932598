package io.switchboard.sip.message;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.switchboard.sip.SipCounters;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatelessResponderTest
{
    private final SipCounters counters = new SipCounters();
    private final StatelessResponder responder = StatelessResponder.withDefaults(counters);

    private static SIPRequest request(final String method, final String extraHeaders) throws Exception
    {
        final String text = method + " sip:switch@example.com SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK77\r\n" +
            "Max-Forwards: 70\r\n" +
            "From: <sip:alice@example.com>;tag=a1\r\n" +
            "To: <sip:switch@example.com>\r\n" +
            "Call-ID: stateless-1\r\n" +
            "CSeq: 5 " + method + "\r\n" +
            extraHeaders +
            "Content-Length: 0\r\n\r\n";
        return (SIPRequest)new StringMsgParser().parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false,
            null);
    }

    private static String encoded(final SIPResponse response)
    {
        return response.encode();
    }

    @Test
    void shouldAnswerUnknownMethodWith501AndAllow() throws Exception
    {
        final SIPResponse response = responder.check(request("PUBLISH", ""));
        assertEquals(501, response.getStatusCode());
        assertTrue(encoded(response).contains("Allow: INVITE,ACK,CANCEL,BYE,OPTIONS,REGISTER,UPDATE,INFO,REFER,NOTIFY"),
            encoded(response));
        assertNotNull(response.getToTag());
        assertEquals("stateless-1", response.getCallId().getCallId());
        assertEquals(1, counters.get(SipCounters.Id.UNKNOWN_METHOD_501));
    }

    @Test
    void shouldAnswerUnsupportedRequireWith420() throws Exception
    {
        final SIPResponse response = responder.check(request("INVITE", "Require: 100rel, timer\r\n"));
        assertEquals(420, response.getStatusCode());
        final String text = encoded(response);
        assertTrue(text.contains("Unsupported: 100rel"), text);
        assertTrue(text.contains("timer"), text);
        assertEquals(1, counters.get(SipCounters.Id.UNSUPPORTED_REQUIRE_420));
    }

    @Test
    void shouldAnswerUnsupportedProxyRequireWith420() throws Exception
    {
        final SIPResponse response = responder.check(request("INVITE", "Proxy-Require: foo\r\n"));
        assertEquals(420, response.getStatusCode());
        assertTrue(encoded(response).contains("Unsupported: foo"));
    }

    @Test
    void shouldLetSupportedRequireThrough() throws Exception
    {
        final StatelessResponder withReplaces =
            new StatelessResponder(StatelessResponder.DEFAULT_ALLOWED_METHODS, Set.of("replaces"), counters);
        assertNull(withReplaces.check(request("INVITE", "Require: Replaces\r\n")));
    }

    @Test
    void shouldAnswerMaxForwardsZeroWith483() throws Exception
    {
        final SIPResponse response = responder.check(setMaxForwards(request("INVITE", ""), 0));
        assertEquals(483, response.getStatusCode());
        assertEquals(1, counters.get(SipCounters.Id.TOO_MANY_HOPS_483));
    }

    @Test
    void shouldAnswerOutOfDialogOptionsEvenWithMaxForwardsZero() throws Exception
    {
        final SIPResponse response = responder.check(setMaxForwards(request("OPTIONS", ""), 0));
        assertEquals(200, response.getStatusCode());
        assertEquals(0, counters.get(SipCounters.Id.TOO_MANY_HOPS_483));
    }

    @Test
    void shouldAnswerOutOfDialogOptionsWithCapabilities() throws Exception
    {
        final SIPResponse response = responder.check(request("OPTIONS", ""));
        assertEquals(200, response.getStatusCode());
        final String text = encoded(response);
        for (final String header : List.of("Allow: ", "Accept: application/sdp", "Accept-Encoding: ",
            "Accept-Language: ", "Supported:"))
        {
            assertTrue(text.contains(header), header + " in " + text);
        }
        assertNotNull(response.getToTag());
    }

    @Test
    void shouldPassInDialogOptionsAndOrdinaryRequests() throws Exception
    {
        final SIPRequest inDialog = request("OPTIONS", "");
        inDialog.getTo().setTag("b2");
        assertNull(responder.check(inDialog));
        assertNull(responder.check(request("INVITE", "")));
        assertNull(responder.check(request("BYE", "")));
    }

    @Test
    void shouldNeverAnswerAck() throws Exception
    {
        assertNull(responder.check(setMaxForwards(request("ACK", "Require: foo\r\n"), 0)));
    }

    @Test
    void shouldNotRejectCancelForRequire() throws Exception
    {
        assertNull(responder.check(request("CANCEL", "Require: foo\r\n")));
    }

    private static SIPRequest setMaxForwards(final SIPRequest request, final int value)
    {
        try
        {
            request.getMaxForwards().setMaxForwards(value);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
        return request;
    }
}

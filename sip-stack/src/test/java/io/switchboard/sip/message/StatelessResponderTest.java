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
        return parse(encodedRequest(method, extraHeaders), "");
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

    @Test
    void shouldAnswerACseqMethodMismatchWith400AfterTheMethodCheck() throws Exception
    {
        final SIPRequest mismatch = request("OPTIONS", "");
        mismatch.getCSeq().setMethod("INVITE");
        assertEquals(400, responder.check(mismatch).getStatusCode());
        final SIPRequest unknown = request("NEWMETHOD", "");
        unknown.getCSeq().setMethod("INVITE");
        assertEquals(501, responder.check(unknown).getStatusCode(), "RFC 4475 §3.1.2.18: the method first");
    }

    @Test
    void shouldAnswerARequestUriOfAnotherSchemeWith416() throws Exception
    {
        for (final String uri : new String[] {"tel:+15551234567", "nobodyKnowsThisScheme:opaque", "im:a@b.example"})
        {
            final String text = encodedRequest("OPTIONS", "").replace("sip:switch@example.com SIP/2.0",
                uri + " SIP/2.0");
            assertEquals(416, responder.check(parse(text, "")).getStatusCode(), uri);
        }
    }

    @Test
    void shouldAnswerARegisterWhoseToIsNoSipAddressOfRecordWith400() throws Exception
    {
        final String text = encodedRequest("REGISTER", "").replace("To: <sip:switch@example.com>",
            "To: isbn:2983792873");
        assertEquals(400, responder.check(parse(text, "")).getStatusCode());
    }

    @Test
    void shouldAnswerASessionDescriptionWeCannotReadWith415() throws Exception
    {
        final SIPResponse unknownType = responder.check(parse(encodedRequest("INVITE",
            "Content-Type: application/unknownformat\r\n"), "<body/>"));
        assertEquals(415, unknownType.getStatusCode());
        assertTrue(encoded(unknownType).contains("Accept: application/sdp"), encoded(unknownType));
        final SIPResponse encodedSdp = responder.check(parse(encodedRequest("UPDATE",
            "Content-Type: application/sdp\r\nContent-Encoding: gzip\r\n"), "v=0\r\n"));
        assertEquals(415, encodedSdp.getStatusCode());
        assertNull(responder.check(parse(encodedRequest("INVITE", "Content-Type: application/sdp\r\n"), "v=0\r\n")));
        assertNull(responder.check(parse(encodedRequest("INFO", "Content-Type: application/dtmf-relay\r\n"),
            "Signal=1\r\n")), "only INVITE and UPDATE carry session descriptions");
    }

    @Test
    void shouldAnswerAnInviteThatAcceptsNoSdpWith406() throws Exception
    {
        final SIPResponse response = responder.check(request("INVITE", "Accept: text/nobodyKnowsThis\r\n"));
        assertEquals(406, response.getStatusCode());
        assertTrue(encoded(response).contains("Warning: 399 switchboard"), encoded(response));
        assertNull(responder.check(request("INVITE", "Accept: application/*, text/html\r\n")));
        assertNull(responder.check(request("INVITE", "Accept: */*\r\n")));
        assertNull(responder.check(request("INVITE", "")), "no Accept means application/sdp");
    }

    private static String encodedRequest(final String method, final String extraHeaders)
    {
        return method + " sip:switch@example.com SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK77\r\n" +
            "Max-Forwards: 70\r\n" +
            "From: <sip:alice@example.com>;tag=a1\r\n" +
            "To: <sip:switch@example.com>\r\n" +
            "Call-ID: stateless-1\r\n" +
            "CSeq: 5 " + method + "\r\n" +
            extraHeaders;
    }

    /** The request with its body and Content-Length. */
    private static SIPRequest parse(final String head, final String body) throws Exception
    {
        final String text = head + "Content-Length: " + body.length() + "\r\n\r\n" + body;
        return (SIPRequest)new StringMsgParser().parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false,
            null);
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

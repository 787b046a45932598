package io.switchboard.sip.transport;

import io.switchboard.sip.test.TestTransports;
import gov.nist.javax.sip.message.SIPMessage;

import java.util.ArrayList;
import java.util.List;

/** Test fixtures: a listener that keeps what it receives, and a transport stub for flows. */
final class Captured implements SipMessageListener
{
    static final Transport UDP = TestTransports.of("UDP", false);
    static final Transport TCP = TestTransports.of("TCP", true);

    final List<SIPMessage> messages = new ArrayList<>();
    final List<Flow> flows = new ArrayList<>();

    @Override
    public void onMessage(final javax.sip.message.Message message, final Flow flow)
    {
        messages.add((SIPMessage)message);
        flows.add(flow);
    }

    static String options(final String callId)
    {
        return "OPTIONS sip:switch@example.com SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK" + callId + "\r\n" +
            "Max-Forwards: 70\r\n" +
            "From: <sip:alice@example.com>;tag=a1\r\n" +
            "To: <sip:switch@example.com>\r\n" +
            "Call-ID: " + callId + "\r\n" +
            "CSeq: 1 OPTIONS\r\n" +
            "Content-Length: 0\r\n\r\n";
    }

    static String invite(final String callId)
    {
        final String body = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n" +
            "m=audio 4000 RTP/AVP 0\r\n";
        return "INVITE sip:bob@example.com SIP/2.0\r\n" +
            "Via: SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bK" + callId + "\r\n" +
            "Max-Forwards: 70\r\n" +
            "From: <sip:alice@example.com>;tag=a1\r\n" +
            "To: <sip:bob@example.com>\r\n" +
            "Call-ID: " + callId + "\r\n" +
            "CSeq: 1 INVITE\r\n" +
            "Contact: <sip:alice@192.0.2.1:5060;transport=tcp>\r\n" +
            "Content-Type: application/sdp\r\n" +
            "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }
}

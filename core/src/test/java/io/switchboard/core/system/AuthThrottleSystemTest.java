package io.switchboard.core.system;

import io.switchboard.sip.SipCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Password guessing over real UDP: REGISTERs with wrong credentials are re-challenged (401) until the source
 * address has failed 10 times within the window; from then on it gets 403 and is counted as throttled.
 * Runs on its own server, since it blocks 127.0.0.1 for the block time.
 */
@Timeout(60)
class AuthThrottleSystemTest extends ServerSystemTest
{
    @Test
    void shouldBlockAnAddressThatKeepsFailingDigest() throws Exception
    {
        final InetAddress loopback = InetAddress.getLoopbackAddress();
        int challenged = 0;
        String last = "";
        try (DatagramSocket socket = new DatagramSocket(0, loopback))
        {
            socket.setSoTimeout(3000);
            for (int attempt = 1; attempt <= 12; attempt++)
            {
                final byte[] request = register(attempt, socket.getLocalPort()).getBytes(StandardCharsets.US_ASCII);
                socket.send(new DatagramPacket(request, request.length, loopback, server.sipUdpPort()));
                final byte[] buffer = new byte[4096];
                final DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                last = new String(buffer, 0, packet.getLength(), StandardCharsets.US_ASCII);
                if (last.startsWith("SIP/2.0 401"))
                {
                    challenged++;
                }
            }
        }
        assertEquals(10, challenged, "the first 10 wrong answers are challenged again");
        assertTrue(last.startsWith("SIP/2.0 403"), "then the address is refused: " + last);
        assertTrue(server.counters().get(SipCounters.Id.AUTH_FAILURES) >= 10);
        assertTrue(server.counters().get(SipCounters.Id.AUTH_THROTTLED) >= 1);
    }

    /** A REGISTER for 1001 with made-up credentials: a nonce we never issued and a wrong digest. */
    private static String register(final int cseq, final int port)
    {
        return "REGISTER sip:127.0.0.1 SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bKguess" + cseq + ";rport\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:1001@127.0.0.1>;tag=guess\r\n"
            + "To: <sip:1001@127.0.0.1>\r\n"
            + "Call-ID: guessing-passwords\r\n"
            + "CSeq: " + cseq + " REGISTER\r\n"
            + "Contact: <sip:1001@127.0.0.1:" + port + ">\r\n"
            + "Authorization: Digest username=\"1001\",realm=\"demo.switchboard\",nonce=\"bm90LWlzc3VlZA\","
            + "uri=\"sip:127.0.0.1\",response=\"00000000000000000000000000000000\",algorithm=MD5,qop=auth,"
            + "nc=00000001,cnonce=\"c" + cseq + "\"\r\n"
            + "Content-Length: 0\r\n\r\n";
    }
}

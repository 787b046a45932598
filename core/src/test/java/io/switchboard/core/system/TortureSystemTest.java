package io.switchboard.core.system;

import io.switchboard.core.SwitchboardServer;
import io.switchboard.sip.SipCounters;
import io.switchboard.sip.dialog.Identifiers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 49 messages of RFC 4475 §3 (byte-exact, {@code sip-stack}'s {@code sip/torture/*.sip}, see the README there)
 * sent to a started server from another loopback address, 127.0.0.2, over UDP and over TCP; each must get the answer
 * RFC 4475 says an element of our kind gives (a UAS and registrar that challenges requests from addresses it does
 * not trust), at the right place:
 * <ul>
 *   <li>UDP: to the source address at the sent-by port, or 5060 when the Via has none (RFC 3261 §18.2.2, with
 *   {@code received} added since the sent-by host is never 127.0.0.2), or to the source port with {@code rport}
 *   (RFC 3581). The test's socket is 127.0.0.2:5060 (and :5050 for the one message whose Via says 5050), so an
 *   answer that arrives was sent there; the server never resolves or sends to the sent-by host itself
 *   ({@code send_failures} does not rise).</li>
 *   <li>TCP: back on the connection the message came on (§18.2.2).</li>
 * </ul>
 * What came back for a message is everything received before the answer to an OPTIONS probe sent right after it on
 * the same socket or connection (the server handles a socket's or connection's messages in order), so "no answer"
 * is checked without waiting on a clock. Retransmissions of an earlier message's answer are told apart by Call-ID.
 */
@Timeout(120)
class TortureSystemTest extends ServerSystemTest
{
    private static final String SOURCE = "127.0.0.2";
    private static final Pattern STATUS = Pattern.compile("^SIP/2\\.0 (\\d{3})");
    /** A server of its own for TCP: the same bytes over UDP first would be retransmissions of those requests. */
    private static SwitchboardServer tcpServer;
    private static DatagramSocket udp;
    private static DatagramSocket udp5050;
    private static long sendFailures;

    @BeforeAll
    static void bindSockets() throws Exception
    {
        final InetAddress source = InetAddress.getByName(SOURCE);
        udp = new DatagramSocket(new InetSocketAddress(source, 5060));
        udp5050 = new DatagramSocket(new InetSocketAddress(source, 5050));
        udp.setSoTimeout(5000);
        udp5050.setSoTimeout(5000);
        sendFailures = server.counters().get(SipCounters.Id.SEND_FAILURES);
        tcpServer = TestServers.start();
    }

    @AfterAll
    static void closeSockets()
    {
        if (udp != null)
        {
            udp.close();
            udp5050.close();
        }
        if (tcpServer != null)
        {
            tcpServer.close();
        }
    }

    /**
     * name, UDP answers, TCP answers ("-" none; several separated by '/'; "close": the server then closes the
     * connection, since the stream cannot be framed any further).
     */
    @ParameterizedTest(name = "{0}: UDP {1}, TCP {2}")
    @CsvSource(delimiter = '|', value = {
        // §3.1.1 valid messages: answered as any request (INVITE challenged 407, REGISTER 401, OPTIONS 200)
        "wsinv      | 481 | 481",                // its To has a tag: a request in a dialog that does not exist
        "intmeth    | 501 | 501",                // unknown method: "Endpoints will generate a 501" with Allow
        "esc01      | 407 | 407",
        "escnull    | 401 | 401",
        "esc02      | 501 | 501",                // RE%47IST%45R is not REGISTER
        "lwsdisp    | 200 | 200",
        "longreq    | 407 | 407",
        // UDP: the extra octets are ignored (§3.1.1.8); TCP: they are a second message, whose body is 5 bytes longer
        // than its Content-Length says, and those 5 bytes cannot be framed
        "dblreq     | 401 | 401/407/close",
        "semiuri    | 200 | 200",
        "transports | 200 | 200",
        "mpart01    | 501 | 501",                // MESSAGE is not implemented (§8.2.1 comes before §8.2.3)
        "unreason   | -   | -",                  // responses matching no transaction are dropped
        "noreason   | -   | -",
        // §3.1.2 invalid messages
        "badinv01   | 400 | 400",
        "clerr      | 400 | close",              // TCP: waits for the body, then the stream ends
        "ncl        | 400 | 400/close",
        "scalar02   | 400 | 400",
        "scalarlg   | -   | -",
        "quotbal    | 400 | 400",                // UDP: to the Via's port 5050
        "ltgtruri   | 400 | 400",
        "lwsruri    | 400 | 400",
        "lwsstart   | 407 | 407",                // "rejecting is acceptable": accepted, the spaces not passed on
        "trws       | 200 | 200",                // the same
        "escruri    | 407 | 407",                // the escaped headers are ignored, never used
        "baddate    | 407 | 407",                // Date is not used
        "regbadct   | 401 | 401",                // "may infer the <>": the Contact is read with its escaped header
        "badaspec   | 200 | 200",                // "must not break": the addr-spec is read without its spaces
        // it also lacks the empty line after its headers (as in the RFC's archive): a datagram ends there anyway, a
        // stream does not, and the server waits for the rest until the stream ends
        "baddn      | 400 | close",
        "badvers    | 505 | 505",
        "mismatch01 | 400 | 400",
        "mismatch02 | 501 | 501",
        "bigcode    | -   | -",
        // §3.2 transaction layer
        "badbranch  | 200 | 200",
        // §3.3 application layer
        "insuf      | 400 | 400",
        "unkscm     | 416 | 416",
        "novelsc    | 416 | 416",
        "unksm2     | 400 | 400",
        "bext01     | 420 | 420",
        "invut      | 415 | 415",
        "regaut01   | 401 | 401",
        "multi01    | 400 | 400",
        "mcl01      | 400 | 400/close",
        "bcast      | -   | -",
        "zeromf     | 200 | 200",                // the final recipient answers OPTIONS even with Max-Forwards 0
        "cparam01   | 401 | 401",
        "cparam02   | 401 | 401",
        "regescrt   | 401 | 401",
        "sdp01      | 406 | 406",
        // §3.4 backward compatibility: over TCP a message without Content-Length cannot be framed (§18.3)
        "inv2543    | 407 | 400/close",
    })
    void shouldAnswerAsRfc4475Says(final String name, final String udpAnswers, final String tcpAnswers)
        throws Exception
    {
        final byte[] message = load(name);
        assertEquals(udpAnswers, overUdp(name, message), "over UDP");
        // clerr and baddn are not over until the stream ends; the end of the stream ends the wait for them
        final boolean endsTheStream = "clerr".equals(name) || "baddn".equals(name);
        assertEquals(tcpAnswers, overTcp(message, endsTheStream, tcpAnswers.endsWith("close")), "over TCP");
    }

    @Test
    void shouldStayUpAndNeverSendToTheSentByHost() throws Exception
    {
        for (final String name : List.of("wsinv", "insuf", "bigcode", "ncl", "mpart01", "novelsc"))
        {
            overUdp(name, load(name));
            overTcp(load(name));
        }
        assertEquals("-", answersTo(udp, probe("after-all", 5060), "after-all", "none"),
            "the server still answers OPTIONS");
        assertEquals(sendFailures, server.counters().get(SipCounters.Id.SEND_FAILURES), "send failures");
        assertEquals(0, tcpServer.counters().get(SipCounters.Id.SEND_FAILURES), "send failures over TCP");
    }

    private static String overUdp(final String name, final byte[] message) throws IOException
    {
        final InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.sipUdpPort());
        final DatagramSocket socket = "quotbal".equals(name) ? udp5050 : udp;
        socket.send(new DatagramPacket(message, message.length, to));
        final String probeId = probeIdFor(message);
        final byte[] probe = probe(probeId, socket.getLocalPort()).getBytes(StandardCharsets.US_ASCII);
        socket.send(new DatagramPacket(probe, probe.length, to));
        return answersTo(socket, null, probeId, key(message));
    }

    /** The statuses received for the message whose key is {@code key} before the answer to the probe. */
    private static String answersTo(final DatagramSocket socket, final String send, final String probeId,
        final String key) throws IOException
    {
        if (send != null)
        {
            final byte[] bytes = send.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), server.sipUdpPort())));
        }
        final List<String> statuses = new ArrayList<>();
        final byte[] buffer = new byte[65535];
        while (true)
        {
            final DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            socket.receive(packet);
            final byte[] response = java.util.Arrays.copyOf(buffer, packet.getLength());
            final String text = new String(response, StandardCharsets.UTF_8);
            if (probeId.equals(key(response)))
            {
                assertEquals(200, status(text), text);
                return statuses.isEmpty() ? "-" : String.join("/", statuses);
            }
            if (key.equals(key(response)))
            {
                statuses.add(String.valueOf(status(text)));
            }
        }
    }

    /**
     * A probe Call-ID owned by the same worker as the message's: the server hands each message to the worker owning
     * its Call-ID, and only one worker's messages from one socket or connection are handled in the order they came.
     */
    private static String probeIdFor(final byte[] message)
    {
        final String callId = key(message);
        final int workers = server.workers().length;
        final int owner = Identifiers.ownerOf(callId, workers);
        for (int i = 0; ; i++)
        {
            final String candidate = "probe-" + System.nanoTime() + "-" + i;
            if (Identifiers.ownerOf(candidate, workers) == owner)
            {
                return candidate;
            }
        }
    }

    private static String overTcp(final byte[] message) throws IOException
    {
        return overTcp(message, false, false);
    }

    /**
     * The answers over a new connection; without a probe when the server is to close it (a probe it never reads
     * would make the close a reset, which can take the answer with it).
     */
    private static String overTcp(final byte[] message, final boolean endsTheStream, final boolean closes)
        throws IOException
    {
        try (Socket socket = new Socket())
        {
            socket.bind(new InetSocketAddress(InetAddress.getByName(SOURCE), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), tcpServer.sipTcpPort()), 2000);
            socket.setSoTimeout(5000);
            final OutputStream out = socket.getOutputStream();
            out.write(message);
            final String probeId = probeIdFor(message);
            if (!closes)
            {
                out.write(probe(probeId, 5060).replace("SIP/2.0/UDP", "SIP/2.0/TCP")
                    .getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            if (endsTheStream)
            {
                socket.shutdownOutput();
            }
            final InputStream in = socket.getInputStream();
            final List<String> statuses = new ArrayList<>();
            while (true)
            {
                final String response = readMessage(in);
                if (response == null)
                {
                    statuses.add("close");
                    break;
                }
                if (probeId.equals(key(response.getBytes(StandardCharsets.UTF_8))))
                {
                    assertEquals(200, status(response), response);
                    break;
                }
                statuses.add(String.valueOf(status(response)));
            }
            return statuses.isEmpty() ? "-" : String.join("/", statuses);
        }
    }

    /** One SIP message from a stream (headers, then Content-Length bytes), or null at the end of the stream. */
    private static String readMessage(final InputStream in) throws IOException
    {
        final ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        try
        {
            while ((b = in.read()) >= 0)
            {
                head.write(b);
                final byte[] h = head.toByteArray();
                final int n = h.length;
                if (n == 2 && h[0] == '\r' && h[1] == '\n')
                {
                    head.reset(); // a keep-alive CRLF
                }
                else if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n')
                {
                    final String headers = head.toString(StandardCharsets.UTF_8);
                    final Matcher m = Pattern.compile("(?mi)^(?:Content-Length|l)\\s*:\\s*(\\d+)").matcher(headers);
                    final int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
                    return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
                }
            }
        }
        catch (final SocketTimeoutException ex)
        {
            throw new SocketTimeoutException("no answer within 5 s; so far: " + head);
        }
        return null;
    }

    /** An OPTIONS whose answer comes back to {@code port} of 127.0.0.2. */
    private static String probe(final String callId, final int port)
    {
        return "OPTIONS sip:127.0.0.1 SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP " + SOURCE + ":" + port + ";branch=z9hG4bK" + callId + "\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:probe@" + SOURCE + ">;tag=probe\r\n"
            + "To: <sip:127.0.0.1>\r\n"
            + "Call-ID: " + callId + "\r\n"
            + "CSeq: 1 OPTIONS\r\n"
            + "Content-Length: 0\r\n\r\n";
    }

    private static int status(final String response)
    {
        final Matcher m = STATUS.matcher(response);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** What tells a message's answers apart: its first Call-ID, or its first branch if it has none (insuf). */
    private static String key(final byte[] message)
    {
        final String text = new String(message, StandardCharsets.ISO_8859_1);
        final Matcher callId = Pattern.compile("(?mi)^(?:Call-ID|i)[ \\t]*:[ \\t]*(\\S+)").matcher(text);
        if (callId.find())
        {
            return callId.group(1);
        }
        final Matcher branch = Pattern.compile("branch=([^;,\\s]+)").matcher(text);
        return branch.find() ? branch.group(1) : "";
    }

    private static byte[] load(final String name) throws IOException
    {
        try (InputStream in = TortureSystemTest.class.getResourceAsStream("/sip/torture/" + name + ".sip"))
        {
            assertNotNull(in, name);
            final byte[] bytes = in.readAllBytes();
            assertTrue(bytes.length > 0);
            return bytes;
        }
    }
}

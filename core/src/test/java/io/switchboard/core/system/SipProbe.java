package io.switchboard.core.system;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A raw SIP client over one UDP socket, for tests that must see the server's answers byte for byte (a scanner's
 * view): sends a request, collects what comes back for its Call-ID until a final response, and acknowledges a
 * final response to an INVITE (RFC 3261 §17.1.1.3) so that the server stops retransmitting it.
 */
final class SipProbe implements AutoCloseable
{
    private static final Pattern STATUS = Pattern.compile("^SIP/2\\.0 (\\d{3})");
    private static final Pattern CALL_ID = Pattern.compile("(?mi)^(?:Call-ID|i)\\s*:\\s*(\\S+)");

    private final DatagramSocket socket;
    private final InetSocketAddress server;

    /** A socket on {@code localAddress} (a loopback address of the test's choosing), any port. */
    SipProbe(final String localAddress, final int serverPort) throws IOException
    {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        this.socket.setSoTimeout(5000);
        this.server = new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort);
    }

    String localHost()
    {
        return socket.getLocalAddress().getHostAddress();
    }

    int localPort()
    {
        return socket.getLocalPort();
    }

    /** What came back for one request: every response in order (provisional ones first), and the round trip. */
    record Exchange(List<String> responses, long finalNanos)
    {
        String last()
        {
            return responses.get(responses.size() - 1);
        }

        int status()
        {
            return status(last());
        }

        static int status(final String response)
        {
            final Matcher m = STATUS.matcher(response);
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        }
    }

    /** Sends the request and waits (at most 5 s) for its final response; ACKs it if the request was an INVITE. */
    Exchange send(final String request) throws IOException
    {
        final String callId = callId(request);
        final byte[] bytes = request.getBytes(StandardCharsets.UTF_8);
        final long start = System.nanoTime();
        socket.send(new DatagramPacket(bytes, bytes.length, server));
        final List<String> responses = new ArrayList<>();
        while (true)
        {
            final String response = receive();
            if (!callId.equals(callId(response)))
            {
                continue; // a late retransmission from an earlier exchange
            }
            responses.add(response);
            final int status = Exchange.status(response);
            if (status >= 200)
            {
                final long elapsed = System.nanoTime() - start;
                if (request.startsWith("INVITE "))
                {
                    ack(request, response);
                }
                return new Exchange(responses, elapsed);
            }
        }
    }

    private String receive() throws IOException
    {
        final byte[] buffer = new byte[65535];
        final DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try
        {
            socket.receive(packet);
        }
        catch (final SocketTimeoutException ex)
        {
            throw new SocketTimeoutException("no final response within 5 s");
        }
        return new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    /** The ACK of a non-2xx final response: same branch, the response's To (with its tag), CSeq method ACK. */
    private void ack(final String invite, final String response) throws IOException
    {
        final String requestLine = invite.substring(0, invite.indexOf("\r\n"));
        final String uri = requestLine.split(" ")[1];
        final StringBuilder ack = new StringBuilder("ACK ").append(uri).append(" SIP/2.0\r\n");
        ack.append(header(invite, "Via")).append(header(invite, "From")).append(header(response, "To"))
            .append(header(invite, "Call-ID")).append("Max-Forwards: 70\r\n");
        final String cseq = header(invite, "CSeq");
        ack.append(cseq.replace("INVITE", "ACK")).append("Content-Length: 0\r\n\r\n");
        final byte[] bytes = ack.toString().getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, server));
    }

    /** The first header line of that name (with its CRLF), as sent. */
    static String header(final String message, final String name)
    {
        final Matcher m = Pattern.compile("(?mi)^" + Pattern.quote(name) + "\\s*:.*\r\n").matcher(message);
        if (!m.find())
        {
            throw new IllegalArgumentException("no " + name + " in\n" + message);
        }
        return m.group();
    }

    private static String callId(final String message)
    {
        final Matcher m = CALL_ID.matcher(message);
        return m.find() ? m.group(1) : "";
    }

    @Override
    public void close()
    {
        socket.close();
    }
}

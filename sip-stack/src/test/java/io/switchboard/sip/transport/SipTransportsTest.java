package io.switchboard.sip.transport;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.netty.channel.EventLoopGroup;
import io.switchboard.sip.SipCounters;
import io.switchboard.sip.message.SipFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(20)
class SipTransportsTest
{
    private record Received(SIPMessage message, Flow flow)
    {
    }

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final SipCounters counters = new SipCounters();
    private EventLoopGroup group;
    private SipTransports transports;

    @BeforeEach
    void start() throws Exception
    {
        group = SipTransports.newEventLoopGroup(2);
        transports = SipTransports.start(group,
            SipTransportConfig.defaults().withBindAddress(InetAddress.getLoopbackAddress()).withPorts(0, 0),
            (message, flow) -> received.add(new Received((SIPMessage)message, flow)), counters);
    }

    @AfterEach
    void stop()
    {
        transports.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private Received take() throws InterruptedException
    {
        final Received r = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(r, "no message received");
        return r;
    }

    private static SIPResponse ok(final SIPMessage request) throws Exception
    {
        final SIPResponse response = (SIPResponse)SipFactories.MESSAGES.createResponse(200, (SIPRequest)request);
        response.getTo().setTag("sw1");
        return response;
    }

    @Test
    void shouldReceiveOverUdpAndAnswerThroughSend() throws Exception
    {
        assertTrue(transports.udpPort() > 0);
        try (DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            phone.setSoTimeout(10_000);
            final byte[] options = Captured.options("udp-1").getBytes(StandardCharsets.ISO_8859_1);
            phone.send(new DatagramPacket(options, options.length, InetAddress.getLoopbackAddress(),
                transports.udpPort()));
            final Received r = take();
            assertEquals("udp-1", r.message().getCallId().getCallId());
            assertEquals("UDP", r.flow().transport().name());
            assertEquals(phone.getLocalPort(), r.flow().remote().getPort());

            transports.send(ok(r.message()), r.flow().asTarget(), null);
            final byte[] buffer = new byte[4096];
            final DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            phone.receive(reply);
            final String text = new String(buffer, 0, reply.getLength(), StandardCharsets.ISO_8859_1);
            assertTrue(text.startsWith("SIP/2.0 200 OK\r\n"), text);
            assertTrue(text.contains("udp-1"), text);
        }
        assertEquals(1, counters.get(SipCounters.Id.MESSAGES_RECEIVED));
    }

    @Test
    void shouldReceiveOverTcpAndAnswerOverSameConnection() throws Exception
    {
        try (Socket phone = new Socket(InetAddress.getLoopbackAddress(), transports.tcpPort()))
        {
            phone.setSoTimeout(10_000);
            phone.getOutputStream().write(Captured.options("tcp-1").replace("/UDP", "/TCP")
                .getBytes(StandardCharsets.ISO_8859_1));
            phone.getOutputStream().flush();
            final Received r = take();
            assertEquals("tcp-1", r.message().getCallId().getCallId());
            assertEquals("TCP", r.flow().transport().name());
            assertTrue(r.flow().isReliable());

            transports.send(ok(r.message()), r.flow().asTarget(), null);
            final String text = readMessage(phone.getInputStream());
            assertTrue(text.startsWith("SIP/2.0 200 OK\r\n"), text);
            assertTrue(text.contains("tcp-1"), text);
        }
    }

    @Test
    void shouldSendEncodedBytesUnchangedOverUdpAndTcp() throws Exception
    {
        try (DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            Socket tcpPhone = new Socket(InetAddress.getLoopbackAddress(), transports.tcpPort()))
        {
            phone.setSoTimeout(10_000);
            final byte[] options = Captured.options("enc-1").getBytes(StandardCharsets.ISO_8859_1);
            phone.send(new DatagramPacket(options, options.length, InetAddress.getLoopbackAddress(),
                transports.udpPort()));
            final Received r = take();
            final Target target = r.flow().asTarget();
            final byte[] encoded = transports.encode(ok(r.message()), target);

            transports.sendEncoded(encoded, target, null);
            transports.sendEncoded(encoded, target, null);

            for (int i = 0; i < 2; i++)
            {
                final byte[] buffer = new byte[4096];
                final DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                phone.receive(reply);
                assertArrayEquals(encoded, java.util.Arrays.copyOf(buffer, reply.getLength()));
            }

            tcpPhone.setSoTimeout(10_000);
            tcpPhone.getOutputStream().write(Captured.options("enc-2").replace("/UDP", "/TCP")
                .getBytes(StandardCharsets.ISO_8859_1));
            tcpPhone.getOutputStream().flush();
            final Received overTcp = take();
            final byte[] tcpEncoded = transports.encode(ok(overTcp.message()), overTcp.flow().asTarget());
            transports.sendEncoded(tcpEncoded, overTcp.flow().asTarget(), null);
            assertEquals(new String(tcpEncoded, StandardCharsets.ISO_8859_1), readMessage(tcpPhone.getInputStream()));
        }
    }

    @Test
    void shouldReportFailureOfEncodedSendWithoutMessage() throws Exception
    {
        final BlockingQueue<Object> failures = new LinkedBlockingQueue<>();
        transports.sendEncoded(new byte[] {'x'}, new Target("SCTP", new InetSocketAddress(5060), null),
            (message, target, cause) -> failures.add(message == null ? cause : message));
        assertTrue(failures.poll(10, TimeUnit.SECONDS) instanceof java.io.IOException);
        assertEquals(1, counters.get(SipCounters.Id.SEND_FAILURES));
    }

    @Test
    void shouldReportTcpConnectFailureThroughListener() throws Exception
    {
        final int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            closedPort = probe.getLocalPort();
        }
        final BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();
        final SIPMessage request = new io.switchboard.sip.message.JainSipParser()
            .parse(Captured.options("fail").getBytes(StandardCharsets.ISO_8859_1), 0,
                Captured.options("fail").length()) instanceof io.switchboard.sip.message.ParseResult.Parsed p ?
            p.message() : null;
        transports.send(request, new Target("TCP", new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort),
            null), (message, target, cause) -> failures.add(cause));
        assertNotNull(failures.poll(10, TimeUnit.SECONDS));
        assertEquals(1, counters.get(SipCounters.Id.SEND_FAILURES));
    }

    @Test
    void shouldUseBoundAddressForLocalAddress()
    {
        final HostPort local = transports.localAddressFor(Target.udp(new InetSocketAddress("192.0.2.1", 5060)));
        assertEquals(new HostPort("127.0.0.1", transports.udpPort()), local);
    }

    private static String readMessage(final InputStream in) throws Exception
    {
        final StringBuilder sb = new StringBuilder();
        while (!sb.toString().contains("\r\n\r\n"))
        {
            final int b = in.read();
            if (b < 0)
            {
                break;
            }
            sb.append((char)b);
        }
        return sb.toString();
    }
}

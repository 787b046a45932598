package io.switchboard.core.system;

import io.switchboard.sip.SipCounters;
import io.switchboard.sip.registrar.Binding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The B2BUA driven over real UDP sockets by SIPp: registration with digest, calls between extensions, CANCEL,
 * BYE from either side, 480 and 404, and a burst of malformed requests. Each test uses its own extension.
 */
@Timeout(90)
class B2buaSystemTest extends ServerSystemTest
{
    /** Registers the extension from a sipp bound to {@code port}, so that a UAS started there gets its calls. */
    private static void register(final String extension, final int port) throws Exception
    {
        final Sipp sipp = Sipp.scenario("register-" + extension, "register/register.xml")
            .registering(extension, 300).credentials(extension, "demo-" + extension).port(port);
        assertEquals(0, sipp.run(server.sipUdpPort()), sipp::traces);
        final List<Binding> bindings = server.locations().lookup(extension, System.currentTimeMillis());
        assertTrue(bindings.stream().anyMatch(b -> b.contact().contains(":" + port)), "contacts " + bindings);
    }

    private static void callBetween(final String name, final String calleeScenario, final String callerScenario,
        final String caller, final String callee) throws Exception
    {
        callBetween(name, calleeScenario, callerScenario, caller, callee, false);
    }

    /** Registers the callee from a SIPp UAS, calls it from a SIPp UAC (over UDP or TCP), both must succeed. */
    private static void callBetween(final String name, final String calleeScenario, final String callerScenario,
        final String caller, final String callee, final boolean callerOverTcp) throws Exception
    {
        final int calleePort = Sipp.freeUdpPort();
        register(callee, calleePort);
        final Sipp uas = Sipp.scenario(name + "-callee", calleeScenario).port(calleePort).start(0);
        try
        {
            final Sipp uac = Sipp.scenario(name + "-caller", callerScenario)
                .credentials(caller, "demo-" + caller).service(callee).arg("-d", "200");
            if (callerOverTcp)
            {
                uac.arg("-t", "t1");
            }
            else
            {
                uac.port(Sipp.freeUdpPort());
            }
            assertEquals(0, uac.run(callerOverTcp ? server.sipTcpPort() : server.sipUdpPort()), uac::traces);
            assertEquals(0, uas.await(30), uas::traces);
        }
        finally
        {
            uas.kill();
        }
        awaitNoActiveCalls();
    }

    @Test
    void shouldRegisterWithDigest() throws Exception
    {
        register("1010", Sipp.freeUdpPort());
        assertTrue(server.counters().get(SipCounters.Id.AUTH_CHALLENGES) > 0);
    }

    @Test
    void shouldConnectACallAndEndItWhenTheCallerHangsUp() throws Exception
    {
        final long answered = server.stats().answered();
        callBetween("basic", "call/callee.xml", "call/caller.xml", "1001", "1002");
        assertEquals(answered + 1, server.stats().answered());
    }

    @Test
    void shouldEndTheCallWhenTheCalleeHangsUp() throws Exception
    {
        callBetween("callee-bye", "callee-bye/callee-hangup.xml", "callee-bye/caller.xml", "1003", "1004");
    }

    @Test
    void shouldAnswerAHoldReInviteItselfWithoutDisturbingTheCallee() throws Exception
    {
        // Media is anchored: the hold offer is answered (recvonly) by the server; the callee sees no re-INVITE.
        callBetween("reinvite", "call/callee.xml", "reinvite/caller.xml", "1011", "1012");
    }

    @Test
    void shouldCancelARingingCall() throws Exception
    {
        final long unanswered = server.stats().unanswered();
        callBetween("cancel", "cancel/callee-ring.xml", "cancel/caller-cancel.xml", "1005", "1006");
        assertEquals(unanswered + 1, server.stats().unanswered());
    }

    @Test
    void shouldForkToEveryContactAndCancelTheOthersWhenOneAnswers() throws Exception
    {
        final int answeringPort = Sipp.freeUdpPort();
        final int ringingPort = Sipp.freeUdpPort();
        register("1009", answeringPort);
        register("1009", ringingPort);
        final Sipp answering = Sipp.scenario("fork-answering", "call/callee.xml").port(answeringPort).start(0);
        final Sipp ringing = Sipp.scenario("fork-ringing", "cancel/callee-ring.xml").port(ringingPort).start(0);
        try
        {
            final Sipp uac = Sipp.scenario("fork-caller", "call/caller.xml").credentials("1001", "demo-1001")
                .service("1009").port(Sipp.freeUdpPort()).arg("-d", "200");
            assertEquals(0, uac.run(server.sipUdpPort()), uac::traces);
            assertEquals(0, answering.await(30), answering::traces);
            assertEquals(0, ringing.await(30), ringing::traces);
        }
        finally
        {
            answering.kill();
            ringing.kill();
        }
        awaitNoActiveCalls();
    }

    @Test
    void shouldConnectACallerOverTcp() throws Exception
    {
        callBetween("tcp", "call/callee.xml", "call/caller.xml", "1007", "1008", true);
    }

    @Test
    void shouldAnswer480ForAnUnregisteredExtension() throws Exception
    {
        final Sipp uac = Sipp.scenario("unregistered", "reject/caller-480.xml").credentials("1007", "demo-1007")
            .service("1020").port(Sipp.freeUdpPort());
        assertEquals(0, uac.run(server.sipUdpPort()), uac::traces);
    }

    @Test
    void shouldAnswer404ForAnUnknownExtension() throws Exception
    {
        final Sipp uac = Sipp.scenario("unknown", "reject/caller-404.xml").credentials("1007", "demo-1007")
            .service("7777").port(Sipp.freeUdpPort());
        assertEquals(0, uac.run(server.sipUdpPort()), uac::traces);
    }

    @Test
    void shouldChallengeAStrangerLikeAnExtension() throws Exception
    {
        final long challenges = server.counters().get(SipCounters.Id.AUTH_CHALLENGES);
        final Sipp uac = Sipp.scenario("stranger", "reject/stranger-407.xml").service("1002")
            .port(Sipp.freeUdpPort());
        assertEquals(0, uac.run(server.sipUdpPort()), uac::traces);
        assertEquals(challenges + 1, server.counters().get(SipCounters.Id.AUTH_CHALLENGES), "challenged, not refused");
        assertEquals(0, server.stats().active(), "no call started for a stranger");
    }

    @Test
    void shouldStillAnswerOptionsAfterABurstOfMalformedRequests() throws Exception
    {
        final long before = server.counters().get(SipCounters.Id.MALFORMED_ANSWERED_400)
            + server.counters().get(SipCounters.Id.MALFORMED_DROPPED);
        final InetAddress loopback = InetAddress.getLoopbackAddress();
        int answered400 = 0;
        try (DatagramSocket socket = new DatagramSocket(0, loopback))
        {
            socket.setSoTimeout(2000);
            for (int i = 0; i < 200; i++)
            {
                final byte[] junk = malformed(i, socket.getLocalPort()).getBytes(StandardCharsets.ISO_8859_1);
                socket.send(new DatagramPacket(junk, junk.length, loopback, server.sipUdpPort()));
            }
            // Requests whose Via, From, To, Call-ID and CSeq could be read get a 400 back.
            final byte[] buffer = new byte[4096];
            try
            {
                while (true)
                {
                    final DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    socket.receive(packet);
                    final String text = new String(buffer, 0, packet.getLength(), StandardCharsets.ISO_8859_1);
                    if (text.startsWith("SIP/2.0 400"))
                    {
                        answered400++;
                    }
                }
            }
            catch (final java.net.SocketTimeoutException done)
            {
                // no more answers
            }
        }
        assertTrue(answered400 >= 50, "400 answers: " + answered400);
        final long after = server.counters().get(SipCounters.Id.MALFORMED_ANSWERED_400)
            + server.counters().get(SipCounters.Id.MALFORMED_DROPPED);
        assertTrue(after - before >= 150, "malformed counted: " + (after - before));
        final Sipp options = Sipp.scenario("options-after-junk", "options/options.xml").port(Sipp.freeUdpPort());
        assertEquals(0, options.run(server.sipUdpPort()), options::traces);
    }

    /** Three kinds of bad input: binary junk, a request with a broken CSeq, a request line that is not SIP. */
    private static String malformed(final int i, final int port)
    {
        return switch (i % 4)
        {
            case 0 -> "\u0001\u0002garbage" + i + "\r\n\r\n";
            case 1 -> "INVITE sip:1002@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + port
                + ";branch=z9hG4bKjunk" + i
                + "\r\nFrom: <sip:x@127.0.0.1>;tag=a" + i + "\r\nTo: <sip:1002@127.0.0.1>\r\nCall-ID: junk" + i
                + "\r\nCSeq: notanumber INVITE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
            case 2 -> "OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bKj" + i
                + "\r\nFrom: <sip:x@127.0.0.1>;tag=b" + i + "\r\nTo: <sip:y@127.0.0.1>\r\nCall-ID: junk-b" + i
                + "\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
            default -> "NOT A SIP MESSAGE AT ALL " + i;
        };
    }
}

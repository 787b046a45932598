package io.switchboard.media.ice;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * STUN against the RFC 5769 test vectors, and the ICE-lite agent's answers to the checks a browser sends: verified
 * ones answered and remembered, bad ones refused with the RFC 5389 error, consent kept and lost on the clock.
 */
class IceLiteAgentTest
{
    private static final String PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt";

    /** RFC 5769 §2.1: a Binding request with SOFTWARE, PRIORITY, ICE-CONTROLLED, USERNAME "evtj:h6vY", MI, FP. */
    private static final byte[] SAMPLE_REQUEST = HexFormat.of().parseHex(
        "000100582112a442b7e7a701bc34d686fa87dfae"
            + "802200105354554e207465737420636c69656e74"
            + "002400046e0001ff"
            + "80290008932ff9b151263b36"
            + "000600096576746a3a68367659202020"
            + "000800149aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a2"
            + "80280004e57a3bcf");

    /** RFC 5769 §2.2: the IPv4 success response, XOR-MAPPED-ADDRESS 192.0.2.1:32853. */
    private static final byte[] SAMPLE_RESPONSE = HexFormat.of().parseHex(
        "0101003c2112a442b7e7a701bc34d686fa87dfae"
            + "8022000b7465737420766563746f7220"
            + "002000080001a147e112a643"
            + "000800142b91f599fd9e90c38c7489f92af9ba53f06be7d7"
            + "80280004c07d4c96");

    private static final InetSocketAddress BROWSER = new InetSocketAddress("192.0.2.1", 32853);
    private static final long SECOND = 1_000_000_000L;

    private static Mac mac(final String password) throws Exception
    {
        final Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(password.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return mac;
    }

    @Test
    void theSampleRequestParsesAndVerifies() throws Exception
    {
        final StunMessage request = StunMessage.parse(SAMPLE_REQUEST, 0, SAMPLE_REQUEST.length);
        assertNotNull(request);
        assertTrue(request.isBindingRequest());
        assertEquals("evtj:h6vY", request.username());
        assertEquals(0x6e0001ffL, request.priority());
        assertFalse(request.controlling(), "the sample is ICE-CONTROLLED");
        assertTrue(request.fingerprintMatches());
        assertTrue(request.integrityMatches(mac(PASSWORD)));
        assertFalse(request.integrityMatches(mac("another password")));
    }

    @Test
    void theWriterBuildsTheSampleResponseByteForByte() throws Exception
    {
        final byte[] id = HexFormat.of().parseHex("b7e7a701bc34d686fa87dfae");
        final byte[] built = new StunWriter().padding((byte)' ').start(StunMessage.BINDING_SUCCESS, id)
            .software("test vector").xorMappedAddress(BROWSER).messageIntegrity(mac(PASSWORD)).fingerprint()
            .finish();
        assertArrayEquals(SAMPLE_RESPONSE, built);
    }

    @Test
    void aVerifiedCheckIsAnsweredAndGivesThePeerAndConsent() throws Exception
    {
        final IceLiteAgent agent = IceLiteAgent.withCredentials("evtj", PASSWORD);
        assertFalse(agent.hasConsent(0));
        assertEquals(IceLiteAgent.Outcome.ANSWERED, agent.onStun(SAMPLE_REQUEST, 0, SAMPLE_REQUEST.length, BROWSER,
            0));
        assertEquals(BROWSER, agent.peer());
        assertTrue(agent.hasConsent(29 * SECOND));
        assertFalse(agent.hasConsent(31 * SECOND), "RFC 7675: consent lapses 30 s after the last check");

        final StunMessage response = StunMessage.parse(agent.response(), 0, agent.response().length);
        assertNotNull(response);
        assertEquals(StunMessage.BINDING_SUCCESS, response.type());
        assertArrayEquals(HexFormat.of().parseHex("b7e7a701bc34d686fa87dfae"), response.transactionId());
        assertTrue(response.integrityMatches(mac(PASSWORD)));
        assertTrue(response.fingerprintMatches() && response.hasFingerprint());
        // XOR-MAPPED-ADDRESS of 192.0.2.1:32853 is the sample's (RFC 5769 §2.2), after the header.
        assertArrayEquals(HexFormat.of().parseHex("002000080001a147e112a643"),
            java.util.Arrays.copyOfRange(agent.response(), 20, 32));
    }

    @Test
    void checksWithTheWrongCredentialsOrNoneAreRefusedAndTeachNothing() throws Exception
    {
        final IceLiteAgent agent = IceLiteAgent.withCredentials("abcd", PASSWORD);
        assertEquals(IceLiteAgent.Outcome.REFUSED, agent.onStun(SAMPLE_REQUEST, 0, SAMPLE_REQUEST.length, BROWSER,
            0), "USERNAME is not ours");
        assertEquals(401, errorCode(agent.response()));

        final IceLiteAgent right = IceLiteAgent.withCredentials("evtj", PASSWORD);
        final byte[] tampered = SAMPLE_REQUEST.clone();
        tampered[27] ^= 1;
        assertEquals(IceLiteAgent.Outcome.REFUSED, right.onStun(tampered, 0, tampered.length, BROWSER, 0));
        assertEquals(401, errorCode(right.response()));
        assertNull(right.peer());

        final byte[] bare = new StunWriter().start(StunMessage.BINDING_REQUEST, new byte[12]).fingerprint().finish();
        assertEquals(IceLiteAgent.Outcome.REFUSED, right.onStun(bare, 0, bare.length, BROWSER, 0));
        assertEquals(400, errorCode(right.response()), "no USERNAME, no MESSAGE-INTEGRITY");
        assertEquals(2, right.refused());
        assertFalse(right.hasConsent(0));
    }

    @Test
    void whatIsNotARequestIsIgnored()
    {
        final IceLiteAgent agent = IceLiteAgent.withCredentials("evtj", PASSWORD);
        assertEquals(IceLiteAgent.Outcome.IGNORED, agent.onStun(SAMPLE_RESPONSE, 0, SAMPLE_RESPONSE.length, BROWSER,
            0));
        final byte[] rtp = {(byte)0x80, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        assertEquals(IceLiteAgent.Outcome.IGNORED, agent.onStun(rtp, 0, rtp.length, BROWSER, 0));
        final byte[] truncated = java.util.Arrays.copyOf(SAMPLE_REQUEST, 60);
        assertEquals(IceLiteAgent.Outcome.IGNORED, agent.onStun(truncated, 0, truncated.length, BROWSER, 0));
        assertNull(agent.response());
    }

    @Test
    void theNominatedAddressWinsAndConsentFollowsTheChecks() throws Exception
    {
        final IceLiteAgent agent = IceLiteAgent.withNewCredentials();
        assertTrue(agent.ufrag().length() >= 4 && agent.password().length() >= 22, "RFC 8445 §5.3");
        final InetSocketAddress host = new InetSocketAddress(InetAddress.getLoopbackAddress(), 50000);
        final InetSocketAddress relayed = new InetSocketAddress("203.0.113.5", 40000);
        agent.onStun(check(agent, false), 0, check(agent, false).length, relayed, 0);
        assertEquals(relayed, agent.peer());
        assertFalse(agent.nominated());
        final byte[] nominating = check(agent, true);
        assertEquals(IceLiteAgent.Outcome.ANSWERED, agent.onStun(nominating, 0, nominating.length, host, SECOND));
        assertEquals(host, agent.peer());
        assertTrue(agent.nominated());
        agent.onStun(check(agent, false), 0, check(agent, false).length, relayed, 2 * SECOND);
        assertEquals(host, agent.peer(), "an unnominated check does not move a nominated pair");
        assertTrue(agent.hasConsent(31 * SECOND), "the check at 2 s renewed consent until 32 s");
        assertFalse(agent.hasConsent(33 * SECOND));
    }

    /** A browser's check: USERNAME ours:theirs, PRIORITY, ICE-CONTROLLING, USE-CANDIDATE if nominating. */
    private static byte[] check(final IceLiteAgent agent, final boolean nominate) throws Exception
    {
        final StunWriter writer = new StunWriter().start(StunMessage.BINDING_REQUEST, new byte[] {1, 2, 3, 4, 5, 6,
            7, 8, 9, 10, 11, 12});
        writer.attribute(StunMessage.USERNAME, (agent.ufrag() + ":brws").getBytes(StandardCharsets.UTF_8));
        writer.attribute(StunMessage.PRIORITY, new byte[] {0x6e, 0, 1, (byte)0xff});
        writer.attribute(StunMessage.ICE_CONTROLLING, new byte[8]);
        if (nominate)
        {
            writer.attribute(StunMessage.USE_CANDIDATE, new byte[0]);
        }
        return writer.messageIntegrity(mac(agent.password())).fingerprint().finish();
    }

    private static int errorCode(final byte[] response)
    {
        assertEquals(StunMessage.BINDING_ERROR, (response[0] & 0xFF) << 8 | response[1] & 0xFF);
        // ERROR-CODE is the first attribute: class at byte 26, number at 27.
        assertEquals(StunMessage.ERROR_CODE, (response[20] & 0xFF) << 8 | response[21] & 0xFF);
        return response[26] * 100 + response[27];
    }
}

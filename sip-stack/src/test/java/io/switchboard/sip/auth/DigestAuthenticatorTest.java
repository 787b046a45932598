package io.switchboard.sip.auth;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.SipCounters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.WWWAuthenticateHeader;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DigestAuthenticatorTest
{
    private static final String REALM = "sb.example";
    private static final String CNONCE = "0a4f113b";
    private static final String REGISTER_URI = "sip:sb.example";
    private static final String INVITE_URI = "sip:200@sb.example";
    private static final long T0 = 1_700_000_000_000L;

    private final Map<String, String> passwords = Map.of("100", "secret100", "200", "pw200");
    private final SipCounters counters = new SipCounters();
    private InetAddress source;
    private DigestConfig config;
    private DigestAuthenticator authenticator;

    @BeforeEach
    void setUp() throws Exception
    {
        source = InetAddress.getByName("192.0.2.10");
        config = new DigestConfig().realm(REALM).conclude();
        authenticator = newAuthenticator(config);
    }

    private DigestAuthenticator newAuthenticator(final DigestConfig config)
    {
        return new DigestAuthenticator(config, passwords::get, new AuthThrottle(config), counters);
    }

    @Test
    void shouldChallengeRegisterWith401OfferingSha256ThenMd5()
    {
        final AuthResult result = authenticator.authenticate(register(null), source, T0);

        assertFalse(result.isAuthenticated());
        final SIPResponse response = result.response();
        assertEquals(401, response.getStatusCode());
        assertNotNull(response.getTo().getTag());
        final List<WWWAuthenticateHeader> challenges = challenges(response, WWWAuthenticateHeader.NAME);
        assertEquals(2, challenges.size());
        assertEquals("SHA-256", challenges.get(0).getAlgorithm());
        assertEquals("MD5", challenges.get(1).getAlgorithm());
        for (final WWWAuthenticateHeader challenge : challenges)
        {
            assertEquals(REALM, challenge.getRealm());
            assertEquals("auth", challenge.getQop());
            assertFalse(challenge.isStale());
            assertNull(challenge.getOpaque());
            assertEquals(challenges.get(0).getNonce(), challenge.getNonce());
        }
        assertTrue(response.toString().contains("qop=\"auth\""));
        assertEquals(1, counters.get(SipCounters.Id.AUTH_CHALLENGES));
        assertEquals(0, counters.get(SipCounters.Id.AUTH_FAILURES));
    }

    @Test
    void shouldChallengeInviteWith407ProxyAuthenticate()
    {
        final SIPResponse response = authenticator.authenticate(invite(null), source, T0).response();

        assertEquals(407, response.getStatusCode());
        final List<WWWAuthenticateHeader> challenges = challenges(response, ProxyAuthenticateHeader.NAME);
        assertEquals(2, challenges.size());
        assertTrue(challenges.get(0) instanceof ProxyAuthenticateHeader);
        assertEquals("SHA-256", challenges.get(0).getAlgorithm());
        assertEquals("MD5", challenges.get(1).getAlgorithm());
        assertNull(response.getHeader(WWWAuthenticateHeader.NAME));
    }

    @Test
    void shouldIncludeOpaqueWhenConfiguredAndRequireItBack()
    {
        authenticator = newAuthenticator(new DigestConfig().realm(REALM).opaque("op4que").conclude());
        final SIPResponse challenge = authenticator.authenticate(register(null), source, T0).response();
        assertEquals("op4que", challenges(challenge, WWWAuthenticateHeader.NAME).get(0).getOpaque());
        final String nonce = nonceOf(challenge);

        final String withoutOpaque = authorization("Authorization", "MD5", "100", "secret100", "REGISTER",
            REGISTER_URI, nonce, "00000001");
        assertFalse(authenticator.authenticate(register(withoutOpaque), source, T0).isAuthenticated());

        final String withOpaque = authorization("Authorization", "MD5", "100", "secret100", "REGISTER",
            REGISTER_URI, nonce, "00000002") + ", opaque=\"op4que\"";
        assertEquals("100", authenticator.authenticate(register(withOpaque), source, T0).user());
    }

    @Test
    void aShortLivedSecondPasswordIsAcceptedBesideTheUsersOwn()
    {
        final CredentialStore store = new CredentialStore()
        {
            @Override
            public String password(final String user)
            {
                return passwords.get(user);
            }

            @Override
            public List<String> passwords(final String user)
            {
                return "100".equals(user) ? List.of("secret100", "web-token-1") : List.of();
            }
        };
        authenticator = new DigestAuthenticator(config, store, new AuthThrottle(config), counters);
        final String nonce = nonceOf(authenticator.authenticate(register(null), source, T0).response());
        assertEquals("100", authenticator.authenticate(register(authorization("Authorization", "MD5", "100",
            "web-token-1", "REGISTER", REGISTER_URI, nonce, "00000001")), source, T0).user());
        assertEquals("100", authenticator.authenticate(register(authorization("Authorization", "MD5", "100",
            "secret100", "REGISTER", REGISTER_URI, nonce, "00000002")), source, T0).user());
        assertFalse(authenticator.authenticate(register(authorization("Authorization", "MD5", "100",
            "another-token", "REGISTER", REGISTER_URI, nonce, "00000003")), source, T0).isAuthenticated());
        assertFalse(authenticator.authenticate(register(authorization("Authorization", "MD5", "200",
            "pw200", "REGISTER", REGISTER_URI, nonce, "00000004")), source, T0).isAuthenticated(),
            "this store knows no password of 200");
    }

    @Test
    void shouldAuthenticateRegisterWithMd5AndQopAuth()
    {
        final String nonce = nonceOf(authenticator.authenticate(register(null), source, T0).response());
        final String credentials = authorization("Authorization", "MD5", "100", "secret100", "REGISTER",
            REGISTER_URI, nonce, "00000001");

        final AuthResult result = authenticator.authenticate(register(credentials), source, T0 + 100);

        assertTrue(result.isAuthenticated());
        assertEquals("100", result.user());
        assertNull(result.response());
        assertEquals(0, counters.get(SipCounters.Id.AUTH_FAILURES));
    }

    @Test
    void shouldAuthenticateRegisterWithSha256AndQopAuth()
    {
        final String nonce = nonceOf(authenticator.authenticate(register(null), source, T0).response());
        final String credentials = authorization("Authorization", "SHA-256", "100", "secret100", "REGISTER",
            REGISTER_URI, nonce, "00000001");

        assertEquals("100", authenticator.authenticate(register(credentials), source, T0 + 100).user());
    }

    @Test
    void shouldAuthenticateInviteWithProxyAuthorization()
    {
        final String nonce = nonceOf(authenticator.authenticate(invite(null), source, T0).response());
        final String credentials = authorization("Proxy-Authorization", "SHA-256", "100", "secret100", "INVITE",
            INVITE_URI, nonce, "00000001");

        assertEquals("100", authenticator.authenticate(invite(credentials), source, T0 + 100).user());
    }

    @Test
    void shouldIgnoreAuthorizationHeaderOnInvite()
    {
        final String nonce = nonceOf(authenticator.authenticate(invite(null), source, T0).response());
        final String credentials = authorization("Authorization", "MD5", "100", "secret100", "INVITE",
            INVITE_URI, nonce, "00000001");

        final AuthResult result = authenticator.authenticate(invite(credentials), source, T0);

        assertEquals(407, result.response().getStatusCode());
        assertEquals(0, counters.get(SipCounters.Id.AUTH_FAILURES));
    }

    @Test
    void shouldAcceptUppercaseHexDigest()
    {
        final String nonce = nonceOf(authenticator.authenticate(register(null), source, T0).response());
        final String response = DigestClient.response("MD5", "100", REALM, "secret100", "REGISTER",
            REGISTER_URI, nonce, "00000001", CNONCE);
        final String credentials = authorization("Authorization", "MD5", "100", "secret100", "REGISTER",
            REGISTER_URI, nonce, "00000001").replace(response, response.toUpperCase());

        assertTrue(authenticator.authenticate(register(credentials), source, T0).isAuthenticated());
    }

    @Test
    void shouldRechallengeWrongPasswordAndCountFailure()
    {
        final String nonce = nonceOf(authenticator.authenticate(register(null), source, T0).response());
        final String credentials = authorization("Authorization", "MD5", "100", "wrong", "REGISTER",
            REGISTER_URI, nonce, "00000001");

        final AuthResult result = authenticator.authenticate(register(credentials), source, T0);

        assertFalse(result.isAuthenticated());
        assertEquals(401, result.response().getStatusCode());
        assertFalse(challenges(result.response(), WWWAuthenticateHeader.NAME).get(0).isStale());
        assertEquals(1, counters.get(SipCounters.Id.AUTH_FAILURES));
    }

    @Test
    void shouldAnswerUnknownUserExactlyLikeWrongPassword()
    {
        final String nonce = nonceOf(authenticator.authenticate(register(null), source, T0).response());
        final SIPResponse wrongPassword = authenticator.authenticate(register(authorization("Authorization",
            "MD5", "100", "wrong", "REGISTER", REGISTER_URI, nonce, "00000001")), source, T0).response();
        final SIPResponse unknownUser = authenticator.authenticate(register(authorization("Authorization",
            "MD5", "999", "whatever", "REGISTER", REGISTER_URI, nonce, "00000001")), source, T0).response();

        assertEquals(wrongPassword.getStatusCode(), unknownUser.getStatusCode());
        assertEquals(shape(wrongPassword), shape(unknownUser));
        assertEquals(2, counters.get(SipCounters.Id.AUTH_FAILURES));
    }

    @Test
    void shouldRechallengeWithStaleWhenNonceExpiredButDigestRight()
    {
        final String nonce = nonceOf(authenticator.authenticate(register(null), source, T0).response());
        final String credentials = authorization("Authorization", "MD5", "100", "secret100", "REGISTER",
            REGISTER_URI, nonce, "00000001");

        final long afterTtl = T0 + DigestConfig.DEFAULT_NONCE_TTL_MS + 1;
        final AuthResult result = authenticator.authenticate(register(credentials), source, afterTtl);

        assertEquals(401, result.response().getStatusCode());
        final List<WWWAuthenticateHeader> challenges = challenges(result.response(), WWWAuthenticateHeader.NAME);
        assertTrue(challenges.get(0).isStale());
        assertTrue(challenges.get(1).isStale());
        assertNotEquals(nonce, challenges.get(0).getNonce());
        assertEquals(0, counters.get(SipCounters.Id.AUTH_FAILURES));
    }

    @Test
    void shouldAcceptNonceJustBeforeTtl()
    {
        final String nonce = nonceOf(authenticator.authenticate(register(null), source, T0).response());
        final String credentials = authorization("Authorization", "MD5", "100", "secret100", "REGISTER",
            REGISTER_URI, nonce, "00000001");

        final long atTtl = T0 + DigestConfig.DEFAULT_NONCE_TTL_MS;
        assertTrue(authenticator.authenticate(register(credentials), source, atTtl).isAuthenticated());
    }

    @Test
    void shouldNotSayStaleWhenExpiredNonceCarriesWrongDigest()
    {
        final String nonce = nonceOf(authenticator.authenticate(register(null), source, T0).response());
        final String credentials = authorization("Authorization", "MD5", "100", "wrong", "REGISTER",
            REGISTER_URI, nonce, "00000001");

        final AuthResult result = authenticator.authenticate(register(credentials), source, T0 + 3_600_000);

        assertFalse(challenges(result.response(), WWWAuthenticateHeader.NAME).get(0).isStale());
        assertEquals(1, counters.get(SipCounters.Id.AUTH_FAILURES));
    }

    @Test
    void shouldRejectReplayedNonceCount()
    {
        final String nonce = nonceOf(authenticator.authenticate(register(null), source, T0).response());
        final String first = authorization("Authorization", "MD5", "100", "secret100", "REGISTER",
            REGISTER_URI, nonce, "00000001");
        assertTrue(authenticator.authenticate(register(first), source, T0).isAuthenticated());

        final AuthResult replay = authenticator.authenticate(register(first), source, T0 + 10);

        assertFalse(replay.isAuthenticated());
        assertEquals(401, replay.response().getStatusCode());
        assertEquals(1, counters.get(SipCounters.Id.AUTH_FAILURES));
    }

    @Test
    void shouldRejectLowerNonceCountAndAcceptHigher()
    {
        final String nonce = nonceOf(authenticator.authenticate(register(null), source, T0).response());
        assertTrue(authenticator.authenticate(register(authorization("Authorization", "MD5", "100", "secret100",
            "REGISTER", REGISTER_URI, nonce, "00000005")), source, T0).isAuthenticated());

        assertFalse(authenticator.authenticate(register(authorization("Authorization", "MD5", "100", "secret100",
            "REGISTER", REGISTER_URI, nonce, "00000004")), source, T0).isAuthenticated());
        assertTrue(authenticator.authenticate(register(authorization("Authorization", "MD5", "100", "secret100",
            "REGISTER", REGISTER_URI, nonce, "0000000a")), source, T0).isAuthenticated());
        assertEquals(1, authenticator.trackedNonces());
    }

    @Test
    void shouldRejectTamperedNonce()
    {
        final String nonce = nonceOf(authenticator.authenticate(register(null), source, T0).response());
        final char last = nonce.charAt(nonce.length() - 2);
        final String forged = nonce.substring(0, nonce.length() - 2) + (last == 'A' ? 'B' : 'A') +
            nonce.charAt(nonce.length() - 1);
        final String credentials = authorization("Authorization", "MD5", "100", "secret100", "REGISTER",
            REGISTER_URI, forged, "00000001");

        final AuthResult result = authenticator.authenticate(register(credentials), source, T0);

        assertFalse(result.isAuthenticated());
        assertEquals(401, result.response().getStatusCode());
        assertFalse(challenges(result.response(), WWWAuthenticateHeader.NAME).get(0).isStale());
        assertEquals(1, counters.get(SipCounters.Id.AUTH_FAILURES));
    }

    @Test
    void shouldRejectInventedNonceAndNonceOfAnotherServer()
    {
        final DigestAuthenticator otherServer = newAuthenticator(config);
        final String foreign = nonceOf(otherServer.authenticate(register(null), source, T0).response());

        for (final String nonce : List.of(foreign, "dcd98b7102dd2f0e8b11d0f600bfb0c093", "not base64 !"))
        {
            final String credentials = authorization("Authorization", "MD5", "100", "secret100", "REGISTER",
                REGISTER_URI, nonce, "00000001");
            assertFalse(authenticator.authenticate(register(credentials), source, T0).isAuthenticated(), nonce);
        }
        assertEquals(3, counters.get(SipCounters.Id.AUTH_FAILURES));
    }

    @Test
    void shouldRefuseCredentialsWithoutQopByDefault()
    {
        final String nonce = nonceOf(authenticator.authenticate(register(null), source, T0).response());

        final AuthResult result = authenticator.authenticate(register(rfc2069(nonce)), source, T0);

        assertEquals(401, result.response().getStatusCode());
        assertEquals(1, counters.get(SipCounters.Id.AUTH_FAILURES));
    }

    @Test
    void shouldAcceptCredentialsWithoutQopWhenRfc2069Allowed()
    {
        authenticator = newAuthenticator(new DigestConfig().realm(REALM).allowRfc2069(true).conclude());
        final String nonce = nonceOf(authenticator.authenticate(register(null), source, T0).response());

        assertEquals("100", authenticator.authenticate(register(rfc2069(nonce)), source, T0).user());
    }

    @Test
    void shouldRefuseAlgorithmNotOffered()
    {
        authenticator = newAuthenticator(new DigestConfig().realm(REALM)
            .algorithms(List.of(DigestAlgorithm.SHA_256)).conclude());
        final SIPResponse challenge = authenticator.authenticate(register(null), source, T0).response();
        assertEquals(1, challenges(challenge, WWWAuthenticateHeader.NAME).size());
        final String credentials = authorization("Authorization", "MD5", "100", "secret100", "REGISTER",
            REGISTER_URI, nonceOf(challenge), "00000001");

        assertFalse(authenticator.authenticate(register(credentials), source, T0).isAuthenticated());
    }

    @Test
    void shouldAnswer400WhenUriIsNotTheRequestUri()
    {
        final String nonce = nonceOf(authenticator.authenticate(invite(null), source, T0).response());
        final String credentials = authorization("Proxy-Authorization", "MD5", "100", "secret100", "INVITE",
            "sip:300@sb.example", nonce, "00000001");

        final AuthResult result = authenticator.authenticate(invite(credentials), source, T0);

        assertEquals(400, result.response().getStatusCode());
        assertEquals(1, counters.get(SipCounters.Id.AUTH_FAILURES));
    }

    @Test
    void shouldAcceptUriDifferingOnlyInParametersAndDefaultPort()
    {
        final String nonce = nonceOf(authenticator.authenticate(invite(null), source, T0).response());
        final String uri = "sip:200@SB.example:5060;transport=udp";
        final String credentials = authorization("Proxy-Authorization", "MD5", "100", "secret100", "INVITE",
            uri, nonce, "00000001");

        assertTrue(authenticator.authenticate(invite(credentials), source, T0).isAuthenticated());
    }

    @Test
    void shouldIgnoreCredentialsForAnotherRealm()
    {
        final String nonce = nonceOf(authenticator.authenticate(register(null), source, T0).response());
        final String credentials = authorization("Authorization", "MD5", "100", "secret100", "REGISTER",
            REGISTER_URI, nonce, "00000001").replace(REALM, "other.example");

        final AuthResult result = authenticator.authenticate(register(credentials), source, T0);

        assertEquals(401, result.response().getStatusCode());
        assertEquals(0, counters.get(SipCounters.Id.AUTH_FAILURES));
    }

    @Test
    void shouldAnswer403WhenSourceIsThrottledEvenWithRightCredentials()
    {
        final String nonce = nonceOf(authenticator.authenticate(register(null), source, T0).response());
        for (int i = 1; i <= DigestConfig.DEFAULT_THROTTLE_MAX_FAILURES; i++)
        {
            final String wrong = authorization("Authorization", "MD5", "100", "guess" + i, "REGISTER",
                REGISTER_URI, nonce, "00000001");
            assertEquals(401, authenticator.authenticate(register(wrong), source, T0 + i).response().getStatusCode());
        }
        final String right = authorization("Authorization", "MD5", "100", "secret100", "REGISTER",
            REGISTER_URI, nonce, "00000001");

        final AuthResult blocked = authenticator.authenticate(register(right), source, T0 + 100);

        assertEquals(403, blocked.response().getStatusCode());
        assertEquals(1, counters.get(SipCounters.Id.AUTH_THROTTLED));
        final long afterBlock = T0 + 100 + DigestConfig.DEFAULT_THROTTLE_BLOCK_MS;
        final String fresh = nonceOf(authenticator.authenticate(register(null), source, afterBlock).response());
        assertTrue(authenticator.authenticate(register(authorization("Authorization", "MD5", "100", "secret100",
            "REGISTER", REGISTER_URI, fresh, "00000001")), source, afterBlock).isAuthenticated());
    }

    @Test
    void shouldNotCountRequestsWithoutCredentialsAsFailures() throws Exception
    {
        for (int i = 0; i < 50; i++)
        {
            assertEquals(401, authenticator.authenticate(register(null), source, T0 + i).response().getStatusCode());
        }
        assertEquals(0, counters.get(SipCounters.Id.AUTH_FAILURES));
        assertEquals(0, counters.get(SipCounters.Id.AUTH_THROTTLED));
    }

    @Test
    void shouldPruneNonceCountsOfExpiredNonces()
    {
        final String nonce = nonceOf(authenticator.authenticate(register(null), source, T0).response());
        assertTrue(authenticator.authenticate(register(authorization("Authorization", "MD5", "100", "secret100",
            "REGISTER", REGISTER_URI, nonce, "00000001")), source, T0).isAuthenticated());
        assertEquals(1, authenticator.trackedNonces());

        assertEquals(0, authenticator.pruneExpired(T0 + DigestConfig.DEFAULT_NONCE_TTL_MS));
        assertEquals(1, authenticator.pruneExpired(T0 + DigestConfig.DEFAULT_NONCE_TTL_MS + 1));
        assertEquals(0, authenticator.trackedNonces());
    }

    private String rfc2069(final String nonce)
    {
        final String response = DigestClient.responseWithoutQop("MD5", "100", REALM, "secret100", "REGISTER",
            REGISTER_URI, nonce);
        return "Authorization: Digest username=\"100\", realm=\"" + REALM + "\", nonce=\"" + nonce + "\", uri=\"" +
            REGISTER_URI + "\", response=\"" + response + "\"";
    }

    static String authorization(
        final String header,
        final String algorithm,
        final String user,
        final String password,
        final String method,
        final String uri,
        final String nonce,
        final String nc)
    {
        final String response = DigestClient.response(algorithm, user, REALM, password, method, uri, nonce, nc,
            CNONCE);
        return header + ": Digest username=\"" + user + "\", realm=\"" + REALM + "\", nonce=\"" + nonce +
            "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm=" + algorithm + ", cnonce=\"" +
            CNONCE + "\", nc=" + nc + ", qop=auth";
    }

    static SIPRequest register(final String credentials)
    {
        return SipText.request("REGISTER " + REGISTER_URI + " SIP/2.0\n" +
            "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-reg1;rport\n" +
            "Max-Forwards: 70\n" +
            "From: <sip:100@sb.example>;tag=f1\n" +
            "To: <sip:100@sb.example>\n" +
            "Call-ID: reg-1@192.0.2.10\n" +
            "CSeq: 1 REGISTER\n" +
            "Contact: <sip:100@192.0.2.10:5060>\n" +
            (credentials == null ? "" : credentials + "\n") +
            "Content-Length: 0\n\n");
    }

    static SIPRequest invite(final String credentials)
    {
        return SipText.request("INVITE " + INVITE_URI + " SIP/2.0\n" +
            "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-inv1;rport\n" +
            "Max-Forwards: 70\n" +
            "From: <sip:100@sb.example>;tag=f2\n" +
            "To: <sip:200@sb.example>\n" +
            "Call-ID: call-1@192.0.2.10\n" +
            "CSeq: 1 INVITE\n" +
            "Contact: <sip:100@192.0.2.10:5060>\n" +
            (credentials == null ? "" : credentials + "\n") +
            "Content-Length: 0\n\n");
    }

    static String nonceOf(final SIPResponse challenge)
    {
        final String name = challenge.getStatusCode() == 401 ?
            WWWAuthenticateHeader.NAME : ProxyAuthenticateHeader.NAME;
        return challenges(challenge, name).get(0).getNonce();
    }

    @SuppressWarnings("unchecked")
    static List<WWWAuthenticateHeader> challenges(final SIPResponse response, final String name)
    {
        final List<WWWAuthenticateHeader> list = new ArrayList<>();
        final ListIterator<WWWAuthenticateHeader> it = (ListIterator<WWWAuthenticateHeader>) (ListIterator<?>)
            response.getHeaders(name);
        while (it != null && it.hasNext())
        {
            list.add(it.next());
        }
        return list;
    }

    /** A challenge's headers with the varying values (tag, nonce) blanked, to compare two challenges. */
    private static String shape(final SIPResponse response)
    {
        final StringBuilder shape = new StringBuilder();
        for (final WWWAuthenticateHeader challenge : challenges(response, WWWAuthenticateHeader.NAME))
        {
            shape.append(challenge.toString().replace(challenge.getNonce(), "N"));
        }
        return shape.toString();
    }
}

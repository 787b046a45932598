package io.switchboard.sip.auth;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.SipCounters;
import org.junit.jupiter.api.Test;

import javax.sip.header.AuthorizationHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DigestAnswererTest
{
    private static final String REALM = "carrier.example";
    private static final String CNONCE = "0a4f113b";
    private static final String REQUEST_URI = "sip:carrier.example";

    private final DigestAnswerer answerer =
        new DigestAnswerer(List.of(UacCredentials.anyRealm("trunk1", "s3cret")), () -> CNONCE);

    // ------------------------------------------------------------------------------------------ known vectors

    @Test
    void shouldComputeTheRfc2617Example()
    {
        // RFC 2617 §3.5.
        final String digest = DigestAnswerer.requestDigest(DigestAlgorithm.MD5,
            UacCredentials.anyRealm("Mufasa", "Circle Of Life"), "testrealm@host.com", "GET", "/dir/index.html",
            "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b");

        assertEquals("6629fae49393a05397450978507c4ef1", digest);
    }

    @Test
    void shouldComputeTheRfc7616ExamplesWithSha256AndMd5()
    {
        // RFC 7616 §3.9.1.
        final UacCredentials mufasa = UacCredentials.anyRealm("Mufasa", "Circle of Life");
        final String nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
        final String cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

        assertEquals("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
            DigestAnswerer.requestDigest(DigestAlgorithm.SHA_256, mufasa, "http-auth@example.org", "GET",
                "/dir/index.html", nonce, "00000001", cnonce));
        assertEquals("8ca523f5e9506fed4657c9700eebdbec",
            DigestAnswerer.requestDigest(DigestAlgorithm.MD5, mufasa, "http-auth@example.org", "GET",
                "/dir/index.html", nonce, "00000001", cnonce));
    }

    // ------------------------------------------------------------------------------------------ choosing

    @Test
    void shouldAnswerTheSha256ChallengeWhenMd5IsOfferedFirst()
    {
        final SIPResponse challenge = challenge(401, "WWW-Authenticate",
            "Digest realm=\"carrier.example\", nonce=\"n1\", opaque=\"op-1\", algorithm=MD5, qop=\"auth\"",
            "Digest realm=\"carrier.example\", nonce=\"n1\", opaque=\"op-1\", algorithm=SHA-256, qop=\"auth\"");

        final AuthorizationHeader header = answerer.answer(challenge, register(null));

        assertNotNull(header);
        assertFalse(header instanceof ProxyAuthorizationHeader);
        assertEquals("trunk1", header.getUsername());
        assertEquals(REALM, header.getRealm());
        assertEquals("n1", header.getNonce());
        assertEquals(REQUEST_URI, header.getURI().toString());
        assertEquals("SHA-256", header.getAlgorithm());
        assertEquals("op-1", header.getOpaque());
        assertEquals("auth", header.getQop());
        assertEquals(CNONCE, header.getCNonce());
        assertEquals("00000001", header.getParameter("nc"));
        assertEquals(DigestClient.response("SHA-256", "trunk1", REALM, "s3cret", "REGISTER", REQUEST_URI, "n1",
            "00000001", CNONCE), header.getResponse());
        final String encoded = header.toString();
        assertTrue(encoded.contains("qop=auth,") || encoded.contains("qop=auth\r"), encoded);
        assertTrue(encoded.contains("nc=00000001"), encoded);
    }

    @Test
    void shouldAnswerA407WithProxyAuthorizationForTheInvite()
    {
        final SIPResponse challenge = challenge(407, "Proxy-Authenticate",
            "Digest realm=\"carrier.example\", nonce=\"p1\", algorithm=MD5, qop=\"auth\"");
        final SIPRequest invite = invite(null);

        final AuthorizationHeader header = answerer.answer(challenge, invite);

        assertInstanceOf(ProxyAuthorizationHeader.class, header);
        assertEquals("sip:+15551234@carrier.example", header.getURI().toString());
        assertEquals(DigestClient.response("MD5", "trunk1", REALM, "s3cret", "INVITE",
            "sip:+15551234@carrier.example", "p1", "00000001", CNONCE), header.getResponse());
    }

    @Test
    void shouldAnswerWithoutQopWhenTheServerOfferedNone()
    {
        final SIPResponse challenge = challenge(401, "WWW-Authenticate",
            "Digest realm=\"carrier.example\", nonce=\"old\"");

        final AuthorizationHeader header = answerer.answer(challenge, register(null));

        assertNotNull(header);
        assertNull(header.getQop());
        assertNull(header.getCNonce());
        assertNull(header.getParameter("nc"));
        assertNull(header.getAlgorithm(), "not echoed when the server did not name it");
        assertEquals(DigestClient.responseWithoutQop("MD5", "trunk1", REALM, "s3cret", "REGISTER", REQUEST_URI,
            "old"), header.getResponse());
    }

    @Test
    void shouldChooseAuthWhenAuthIntIsAlsoOfferedAndRefuseAuthIntAlone()
    {
        final AuthorizationHeader both = answerer.answer(challenge(401, "WWW-Authenticate",
            "Digest realm=\"carrier.example\", nonce=\"n1\", qop=\"auth-int,auth\""), register(null));
        final AuthorizationHeader intOnly = answerer.answer(challenge(401, "WWW-Authenticate",
            "Digest realm=\"carrier.example\", nonce=\"n2\", qop=\"auth-int\""), register(null));

        assertEquals("auth", both.getQop());
        assertNull(intOnly);
    }

    @Test
    void shouldNotAnswerUnknownAlgorithmsOrSchemes()
    {
        assertNull(answerer.answer(challenge(401, "WWW-Authenticate",
            "Digest realm=\"carrier.example\", nonce=\"n1\", algorithm=SHA-512-256, qop=\"auth\"",
            "Digest realm=\"carrier.example\", nonce=\"n1\", algorithm=MD5-sess, qop=\"auth\""), register(null)));
        assertNull(answerer.answer(challenge(401, "WWW-Authenticate", "Basic realm=\"carrier.example\""),
            register(null)));
    }

    @Test
    void shouldSkipAnUnknownAlgorithmAndAnswerAKnownOne()
    {
        final AuthorizationHeader header = answerer.answer(challenge(401, "WWW-Authenticate",
            "Digest realm=\"carrier.example\", nonce=\"n1\", algorithm=SHA-512-256, qop=\"auth\"",
            "Digest realm=\"carrier.example\", nonce=\"n1\", algorithm=MD5, qop=\"auth\""), register(null));

        assertEquals("MD5", header.getAlgorithm());
    }

    @Test
    void shouldUseTheCredentialsOfTheChallengedRealmOnly()
    {
        final DigestAnswerer perRealm = new DigestAnswerer(List.of(
            new UacCredentials("other.example", "x", "y"),
            new UacCredentials(REALM, "trunk2", "pw2")), () -> CNONCE);

        final AuthorizationHeader header = perRealm.answer(challenge(401, "WWW-Authenticate",
            "Digest realm=\"carrier.example\", nonce=\"n1\", qop=\"auth\""), register(null));
        final AuthorizationHeader unknownRealm = perRealm.answer(challenge(401, "WWW-Authenticate",
            "Digest realm=\"third.example\", nonce=\"n1\", qop=\"auth\""), register(null));

        assertEquals("trunk2", header.getUsername());
        assertNull(unknownRealm);
    }

    @Test
    void shouldNotAnswerOtherResponses()
    {
        assertNull(answerer.answer(challenge(403, "WWW-Authenticate",
            "Digest realm=\"carrier.example\", nonce=\"n1\", qop=\"auth\""), register(null)));
    }

    @Test
    void shouldNotPrintThePassword()
    {
        assertFalse(UacCredentials.anyRealm("u", "s3cret").toString().contains("s3cret"));
    }

    // ------------------------------------------------------------------------------------------ nonce-count, loops

    @Test
    void shouldIncreaseTheNonceCountWhileTheServerKeepsItsNonce()
    {
        final String same = "Digest realm=\"carrier.example\", nonce=\"kept\", qop=\"auth\"";

        final AuthorizationHeader first = answerer.answer(challenge(401, "WWW-Authenticate", same), register(null));
        final AuthorizationHeader second = answerer.answer(challenge(401, "WWW-Authenticate", same), register(null));
        final AuthorizationHeader fresh = answerer.answer(challenge(401, "WWW-Authenticate",
            "Digest realm=\"carrier.example\", nonce=\"new\", qop=\"auth\""), register(null));

        assertEquals("00000001", first.getParameter("nc"));
        assertEquals("00000002", second.getParameter("nc"));
        assertEquals(DigestClient.response("MD5", "trunk1", REALM, "s3cret", "REGISTER", REQUEST_URI, "kept",
            "00000002", CNONCE), second.getResponse());
        assertEquals("00000001", fresh.getParameter("nc"));
    }

    @Test
    void shouldNotAnswerTheSameNonceTwiceWhenNotStale()
    {
        final SIPResponse challenge = challenge(401, "WWW-Authenticate",
            "Digest realm=\"carrier.example\", nonce=\"n1\", qop=\"auth\"");
        final AuthorizationHeader first = answerer.answer(challenge, register(null));

        assertNotNull(first);
        assertNull(answerer.answer(challenge, register(first)), "wrong password: no loop");
    }

    @Test
    void shouldNotAnswerANewNonceThatIsNotStaleAfterOurCredentials()
    {
        // RFC 2617 §3.2.1: without stale=TRUE "the username and/or password are invalid". Our own authenticator
        // re-challenges a wrong password with a fresh nonce, so only the stale flag tells the cases apart.
        final AuthorizationHeader first = answerer.answer(challenge(401, "WWW-Authenticate",
            "Digest realm=\"carrier.example\", nonce=\"n1\", qop=\"auth\""), register(null));

        assertNull(answerer.answer(challenge(401, "WWW-Authenticate",
            "Digest realm=\"carrier.example\", nonce=\"n2\", qop=\"auth\""), register(first)));
    }

    @Test
    void shouldRetryAStaleNonce()
    {
        final AuthorizationHeader first = answerer.answer(challenge(401, "WWW-Authenticate",
            "Digest realm=\"carrier.example\", nonce=\"n1\", qop=\"auth\""), register(null));

        final AuthorizationHeader retried = answerer.answer(challenge(401, "WWW-Authenticate",
            "Digest realm=\"carrier.example\", nonce=\"n2\", qop=\"auth\", stale=true"), register(first));
        final AuthorizationHeader sameStale = answerer.answer(challenge(401, "WWW-Authenticate",
            "Digest realm=\"carrier.example\", nonce=\"n2\", qop=\"auth\", stale=true"), register(retried));

        assertNotNull(retried);
        assertEquals("n2", retried.getNonce());
        assertEquals("00000001", retried.getParameter("nc"));
        assertNull(sameStale, "a stale nonce that we answered already would be refused again");
    }

    // ------------------------------------------------------------------------------------------ our own server

    @Test
    void shouldBeAcceptedByOurOwnAuthenticatorForRegisterAndInvite() throws Exception
    {
        final DigestAuthenticator server = authenticator(new DigestConfig().realm(REALM).opaque("o-9").conclude());
        final DigestAnswerer client = new DigestAnswerer(UacCredentials.anyRealm("trunk1", "s3cret"));
        final InetAddress source = InetAddress.getByName("192.0.2.10");

        final SIPRequest register = register(null);
        final AuthResult registerChallenge = server.authenticate(register, source, 1_000L);
        final AuthorizationHeader registerCredentials = client.answer(registerChallenge.response(), register);
        final SIPRequest invite = invite(null);
        final AuthResult inviteChallenge = server.authenticate(invite, source, 1_000L);
        final AuthorizationHeader inviteCredentials = client.answer(inviteChallenge.response(), invite);

        assertEquals("SHA-256", registerCredentials.getAlgorithm());
        assertEquals("trunk1", server.authenticate(register(registerCredentials), source, 2_000L).user());
        assertEquals("trunk1", server.authenticate(invite(inviteCredentials), source, 2_000L).user());
    }

    @Test
    void shouldBeAcceptedWithoutQopByAnAuthenticatorAllowingRfc2069() throws Exception
    {
        final DigestAuthenticator server = authenticator(new DigestConfig().realm(REALM)
            .algorithms(List.of(DigestAlgorithm.MD5)).allowRfc2069(true).conclude());
        final InetAddress source = InetAddress.getByName("192.0.2.10");
        final SIPRequest register = register(null);
        final SIPResponse challenge = server.authenticate(register, source, 1_000L).response();
        // Our server always offers qop; take it out to play an RFC 2069 server.
        final javax.sip.header.WWWAuthenticateHeader offered =
            (javax.sip.header.WWWAuthenticateHeader)challenge.getHeader("WWW-Authenticate");
        offered.removeParameter("qop");

        final AuthorizationHeader credentials = answerer.answer(challenge, register);

        assertNull(credentials.getQop());
        assertTrue(server.authenticate(register(credentials), source, 2_000L).isAuthenticated());
    }

    @Test
    void shouldStopAfterOurOwnAuthenticatorRefusesAWrongPassword() throws Exception
    {
        final DigestAuthenticator server = authenticator(new DigestConfig().realm(REALM).conclude());
        final DigestAnswerer wrong = new DigestAnswerer(UacCredentials.anyRealm("trunk1", "guess"));
        final InetAddress source = InetAddress.getByName("192.0.2.10");
        final SIPRequest register = register(null);
        final AuthorizationHeader credentials =
            wrong.answer(server.authenticate(register, source, 1_000L).response(), register);
        final SIPRequest retried = register(credentials);

        final AuthResult refused = server.authenticate(retried, source, 2_000L);

        assertFalse(refused.isAuthenticated());
        assertEquals(401, refused.response().getStatusCode());
        assertNull(wrong.answer(refused.response(), retried));
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static DigestAuthenticator authenticator(final DigestConfig config)
    {
        return new DigestAuthenticator(config, Map.of("trunk1", "s3cret")::get, new AuthThrottle(config),
            new SipCounters());
    }

    private static SIPResponse challenge(final int status, final String name, final String... values)
    {
        final StringBuilder text = new StringBuilder("SIP/2.0 " + status + " Challenge\n" +
            "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-reg1;rport\n" +
            "From: <sip:trunk1@carrier.example>;tag=f1\n" +
            "To: <sip:trunk1@carrier.example>;tag=t1\n" +
            "Call-ID: reg-1@192.0.2.10\n" +
            "CSeq: 1 REGISTER\n");
        for (final String value : values)
        {
            text.append(name).append(": ").append(value).append('\n');
        }
        text.append("Content-Length: 0\n\n");
        return (SIPResponse)SipText.parse(text.toString());
    }

    private static SIPRequest register(final AuthorizationHeader credentials)
    {
        return withCredentials(SipText.request("REGISTER " + REQUEST_URI + " SIP/2.0\n" +
            "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-reg1;rport\n" +
            "Max-Forwards: 70\n" +
            "From: <sip:trunk1@carrier.example>;tag=f1\n" +
            "To: <sip:trunk1@carrier.example>\n" +
            "Call-ID: reg-1@192.0.2.10\n" +
            "CSeq: 1 REGISTER\n" +
            "Contact: <sip:trunk1@192.0.2.10:5060>\n" +
            "Content-Length: 0\n\n"), credentials);
    }

    private static SIPRequest invite(final AuthorizationHeader credentials)
    {
        return withCredentials(SipText.request("INVITE sip:+15551234@carrier.example SIP/2.0\n" +
            "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-inv1;rport\n" +
            "Max-Forwards: 70\n" +
            "From: <sip:trunk1@carrier.example>;tag=f2\n" +
            "To: <sip:+15551234@carrier.example>\n" +
            "Call-ID: call-1@192.0.2.10\n" +
            "CSeq: 1 INVITE\n" +
            "Contact: <sip:trunk1@192.0.2.10:5060>\n" +
            "Content-Length: 0\n\n"), credentials);
    }

    private static SIPRequest withCredentials(final SIPRequest request, final AuthorizationHeader credentials)
    {
        if (credentials != null)
        {
            request.addHeader(credentials);
            try
            {
                final CSeqHeader cseq = request.getCSeq();
                cseq.setSeqNumber(cseq.getSeqNumber() + 1);
            }
            catch (final javax.sip.InvalidArgumentException ex)
            {
                throw new IllegalStateException(ex);
            }
        }
        return request;
    }
}

package io.switchboard.sip.auth;

import io.switchboard.sip.message.Responses;

import gov.nist.javax.sip.message.SIPRequest;
import io.switchboard.sip.SipCounters;

import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * Digest authentication of requests (RFC 3261 §22, RFC 2617 with MD5, RFC 8760 with SHA-256), {@code qop=auth}.
 * <p>
 * Decisions:
 * <ul>
 *   <li>Nonces are stateless ({@link Nonces}): timestamp plus HMAC-SHA256 under a secret made at start-up. A nonce
 *   older than the TTL is stale: when the digest was otherwise right, the client is re-challenged with
 *   {@code stale=true}.</li>
 *   <li>Replay protection by nonce-count ({@link NonceCounts}): an nc not greater than the last one accepted with
 *   that nonce is refused with a fresh challenge and counted as a failure.</li>
 *   <li>Credentials without qop (RFC 2069 clients) are refused unless {@link DigestConfig#allowRfc2069()}.</li>
 *   <li>An unknown user and a wrong password look the same: the digest is computed against a dummy password and
 *   the client is re-challenged, so responses do not tell which users exist. Digests are compared in constant
 *   time.</li>
 *   <li>A {@code uri} parameter that does not name the Request-URI ({@link DigestUri}) gets
 *   {@code 400 Bad Request} (RFC 2617 §3.2.2.5).</li>
 *   <li>Every failed check (bad digest, forged nonce, replayed nc, wrong opaque, unsupported algorithm or qop) counts
 *   towards the {@link AuthThrottle} of the source address; a blocked source gets {@code 403 Forbidden}. A request
 *   without credentials is only challenged, not counted as a failure.</li>
 *   <li>The username is authenticated, nothing more: binding it to the To (REGISTER, RFC 3261 §10.3 step 5) or
 *   From identity is the caller's policy.</li>
 * </ul>
 * <p>
 * Thread safety: one instance serves every event loop. The nonce-count table and the throttle are shared
 * {@link java.util.concurrent.ConcurrentHashMap}s updated by atomic per-key {@code compute} with immutable values
 * (no locks of our own); everything else is immutable.
 */
public final class DigestAuthenticator
{
    private static final String DUMMY_PASSWORD = "\u0000no such user\u0000";
    private static final int SECRET_BYTES = 32;

    private final DigestConfig config;
    private final CredentialStore credentials;
    private final AuthThrottle throttle;
    private final SipCounters counters;
    private final Nonces nonces;
    private final NonceCounts nonceCounts;
    private final DigestChallenge challenge;

    /**
     * @param config      a concluded config.
     * @param credentials where passwords come from.
     * @param throttle    the failure throttle, shared with whatever else authenticates.
     * @param counters    AUTH_CHALLENGES, AUTH_FAILURES and AUTH_THROTTLED are counted here.
     */
    public DigestAuthenticator(
        final DigestConfig config,
        final CredentialStore credentials,
        final AuthThrottle throttle,
        final SipCounters counters)
    {
        this(config, credentials, throttle, counters, newSecret());
    }

    DigestAuthenticator(
        final DigestConfig config,
        final CredentialStore credentials,
        final AuthThrottle throttle,
        final SipCounters counters,
        final byte[] secret)
    {
        this.config = config;
        this.credentials = credentials;
        this.throttle = throttle;
        this.counters = counters;
        this.nonces = new Nonces(secret);
        this.nonceCounts = new NonceCounts(config.maxTrackedNonces());
        this.challenge = new DigestChallenge(config);
    }

    /**
     * Authenticates a request (not ACK or CANCEL, which cannot be challenged, RFC 3261 §22.1).
     *
     * @param request the request, with Authorization (REGISTER) or Proxy-Authorization (others) if it has any.
     * @param source  the packet source address, for the throttle.
     * @param nowMs   the current time.
     * @return the authenticated user, or the response to send.
     */
    public AuthResult authenticate(final Request requestMessage, final InetAddress source, final long nowMs)
    {
        final SIPRequest request = (SIPRequest)requestMessage;
        if (throttle.isBlocked(source, nowMs))
        {
            counters.increment(SipCounters.Id.AUTH_THROTTLED);
            return AuthResult.rejected(Responses.withToTag(request, Response.FORBIDDEN));
        }
        final String headerName = Request.REGISTER.equals(request.getMethod()) ?
            AuthorizationHeader.NAME : ProxyAuthorizationHeader.NAME;
        final DigestCredentials digest = DigestCredentials.find(request, headerName, config.realm());
        if (digest == null)
        {
            return challenge(request, false, nowMs);
        }
        if (digest.uri() != null && !DigestUri.matches(digest.uri(), request.getRequestURI()))
        {
            fail(source, nowMs);
            return AuthResult.rejected(Responses.withToTag(request, Response.BAD_REQUEST));
        }
        final long issuedAtMs = nonces.issuedAtMs(digest.nonce() == null ? "" : digest.nonce());
        if (issuedAtMs == Nonces.FORGED || !isAcceptable(digest) || !isDigestRight(request, digest))
        {
            return failAndChallenge(request, source, nowMs);
        }
        if (Math.abs(nowMs - issuedAtMs) > config.nonceTtlMs())
        {
            return challenge(request, true, nowMs);
        }
        if (digest.qop() != null &&
            !nonceCounts.advance(digest.nonce(), digest.nonceCount(), issuedAtMs + config.nonceTtlMs(), nowMs))
        {
            return failAndChallenge(request, source, nowMs);
        }
        return AuthResult.authenticated(digest.username());
    }

    /** Forgets the nonce-counts of expired nonces; returns how many. For a housekeeping timer. */
    public int pruneExpired(final long nowMs)
    {
        return nonceCounts.pruneExpired(nowMs);
    }

    /** How many nonces have their nonce-count tracked now. */
    public int trackedNonces()
    {
        return nonceCounts.size();
    }

    private boolean isAcceptable(final DigestCredentials digest)
    {
        if (!digest.isComplete())
        {
            return false;
        }
        final DigestAlgorithm algorithm = DigestAlgorithm.fromToken(digest.algorithm());
        if (algorithm == null || !config.algorithms().contains(algorithm))
        {
            return false;
        }
        if (config.opaque() != null && !config.opaque().equals(digest.opaque()))
        {
            return false;
        }
        if (digest.qop() == null)
        {
            return config.allowRfc2069();
        }
        return "auth".equalsIgnoreCase(digest.qop()) && digest.cnonce() != null && digest.nonceCount() > 0;
    }

    /**
     * Whether the response was made with one of the user's passwords. An unknown user is checked against a dummy
     * password all the same, so that the answer takes as long and says nothing about whether the user exists.
     */
    private boolean isDigestRight(final SIPRequest request, final DigestCredentials digest)
    {
        final java.util.List<String> passwords = credentials.passwords(digest.username());
        if (passwords.isEmpty())
        {
            isDigestRight(request, digest, DUMMY_PASSWORD);
            return false;
        }
        boolean right = false;
        for (final String password : passwords)
        {
            right |= isDigestRight(request, digest, password);
        }
        return right;
    }

    private boolean isDigestRight(final SIPRequest request, final DigestCredentials digest, final String password)
    {
        final DigestAlgorithm algorithm = DigestAlgorithm.fromToken(digest.algorithm());
        final String ha1 = algorithm.hashHex(digest.username() + ":" + digest.realm() + ":" + password);
        final String ha2 = algorithm.hashHex(request.getMethod() + ":" + digest.uri());
        final String expected = digest.qop() == null ?
            algorithm.hashHex(ha1 + ":" + digest.nonce() + ":" + ha2) :
            algorithm.hashHex(ha1 + ":" + digest.nonce() + ":" + digest.nc() + ":" + digest.cnonce() + ":" +
                digest.qop() + ":" + ha2);
        final boolean equal = MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.US_ASCII),
            digest.response().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        return equal;
    }

    private AuthResult failAndChallenge(final SIPRequest request, final InetAddress source, final long nowMs)
    {
        fail(source, nowMs);
        return challenge(request, false, nowMs);
    }

    private void fail(final InetAddress source, final long nowMs)
    {
        counters.increment(SipCounters.Id.AUTH_FAILURES);
        throttle.recordFailure(source, nowMs);
    }

    private AuthResult challenge(final SIPRequest request, final boolean stale, final long nowMs)
    {
        counters.increment(SipCounters.Id.AUTH_CHALLENGES);
        return AuthResult.rejected(challenge.challenge(request, nonces.issue(nowMs), stale));
    }

    private static byte[] newSecret()
    {
        final byte[] secret = new byte[SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        return secret;
    }
}

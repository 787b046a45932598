package io.switchboard.sip.auth;

import javax.sip.message.Request;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.message.SipFactories;

import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.Header;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Response;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The client side of digest authentication (RFC 3261 §22.2 for a UAC, §22.3 for a proxy's challenge; RFC 2617,
 * RFC 7616 and RFC 8760 for SHA-256): answers the 401 or 407 that a carrier sends to our REGISTER or INVITE with the
 * Authorization or Proxy-Authorization header to put in the retried request.
 * <p>
 * Decisions:
 * <ul>
 *   <li>Of several challenges (one per algorithm, RFC 8760 §2.4), the strongest we support is answered: SHA-256
 *   over MD5. The {@code -sess} variants, SHA-512-256 and other schemes than Digest are skipped.</li>
 *   <li>{@code qop=auth} when offered, with a fresh random cnonce and an nc that increases while the server keeps
 *   the nonce (one counter per realm, so the table stays as small as the number of realms). {@code auth-int} is
 *   not supported: a challenge offering only it is not answered. A challenge without qop gets an RFC 2069 answer
 *   (no cnonce, nc or qop).</li>
 *   <li>No loop on a wrong password (RFC 2617 §3.2.1): if the challenged request already carried our credentials for
 *   that realm and the new challenge is not {@code stale=true}, the server refused them and we do not answer again.
 *   A stale challenge with the same nonce is refused too: answering it would only be refused again.</li>
 *   <li>A response challenging several realms (a forking proxy aggregating 401s) is answered for the first realm,
 *   in header order, that we have credentials for: our trunks have one realm.</li>
 *   <li>The {@code uri} is the Request-URI as the request encodes it, and the digest is computed over that exact
 *   string, so the server sees the same bytes it hashes.</li>
 * </ul>
 * <p>
 * Thread safety: none; owned by the event loop of the trunk (or call leg) it answers for, like the rest of its
 * state.
 */
public final class DigestAnswerer
{
    private static final int CNONCE_BYTES = 12;
    private static final int MAX_TRACKED_REALMS = 16;
    private static final String AUTH = "auth";

    /** The nonce a realm last gave us and the nonce-count last used with it. */
    private record NonceUse(String nonce, long nc)
    {
    }

    /** A challenge we can answer: which header, its algorithm, whether it offers qop=auth. */
    private record Candidate(WWWAuthenticateHeader header, DigestAlgorithm algorithm, boolean qopAuth,
        UacCredentials credentials)
    {
    }

    private final List<UacCredentials> accounts;
    private final Supplier<String> cnonces;
    private final Map<String, NonceUse> nonceUses = new HashMap<>();

    /**
     * @param accounts our credentials, tried in order for the realm the server names.
     */
    public DigestAnswerer(final List<UacCredentials> accounts)
    {
        this(accounts, randomCnonces());
    }

    /** One account for any realm: the usual trunk configuration. */
    public DigestAnswerer(final UacCredentials account)
    {
        this(List.of(account));
    }

    /** For tests: fixed client nonces, so that digests are known in advance. */
    DigestAnswerer(final List<UacCredentials> accounts, final Supplier<String> cnonces)
    {
        this.accounts = List.copyOf(accounts);
        this.cnonces = cnonces;
    }

    /**
     * The credentials answering a challenge.
     *
     * @param challenge  a 401 (WWW-Authenticate) or 407 (Proxy-Authenticate) response.
     * @param challenged the request that got it, as sent: its method and Request-URI are what the digest covers,
     *                   and the credentials it already carried tell a refused password from a stale nonce. The
     *                   retried request must keep the same method and Request-URI.
     * @return an Authorization header (for a 401) or a Proxy-Authorization header (for a 407) to add to the retried
     *     request, or null if we cannot or must not answer: another status, no usable challenge (unknown algorithm
     *     or scheme, only auth-int), no credentials for the realm, or our credentials were just refused.
     */
    public AuthorizationHeader answer(final Response challengeMessage, final Request challengedMessage)
    {
        final SIPResponse challenge = (SIPResponse)challengeMessage;
        final SIPRequest challenged = (SIPRequest)challengedMessage;
        final int status = challenge.getStatusCode();
        if (status != Response.UNAUTHORIZED && status != Response.PROXY_AUTHENTICATION_REQUIRED)
        {
            return null;
        }
        final boolean proxy = status == Response.PROXY_AUTHENTICATION_REQUIRED;
        final Candidate best = choose(challenge, proxy ? ProxyAuthenticateHeader.NAME : WWWAuthenticateHeader.NAME);
        if (best == null || wasRefused(challenged, proxy, best.header()))
        {
            return null;
        }
        return credentials(best, proxy, challenged.getMethod(), challenged.getRequestURI());
    }

    /** Forgets the nonce-counts, e.g. when the trunk's configuration changes. */
    public void reset()
    {
        nonceUses.clear();
    }

    /**
     * The request-digest of RFC 2617 §3.2.2.1 (with the hash of RFC 7616 §3.4.1): KD(H(A1), nonce:nc:cnonce:qop:H(A2))
     * with qop, KD(H(A1), nonce:H(A2)) without (RFC 2069).
     */
    static String requestDigest(
        final DigestAlgorithm algorithm,
        final UacCredentials credentials,
        final String realm,
        final String method,
        final String uri,
        final String nonce,
        final String nc,
        final String cnonce)
    {
        final String ha1 = algorithm.hashHex(credentials.username() + ":" + realm + ":" + credentials.password());
        final String ha2 = algorithm.hashHex(method + ":" + uri);
        if (nc == null)
        {
            return algorithm.hashHex(ha1 + ":" + nonce + ":" + ha2);
        }
        return algorithm.hashHex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + AUTH + ":" + ha2);
    }

    private Candidate choose(final SIPResponse challenge, final String headerName)
    {
        Candidate best = null;
        final ListIterator<? extends Header> headers = challenge.getHeaders(headerName);
        while (headers != null && headers.hasNext())
        {
            final Candidate candidate = headers.next() instanceof WWWAuthenticateHeader header ? usable(header) : null;
            if (candidate == null)
            {
                continue;
            }
            if (best == null)
            {
                best = candidate;
            }
            else if (best.header().getRealm().equals(candidate.header().getRealm()) &&
                strength(candidate.algorithm()) > strength(best.algorithm()))
            {
                best = candidate;
            }
        }
        return best;
    }

    private Candidate usable(final WWWAuthenticateHeader header)
    {
        if (!"Digest".equalsIgnoreCase(header.getScheme()) || header.getRealm() == null || header.getNonce() == null)
        {
            return null;
        }
        final DigestAlgorithm algorithm = DigestAlgorithm.fromToken(header.getAlgorithm());
        if (algorithm == null)
        {
            return null;
        }
        final String qop = header.getQop();
        final boolean qopAuth = qop != null && offersAuth(qop);
        if (qop != null && !qop.isBlank() && !qopAuth)
        {
            return null;
        }
        final UacCredentials credentials = credentialsFor(header.getRealm());
        return credentials == null ? null : new Candidate(header, algorithm, qopAuth, credentials);
    }

    private static boolean offersAuth(final String qop)
    {
        for (final String option : qop.split(","))
        {
            if (AUTH.equalsIgnoreCase(option.trim()))
            {
                return true;
            }
        }
        return false;
    }

    private static int strength(final DigestAlgorithm algorithm)
    {
        return algorithm == DigestAlgorithm.SHA_256 ? 2 : 1;
    }

    private UacCredentials credentialsFor(final String realm)
    {
        for (final UacCredentials account : accounts)
        {
            if (account.appliesTo(realm))
            {
                return account;
            }
        }
        return null;
    }

    /**
     * True if the challenged request already carried credentials for this realm and the server did not say they
     * were only stale: answering again with the same password would be refused again, forever.
     */
    private static boolean wasRefused(final SIPRequest challenged, final boolean proxy,
        final WWWAuthenticateHeader header)
    {
        final String sentName = proxy ? ProxyAuthorizationHeader.NAME : AuthorizationHeader.NAME;
        final ListIterator<? extends Header> sent = challenged.getHeaders(sentName);
        while (sent != null && sent.hasNext())
        {
            if (sent.next() instanceof AuthorizationHeader credentials &&
                header.getRealm().equals(credentials.getRealm()))
            {
                return !header.isStale() || header.getNonce().equals(credentials.getNonce());
            }
        }
        return false;
    }

    private AuthorizationHeader credentials(final Candidate best, final boolean proxy, final String method,
        final URI requestUri)
    {
        final WWWAuthenticateHeader header = best.header();
        final String realm = header.getRealm();
        final String nonce = header.getNonce();
        final String uri = requestUri.toString();
        final long nc = best.qopAuth() ? nextNonceCount(realm, nonce) : 0;
        final String ncText = best.qopAuth() ? String.format("%08x", nc) : null;
        final String cnonce = best.qopAuth() ? cnonces.get() : null;
        final String response =
            requestDigest(best.algorithm(), best.credentials(), realm, method, uri, nonce, ncText, cnonce);
        try
        {
            final AuthorizationHeader out = proxy ?
                SipFactories.HEADERS.createProxyAuthorizationHeader("Digest") :
                SipFactories.HEADERS.createAuthorizationHeader("Digest");
            out.setUsername(best.credentials().username());
            out.setRealm(realm);
            out.setNonce(nonce);
            out.setURI(requestUri);
            out.setResponse(response);
            if (header.getAlgorithm() != null)
            {
                // Echoed as the server wrote it: RFC 2069 servers may not know the parameter at all.
                out.setAlgorithm(header.getAlgorithm());
            }
            if (header.getOpaque() != null)
            {
                out.setOpaque(header.getOpaque());
            }
            if (best.qopAuth())
            {
                out.setCNonce(cnonce);
                out.setNonceCount((int)nc);
                out.setQop(AUTH);
            }
            return out;
        }
        catch (final ParseException ex)
        {
            // Only reached for values the server sent that the RI refuses to re-encode: not answerable.
            return null;
        }
    }

    private long nextNonceCount(final String realm, final String nonce)
    {
        final NonceUse previous = nonceUses.get(realm);
        final long nc = previous != null && previous.nonce().equals(nonce) ? previous.nc() + 1 : 1;
        if (previous == null && nonceUses.size() >= MAX_TRACKED_REALMS)
        {
            // Only a server inventing realms gets here; forgetting a count only restarts it at 1 for a new nonce.
            nonceUses.clear();
        }
        nonceUses.put(realm, new NonceUse(nonce, nc));
        return nc;
    }

    private static Supplier<String> randomCnonces()
    {
        final SecureRandom random = new SecureRandom();
        return () ->
        {
            final byte[] bytes = new byte[CNONCE_BYTES];
            random.nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        };
    }
}

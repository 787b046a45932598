package io.switchboard.sip.auth;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.message.Responses;
import io.switchboard.sip.message.SipFactories;

import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.text.ParseException;

/**
 * Builds the responses of digest authentication (RFC 3261 §22.1, §22.3): {@code 401 Unauthorized} with
 * WWW-Authenticate for REGISTER (the registrar is the UAS), {@code 407 Proxy Authentication Required} with
 * Proxy-Authenticate for every other request (we act as the proxy towards the called party). One challenge header
 * per offered algorithm, in the configured order, SHA-256 first by default (RFC 8760 §2.4), all with the same
 * nonce and {@code qop="auth"}.
 */
final class DigestChallenge
{
    private final DigestConfig config;

    DigestChallenge(final DigestConfig config)
    {
        this.config = config;
    }

    /**
     * A challenge for {@code request}.
     *
     * @param nonce a fresh nonce.
     * @param stale true when the credentials were right but their nonce expired (RFC 2617 §3.2.1): the client
     *              retries with the new nonce without asking the user.
     */
    SIPResponse challenge(final SIPRequest request, final String nonce, final boolean stale)
    {
        final boolean register = Request.REGISTER.equals(request.getMethod());
        final SIPResponse response = Responses.withToTag(request,
            register ? Response.UNAUTHORIZED : Response.PROXY_AUTHENTICATION_REQUIRED);
        try
        {
            for (final DigestAlgorithm algorithm : config.algorithms())
            {
                final WWWAuthenticateHeader header = register ?
                    SipFactories.HEADERS.createWWWAuthenticateHeader("Digest") :
                    SipFactories.HEADERS.createProxyAuthenticateHeader("Digest");
                header.setRealm(config.realm());
                header.setNonce(nonce);
                if (config.opaque() != null)
                {
                    header.setOpaque(config.opaque());
                }
                if (stale)
                {
                    header.setStale(true);
                }
                header.setAlgorithm(algorithm.token());
                header.setQop("auth");
                response.addHeader(header);
            }
        }
        catch (final ParseException ex)
        {
            throw new IllegalStateException("concluded config makes valid challenge headers", ex);
        }
        return response;
    }

}

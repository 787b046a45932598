package io.switchboard.sip.auth;

import gov.nist.javax.sip.message.SIPResponse;

/**
 * The outcome of {@link DigestAuthenticator#authenticate}: either the authenticated user, or the response to send
 * instead of processing the request (a 401/407 challenge, 400 for credentials of another Request-URI, or 403 for a
 * throttled source).
 *
 * @param user     the authenticated username, or null if not authenticated.
 * @param response the response to send, or null if authenticated.
 */
public record AuthResult(String user, SIPResponse response)
{
    public static AuthResult authenticated(final String user)
    {
        return new AuthResult(user, null);
    }

    public static AuthResult rejected(final SIPResponse response)
    {
        return new AuthResult(null, response);
    }

    public boolean isAuthenticated()
    {
        return user != null;
    }
}

package io.switchboard.sip.auth;

import io.switchboard.sip.message.SipFactories;

import javax.sip.address.SipURI;
import javax.sip.address.URI;
import java.text.ParseException;
import java.util.Objects;

/**
 * Whether the {@code uri} parameter of credentials names the Request-URI (RFC 2617 §3.2.2.5), so that credentials
 * computed for one request cannot be used for another target.
 * <p>
 * Decision: lenient about trivial differences. The same string matches; otherwise both are parsed and compared on
 * scheme, user (case-sensitive) and host (case-insensitive), with an absent port equal to the scheme's default
 * (5060 for sip, 5061 for sips). URI parameters and headers are ignored, because clients differ in whether they
 * echo {@code ;transport=} or reorder parameters, and the digest itself is computed over the string the client
 * sent, so nothing is weakened by ignoring them.
 * <p>
 * A credentials URI without a user part (SIPp 3.6 and some older phones compute the digest over the server's
 * URI, {@code sip:host:port}) matches a Request-URI with the same host and port: the credentials still only
 * work towards this server and realm, and the nonce-count still stops replays.
 */
final class DigestUri
{
    private DigestUri()
    {
    }

    static boolean matches(final String uriParameter, final URI requestUri)
    {
        if (uriParameter.equals(requestUri.toString()))
        {
            return true;
        }
        final URI credentialsUri;
        try
        {
            credentialsUri = SipFactories.ADDRESSES.createURI(uriParameter);
        }
        catch (final ParseException ex)
        {
            return false;
        }
        if (credentialsUri instanceof SipURI a && requestUri instanceof SipURI b)
        {
            return a.isSecure() == b.isSecure() &&
                (a.getUser() == null || Objects.equals(a.getUser(), b.getUser())) &&
                a.getHost().equalsIgnoreCase(b.getHost()) &&
                effectivePort(a) == effectivePort(b);
        }
        return credentialsUri.toString().equalsIgnoreCase(requestUri.toString());
    }

    private static int effectivePort(final SipURI uri)
    {
        if (uri.getPort() > 0)
        {
            return uri.getPort();
        }
        return uri.isSecure() ? 5061 : 5060;
    }
}

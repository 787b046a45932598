package io.switchboard.sip.auth;

import gov.nist.javax.sip.header.AuthenticationHeader;
import gov.nist.javax.sip.message.SIPRequest;

import javax.sip.header.Header;
import java.util.ListIterator;

/**
 * The {@code digest-response} of an Authorization or Proxy-Authorization header (RFC 2617 §3.2.2,
 * RFC 3261 §22.2 and §22.3), with every parameter as the client wrote it (the digest is computed over those
 * exact strings, notably {@code uri} and {@code nc}).
 */
record DigestCredentials(
    String username,
    String realm,
    String nonce,
    String uri,
    String response,
    String algorithm,
    String cnonce,
    String nc,
    String qop,
    String opaque)
{
    /**
     * The Digest credentials for {@code realm} in a request: Authorization for REGISTER (answering a 401),
     * Proxy-Authorization for other methods (answering a 407). A request may carry credentials for several realms
     * (RFC 3261 §22.3); the others are ignored.
     *
     * @return the credentials, or null if there are none for our realm.
     */
    static DigestCredentials find(final SIPRequest request, final String headerName, final String realm)
    {
        final ListIterator<? extends Header> headers = request.getHeaders(headerName);
        while (headers != null && headers.hasNext())
        {
            if (headers.next() instanceof AuthenticationHeader header &&
                "Digest".equalsIgnoreCase(header.getScheme()) && realm.equals(header.getRealm()))
            {
                return new DigestCredentials(
                    header.getUsername(),
                    header.getRealm(),
                    header.getNonce(),
                    header.getParameter("uri"),
                    header.getResponse(),
                    header.getAlgorithm(),
                    header.getCNonce(),
                    header.getParameter("nc"),
                    header.getQop(),
                    header.getOpaque());
            }
        }
        return null;
    }

    /** True when every parameter that the digest needs is present. */
    boolean isComplete()
    {
        return username != null && nonce != null && uri != null && response != null;
    }

    /** The nonce-count as a number, or -1 if it is missing or not hex (RFC 2617 §3.2.2: 8LHEX). */
    long nonceCount()
    {
        if (nc == null || nc.isEmpty() || nc.length() > 8)
        {
            return -1;
        }
        try
        {
            return Long.parseLong(nc, 16);
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }
}

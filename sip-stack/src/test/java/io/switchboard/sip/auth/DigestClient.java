package io.switchboard.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Test helper: the client side of digest authentication, computed independently of the production code with
 * {@link MessageDigest}, per RFC 2617 §3.2.2.1 and RFC 8760.
 */
public final class DigestClient
{
    private DigestClient()
    {
    }

    /** H(data) in lower-case hex with the JCA algorithm "MD5" or "SHA-256". */
    public static String h(final String jcaAlgorithm, final String data)
    {
        try
        {
            final MessageDigest digest = MessageDigest.getInstance(jcaAlgorithm);
            return HexFormat.of().formatHex(digest.digest(data.getBytes(StandardCharsets.UTF_8)));
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** request-digest with qop=auth. */
    public static String response(
        final String jcaAlgorithm,
        final String user,
        final String realm,
        final String password,
        final String method,
        final String uri,
        final String nonce,
        final String nc,
        final String cnonce)
    {
        final String ha1 = h(jcaAlgorithm, user + ":" + realm + ":" + password);
        final String ha2 = h(jcaAlgorithm, method + ":" + uri);
        return h(jcaAlgorithm, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
    }

    /** request-digest without qop (RFC 2069). */
    public static String responseWithoutQop(
        final String jcaAlgorithm,
        final String user,
        final String realm,
        final String password,
        final String method,
        final String uri,
        final String nonce)
    {
        final String ha1 = h(jcaAlgorithm, user + ":" + realm + ":" + password);
        final String ha2 = h(jcaAlgorithm, method + ":" + uri);
        return h(jcaAlgorithm, ha1 + ":" + nonce + ":" + ha2);
    }
}

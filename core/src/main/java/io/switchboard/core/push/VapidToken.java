package io.switchboard.core.push;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code Authorization} header of a push request, RFC 8292 §3: {@code vapid t=<JWT>, k=<public key>}. The JWT
 * (RFC 7519) is signed with ES256 (RFC 7518 §3.4: ECDSA P-256 SHA-256, the signature as {@code r || s}, 64 bytes,
 * which is the JDK's {@code SHA256withECDSAinP1363Format}); its claims are {@code aud}, the origin of the push
 * endpoint (§2), {@code exp}, at most 24 hours ahead (§2), and {@code sub}, the operator's contact (§2.1).
 */
public final class VapidToken
{
    /** How far ahead a token expires: 12 hours, well inside RFC 8292's 24. */
    public static final long LIFETIME_SECONDS = 12 * 3600;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = P256.base64Url("{\"typ\":\"JWT\",\"alg\":\"ES256\"}"
        .getBytes(StandardCharsets.UTF_8));

    private VapidToken()
    {
    }

    /** The header's value for a request to {@code endpoint} at {@code nowSeconds} (Unix time). */
    public static String authorization(final VapidKeys keys, final URI endpoint, final String subject,
        final long nowSeconds) throws GeneralSecurityException
    {
        return "vapid t=" + jwt(keys, audience(endpoint), subject, nowSeconds + LIFETIME_SECONDS) + ", k="
            + keys.publicKeyBase64Url();
    }

    /** The signed token: {@code header.claims.signature}, each part base64url. */
    static String jwt(final VapidKeys keys, final String audience, final String subject, final long expires)
        throws GeneralSecurityException
    {
        final Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", audience);
        claims.put("exp", expires);
        claims.put("sub", subject);
        final String signed;
        try
        {
            signed = HEADER + "." + P256.base64Url(JSON.writeValueAsBytes(claims));
        }
        catch (final com.fasterxml.jackson.core.JsonProcessingException ex)
        {
            throw new GeneralSecurityException("claims not encoded", ex);
        }
        final Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
        signature.initSign(keys.privateKey());
        signature.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + P256.base64Url(signature.sign());
    }

    /** The endpoint's origin (RFC 6454): scheme, host and a port other than the scheme's default. */
    public static String audience(final URI endpoint)
    {
        final String scheme = endpoint.getScheme().toLowerCase(Locale.ROOT);
        final int port = endpoint.getPort();
        final boolean usual = port < 0 || "https".equals(scheme) && port == 443 || "http".equals(scheme) && port == 80;
        return scheme + "://" + endpoint.getHost().toLowerCase(Locale.ROOT) + (usual ? "" : ":" + port);
    }
}

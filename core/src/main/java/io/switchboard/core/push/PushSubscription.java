package io.switchboard.core.push;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.util.Locale;

/**
 * One browser's subscription (the W3C Push API's {@code PushSubscription}): the push service's endpoint URL (RFC 8030
 * §4, a push resource), the browser's P-256 key {@code p256dh} and its 16-byte {@code auth} secret (RFC 8291 §2),
 * held for an agent.
 *
 * @param staffNo   the agent it notifies
 * @param endpoint  where its messages are posted: https, or http to a loopback address when the settings allow it
 * @param p256dh    the browser's public key, the uncompressed point
 * @param auth      the browser's authentication secret
 * @param createdAt when it was subscribed (epoch milliseconds)
 */
public record PushSubscription(String staffNo, URI endpoint, byte[] p256dh, byte[] auth, long createdAt)
{
    /** The longest endpoint accepted (the push services' are about 200 characters). */
    public static final int MAX_ENDPOINT = 2048;

    /**
     * A subscription from the browser's JSON members, checked: the endpoint by {@link #endpoint(String, boolean)},
     * the keys base64url of a P-256 point on the curve and of 16 bytes. Throws {@link IllegalArgumentException}
     * with a message fit for the caller.
     */
    public static PushSubscription of(final String staffNo, final String endpoint, final String p256dh,
        final String auth, final boolean allowLoopbackHttp, final long now)
    {
        final URI uri = endpoint(endpoint, allowLoopbackHttp);
        if (p256dh == null || p256dh.length() > 100 || auth == null || auth.length() > 30)
        {
            throw new IllegalArgumentException("keys.p256dh and keys.auth are the browser's base64url keys");
        }
        final byte[] key;
        final byte[] secret;
        try
        {
            key = P256.fromBase64Url(p256dh);
            secret = P256.fromBase64Url(auth);
            P256.publicKey(key);
        }
        catch (final IllegalArgumentException | GeneralSecurityException ex)
        {
            throw new IllegalArgumentException("keys.p256dh must be base64url of a P-256 point, keys.auth base64url");
        }
        if (secret.length != PushMessageEncryption.AUTH_BYTES)
        {
            throw new IllegalArgumentException("keys.auth must be 16 bytes");
        }
        return new PushSubscription(staffNo, uri, key, secret, now);
    }

    /**
     * The endpoint URL if the server may post to it (against SSRF: it is given by a browser): an absolute {@code
     * https://} URL with a host and no user information; {@code http://} only to a loopback address ({@code
     * 127.0.0.0/8}, {@code ::1}, {@code localhost}) and only with {@code allowLoopbackHttp}.
     */
    public static URI endpoint(final String text, final boolean allowLoopbackHttp)
    {
        if (text == null || text.isEmpty() || text.length() > MAX_ENDPOINT)
        {
            throw new IllegalArgumentException("endpoint must be a URL of at most " + MAX_ENDPOINT + " characters");
        }
        final URI uri;
        try
        {
            uri = new URI(text);
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalArgumentException("endpoint is not a URL");
        }
        final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null)
        {
            throw new IllegalArgumentException("endpoint must be an absolute URL with a host");
        }
        if ("https".equals(scheme))
        {
            return uri;
        }
        if ("http".equals(scheme) && allowLoopbackHttp && loopback(uri.getHost()))
        {
            return uri;
        }
        throw new IllegalArgumentException("endpoint must be an https:// URL");
    }

    /** Whether the host is {@code localhost} or a loopback address written as one (never looked up). */
    static boolean loopback(final String host)
    {
        if ("localhost".equalsIgnoreCase(host))
        {
            return true;
        }
        final String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!bare.matches("\\d{1,3}(\\.\\d{1,3}){3}|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*"))
        {
            return false;
        }
        try
        {
            return InetAddress.getByName(bare).isLoopbackAddress();
        }
        catch (final java.net.UnknownHostException ex)
        {
            return false;
        }
    }

    /** Whether the endpoint is plain http (the tests' loopback push service). */
    boolean plain()
    {
        return "http".equalsIgnoreCase(endpoint.getScheme());
    }
}

package io.switchboard.core.api;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the API asks of requests a browser makes with the session cookie, since a browser sends that cookie by itself.
 * <ul>
 * <li><b>CSRF</b>: a change ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) to a signed-in route made
 *     with the cookie, not a bearer token, must carry {@code X-Requested-With} (any value; the workbench's pages send
 *     {@code switchboard}), else 403 {@code csrf}. A cross-site form cannot set a header, and a script of another
 *     origin that sets one must first pass a CORS preflight, which the API never grants. This holds behind any proxy
 *     (no origin to configure), unlike an {@code Origin} check, and also against pages of another port of the same
 *     host, which {@code SameSite} counts as the same site. Public routes (log-in, the visitors') use no cookie.</li>
 * <li><b>Secure cookies</b>: the session cookie ({@code HttpOnly; SameSite=Strict}) is also marked {@code Secure}
 *     when the request came over TLS, names an https {@code Origin}, carries {@code X-Forwarded-Proto: https} (a TLS
 *     proxy), or {@code http.publicOrigin} is https: a browser then never sends it over plain HTTP.</li>
 * </ul>
 */
public final class BrowserRequests
{
    /** The header the workbench's fetch helper sends with every request. */
    public static final String REQUESTED_WITH = "X-Requested-With";

    private final boolean httpsOrigin;

    /** @param publicOrigin {@code http.publicOrigin}, or null */
    public BrowserRequests(final String publicOrigin)
    {
        this.httpsOrigin = publicOrigin != null && publicOrigin.toLowerCase(Locale.ROOT).startsWith("https://");
    }

    /** Throws 403 {@code csrf} for a change made with the session cookie that a foreign page could have sent. */
    static void checkChange(final HttpMethod method, final Access access, final HttpHeaders headers)
    {
        if (access == Access.PUBLIC || access == Access.METRICS || !change(method) || !ApiGuard.byCookie(headers))
        {
            return;
        }
        final String requestedWith = headers.get(REQUESTED_WITH);
        if (requestedWith == null || requestedWith.isBlank())
        {
            throw new ApiException(HttpResponseStatus.FORBIDDEN, "csrf", "a change made with the session cookie "
                + "must come from the workbench's own page (header " + REQUESTED_WITH + "); API clients send "
                + "Authorization: Bearer <token>");
        }
    }

    private static boolean change(final HttpMethod method)
    {
        return HttpMethod.POST.equals(method) || HttpMethod.PUT.equals(method) || HttpMethod.PATCH.equals(method)
            || HttpMethod.DELETE.equals(method);
    }

    /** Whether the page that sent the request is served over TLS (see the class comment). */
    public boolean secure(final HttpHeaders headers, final boolean tls)
    {
        if (tls || httpsOrigin)
        {
            return true;
        }
        final String origin = headers.get(HttpHeaderNames.ORIGIN);
        final String proto = headers.get("X-Forwarded-Proto");
        return origin != null && origin.toLowerCase(Locale.ROOT).startsWith("https://")
            || proto != null && "https".equalsIgnoreCase(proto.split(",")[0].trim());
    }

    /** Marks every cookie the response sets {@code Secure} (the request's page is served over TLS). */
    static void markSecure(final FullHttpResponse response)
    {
        final List<String> cookies = new ArrayList<>(response.headers().getAll(HttpHeaderNames.SET_COOKIE));
        if (cookies.isEmpty())
        {
            return;
        }
        response.headers().remove(HttpHeaderNames.SET_COOKIE);
        for (final String cookie : cookies)
        {
            response.headers().add(HttpHeaderNames.SET_COOKIE,
                cookie.toLowerCase(Locale.ROOT).contains("; secure") ? cookie : cookie + "; Secure");
        }
    }
}

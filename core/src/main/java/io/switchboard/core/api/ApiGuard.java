package io.switchboard.core.api;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.switchboard.core.auth.Account;
import io.switchboard.core.auth.AccountStore;
import io.switchboard.core.auth.Sessions;

import java.util.Map;

/**
 * Who is asking, and may they: the session token comes as {@code Authorization: Bearer <token>} (the API) or the
 * {@code sb_session} cookie (the page); the route's {@link Access} decides. Unauthenticated is 401 with
 * {@code WWW-Authenticate: Bearer}, the wrong account 403.
 * <p>
 * Runs on the HTTP API's event loop, which owns the sessions and the accounts.
 */
public final class ApiGuard
{
    /** The cookie that carries the session token for the page. */
    public static final String COOKIE = "sb_session";

    private final Sessions sessions;
    private final AccountStore accounts;

    public ApiGuard(final Sessions sessions, final AccountStore accounts)
    {
        this.sessions = sessions;
        this.accounts = accounts;
    }

    /** The token the request carries, bearer first, or null. */
    static String token(final HttpHeaders headers)
    {
        final String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7))
        {
            return authorization.substring(7).trim();
        }
        final String cookies = headers.get(HttpHeaderNames.COOKIE);
        if (cookies != null)
        {
            for (final Cookie cookie : ServerCookieDecoder.STRICT.decodeAll(cookies))
            {
                if (COOKIE.equals(cookie.name()))
                {
                    return cookie.value();
                }
            }
        }
        return null;
    }

    /** Whether the request is signed in by the session cookie alone (no bearer token): a browser sent it. */
    static boolean byCookie(final HttpHeaders headers)
    {
        final String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
        final boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        return !bearer && headers.contains(HttpHeaderNames.COOKIE);
    }

    /** The account signed in with the token (its session kept alive by this use), or null. */
    Account account(final String token)
    {
        final Sessions.Session session = sessions.use(token);
        return session == null ? null : accounts.find(session.email());
    }

    /**
     * Who opens the events WebSocket: a browser cannot set headers on it, so besides the cookie and the bearer
     * header the token may come as {@code ?token=}. Null when nobody is signed in with it.
     */
    public io.switchboard.core.events.EventSocket.Listener listener(
        final io.netty.handler.codec.http.HttpRequest request)
    {
        String token = token(request.headers());
        if (token == null)
        {
            final java.util.List<String> query = new io.netty.handler.codec.http.QueryStringDecoder(request.uri())
                .parameters().get("token");
            token = query == null || query.isEmpty() ? null : query.get(0);
        }
        final Account account = token == null ? null : account(token);
        return account == null ? null
            : new io.switchboard.core.events.EventSocket.Listener(account.staffNo(), account.supervises());
    }

    /** Throws the 401 or 403 for a caller the route does not admit. */
    static void admit(final Access access, final Account account, final Map<String, String> params)
    {
        if (access == Access.PUBLIC || access == Access.METRICS)
        {
            return;
        }
        if (account == null)
        {
            throw unauthorized();
        }
        final boolean allowed = switch (access)
        {
            case SIGNED_IN, OWN_CALL, SUPERVISED_CALL -> true;
            case OWN_AGENT -> account.admin() || ownAgent(account, params);
            case SUPERVISED_AGENT -> account.supervises() || ownAgent(account, params);
            case SUPERVISOR -> account.supervises();
            case ADMIN -> account.admin();
            case PUBLIC, METRICS -> true;
        };
        if (!allowed)
        {
            throw forbidden(access == Access.OWN_AGENT || access == Access.SUPERVISED_AGENT
                ? "an agent reaches only its own agent" : access == Access.SUPERVISOR ? "this needs a supervisor"
                : "this needs an administrator");
        }
    }

    private static boolean ownAgent(final Account account, final Map<String, String> params)
    {
        return account.staffNo() != null && account.staffNo().equals(params.get("staffNo"));
    }

    static ApiException unauthorized()
    {
        return new ApiException(HttpResponseStatus.UNAUTHORIZED, "unauthorized",
            "sign in first (POST /api/login) and send the token as \"Authorization: Bearer <token>\"",
            Map.of(HttpHeaderNames.WWW_AUTHENTICATE.toString(), "Bearer"));
    }

    static ApiException forbidden(final String message)
    {
        return new ApiException(HttpResponseStatus.FORBIDDEN, "forbidden", message);
    }
}

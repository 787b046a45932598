package io.switchboard.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.core.auth.Account;
import io.switchboard.core.auth.AccountStore;
import io.switchboard.core.auth.LoginThrottle;
import io.switchboard.core.auth.PasswordHasher;
import io.switchboard.core.auth.PasswordRule;
import io.switchboard.core.auth.Sessions;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Signing in and out, and one's own account: {@code POST /api/login} with {@code {"email","password"}} (a token,
 * also set as the {@code sb_session} cookie), {@code POST /api/logout}, {@code GET /api/me},
 * {@code POST /api/me/password} with {@code {"current","new","repeat"}}, and {@code POST}/{@code PATCH /api/me} with
 * {@code {"language"}}: the page's language the person chose ("en", "zh-CN", or null to follow the browser again),
 * kept with the account (journalled) so that it follows the person to any browser.
 * <p>
 * Passwords are checked on the hashing thread; what they decide (sessions, throttle, accounts) is done back on the
 * API's loop ({@code loop}), which owns that state. A wrong password and an unknown e-mail get the same answer
 * after the same time, so log-ins tell nobody which accounts exist.
 */
public final class SessionEndpoints
{
    private final AccountStore accounts;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final PasswordHasher hasher;
    private final Executor loop;

    public SessionEndpoints(final AccountStore accounts, final Sessions sessions, final LoginThrottle throttle,
        final PasswordHasher hasher, final Executor loop)
    {
        this.accounts = accounts;
        this.sessions = sessions;
        this.throttle = throttle;
        this.hasher = hasher;
        this.loop = loop;
    }

    public void register(final ApiRouter router)
    {
        router.post("/api/login", Access.PUBLIC, this::login);
        router.post("/api/logout", Access.SIGNED_IN, request ->
        {
            sessions.close(request.token());
            final Map<String, Object> body = new LinkedHashMap<>();
            body.put("signedOut", true);
            return ApiResponse.ok(body).withHeader(HttpHeaderNames.SET_COOKIE.toString(),
                ApiGuard.COOKIE + "=; Max-Age=0; HttpOnly; SameSite=Strict; Path=/");
        });
        router.get("/api/me", Access.SIGNED_IN, request -> ApiResponse.ok(request.account().view()));
        router.post("/api/me/password", Access.SIGNED_IN, this::changePassword);
        router.post("/api/me", Access.SIGNED_IN, this::preferences);
        router.add(HttpMethod.PATCH, "/api/me", Access.SIGNED_IN, this::preferences);
    }

    /** One's own preferences: today the language of the page; a field left out is kept. */
    private ApiResponse preferences(final ApiRequest request)
    {
        final JsonNode body = CallEndpoints.body(request);
        final Account account = request.account();
        if (!body.has("language"))
        {
            return ApiResponse.ok(account.view());
        }
        final JsonNode value = body.get("language");
        final String language = value.isNull() || value.isTextual() && value.asText().isEmpty() ? null
            : value.asText();
        if (language != null && (!value.isTextual() || !Account.LANGUAGES.contains(language)))
        {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_language",
                "language must be one of " + Account.LANGUAGES + " or null");
        }
        return ApiResponse.later(accounts.setLanguage(account.email(), language).handleAsync((changed, failure) ->
        {
            if (failure != null)
            {
                throw AccountEndpoints.refusal(failure);
            }
            return changed.view();
        }, loop));
    }

    private ApiResponse login(final ApiRequest request)
    {
        final JsonNode body = CallEndpoints.body(request);
        final String email = Account.key(CallEndpoints.text(body, "email"));
        final String password = CallEndpoints.text(body, "password");
        admit(email, request.address());
        final Account account = accounts.find(email);
        final String hash = account == null ? null : account.passwordHash();
        return ApiResponse.later(checked(hasher.verify(password, hash), email, request.address()).thenApplyAsync(ok ->
        {
            // The account may have changed while its password was checked: only the hash that was checked counts.
            final Account now = accounts.find(email);
            if (!ok || now == null || !now.passwordHash().equals(hash))
            {
                throttle.failed(email, request.address());
                throw new ApiException(HttpResponseStatus.UNAUTHORIZED, "bad_credentials",
                    "wrong e-mail or password");
            }
            throttle.succeeded(email, request.address());
            final Sessions.Session session = sessions.open(now.email());
            final Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("token", session.token());
            answer.put("expiresAt", Instant.ofEpochMilli(session.expiresAtMs()).toString());
            answer.put("account", now.view());
            return ApiResponse.ok(answer).withHeader(HttpHeaderNames.SET_COOKIE.toString(),
                ApiGuard.COOKIE + "=" + session.token() + "; HttpOnly; SameSite=Strict; Path=/");
        }, loop));
    }

    /**
     * Changes one's own password: the rule, the repetition and the current password must all hold (400 otherwise).
     * A wrong current password counts as a failed log-in, so a session left open does not let anyone guess it. The
     * account's other sessions end.
     */
    private ApiResponse changePassword(final ApiRequest request)
    {
        final JsonNode body = CallEndpoints.body(request);
        final String current = CallEndpoints.text(body, "current");
        final String chosen = CallEndpoints.text(body, "new");
        final String repeat = CallEndpoints.text(body, "repeat");
        if (!chosen.equals(repeat))
        {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "passwords_differ",
                "the new password and its repetition differ");
        }
        final String problem = PasswordRule.violation(chosen);
        if (problem != null)
        {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "weak_password", problem);
        }
        if (chosen.equals(current))
        {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "same_password",
                "the new password must differ from the current one");
        }
        final Account account = request.account();
        admit(account.email(), request.address());
        return ApiResponse.later(checked(hasher.verify(current, account.passwordHash()), account.email(),
            request.address()).thenApplyAsync(ok ->
            {
                if (!ok)
                {
                    throttle.failed(account.email(), request.address());
                    throw new ApiException(HttpResponseStatus.BAD_REQUEST, "wrong_password",
                        "the current password is wrong");
                }
                throttle.succeeded(account.email(), request.address());
                return ok;
            }, loop)
            .thenCompose(ok -> hasher.hash(chosen))
            .thenComposeAsync(hash -> accounts.setPasswordHash(account.email(), hash), loop)
            .handleAsync((changed, failure) ->
            {
                if (failure != null)
                {
                    throw AccountEndpoints.refusal(failure);
                }
                sessions.closeAll(changed.email(), request.token());
                return changed.view();
            }, loop));
    }

    /** Refuses (429) an account or address that failed too often; otherwise the attempt is under way. */
    private void admit(final String email, final String address)
    {
        final long waitMs = throttle.admit(email, address);
        if (waitMs > 0)
        {
            final long seconds = (waitMs + 999) / 1000;
            throw new ApiException(HttpResponseStatus.TOO_MANY_REQUESTS, "too_many_attempts",
                "too many failed attempts; try again in " + seconds + " s",
                Map.of(HttpHeaderNames.RETRY_AFTER.toString(), Long.toString(seconds)));
        }
    }

    /** A password check that could not run (the hashing queue is full) does not count, and is a 503. */
    private CompletableFuture<Boolean> checked(final CompletableFuture<Boolean> check, final String email,
        final String address)
    {
        return check.exceptionallyAsync(failure ->
        {
            throttle.abandoned(email, address);
            final Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
            if (cause instanceof PasswordHasher.Busy)
            {
                throw new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "busy", cause.getMessage());
            }
            throw new CompletionException(cause);
        }, loop);
    }
}

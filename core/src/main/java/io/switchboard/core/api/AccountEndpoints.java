package io.switchboard.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.auth.Account;
import io.switchboard.core.auth.AccountException;
import io.switchboard.core.auth.AccountSeed;
import io.switchboard.core.auth.AccountStore;
import io.switchboard.core.auth.PasswordHasher;
import io.switchboard.core.auth.PasswordRule;
import io.switchboard.core.auth.Role;
import io.switchboard.core.auth.Sessions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The administrators' accounts page: {@code GET /api/accounts}, {@code POST /api/accounts} with
 * {@code {"email","name","role","extension","staffNo"}} (answers with a random first password, shown this once),
 * {@code POST} (or {@code PATCH}) {@code /api/accounts/{email}} with {@code {"name","extension"}} (e-mail, role and
 * staff number are fixed),
 * {@code POST /api/accounts/{email}/reset-password} (a new random password, shown once; the account's sessions end),
 * {@code DELETE /api/accounts/{email}} or {@code POST /api/accounts/{email}/delete} (it can no longer sign in; what
 * it did stays in the records). Changes are answered once the journal has them.
 */
public final class AccountEndpoints
{
    private static final int MAX_NAME = 100;

    private final AccountStore accounts;
    private final Sessions sessions;
    private final PasswordHasher hasher;
    private final AgentDirectory agents;
    private final Set<String> extensions;
    private final Executor loop;

    public AccountEndpoints(final AccountStore accounts, final Sessions sessions, final PasswordHasher hasher,
        final AgentDirectory agents, final Set<String> extensions, final Executor loop)
    {
        this.accounts = accounts;
        this.sessions = sessions;
        this.hasher = hasher;
        this.agents = agents;
        this.extensions = Set.copyOf(extensions);
        this.loop = loop;
    }

    public void register(final ApiRouter router)
    {
        router.get("/api/accounts", Access.ADMIN, request ->
        {
            final List<Map<String, Object>> list = new ArrayList<>();
            accounts.all().forEach(account -> list.add(account.view()));
            return ApiResponse.ok(list);
        });
        router.post("/api/accounts", Access.ADMIN, this::create);
        router.get("/api/accounts/{email}", Access.ADMIN, request -> ApiResponse.ok(known(request).view()));
        router.post("/api/accounts/{email}", Access.ADMIN, this::update);
        router.add(HttpMethod.PATCH, "/api/accounts/{email}", Access.ADMIN, this::update);
        router.post("/api/accounts/{email}/reset-password", Access.ADMIN, request ->
        {
            final Account account = known(request);
            final String password = PasswordRule.random();
            return ApiResponse.later(answer(hasher.hash(password).thenComposeAsync(hash ->
                accounts.setPasswordHash(account.email(), hash), loop), changed ->
                {
                    sessions.closeAll(changed.email(), null);
                    return withPassword(changed, password);
                }));
        });
        router.delete("/api/accounts/{email}", Access.ADMIN, this::delete);
        router.post("/api/accounts/{email}/delete", Access.ADMIN, this::delete);
    }

    private ApiResponse create(final ApiRequest request)
    {
        final JsonNode body = CallEndpoints.body(request);
        final String email = Account.key(CallEndpoints.text(body, "email"));
        if (!email.matches("[^@\\s/]+@[^@\\s/]+") || email.length() > 254)
        {
            throw bad("\"email\" must be an e-mail address");
        }
        final Role role = Role.of(CallEndpoints.text(body, "role"));
        if (role == null)
        {
            throw bad("\"role\" must be agent, supervisor or admin");
        }
        final String name = name(body, email);
        final String extension = extension(body);
        final String staffNo;
        try
        {
            staffNo = AccountSeed.staffNo(optional(body, "staffNo"), extension, email, agents, "");
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_agent", ex.getMessage());
        }
        if (accounts.find(email) != null)
        {
            // Checked again when the account is stored; here to spare the hashing.
            throw new ApiException(HttpResponseStatus.CONFLICT, "exists", "an account with e-mail " + email
                + " exists");
        }
        final String password = PasswordRule.random();
        return ApiResponse.later(answer(hasher.hash(password).thenComposeAsync(hash -> accounts.create(
            new Account(email, name, role, extension, staffNo, hash, System.currentTimeMillis())), loop),
            created -> new ApiResponse(HttpResponseStatus.CREATED, withPassword(created, password))));
    }

    private ApiResponse update(final ApiRequest request)
    {
        final Account account = known(request);
        final JsonNode body = CallEndpoints.body(request);
        for (final String fixed : List.of("email", "role", "staffNo"))
        {
            if (body.has(fixed))
            {
                throw bad("\"" + fixed + "\" cannot be changed; only \"name\" and \"extension\"");
            }
        }
        final String name = body.has("name") ? name(body, account.email()) : account.name();
        final String extension = body.has("extension") ? extension(body) : account.extension();
        return ApiResponse.later(answer(accounts.update(account.email(), name, extension), Account::view));
    }

    private ApiResponse delete(final ApiRequest request)
    {
        final Account account = known(request);
        if (account.email().equals(request.account().email()))
        {
            throw new ApiException(HttpResponseStatus.CONFLICT, "own_account",
                "an administrator cannot delete its own account");
        }
        return ApiResponse.later(answer(accounts.delete(account.email()), deleted ->
        {
            sessions.closeAll(deleted.email(), null);
            final Map<String, Object> view = deleted.view();
            view.put("deleted", true);
            return view;
        }));
    }

    /** The change's answer, made on the loop once the journal has it, or its refusal as an API error. */
    private <T> CompletionStage<Object> answer(final CompletableFuture<T> change,
        final java.util.function.Function<T, Object> view)
    {
        return change.handleAsync((done, failure) ->
        {
            if (failure != null)
            {
                throw refusal(failure);
            }
            return view.apply(done);
        }, loop);
    }

    private static Map<String, Object> withPassword(final Account account, final String password)
    {
        final Map<String, Object> view = account.view();
        view.put("password", password);
        return view;
    }

    /** A store's or the hasher's refusal as an API error. */
    static RuntimeException refusal(final Throwable failure)
    {
        final Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        if (cause instanceof AccountException ex)
        {
            return ex.reason() == AccountException.Reason.UNKNOWN
                ? new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_account", ex.getMessage())
                : new ApiException(HttpResponseStatus.CONFLICT, "exists", ex.getMessage());
        }
        if (cause instanceof PasswordHasher.Busy)
        {
            return new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "busy", cause.getMessage());
        }
        return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }

    private Account known(final ApiRequest request)
    {
        final Account account = accounts.find(request.pathParam("email"));
        if (account == null)
        {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_account",
                "no account " + request.pathParam("email"));
        }
        return account;
    }

    private static String name(final JsonNode body, final String fallback)
    {
        final String name = optional(body, "name");
        if (name != null && name.length() > MAX_NAME)
        {
            throw bad("\"name\" has " + MAX_NAME + " characters at most");
        }
        return name == null || name.isBlank() ? fallback : name.trim();
    }

    /** The extension in the body: one of the tenant's, or null (none). */
    private String extension(final JsonNode body)
    {
        final String extension = optional(body, "extension");
        if (extension != null && !extensions.contains(extension))
        {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "unknown_extension", "no extension " + extension);
        }
        return extension;
    }

    private static String optional(final JsonNode body, final String field)
    {
        return CallEndpoints.optionalText(body, field);
    }

    private static ApiException bad(final String message)
    {
        return ApiException.badRequest(message);
    }
}

package io.switchboard.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.switchboard.core.journal.Journal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The accounts, by e-mail. Every change is an event in the journal ({@code account.created}, {@code .updated},
 * {@code .password}, {@code .language}, {@code .deleted}, JSON), and the accounts are rebuilt from those at start.
 * A change is made in memory at once (so that a second request sees it: two creations of one e-mail cannot both
 * pass), and its future completes, on the owner, only once the journal has it; if the journal fails, the change is
 * undone.
 * <p>
 * Not thread-safe: owned by one thread, the HTTP API's event loop, given as {@code owner} for the completions.
 */
public final class AccountStore
{
    public static final String CREATED = "account.created";
    public static final String UPDATED = "account.updated";
    public static final String PASSWORD = "account.password";
    public static final String DELETED = "account.deleted";
    public static final String LANGUAGE = "account.language";

    private static final Logger LOG = LoggerFactory.getLogger(AccountStore.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Map<String, Account> byEmail = new HashMap<>();
    private final Journal journal;
    private final Executor owner;

    public AccountStore(final Journal journal, final Executor owner)
    {
        this.journal = journal;
        this.owner = owner;
    }

    /** Whether a journal entry of this type is one of the accounts' (for a server replaying all types at once). */
    public static boolean handles(final String type)
    {
        return type.startsWith("account.");
    }

    /** Rebuilds the accounts from the journal, at start, before anything is served. */
    public void replay()
    {
        journal.replay((type, json) ->
        {
            if (handles(type))
            {
                apply(type, json);
            }
        });
    }

    /** Applies one journal entry (replay). */
    public void apply(final String type, final byte[] json)
    {
        final JsonNode event = io.switchboard.core.journal.JournalEntries.read(type, json);
        final String email = event.path("email").asText();
        final Account known = byEmail.get(email);
        switch (type)
        {
            case CREATED -> byEmail.put(email, new Account(email, text(event, "name"),
                Role.of(event.path("role").asText()), text(event, "extension"), text(event, "staffNo"),
                text(event, "passwordHash"), event.path("createdAtMs").asLong()));
            case UPDATED -> replayed(known, type, email, () ->
                byEmail.put(email, known.withDetails(text(event, "name"), text(event, "extension"))));
            case PASSWORD -> replayed(known, type, email, () ->
                byEmail.put(email, known.withPasswordHash(text(event, "passwordHash"))));
            case LANGUAGE -> replayed(known, type, email, () ->
                byEmail.put(email, known.withLanguage(text(event, "language"))));
            case DELETED -> byEmail.remove(email);
            default -> LOG.warn("journal: unknown account entry {} ignored", type);
        }
    }

    public Account find(final String email)
    {
        return email == null ? null : byEmail.get(Account.key(email));
    }

    /** The account that is this ACD agent, or null. */
    public Account findByStaffNo(final String staffNo)
    {
        for (final Account account : byEmail.values())
        {
            if (staffNo != null && staffNo.equals(account.staffNo()))
            {
                return account;
            }
        }
        return null;
    }

    /** Every account, by e-mail. */
    public List<Account> all()
    {
        final List<Account> list = new ArrayList<>(byEmail.values());
        list.sort(Comparator.comparing(Account::email));
        return list;
    }

    public boolean isEmpty()
    {
        return byEmail.isEmpty();
    }

    /** A new account; fails with {@link AccountException} if its e-mail or staff number has one already. */
    public CompletableFuture<Account> create(final Account account)
    {
        if (byEmail.containsKey(account.email()))
        {
            return failed(AccountException.Reason.EXISTS, "an account with e-mail " + account.email() + " exists");
        }
        final Account sameAgent = account.staffNo() == null ? null : findByStaffNo(account.staffNo());
        if (sameAgent != null)
        {
            return failed(AccountException.Reason.EXISTS, "agent " + account.staffNo() + " already has the account "
                + sameAgent.email());
        }
        final Map<String, Object> event = event(account.email());
        event.put("name", account.name());
        event.put("role", account.role().label());
        event.put("extension", account.extension());
        event.put("staffNo", account.staffNo());
        event.put("passwordHash", account.passwordHash());
        event.put("createdAtMs", account.createdAtMs());
        return change(CREATED, event, null, account);
    }

    /** A new name and extension (e-mail, role and staff number never change). */
    public CompletableFuture<Account> update(final String email, final String name, final String extension)
    {
        final Account known = find(email);
        if (known == null)
        {
            return unknown(email);
        }
        final Map<String, Object> event = event(known.email());
        event.put("name", name);
        event.put("extension", extension);
        return change(UPDATED, event, known, known.withDetails(name, extension));
    }

    public CompletableFuture<Account> setPasswordHash(final String email, final String hash)
    {
        final Account known = find(email);
        if (known == null)
        {
            return unknown(email);
        }
        final Map<String, Object> event = event(known.email());
        event.put("passwordHash", hash);
        return change(PASSWORD, event, known, known.withPasswordHash(hash));
    }

    /** The page's language the person chose (one of {@link Account#LANGUAGES}), or null to follow the browser. */
    public CompletableFuture<Account> setLanguage(final String email, final String language)
    {
        final Account known = find(email);
        if (known == null)
        {
            return unknown(email);
        }
        final Map<String, Object> event = event(known.email());
        event.put("language", language);
        return change(LANGUAGE, event, known, known.withLanguage(language));
    }

    /** The account can no longer sign in; what it did (records) stays. Completes with the account as it was. */
    public CompletableFuture<Account> delete(final String email)
    {
        final Account known = find(email);
        if (known == null)
        {
            return unknown(email);
        }
        return change(DELETED, event(known.email()), known, null).thenApply(gone -> known);
    }

    /**
     * Makes the change in memory, appends its event, and completes on the owner once the journal has it; undone
     * if the journal failed and nothing changed the account since.
     */
    private CompletableFuture<Account> change(final String type, final Map<String, Object> event,
        final Account before, final Account after)
    {
        final String email = before != null ? before.email() : after.email();
        put(email, after);
        final byte[] json;
        try
        {
            json = JSON.writeValueAsBytes(event);
        }
        catch (final IOException ex)
        {
            put(email, before);
            return CompletableFuture.failedFuture(ex);
        }
        return journal.append(type, json).handleAsync((position, failure) ->
        {
            if (failure != null)
            {
                LOG.error("journal: {} of {} not written; undone", type, email, failure);
                if (byEmail.get(email) == after)
                {
                    put(email, before);
                }
                throw new IllegalStateException("the change could not be saved", failure);
            }
            return after;
        }, owner);
    }

    private void put(final String email, final Account account)
    {
        if (account == null)
        {
            byEmail.remove(email);
        }
        else
        {
            byEmail.put(email, account);
        }
    }

    private static Map<String, Object> event(final String email)
    {
        final Map<String, Object> event = new LinkedHashMap<>();
        event.put("email", email);
        return event;
    }

    private static void replayed(final Account known, final String type, final String email, final Runnable apply)
    {
        if (known == null)
        {
            LOG.warn("journal: {} for unknown account {} ignored", type, email);
            return;
        }
        apply.run();
    }

    private static String text(final JsonNode event, final String field)
    {
        final JsonNode value = event.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static CompletableFuture<Account> unknown(final String email)
    {
        return failed(AccountException.Reason.UNKNOWN, "no account " + email);
    }

    private static CompletableFuture<Account> failed(final AccountException.Reason reason, final String message)
    {
        return CompletableFuture.failedFuture(new AccountException(reason, message));
    }
}

package io.switchboard.core.auth;

import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.config.AccountSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The accounts at start: rebuilt from the journal; on the first start (the journal has none) made from
 * {@code tenant.accounts} and written to the journal, so that later starts ignore that list and keep what the API
 * changed. Runs on the starting thread before the API serves (the store's owner is not running anything yet).
 */
public final class AccountSeed
{
    private static final Logger LOG = LoggerFactory.getLogger(AccountSeed.class);

    private AccountSeed()
    {
    }

    public static void load(final AccountStore store, final List<AccountSettings> configured,
        final AgentDirectory agents) throws Exception
    {
        store.replay();
        if (!store.isEmpty() || configured.isEmpty())
        {
            LOG.info("{} accounts from the journal", store.all().size());
            return;
        }
        final long now = System.currentTimeMillis();
        final List<CompletableFuture<Account>> written = new ArrayList<>();
        for (final AccountSettings settings : configured)
        {
            written.add(store.create(account(settings, agents, now)));
        }
        CompletableFuture.allOf(written.toArray(new CompletableFuture[0])).get(30, TimeUnit.SECONDS);
        LOG.info("{} accounts seeded from tenant.accounts (first start)", written.size());
    }

    private static Account account(final AccountSettings settings, final AgentDirectory agents, final long now)
    {
        final String where = "configuration: tenant.accounts " + settings.email + ": ";
        final String hash;
        if (settings.passwordHash != null)
        {
            if (!PasswordHash.wellFormed(settings.passwordHash))
            {
                throw new IllegalArgumentException(where + "passwordHash is not a pbkdf2-sha256 hash");
            }
            hash = settings.passwordHash;
        }
        else
        {
            final String problem = PasswordRule.violation(settings.password);
            if (problem != null)
            {
                throw new IllegalArgumentException(where + problem);
            }
            hash = PasswordHash.hash(settings.password);
        }
        return new Account(Account.key(settings.email), settings.name, Role.of(settings.role), settings.extension,
            staffNo(settings.staffNo, settings.extension, settings.email, agents, where), hash, now);
    }

    /**
     * The ACD agent an account is: the one named, else the agent with the account's extension, else the agent with
     * its e-mail address; null if none (an account need not be an agent).
     */
    public static String staffNo(final String named, final String extension, final String email,
        final AgentDirectory agents, final String where)
    {
        if (named != null)
        {
            if (agents.agentByStaffNo(named) == null)
            {
                throw new IllegalArgumentException(where + "no agent with staff number " + named);
            }
            return named;
        }
        AgentDirectory.Agent agent = extension == null ? null : agents.agentByExtension(extension);
        if (agent == null && email != null)
        {
            agent = agents.agentByEmail(email);
        }
        return agent == null ? null : agent.staffNo();
    }
}

package io.switchboard.core.auth;

import io.switchboard.core.config.AccountSettings;
import io.switchboard.core.config.SwitchboardConfig;
import io.switchboard.core.config.TenantSettings;
import io.switchboard.core.journal.Journal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo tenant's published passwords, refused while a listener that checks them is reachable from beyond this
 * machine: the README prints them, so a server on a network with them is open to anyone who read it. Loopback binds
 * (the demo's {@code conf/switchboard.conf}) start as before; {@code allowDemoPasswords} (the
 * {@code --allow-demo-passwords} flag) lets a trial on a network one controls start anyway.
 * <p>
 * What counts, by value (so that the demo copied under other numbers counts too, and a changed password does not):
 * <ul>
 * <li>an extension whose SIP password is {@code demo-} followed by its own number (the demo's
 *     {@code passwordPattern: "demo-{n}"}): refused when SIP ({@code sip.bindAddress}) is beyond loopback;</li>
 * <li>an API account whose password is still its documented one ({@code admin@demo.switchboard} /
 *     {@code Admin#demo1}, {@code supervisor@demo.switchboard} / {@code Super#demo1}, {@code NNNN@demo.switchboard}
 *     / {@code Demo#NNNN}, checked against the stored hash), or any account given one of those values in clear in
 *     {@code tenant.accounts}: refused when the API ({@code http.bindAddress}) is beyond loopback.</li>
 * </ul>
 * The accounts are those the journal holds, or, on a first start, those {@code tenant.accounts} would seed.
 */
public final class DemoPasswords
{
    /** The domain of the documented demo accounts. */
    static final String DEMO_DOMAIN = "@demo.switchboard";
    private static final Pattern AGENT = Pattern.compile("(\\d{1,9})" + Pattern.quote(DEMO_DOMAIN));
    private static final Pattern AGENT_PASSWORD = Pattern.compile("Demo#\\d{1,9}");
    /** How many names a refusal lists before "and N more". */
    private static final int LISTED = 6;

    /** The server refuses to start: the message names the listeners, the passwords and what to change. */
    public static final class Refused extends IllegalStateException
    {
        private static final long serialVersionUID = 1L;

        Refused(final String message)
        {
            super(message);
        }
    }

    private DemoPasswords()
    {
    }

    /**
     * Whether a bind address keeps a listener to this machine: a loopback address (127.0.0.0/8, ::1, a name such as
     * {@code localhost} that resolves to one). The wildcard (0.0.0.0, ::) and every other address do not; a name
     * that does not resolve counts as beyond loopback (the bind fails anyway).
     */
    public static boolean loopback(final String bindAddress)
    {
        try
        {
            return loopback(InetAddress.getByName(bindAddress));
        }
        catch (final UnknownHostException ex)
        {
            return false;
        }
    }

    /** The same decision for an address already resolved. */
    public static boolean loopback(final InetAddress address)
    {
        return address.isLoopbackAddress();
    }

    /** The extensions whose SIP password is the demo's {@code demo-<number>}, in the configuration's order. */
    public static List<String> extensions(final TenantSettings tenant)
    {
        final List<String> found = new ArrayList<>();
        tenant.allExtensions().forEach((number, extension) ->
        {
            if (("demo-" + number).equals(extension.password))
            {
                found.add(number);
            }
        });
        return found;
    }

    /** The documented password of a demo account's e-mail, or null for any other e-mail. */
    static String documented(final String email)
    {
        final String key = Account.key(email);
        if (key == null)
        {
            return null;
        }
        if (key.equals("admin" + DEMO_DOMAIN))
        {
            return "Admin#demo1";
        }
        if (key.equals("supervisor" + DEMO_DOMAIN))
        {
            return "Super#demo1";
        }
        final Matcher agent = AGENT.matcher(key);
        return agent.matches() ? "Demo#" + agent.group(1) : null;
    }

    /** Whether a password in clear is one of the documented demo values. */
    static boolean demoValue(final String password)
    {
        return password != null && ("Admin#demo1".equals(password) || "Super#demo1".equals(password)
            || AGENT_PASSWORD.matcher(password).matches());
    }

    /**
     * The accounts on a documented password: {@code hashes} (e-mail to stored hash, from the journal) when it has
     * any, else the configured ones a first start would seed. Verifies only the demo e-mails (a tenth of a second
     * each), so a large tenant costs nothing.
     */
    public static List<String> accounts(final Map<String, String> hashes, final List<AccountSettings> configured)
    {
        // in parallel: each check takes a tenth of a second, and this runs before the server starts
        if (!hashes.isEmpty())
        {
            return hashes.entrySet().parallelStream().filter(entry -> documented(entry.getKey()) != null
                && PasswordHash.verify(documented(entry.getKey()), entry.getValue())).map(Map.Entry::getKey).toList();
        }
        return configured.parallelStream().filter(DemoPasswords::documentedPassword)
            .map(account -> Account.key(account.email)).toList();
    }

    /** Whether a configured account is given its documented password, or any demo value in clear. */
    private static boolean documentedPassword(final AccountSettings account)
    {
        if (account.password != null)
        {
            return demoValue(account.password);
        }
        final String documented = documented(account.email);
        return documented != null && PasswordHash.verify(documented, account.passwordHash);
    }

    /**
     * Refuses ({@link Refused}) to start a server whose SIP or API listener is beyond loopback while it would accept a
     * demo password there, unless {@code allowDemoPasswords}; before anything binds. Reads the accounts from the
     * journal only when the API is beyond loopback.
     */
    public static void refuseIfExposed(final SwitchboardConfig config, final Journal journal)
    {
        if (config.allowDemoPasswords)
        {
            return;
        }
        final List<String> problems = new ArrayList<>();
        if (!loopback(config.sip.bindAddress))
        {
            final List<String> extensions = extensions(config.tenant);
            if (!extensions.isEmpty())
            {
                problems.add("SIP listens on sip.bindAddress " + config.sip.bindAddress + " and extensions "
                    + listed(extensions) + " have the demo password demo-<number> (change tenant.extensionRange"
                    + ".passwordPattern or tenant.extensions' passwords)");
            }
        }
        if (config.http.port >= 0 && !loopback(config.http.bindAddress))
        {
            final List<String> accounts = accounts(journalled(journal), config.tenant.accounts);
            if (!accounts.isEmpty())
            {
                problems.add("the API listens on http.bindAddress " + config.http.bindAddress + " and accounts "
                    + listed(accounts) + " have their documented demo passwords (change them with POST "
                    + "/api/me/password on a loopback start, or delete them)");
            }
        }
        if (!problems.isEmpty())
        {
            throw new Refused("refusing to start with the demo passwords reachable beyond loopback: "
                + String.join("; ", problems) + ". Bind to 127.0.0.1 instead, or start with --allow-demo-passwords "
                + "(allowDemoPasswords: true) only on a network you control.");
        }
    }

    /** E-mail to stored hash of the accounts the journal holds (empty on a first start). */
    private static Map<String, String> journalled(final Journal journal)
    {
        final AccountStore store = new AccountStore(journal, Runnable::run);
        try
        {
            journal.replay((index, type) -> AccountStore.handles(type),
                (index, type, json) -> applied(store, type, json));
        }
        catch (final UnsupportedOperationException ex)
        {
            store.replay();
        }
        final Map<String, String> hashes = new LinkedHashMap<>();
        for (final Account account : store.all())
        {
            hashes.put(account.email(), account.passwordHash());
        }
        return hashes;
    }

    /** An entry the accounts' own replay would skip with a warning is skipped here too (it warns then). */
    private static void applied(final AccountStore store, final String type, final byte[] json)
    {
        try
        {
            store.apply(type, json);
        }
        catch (final RuntimeException ex)
        {
            // the accounts' own load reports it
        }
    }

    private static String listed(final List<String> names)
    {
        return names.size() <= LISTED ? String.join(", ", names)
            : String.join(", ", names.subList(0, LISTED)) + " and " + (names.size() - LISTED) + " more";
    }
}

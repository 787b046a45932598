package io.switchboard.core.auth;

import io.switchboard.core.config.AccountSettings;
import io.switchboard.core.config.ConfigLoader;
import io.switchboard.core.config.SwitchboardConfig;
import io.switchboard.core.config.TenantSettings;
import io.switchboard.core.journal.MemoryJournal;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What counts as loopback and as a demo password, and the refusal's message, on the shipped configuration. */
class DemoPasswordsTest
{
    /** The repository's conf/switchboard.conf (the tests run in core/). */
    private static final Path SHIPPED = Path.of("..", "conf", "switchboard.conf");

    @Test
    void shouldTellLoopbackFromEverythingElse() throws Exception
    {
        assertTrue(DemoPasswords.loopback("127.0.0.1"));
        assertTrue(DemoPasswords.loopback("127.0.0.2"));
        assertTrue(DemoPasswords.loopback("::1"));
        assertTrue(DemoPasswords.loopback("localhost"));
        assertFalse(DemoPasswords.loopback("0.0.0.0"), "the wildcard is every address");
        assertFalse(DemoPasswords.loopback("::"));
        assertFalse(DemoPasswords.loopback("192.0.2.10"));
        assertFalse(DemoPasswords.loopback(InetAddress.getByAddress(new byte[] {10, 0, 0, 1})));
        assertFalse(DemoPasswords.loopback("no-such-host.invalid"), "unresolvable counts as beyond loopback");
    }

    @Test
    void shouldFindExtensionsWithTheirDemoPassword()
    {
        final TenantSettings tenant = new TenantSettings();
        tenant.extensionRange = new TenantSettings.ExtensionRange();
        tenant.extensionRange.first = 2001;
        tenant.extensionRange.last = 2003;
        assertEquals(List.of("2001", "2002", "2003"), DemoPasswords.extensions(tenant), "demo-{n}, other numbers");
        tenant.extensionRange.passwordPattern = "Xy7-{n}-secret";
        final TenantSettings.ExtensionSettings own = new TenantSettings.ExtensionSettings();
        own.number = "3001";
        own.password = "demo-3001";
        final TenantSettings.ExtensionSettings other = new TenantSettings.ExtensionSettings();
        other.number = "3002";
        other.password = "demo-3001";
        tenant.extensions = List.of(own, other);
        assertEquals(List.of("3001"), DemoPasswords.extensions(tenant), "only demo-<its own number>");
    }

    @Test
    void shouldFindAccountsOnTheirDocumentedPasswords()
    {
        final String adminDemo = PasswordHash.hash("Admin#demo1");
        final String changed = PasswordHash.hash("Chosen#2024");
        assertEquals(List.of("admin@demo.switchboard"), DemoPasswords.accounts(Map.of("admin@demo.switchboard",
            adminDemo), List.of()), "the journal's accounts");
        assertEquals(List.of(), DemoPasswords.accounts(Map.of("admin@demo.switchboard", changed,
            "boss@example.com", adminDemo), List.of()), "a changed password, or another e-mail's hash, is not");
        final AccountSettings clear = account("boss@example.com", "Demo#1001", null);
        final AccountSettings hashed = account("1004@demo.switchboard", null, PasswordHash.hash("Demo#1004"));
        final AccountSettings own = account("1005@demo.switchboard", "Own#pass99", null);
        assertEquals(List.of("boss@example.com", "1004@demo.switchboard"),
            DemoPasswords.accounts(Map.of(), List.of(clear, hashed, own)), "a first start: what would be seeded");
    }

    @Test
    void shouldStartTheShippedConfigurationOnLoopback() throws Exception
    {
        final SwitchboardConfig config = ConfigLoader.load(SHIPPED);
        assertTrue(DemoPasswords.loopback(config.sip.bindAddress), "the README's first command binds SIP to loopback");
        assertTrue(DemoPasswords.loopback(config.http.bindAddress));
        assertFalse(config.allowDemoPasswords);
        assertDoesNotThrow(() -> DemoPasswords.refuseIfExposed(config, new MemoryJournal()));
    }

    @Test
    void shouldRefuseTheShippedPasswordsBeyondLoopbackNamingWhatToChange() throws Exception
    {
        final SwitchboardConfig config = ConfigLoader.load(SHIPPED);
        config.sip.bindAddress = "0.0.0.0";
        final DemoPasswords.Refused sip = assertThrows(DemoPasswords.Refused.class,
            () -> DemoPasswords.refuseIfExposed(config, new MemoryJournal()));
        assertTrue(sip.getMessage().contains("sip.bindAddress 0.0.0.0"), sip.getMessage());
        assertTrue(sip.getMessage().contains("extensions 1001, 1002, 1003, 1004, 1005, 1006 and 5 more"),
            sip.getMessage());
        assertTrue(sip.getMessage().contains("--allow-demo-passwords"), sip.getMessage());
        assertFalse(sip.getMessage().contains("http.bindAddress"), "the API stays on loopback");

        config.sip.bindAddress = "127.0.0.1";
        config.http.bindAddress = "192.0.2.10";
        final DemoPasswords.Refused api = assertThrows(DemoPasswords.Refused.class,
            () -> DemoPasswords.refuseIfExposed(config, new MemoryJournal()));
        assertTrue(api.getMessage().contains("http.bindAddress 192.0.2.10 and accounts admin@demo.switchboard, "
            + "supervisor@demo.switchboard, 1001@demo.switchboard"), api.getMessage());

        config.allowDemoPasswords = true;
        assertDoesNotThrow(() -> DemoPasswords.refuseIfExposed(config, new MemoryJournal()));
    }

    @Test
    void shouldReadTheAccountsFromTheJournalOnceItHasThem() throws Exception
    {
        final SwitchboardConfig config = ConfigLoader.load(SHIPPED);
        config.http.bindAddress = "0.0.0.0";
        final MemoryJournal journal = new MemoryJournal();
        journal.append(AccountStore.CREATED, ("{\"email\":\"admin@demo.switchboard\",\"name\":\"A\",\"role\":\"admin\","
            + "\"passwordHash\":\"" + PasswordHash.hash("Chosen#2024") + "\",\"createdAtMs\":1}")
            .getBytes(StandardCharsets.UTF_8)).get();
        assertDoesNotThrow(() -> DemoPasswords.refuseIfExposed(config, journal),
            "the journal's changed password counts, not tenant.accounts (ignored after the first start)");
    }

    private static AccountSettings account(final String email, final String password, final String hash)
    {
        final AccountSettings account = new AccountSettings();
        account.email = email;
        account.password = password;
        account.passwordHash = hash;
        return account;
    }
}

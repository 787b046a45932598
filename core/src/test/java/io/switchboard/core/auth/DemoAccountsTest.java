package io.switchboard.core.auth;

import io.switchboard.core.config.AccountSettings;
import io.switchboard.core.config.ConfigLoader;
import io.switchboard.core.config.SwitchboardConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped configuration's demo accounts have the passwords the README documents. */
class DemoAccountsTest
{
    @Test
    void demoAccountsHaveTheDocumentedPasswords() throws Exception
    {
        final SwitchboardConfig config = ConfigLoader.load(Path.of("..", "conf", "switchboard.conf"));
        assertEquals(12, config.tenant.accounts.size());
        for (final AccountSettings account : config.tenant.accounts)
        {
            final String password = switch (account.role)
            {
                case "admin" -> "Admin#demo1";
                case "supervisor" -> "Super#demo1";
                default -> "Demo#" + account.extension;
            };
            assertNull(PasswordRule.violation(password), password);
            assertTrue(PasswordHash.verify(password, account.passwordHash), account.email);
            // the supervisor has a phone too (extension 1011), for supervising calls
            assertEquals("agent".equals(account.role) ? account.extension + "@demo.switchboard"
                : account.role + "@demo.switchboard", account.email);
        }
    }
}

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
        assertEquals(11, config.tenant.accounts.size());
        for (final AccountSettings account : config.tenant.accounts)
        {
            final String password = "admin".equals(account.role) ? "Admin#demo1" : "Demo#" + account.extension;
            assertNull(PasswordRule.violation(password), password);
            assertTrue(PasswordHash.verify(password, account.passwordHash), account.email);
            assertEquals("admin".equals(account.role) ? "admin@demo.switchboard"
                : account.extension + "@demo.switchboard", account.email);
        }
    }
}

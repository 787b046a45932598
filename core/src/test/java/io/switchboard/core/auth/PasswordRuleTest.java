package io.switchboard.core.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordRuleTest
{
    @ParameterizedTest
    @ValueSource(strings = {"Demo#1001", "Admin#demo1", "a1#aaaaa", "12345678901234567a!z", "Ünïcode9%", "x9-y8_z7"})
    void acceptsPasswordsThatMeetTheRule(final String password)
    {
        assertNull(PasswordRule.violation(password), password);
    }

    @Test
    void namesWhatIsMissing()
    {
        assertTrue(PasswordRule.violation("Ab#1234").contains("7 characters"));
        assertTrue(PasswordRule.violation("Ab#123456789012345678").contains("21 characters"));
        assertTrue(PasswordRule.violation("abcdefg#").contains("no digit"));
        assertTrue(PasswordRule.violation("1234567#").contains("no letter"));
        assertTrue(PasswordRule.violation("abcd1234").contains("no special character"));
        assertTrue(PasswordRule.violation("abc 123#x").contains("space"));
        assertTrue(PasswordRule.violation("abc\t123#x").contains("space"));
        assertTrue(PasswordRule.violation(null).startsWith(PasswordRule.DESCRIPTION));
        assertNotNull(PasswordRule.violation(""));
    }

    @Test
    void randomPasswordsMeetTheRuleAndDoNotRepeat()
    {
        final Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++)
        {
            final String password = PasswordRule.random();
            assertNull(PasswordRule.violation(password), password);
            seen.add(password);
        }
        assertEquals(2000, seen.size());
    }
}

package io.switchboard.core.auth;

import java.security.SecureRandom;

/**
 * What a password must be: 8 to 20 characters, at least one letter, one digit and one special character (anything
 * printable that is neither), no spaces. First passwords and resets are drawn at random to meet the same rule.
 */
public final class PasswordRule
{
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 20;
    /** The rule as a person reads it, for error messages and forms. */
    public static final String DESCRIPTION = "a password has 8 to 20 characters with at least one letter, one digit "
        + "and one special character, and no spaces";

    /** Letters and digits that cannot be mistaken for one another when read aloud or copied by hand. */
    private static final String LETTERS = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String DIGITS = "23456789";
    private static final String SPECIALS = "#%+-=!?@*";
    private static final int RANDOM_LENGTH = 14;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordRule()
    {
    }

    /** Why the password breaks the rule, or null if it meets it. */
    public static String violation(final String password)
    {
        if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH)
        {
            return DESCRIPTION + " (this one has " + (password == null ? 0 : password.length()) + " characters)";
        }
        boolean letter = false;
        boolean digit = false;
        boolean special = false;
        for (int i = 0; i < password.length(); i++)
        {
            final char c = password.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c))
            {
                return DESCRIPTION + " (this one has a space)";
            }
            if (Character.isISOControl(c))
            {
                return DESCRIPTION + " (this one has a control character)";
            }
            if (Character.isLetter(c))
            {
                letter = true;
            }
            else if (Character.isDigit(c))
            {
                digit = true;
            }
            else
            {
                special = true;
            }
        }
        if (!letter || !digit || !special)
        {
            return DESCRIPTION + " (this one has no " + (!letter ? "letter" : !digit ? "digit" : "special character")
                + ")";
        }
        return null;
    }

    /** A new random password that meets the rule (first passwords, resets). */
    public static String random()
    {
        final char[] chars = new char[RANDOM_LENGTH];
        final String all = LETTERS + DIGITS + SPECIALS;
        for (int i = 0; i < chars.length; i++)
        {
            chars[i] = all.charAt(RANDOM.nextInt(all.length()));
        }
        // One of each kind at distinct random places, so that every draw meets the rule.
        final int letterAt = RANDOM.nextInt(chars.length);
        final int digitAt = (letterAt + 1 + RANDOM.nextInt(chars.length - 1)) % chars.length;
        int specialAt = RANDOM.nextInt(chars.length);
        while (specialAt == letterAt || specialAt == digitAt)
        {
            specialAt = RANDOM.nextInt(chars.length);
        }
        chars[letterAt] = LETTERS.charAt(RANDOM.nextInt(LETTERS.length()));
        chars[digitAt] = DIGITS.charAt(RANDOM.nextInt(DIGITS.length()));
        chars[specialAt] = SPECIALS.charAt(RANDOM.nextInt(SPECIALS.length()));
        return new String(chars);
    }
}

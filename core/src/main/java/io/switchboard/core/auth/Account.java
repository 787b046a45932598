package io.switchboard.core.auth;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A person who signs in to the API. Immutable: a change makes a new account, so a reader never sees half of one.
 *
 * @param email        the sign-in name, kept in lower case (addresses compare case-insensitively)
 * @param name         shown name
 * @param role         agent or administrator
 * @param extension    the phone the account uses (its calls are the calls of this extension), or null
 * @param staffNo      the ACD agent the account is, or null
 * @param passwordHash see {@link PasswordHash}
 * @param createdAtMs  when the account was made (epoch milliseconds)
 * @param language     the page's language the person chose ({@link #LANGUAGES}), or null: the browser's decides
 */
public record Account(String email, String name, Role role, String extension, String staffNo, String passwordHash,
    long createdAtMs, String language)
{
    /** The languages the workbench speaks, as {@code <html lang>} spells them. */
    public static final java.util.List<String> LANGUAGES = java.util.List.of("en", "zh-CN");

    /** An account whose person has chosen no language (the browser's decides). */
    public Account(final String email, final String name, final Role role, final String extension,
        final String staffNo, final String passwordHash, final long createdAtMs)
    {
        this(email, name, role, extension, staffNo, passwordHash, createdAtMs, null);
    }

    /** E-mail addresses as accounts are keyed: trimmed, lower case. */
    public static String key(final String email)
    {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    public boolean admin()
    {
        return role == Role.ADMIN;
    }

    /** Whether it sees every agent's work (a supervisor or an administrator). */
    public boolean supervises()
    {
        return role == Role.ADMIN || role == Role.SUPERVISOR;
    }

    public Account withPasswordHash(final String hash)
    {
        return new Account(email, name, role, extension, staffNo, hash, createdAtMs, language);
    }

    public Account withDetails(final String newName, final String newExtension)
    {
        return new Account(email, newName, role, newExtension, staffNo, passwordHash, createdAtMs, language);
    }

    public Account withLanguage(final String chosen)
    {
        return new Account(email, name, role, extension, staffNo, passwordHash, createdAtMs, chosen);
    }

    /** The account as the API shows it: never its password hash. */
    public Map<String, Object> view()
    {
        final Map<String, Object> view = new LinkedHashMap<>();
        view.put("email", email);
        view.put("name", name);
        view.put("role", role.label());
        view.put("extension", extension);
        view.put("staffNo", staffNo);
        view.put("createdAt", java.time.Instant.ofEpochMilli(createdAtMs).toString());
        view.put("language", language);
        return view;
    }

    @Override
    public String toString()
    {
        return "Account[" + email + ", " + role.label() + "]";
    }
}

package io.switchboard.core.trunk;

import io.switchboard.core.config.OutboundSettings;

import java.util.List;

/**
 * Which extensions may call out, and which of them international numbers, from {@link OutboundSettings}: entries
 * {@code "all"}, an extension ({@code "1001"}) or a numeric range ({@code "1001-1010"}). Nobody is allowed unless
 * listed; international needs both lists. Immutable and thread safe.
 */
public final class OutboundPermission
{
    private final List<String> allowed;
    private final List<String> international;

    public OutboundPermission(final List<String> allowed, final List<String> international)
    {
        this.allowed = List.copyOf(allowed);
        this.international = List.copyOf(international);
    }

    public static OutboundPermission of(final OutboundSettings settings)
    {
        return new OutboundPermission(settings.allowed, settings.international);
    }

    /** Whether the extension may call out at all; a null extension (unauthenticated, a trunk) never may. */
    public boolean mayCallOut(final String extension)
    {
        return matches(allowed, extension);
    }

    /** Whether the extension may call numbers outside the country: listed in both lists. */
    public boolean mayCallInternational(final String extension)
    {
        return matches(allowed, extension) && matches(international, extension);
    }

    private static boolean matches(final List<String> entries, final String extension)
    {
        if (extension == null || extension.isEmpty())
        {
            return false;
        }
        for (final String entry : entries)
        {
            if ("all".equals(entry) || entry.equals(extension) || inRange(entry, extension))
            {
                return true;
            }
        }
        return false;
    }

    private static boolean inRange(final String entry, final String extension)
    {
        if (!entry.matches("[0-9]{1,18}-[0-9]{1,18}") || !extension.matches("0|[1-9][0-9]{0,17}"))
        {
            return false;
        }
        final int dash = entry.indexOf('-');
        final long n = Long.parseLong(extension);
        return n >= Long.parseLong(entry.substring(0, dash)) && n <= Long.parseLong(entry.substring(dash + 1));
    }
}
